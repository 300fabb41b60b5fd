// Labels CSV: one line per clustered row, ready to join back onto the user's data. `row` is the
// row's number in the file as the app shows it everywhere: 1 = the first data row under the header.
import type { RunRecord } from '../../shared/types.ts';

export interface LabelsCsvOptions {
  /** Distance of each row to its own centre (same order as the labels); adds distance_to_center. */
  distances?: ArrayLike<number>;
  /** Original 0-based data-row index of each clustered row (Dataset.rowIndex); default 0..n-1. */
  rowIndex?: ArrayLike<number>;
}

export function labelsCsv(rec: RunRecord, opts: LabelsCsvOptions = {}): string {
  const { labels } = rec.result;
  const n = labels.length;
  const { distances, rowIndex } = opts;
  if (distances && distances.length !== n) throw new RangeError(`labelsCsv: ${distances.length} distances for ${n} labels`);
  if (rowIndex && rowIndex.length !== n) throw new RangeError(`labelsCsv: ${rowIndex.length} row indices for ${n} labels`);
  const medoids = rec.result.algorithm === 'kmeans' ? null : new Set(rec.result.medoids);
  const header = ['row', 'cluster'];
  if (medoids) header.push('is_medoid');
  if (distances) header.push('distance_to_center');
  const lines: string[] = [header.join(',')];
  for (let i = 0; i < n; i++) {
    let line = `${(rowIndex ? rowIndex[i] : i) + 1},${labels[i]}`;
    if (medoids) line += medoids.has(i) ? ',1' : ',0';
    // Shortest round-trip representation: exact, and no locale commas.
    if (distances) line += `,${String(distances[i])}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Euclidean distance of each row to its cluster centre (row-major n×d values; centres k×d).
 * Reports state Euclidean distance whatever the algorithm's objective (squared distances are not a length).
 */
export function distancesToCenters(values: ArrayLike<number>, n: number, d: number, labels: ArrayLike<number>, centers: number[][]): Float64Array {
  if (labels.length !== n) throw new RangeError(`distancesToCenters: ${labels.length} labels for ${n} rows`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = centers[labels[i]];
    if (!c) throw new RangeError(`distancesToCenters: row ${i} has label ${labels[i]} but there are ${centers.length} centres`);
    let s = 0;
    for (let j = 0; j < d; j++) s += (values[i * d + j] - c[j]) ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

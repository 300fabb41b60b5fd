// Labelled data: the user's own CSV back, every original column and row in file order, with the
// run's cluster and the distance to its centre appended — ready to open in a spreadsheet or join
// nowhere, because nothing was left out. Rows the run did not cluster (dropped for a missing value,
// or with the wrong number of fields) keep their cells and get empty cluster/distance cells.
import Papa from 'papaparse';
import type { RunRecord } from '../../shared/types.ts';
import { distancesToCenters } from './csv.ts';

export interface RawTable {
  /** Column names as the loader named them (generated names for a file without a header). */
  header: string[];
  /** Data rows in file order, as parsed text; index = the row's data-row number (Dataset.rowIndex). */
  rows: string[][];
  delimiter: string;
}

export interface LabelledColumns {
  /** Per clustered row (dataset order): its cluster. */
  labels: ArrayLike<number>;
  /** Per clustered row: its data-row number in the file (Dataset.rowIndex). */
  rowIndex: ArrayLike<number>;
  /** Per clustered row: Euclidean distance to its centre. */
  distances: ArrayLike<number>;
  /** Dataset rows that are medoids (EKM/PAM), for an is_medoid column. */
  medoids?: readonly number[];
}

/** `name`, or `name_2`, `name_3`… — the first not already a column. */
function freeName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}_${i}`;
  taken.add(out);
  return out;
}

export function labelledDataCsv(table: RawTable, cols: LabelledColumns): { text: string; clustered: number; unclustered: number } {
  const n = cols.labels.length;
  if (cols.rowIndex.length !== n || cols.distances.length !== n) throw new RangeError(`labelledDataCsv: ${n} labels, ${cols.rowIndex.length} row numbers, ${cols.distances.length} distances`);
  const width = table.header.length;
  const slotOf = new Int32Array(table.rows.length).fill(-1);
  for (let r = 0; r < n; r++) {
    const i = cols.rowIndex[r];
    if (!(i >= 0 && i < table.rows.length)) throw new RangeError(`labelledDataCsv: clustered row ${r} is data row ${i}, but the file has ${table.rows.length}`);
    slotOf[i] = r;
  }
  const medoids = cols.medoids ? new Set(cols.medoids) : null;
  const taken = new Set(table.header);
  const extra = [freeName('cluster', taken), freeName('distance_to_center', taken), ...(medoids ? [freeName('is_medoid', taken)] : [])];
  const out: string[][] = [[...table.header, ...extra]];
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows[i].slice(0, width);
    while (cells.length < width) cells.push('');
    const r = slotOf[i];
    if (r < 0) cells.push('', '', ...(medoids ? [''] : []));
    else cells.push(String(cols.labels[r]), String(cols.distances[r]), ...(medoids ? [medoids.has(r) ? '1' : '0'] : []));
    out.push(cells);
  }
  const text = Papa.unparse(out, { delimiter: table.delimiter, newline: '\n' }) + '\n';
  return { text, clustered: n, unclustered: table.rows.length - n };
}

/**
 * Re-reads the run's CSV from `path` (the original file, or the content-addressed copy of an
 * upload) with the recorded features and scaling, checks it is the file the run saw (SHA-256),
 * and writes the labelled data. Throws with a plain reason when it cannot.
 */
export async function labelledDataForRecord(rec: RunRecord, path: string): Promise<{ text: string; clustered: number; unclustered: number }> {
  const { loadCsv } = await import('../engine/dataset/csv.ts');
  const rows: string[][] = [];
  const { summary, dataset } = await loadCsv(path, { features: rec.dataset.features, scaling: rec.dataset.scaling }, { onDataRow: (fields, i) => void (rows[i] = fields) });
  if (rec.dataset.hash && summary.hash !== rec.dataset.hash) throw new Error(`the data file changed since the run (its SHA-256 differs), so its rows cannot be labelled`);
  const r = rec.result;
  if (dataset.n !== r.labels.length) throw new Error(`the file has ${dataset.n} usable rows but the run labelled ${r.labels.length}`);
  const centers = r.algorithm === 'kmeans' ? r.centroids : r.medoidCoordinates;
  return labelledDataCsv(
    { header: summary.columns.map((c) => c.name), rows, delimiter: summary.delimiter },
    {
      labels: r.labels,
      rowIndex: dataset.rowIndex,
      distances: distancesToCenters(dataset.values, dataset.n, dataset.d, r.labels, centers),
      medoids: r.algorithm === 'kmeans' ? undefined : r.medoids,
    },
  );
}

// Re-reading a run's data points for its report: the record stores labels only, so the scatter and
// per-row distances need the CSV again. Any problem becomes a note, never a failed report.
import { existsSync } from 'node:fs';
import { prepareClusterScatter } from '../../shared/charts/index.ts';
import type { RunRecord } from '../../shared/types.ts';
import { distancesToCenters, type LabelsCsvOptions } from './csv.ts';
import type { HtmlReportExtras } from './html.ts';

export interface RunPoints {
  extras: HtmlReportExtras;
  csv: LabelsCsvOptions;
  notes: string[];
}

export interface ReloadOptions {
  maxPoints?: number;
}

function runCenters(rec: RunRecord): { centers: number[][]; kind: 'centroid' | 'medoid' } {
  const r = rec.result;
  return r.algorithm === 'kmeans' ? { centers: r.centroids, kind: 'centroid' } : { centers: r.medoidCoordinates, kind: 'medoid' };
}

/** Scatter + CSV extras from in-memory data (row-major n×d, the same rows and scaling the run saw). */
export function pointsFromData(rec: RunRecord, data: { values: ArrayLike<number>; n: number; d: number; columns: string[]; rowIndex?: ArrayLike<number> }, opts: ReloadOptions = {}): RunPoints {
  const { centers, kind } = runCenters(rec);
  const labels = rec.result.labels;
  if (data.n !== labels.length) throw new RangeError(`the data has ${data.n} rows but the run labelled ${labels.length}`);
  if (data.d !== (centers[0]?.length ?? data.d)) throw new RangeError(`the data has ${data.d} features but the centres have ${centers[0].length}`);
  const scatter = prepareClusterScatter({ values: data.values, n: data.n, d: data.d, columns: data.columns, labels, centers, centerKind: kind, maxPoints: opts.maxPoints });
  const medoidRows = rec.result.algorithm === 'kmeans' ? undefined : rec.result.medoids.map((m) => (data.rowIndex ? data.rowIndex[m] : m) + 1);
  return {
    extras: { scatter, ...(medoidRows ? { medoidRows } : {}) },
    csv: { rowIndex: data.rowIndex, distances: distancesToCenters(data.values, data.n, data.d, labels, centers) },
    notes: [],
  };
}

/**
 * Reloads the run's dataset from `rec.dataset.path` with the recorded features and scaling.
 * Returns notes instead of points when the file is gone, changed (hash), or the loader is unavailable.
 */
export async function reloadRunPoints(rec: RunRecord, opts: ReloadOptions = {}): Promise<RunPoints> {
  const none = (why: string): RunPoints => ({ extras: {}, csv: {}, notes: [`No cluster scatter or distances: ${why}`] });
  const path = rec.dataset.path;
  if (!path) return none('the record does not say which file the data came from.');
  if (!existsSync(path)) return none(`the data file ${path} no longer exists.`);
  let loadCsv: typeof import('../engine/dataset/csv.ts').loadCsv;
  try {
    ({ loadCsv } = await import('../engine/dataset/csv.ts'));
  } catch (err) {
    return none(`the CSV loader is unavailable (${err instanceof Error ? err.message : String(err)}).`);
  }
  try {
    const { summary, dataset } = await loadCsv(path, { features: rec.dataset.features, scaling: rec.dataset.scaling });
    if (rec.dataset.hash && summary.hash !== rec.dataset.hash) return none(`${path} changed since the run (its SHA-256 differs).`);
    return pointsFromData(rec, { values: dataset.values, n: dataset.n, d: dataset.d, columns: dataset.columns, rowIndex: dataset.rowIndex }, opts);
  } catch (err) {
    return none(`reloading ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// Turns engine results into the records that history persists and reports render.
import { randomUUID } from 'node:crypto';
import { machineFacts } from '../engine/machine.ts';
import type {
  DatasetRef,
  DatasetSummary,
  EkmResult,
  KMeansResult,
  RecordView,
  ResultView,
  RunRecord,
  RunRecordView,
  StoredEkmResult,
  StoredKMeansResult,
  WorkbenchRecord,
} from '../../shared/types.ts';

export function datasetRef(summary: DatasetSummary): DatasetRef {
  return {
    name: summary.name,
    path: summary.path,
    hash: summary.hash,
    rows: summary.rows,
    d: summary.features.length,
    features: summary.features,
    scaling: summary.scaling,
  };
}

export function storeResult(result: KMeansResult): StoredKMeansResult;
export function storeResult(result: EkmResult): StoredEkmResult;
export function storeResult(result: KMeansResult | EkmResult): StoredKMeansResult | StoredEkmResult {
  return { ...result, labels: Array.from(result.labels) } as StoredKMeansResult | StoredEkmResult;
}

export function runTitle(result: KMeansResult | EkmResult, datasetName: string): string {
  if (result.algorithm === 'kmeans') {
    const how = result.workers === 0 ? 'serial' : `${result.workers} workers`;
    return `k-means k=${result.params.k} (${how}) on ${datasetName}`;
  }
  if (result.algorithm === 'pam') return `PAM k=${result.params.k} on ${datasetName}`;
  return `EKM ${result.params.variant} k=${result.params.k} (${result.params.workers} workers) on ${datasetName}`;
}

export function makeRunRecord(summary: DatasetSummary, result: KMeansResult | EkmResult, heuristic?: EkmResult): RunRecord {
  return {
    schemaVersion: 1,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    title: runTitle(result, summary.name),
    dataset: datasetRef(summary),
    machine: machineFacts(),
    kind: 'run',
    result: result.algorithm === 'kmeans' ? storeResult(result) : storeResult(result),
    ...(heuristic ? { heuristic: storeResult(heuristic) } : {}),
  };
}

/** The warning a record carries when its history write failed (disk full, read-only folder). */
export function notSavedWarning(err: unknown): string {
  return `Not saved to history: ${err instanceof Error ? err.message : String(err)}. The result is shown, but will be gone after this session; save a report to keep it.`;
}

/** Rows per cluster (labels outside 0..k−1, if any, are not counted). */
export function clusterSizes(labels: ArrayLike<number>, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l >= 0 && l < k) sizes[l]++;
  }
  return sizes;
}

function resultView<R extends StoredKMeansResult | StoredEkmResult>(r: R): ResultView<R> {
  const { labels, ...rest } = r;
  const k = r.algorithm === 'kmeans' ? r.centroids.length : r.medoids.length;
  return { ...rest, clusterSizes: clusterSizes(labels, k) } as ResultView<R>;
}

/** The record as the contract sends it: labels left on the host (see RecordView). */
export function recordView(rec: RunRecord): RunRecordView;
export function recordView(rec: WorkbenchRecord): RecordView;
export function recordView(rec: WorkbenchRecord): RecordView {
  if (rec.kind !== 'run') return rec;
  const { result, heuristic, ...rest } = rec;
  return { ...rest, result: resultView(result), ...(heuristic ? { heuristic: resultView(heuristic) } : {}) } as RunRecordView;
}

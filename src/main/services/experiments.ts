// Runs a serial-vs-parallel experiment on a loaded dataset and records it (machine facts, dataset
// provenance) in the run history. Electron-free: used by the IPC handlers, the web host and the CLI.
import type { DatasetRef, ExperimentCell, ExperimentRecord, ExperimentSpec, MachineFacts } from '../../shared/types.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { machineFacts } from '../engine/machine.ts';
import type { CancelToken } from '../engine/pool/cancel.ts';
import type { WorkerPool } from '../engine/pool/pool.ts';
import { runExperiment, type CellRunner, type ExperimentProgress } from '../engine/scaling/experiment.ts';
import { ekmRunner, kmeansRunner } from '../engine/scaling/runners.ts';
import { newRecordId, type HistoryStore } from './history.ts';
import { notSavedWarning } from './records.ts';

export interface ExperimentServiceDeps {
  pool: WorkerPool;
  /** Where records are saved; without one (e.g. a CLI run) nothing is persisted. */
  history?: HistoryStore;
  /** Test seams. */
  machine?: () => MachineFacts;
  runnerFor?: (spec: ExperimentSpec, pool: WorkerPool) => CellRunner;
}

export interface ExperimentRunOptions {
  token?: CancelToken;
  onProgress?: (p: ExperimentProgress) => void;
  onCell?: (c: ExperimentCell) => void;
  title?: string;
}

export function runnerForSpec(spec: ExperimentSpec, pool: WorkerPool): CellRunner {
  switch (spec.algorithm) {
    case 'kmeans':
      return kmeansRunner(pool, spec.kmeans ?? {});
    case 'ekm':
      return ekmRunner(pool, spec.ekm ?? {});
  }
}

function list(xs: number[]): string {
  return xs.join(', ');
}

export function experimentTitle(spec: ExperimentSpec, dataset: DatasetRef): string {
  const algo = spec.algorithm === 'kmeans' ? 'k-means' : `EKM (${spec.ekm?.variant ?? 'default variant'})`;
  const ks = spec.ks.length ? spec.ks : [spec.algorithm === 'kmeans' ? spec.kmeans?.k : spec.ekm?.k].filter((k): k is number => k !== undefined);
  const sizes = spec.sizes.length ? `, N = ${list(spec.sizes)}` : '';
  return `${algo} speedup on ${dataset.name}: k = ${list(ks)}${sizes}, P = ${spec.workers.map((w) => (w === 0 ? 'serial' : w)).join(', ')}`;
}

export class ExperimentService {
  constructor(private readonly deps: ExperimentServiceDeps) {}

  /**
   * Runs the grid, saves the record to history (partial results too, when cancelled) and returns it.
   * Rejects only on real failures (bad spec, engine error); cancellation resolves with
   * `experiment.cancelled = true`.
   */
  async run(ds: Dataset, datasetRef: DatasetRef, spec: ExperimentSpec, opts: ExperimentRunOptions = {}): Promise<ExperimentRecord> {
    const machine = (this.deps.machine ?? machineFacts)();
    const runner = (this.deps.runnerFor ?? runnerForSpec)(spec, this.deps.pool);
    const createdAt = new Date();
    const experiment = await runExperiment(ds, spec, runner, {
      token: opts.token,
      onProgress: opts.onProgress,
      onCell: opts.onCell,
      fitWorkerCap: machine.logicalCores,
    });
    // The normalized spec (serial included, k resolved), naming sizes only when the user chose them.
    const title = opts.title ?? experimentTitle({ ...experiment.spec, sizes: spec.sizes.length ? experiment.spec.sizes : [] }, datasetRef);
    const record: ExperimentRecord = {
      schemaVersion: 1,
      id: newRecordId('experiment', createdAt),
      createdAt: createdAt.toISOString(),
      title: experiment.cancelled ? `${title} (cancelled)` : title,
      dataset: datasetRef,
      machine,
      kind: 'experiment',
      experiment,
    };
    try {
      await this.deps.history?.save(record);
    } catch (err) {
      record.saveWarning = notSavedWarning(err);
    }
    return record;
  }
}

// Compare: one scaling experiment over a grid of worker counts (and sizes), repeated.
import type { ExperimentRecord } from '../../../shared/types.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { History } from './history.ts';
import type { Jobs } from './jobs.ts';
import type { Params } from './params.ts';

export function experimentState() {
  return {
    experiment: null as ExperimentRecord | null,
  };
}

/** "0, 1,2 4" → [0, 1, 2, 4]; throws a readable RangeError for anything else. */
export function parseIntList(text: string, what: string, min: number): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${what}: "${p}" is not a whole number ≥ ${min}`);
    return v;
  });
}

export function createExperiment({ state, call }: StoreContext, { runJob }: Pick<Jobs, 'runJob'>, params: Params, { showRecord }: Pick<History, 'showRecord'>) {
  async function compare(): Promise<void> {
    const ds = params.requireDataset();
    if (!ds || params.refuseInvalid('compare')) return;
    const p = state.params;
    if (p.algorithm === 'pam') {
      state.notice = { kind: 'info', text: 'Compare measures k-means or EKM across worker counts; PAM has no parallel variant.' };
      return;
    }
    let workers: number[];
    let sizes: number[];
    try {
      workers = parseIntList(p.gridWorkers, 'Worker grid', 0);
      sizes = parseIntList(p.gridSizes, 'Sizes', 1);
      if (workers.length === 0) throw new RangeError('Worker grid: give at least one worker count, e.g. "0,1,2,4" (0 = serial)');
    } catch (err) {
      state.notice = { kind: 'error', text: errorInfo(err).message };
      return;
    }
    const grid = { workers, sizes, repeats: p.repeats, seed: p.seed, ...(p.ceiling ? { ceiling: true } : {}) };
    const spec =
      p.algorithm === 'kmeans'
        ? { algorithm: 'kmeans' as const, kmeans: params.kmeansParams(0), ...grid }
        : { algorithm: 'ekm' as const, ekm: { ...params.ekmParams('parallel', false), workers: 1 }, ...grid };
    try {
      const rec = await runJob(
        'experiment',
        `Compare ${p.algorithm === 'kmeans' ? 'k-means' : 'EKM'} on workers ${workers.join(', ')}`,
        (jobId) => call('experiment:run', { jobId, datasetId: ds.id, spec }),
        (r) => `Experiment done: ${r.experiment.cells.length} cells in ${(r.experiment.totalMs / 1000).toFixed(2)} s${r.experiment.mismatches.length ? ` — ${r.experiment.mismatches.length} answer mismatch(es)!` : ''}`,
      );
      if (rec) await showRecord(rec);
    } catch {
      /* shown in the status bar */
    }
  }

  return { compare };
}

// Compare: one scaling experiment over a grid of worker counts (and sizes), repeated.
import type { ExperimentRecord, ExperimentResult } from '../../../shared/types.ts';
import type { StoreContext } from './context.ts';
import type { History } from './history.ts';
import type { JobOutcome, Jobs } from './jobs.ts';
import { checkList } from './param-rules.ts';
import type { Params } from './params.ts';

export function experimentState() {
  return {
    experiment: null as ExperimentRecord | null,
  };
}

/** The status bar's last word on an experiment: a cancelled one says so, with what it kept. */
export function describeExperiment(e: ExperimentResult): string | JobOutcome {
  const cells = `${e.cells.length} cell${e.cells.length === 1 ? '' : 's'}`;
  const time = `${(e.totalMs / 1000).toFixed(2)} s`;
  const mismatches = e.mismatches.length ? ` — ${e.mismatches.length} answer mismatch(es)!` : '';
  if (e.cancelled) return { status: 'cancelled', message: `Experiment cancelled after ${time}: ${cells} measured before the stop${mismatches}` };
  return `Experiment done: ${cells} in ${time}${mismatches}`;
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
    // The panel checks both lists as they are typed; a shortcut can still arrive with a bad one.
    const ctx = { rows: ds.rows, maxWorkers: state.info?.maxWorkers ?? null };
    const workersTyped = checkList(p.gridWorkers, 'gridWorkers', ctx);
    const sizesTyped = checkList(p.gridSizes, 'gridSizes', ctx);
    if ('error' in workersTyped || 'error' in sizesTyped) {
      state.notice = { kind: 'error', text: `Not run: ${'error' in workersTyped ? workersTyped.error : (sizesTyped as { error: string }).error}` };
      return;
    }
    const workers = workersTyped.value;
    const sizes = sizesTyped.value;
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
        (r) => describeExperiment(r.experiment),
      );
      if (rec) await showRecord(rec);
    } catch {
      /* shown in the status bar */
    }
  }

  return { compare };
}

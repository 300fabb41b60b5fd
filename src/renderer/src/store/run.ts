// Single runs: k-means, EKM (with its PAM comparison) and PAM, serial or parallel.
import type { RunRecordView } from '../../../shared/types.ts';
import type { StoreContext } from './context.ts';
import type { History } from './history.ts';
import type { Jobs } from './jobs.ts';
import type { Params } from './params.ts';

export function runState() {
  return {
    run: null as RunRecordView | null,
  };
}

export function describeRun(rec: RunRecordView): string {
  const r = rec.result;
  const ms = `${r.timings.totalMs.toFixed(1)} ms`;
  if (r.algorithm === 'kmeans') return `k-means done in ${ms}: ${r.iterations} iterations (${r.stopReason}), inertia ${r.inertia.toPrecision(6)}`;
  const gap = rec.heuristic ? ` · PAM cost ${rec.heuristic.cost.toPrecision(6)}` : '';
  return `${r.algorithm === 'pam' ? 'PAM' : 'EKM'} done in ${ms}: cost ${r.cost.toPrecision(6)}${gap}`;
}

export function createRun({ state, call }: StoreContext, { runJob }: Pick<Jobs, 'runJob'>, params: Params, { showRecord }: Pick<History, 'showRecord'>) {
  async function startRun(mode: 'serial' | 'parallel', force = false): Promise<void> {
    const ds = params.requireDataset();
    if (!ds || params.refuseInvalid('run')) return;
    const p = state.params;
    state.forcePrompt = null;
    if (p.algorithm === 'ekm' && !force) {
      await params.refreshEstimate();
      if (state.estimate?.refuse) {
        state.forcePrompt = { reason: state.estimate.refuse, mode };
        return;
      }
    }
    state.liveIterations = [];
    try {
      let rec: RunRecordView | null;
      if (p.algorithm === 'kmeans') {
        const workers = mode === 'serial' ? 0 : p.workers;
        const label = `k-means k=${p.k} (${mode === 'serial' ? 'serial' : workers === 'auto' ? 'auto workers' : `${workers} workers`})`;
        rec = (await runJob('kmeans', label, (jobId) => call('kmeans:run', { jobId, datasetId: ds.id, params: params.kmeansParams(workers) }), (r) => describeRun(r as RunRecordView))) as RunRecordView | null;
      } else if (p.algorithm === 'ekm') {
        const ekm = params.ekmParams(mode, force);
        const label = `EKM ${ekm.variant} k=${p.k} (${ekm.workers} worker${ekm.workers === 1 ? '' : 's'})`;
        rec = (await runJob('ekm', label, (jobId) => call('ekm:run', { jobId, datasetId: ds.id, params: ekm, withPam: p.withPam }), (r) => describeRun(r as RunRecordView))) as RunRecordView | null;
      } else {
        rec = (await runJob('pam', `PAM k=${p.k}`, (jobId) => call('pam:run', { jobId, datasetId: ds.id, k: p.k, distance: p.distance, seed: p.seed }), (r) => describeRun(r as RunRecordView))) as RunRecordView | null;
      }
      if (rec) await showRecord(rec);
    } catch {
      /* the status bar shows the error or "cancelled" */
    }
  }

  const runSerial = (force = false) => startRun('serial', force);
  const runParallel = (force = false) => startRun('parallel', force);

  return { runSerial, runParallel };
}

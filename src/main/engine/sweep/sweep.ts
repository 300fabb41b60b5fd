// Choosing k: one clustering per k in a..b, each scored (cost, silhouette, Davies–Bouldin,
// Calinski–Harabasz). The k values are spread over the pool's workers — each k runs serially on
// one worker, the next free worker takes the next k — so the per-k answers are those of a serial
// run and the same for every worker count; only the times change.
import { DEFAULT_SWEEP_EKM_BUDGET_S, MAX_SWEEP_KS, type SweepAlgorithm, type SweepPoint, type SweepResult } from '../../../shared/analysis.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { qualityScores } from '../metrics/index.ts';
import type { CancelToken } from '../pool/cancel.ts';
import type { WorkerPool } from '../pool/pool.ts';
import { bestByScore } from './best.ts';
import { clusterOneK } from './cluster-one.ts';
import { ekmSweepPlan } from './ekm-budget.ts';

export interface SweepParams {
  algorithm: SweepAlgorithm;
  kFrom: number;
  kTo: number;
  /** k-means restarts per k (lowest inertia wins). */
  nInit: number;
  seed: number;
  /** Pool workers to spread the k values over. */
  workers: number;
  /** Silhouette sample size above the exact limit (default: the metrics' default). */
  silhouetteSample?: number;
  /** EKM: k values whose runtime estimate is above this many seconds are skipped, with a note (default 60). */
  ekmBudgetS?: number;
}

export interface SweepOptions {
  pool: WorkerPool;
  token?: CancelToken;
  onPoint?: (p: SweepPoint, done: number, total: number) => void;
}

export { MAX_SWEEP_KS };

export function checkSweepParams(p: SweepParams, n: number): void {
  const whole = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  };
  whole(p.kFrom, 'k from', 2);
  whole(p.kTo, 'k to', p.kFrom);
  whole(p.nInit, 'restarts', 1);
  whole(p.workers, 'workers', 1);
  if (p.kTo > n - 1) throw new RangeError(`k to (${p.kTo}) must be below the number of rows (${n}): the scores need 2 to n − 1 clusters`);
  if (p.kTo - p.kFrom + 1 > MAX_SWEEP_KS) throw new RangeError(`a sweep runs at most ${MAX_SWEEP_KS} k values, asked for ${p.kTo - p.kFrom + 1}`);
  if (p.algorithm !== 'kmeans' && p.algorithm !== 'pam' && p.algorithm !== 'ekm') throw new RangeError(`unknown sweep algorithm "${p.algorithm}" (kmeans, pam or ekm)`);
  if (p.ekmBudgetS !== undefined && !(p.ekmBudgetS > 0 && Number.isFinite(p.ekmBudgetS))) throw new RangeError(`the EKM budget per k must be a positive number of seconds, got ${p.ekmBudgetS}`);
}

async function runOne(ds: Dataset, p: SweepParams, k: number, slot: number, opts: SweepOptions): Promise<SweepPoint> {
  const t0 = performance.now();
  const { cost, labels, iterations } = await clusterOneK(ds, p, k, slot, opts);
  const clusterMs = performance.now() - t0;
  const present = new Set(Array.from(labels)).size;
  const q = await qualityScores(ds, labels, {
    pool: opts.pool,
    workers: 1,
    firstSlot: slot,
    token: opts.token,
    seed: p.seed,
    ...(p.silhouetteSample !== undefined ? { sampleSize: p.silhouetteSample } : {}),
  });
  const s = q.silhouette;
  return {
    k,
    clusters: present,
    cost,
    iterations,
    silhouette: s.mean,
    silhouetteExact: s.exact,
    silhouetteSample: s.sampleSize,
    ...(s.ci95 ? { silhouetteCi95: s.ci95 } : {}),
    daviesBouldin: q.daviesBouldin,
    calinskiHarabasz: q.calinskiHarabasz,
    clusterMs,
    qualityMs: performance.now() - t0 - clusterMs,
    worker: slot,
  };
}

export async function runSweep(ds: Dataset, params: SweepParams, opts: SweepOptions): Promise<SweepResult> {
  checkSweepParams(params, ds.n);
  const t0 = performance.now();
  const range = Array.from({ length: params.kTo - params.kFrom + 1 }, (_, i) => params.kFrom + i);
  const budgetS = params.ekmBudgetS ?? DEFAULT_SWEEP_EKM_BUDGET_S;
  const plan = params.algorithm === 'ekm' ? ekmSweepPlan(ds, range, budgetS) : { run: range, skipped: [] };
  const ks = plan.run;
  opts.pool.reserveSlots(0, params.workers);
  // workers still starting would be timed as the first k's clustering
  await opts.pool.ready();
  const points = new Array<SweepPoint>(ks.length);
  let next = 0;
  let done = 0;
  // Largest k first: they take longest, so the end is not one slow k on one worker.
  const order = [...ks.keys()].reverse();
  const worker = async (slot: number) => {
    while (next < order.length) {
      opts.token?.throwIfCancelled();
      const i = order[next++];
      points[i] = await runOne(ds, params, ks[i], slot, opts);
      opts.onPoint?.(points[i], ++done, ks.length);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(params.workers, ks.length) }, (_, s) => worker(s)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const recorded = params.algorithm === 'ekm' ? { ...params, ekmBudgetS: budgetS } : { ...params };
  return { params: recorded, ...(params.algorithm === 'ekm' ? { skipped: plan.skipped } : {}), n: ds.n, d: ds.d, points, best: bestByScore(points), totalMs: performance.now() - t0 };
}

// One k of a sweep, clustered serially on one pool worker: k-means with restarts, PAM, or exact
// K-medoids (EKM, fused variant). Costs of PAM and EKM are sums of Euclidean distances to the
// nearest medoid with the same summation, so the two compare exactly.
import type { SweepParams } from './sweep.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { resolveEkmParams, runEkm, runPam } from '../ekm/index.ts';
import { resolveKMeansParams, runKMeans } from '../kmeans/index.ts';
import type { CancelToken } from '../pool/cancel.ts';
import type { WorkerPool } from '../pool/pool.ts';

/** The distance of the medoid sweeps (PAM and EKM), for costs in the data's units. */
export const SWEEP_MEDOID_DISTANCE = 'euclidean';

export interface ClusteredK {
  cost: number;
  labels: ArrayLike<number>;
  iterations: number;
}

export async function clusterOneK(ds: Dataset, p: SweepParams, k: number, slot: number, opts: { pool: WorkerPool; token?: CancelToken }): Promise<ClusteredK> {
  const run = { pool: opts.pool, token: opts.token, firstSlot: slot };
  if (p.algorithm === 'kmeans') {
    const r = await runKMeans(ds, resolveKMeansParams({ k, nInit: p.nInit, seed: p.seed, workers: 0 }, ds.n), run);
    return { cost: r.inertia, labels: r.labels, iterations: r.iterations };
  }
  if (p.algorithm === 'pam') {
    const r = await runPam(ds, { k, distance: SWEEP_MEDOID_DISTANCE }, run);
    return { cost: r.cost, labels: r.labels, iterations: r.iterations ?? 0 };
  }
  // ekm-budget.ts decided beforehand that this k is within the budget and not refused
  const r = await runEkm(ds, ekmSweepParams(k, ds.n), run);
  return { cost: r.cost, labels: r.labels, iterations: 0 };
}

/** EKM as a sweep runs it: fused, one worker, Euclidean, the default limits. */
export function ekmSweepParams(k: number, n: number) {
  return resolveEkmParams({ k, variant: 'fused', distance: SWEEP_MEDOID_DISTANCE, workers: 1 }, n);
}

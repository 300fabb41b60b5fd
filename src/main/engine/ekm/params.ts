// EKM parameters: defaults and validation in one place, with errors a user can act on.
import os from 'node:os';
import type { Distance, EkmParams, EkmVariant } from '../../../shared/types.ts';
import { DISTANCES } from './distance.ts';

export const EKM_VARIANTS: readonly EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused'];

/** Refuse above this many size-k combinations unless forced (≈ a few minutes on a laptop). */
export const DEFAULT_MAX_COMBINATIONS = 2e9;

function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(64, cores));
}

/**
 * The tree variant's default leaf count m = c · N^β · P^γ (L = ⌈N / m⌉), the model form that
 * `npm run bench:ekm -- --study leaf` fits to measured best leaf counts (seed §5.4.1). The
 * coefficients give today's m = 2P: the work counts of plan.ts/estimate.ts (planMakespan) put 2P
 * leaves already on the shortest critical path for P = 1, 2, 4 at N = 200…3200 (more leaves only
 * add tasks), and the loaded machine of this session could not time the difference N/16 showed
 * (5–12 % in one run). Replace them with a quiet machine's fit when its R² says it explains m*.
 */
export const LEAF_COUNT_MODEL = { c: 2, beta: 0, gamma: 1 } as const;

/** Default leaves of the tree variant for n points on P workers (at least 1, at most n). */
export function defaultLeafCount(n: number, workers: number): number {
  const { c, beta, gamma } = LEAF_COUNT_MODEL;
  return Math.min(n, Math.max(1, Math.round(c * n ** beta * Math.max(1, workers) ** gamma)));
}

function isInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

/**
 * Fills defaults (fused variant, squared Euclidean — the seed's distance —, one worker per core,
 * tree leaves ⌈n / m⌉ long with m = defaultLeafCount, today 2P) and validates against a dataset of n rows.
 * workers = 0 runs in the calling thread without the pool.
 */
export function resolveEkmParams(partial: Partial<EkmParams> & { k: number }, n: number): EkmParams {
  if (!isInt(n) || n < 1) throw new RangeError(`EKM needs a dataset with at least one row, got ${n} rows`);
  const { k } = partial;
  if (!isInt(k) || k < 1) throw new RangeError(`k (the number of medoids) must be a whole number ≥ 1, got ${k}`);
  if (k > n) throw new RangeError(`k = ${k} is larger than the number of rows (${n}): there are not that many points to choose medoids from`);
  const variant = partial.variant ?? 'fused';
  if (!EKM_VARIANTS.includes(variant)) throw new RangeError(`unknown EKM variant "${variant}"; choose one of ${EKM_VARIANTS.join(', ')}`);
  const distance: Distance = partial.distance ?? 'sqeuclidean';
  if (!DISTANCES.includes(distance)) throw new RangeError(`unknown distance "${distance}"; choose one of ${DISTANCES.join(', ')}`);
  const workers = partial.workers ?? defaultWorkers();
  if (!isInt(workers) || workers < 0 || workers > 64) throw new RangeError(`workers must be a whole number from 0 (in-process) to 64, got ${workers}`);
  const maxCombinations = partial.maxCombinations ?? DEFAULT_MAX_COMBINATIONS;
  if (!(typeof maxCombinations === 'number' && maxCombinations > 0)) throw new RangeError(`maxCombinations must be a positive number, got ${maxCombinations}`);
  if (partial.leafLength !== undefined && (!isInt(partial.leafLength) || partial.leafLength < 1)) {
    throw new RangeError(`leafLength (points per tree leaf) must be a whole number ≥ 1, got ${partial.leafLength}`);
  }
  if (partial.leafCount !== undefined && (!isInt(partial.leafCount) || partial.leafCount < 1)) {
    throw new RangeError(`leafCount must be a whole number ≥ 1, got ${partial.leafCount}`);
  }
  if (partial.mergeArity !== undefined) {
    if (!isInt(partial.mergeArity) || partial.mergeArity < 2) throw new RangeError(`mergeArity (neighbours merged per tree level) must be a whole number ≥ 2, got ${partial.mergeArity}`);
    if (variant !== 'tree') throw new RangeError(`mergeArity applies to the tree variant only; got variant "${variant}"`);
  }
  if (partial.timeLimitS !== undefined) {
    if (!(typeof partial.timeLimitS === 'number' && partial.timeLimitS > 0 && Number.isFinite(partial.timeLimitS))) throw new RangeError(`timeLimitS must be a positive number of seconds, got ${partial.timeLimitS}`);
    if (variant !== 'fused') throw new RangeError(`a time limit needs the fused variant (it stops the search and reports the proven gap); got variant "${variant}"`);
  }
  const distanceMatrix = partial.distanceMatrix ?? 'auto';
  if (distanceMatrix !== 'auto' && distanceMatrix !== 'never') throw new RangeError(`distanceMatrix must be "auto" or "never", got "${distanceMatrix}"`);
  if (partial.matrixBudgetBytes !== undefined && !(isInt(partial.matrixBudgetBytes) && partial.matrixBudgetBytes >= 0)) {
    throw new RangeError(`matrixBudgetBytes must be a whole number of bytes ≥ 0, got ${partial.matrixBudgetBytes}`);
  }
  const params: EkmParams = {
    k,
    variant,
    distance,
    workers,
    maxCombinations,
    force: partial.force ?? false,
    prune: partial.prune ?? true,
    distanceMatrix,
    ...(partial.timeLimitS !== undefined ? { timeLimitS: partial.timeLimitS } : {}),
    ...(partial.matrixBudgetBytes !== undefined ? { matrixBudgetBytes: partial.matrixBudgetBytes } : {}),
  };
  if (variant === 'tree') {
    const leaves = partial.leafCount ?? defaultLeafCount(n, workers);
    params.leafLength = Math.min(n, partial.leafLength ?? Math.max(1, Math.ceil(n / leaves)));
    if (partial.mergeArity !== undefined) params.mergeArity = partial.mergeArity;
  } else if (partial.leafLength !== undefined) {
    params.leafLength = partial.leafLength;
  }
  return params;
}

// Parameter defaults and validation in one place, with errors a user can act on.
import type { KMeansInit, KMeansParams } from '../../../shared/types.ts';
import { planChunks } from './chunks.ts';

export const KMEANS_DEFAULTS: Omit<KMeansParams, 'k'> = {
  init: 'kmeans++',
  nInit: 1,
  seed: 0,
  changedFraction: 0.01,
  tolerance: 1e-4,
  maxIterations: 300,
  workers: 'auto',
};

const INITS: readonly KMeansInit[] = ['random', 'kmeans++', 'given'];
export const MAX_WORKERS = 64;

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/**
 * Fills defaults and validates. With `n` (the dataset's row count) it also checks k against n.
 * `init` defaults to 'given' when initialCentroids are supplied.
 */
export function resolveKMeansParams(partial: Partial<KMeansParams> & { k: number }, n?: number): KMeansParams {
  const init = partial.init ?? (partial.initialCentroids ? 'given' : KMEANS_DEFAULTS.init);
  const p: KMeansParams = { ...KMEANS_DEFAULTS, ...stripUndefined(partial), k: partial.k, init };
  check(Number.isInteger(p.k) && p.k >= 1, `k must be a whole number ≥ 1, got ${p.k}`);
  if (n !== undefined) {
    check(n >= 1, 'the dataset has no rows');
    check(p.k <= n, `k (${p.k}) is larger than the number of rows (${n})`);
  }
  check(INITS.includes(p.init), `init must be one of ${INITS.join(', ')}, got "${p.init}"`);
  check(Number.isInteger(p.nInit) && p.nInit >= 1 && p.nInit <= 1000, `nInit must be a whole number in 1..1000, got ${p.nInit}`);
  check(Number.isInteger(p.seed), `seed must be a whole number, got ${p.seed}`);
  check(p.changedFraction >= 0 && p.changedFraction <= 1, `changedFraction must be in [0, 1], got ${p.changedFraction}`);
  check(Number.isFinite(p.tolerance) && p.tolerance >= 0, `tolerance must be a number ≥ 0, got ${p.tolerance}`);
  check(Number.isInteger(p.maxIterations) && p.maxIterations >= 1, `maxIterations must be a whole number ≥ 1, got ${p.maxIterations}`);
  check(
    p.workers === 'auto' || (Number.isInteger(p.workers) && p.workers >= 0 && p.workers <= MAX_WORKERS),
    `workers must be 'auto' or a whole number in 0..${MAX_WORKERS}, got ${p.workers}`,
  );
  if (p.init === 'given') {
    check(Array.isArray(p.initialCentroids), "init 'given' needs initialCentroids (k rows of d numbers)");
    check(p.initialCentroids!.length === p.k, `initialCentroids has ${p.initialCentroids!.length} rows, expected k = ${p.k}`);
    check(p.nInit === 1, `nInit (${p.nInit}) must be 1 with given initial centroids: every restart would be identical`);
  } else {
    check(p.initialCentroids === undefined, `initialCentroids are only used with init 'given' (init is '${p.init}')`);
  }
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Work (distance terms n·k·d per pass) each worker needs before one more worker pays off. A pass
 * costs about 1 ns per term; a barrier round trip plus the coordinator's serial step between passes
 * costs tens of microseconds, more when other programs share the cores. Measured with
 * bench/kmeans.ts on 2 cores: at 2e5 terms (N=1e4, k=10) two workers gain nothing reliable, at
 * 8e5 (N=1e4, k=40) they gain 1.6–1.9×; 250 000 keeps the first serial and the second parallel.
 */
export const MIN_WORK_PER_WORKER = 250_000;

/**
 * What workers: 'auto' means. 0 (the serial driver) when the data is too small to share out,
 * otherwise as many workers as cores, each with at least MIN_WORK_PER_WORKER per pass, and never
 * more than there are chunks.
 */
export function autoWorkers(n: number, k: number, d: number, cores: number): number {
  const work = n * k * d;
  const byWork = Math.floor(work / MIN_WORK_PER_WORKER);
  const P = Math.min(Math.max(1, Math.floor(cores)), byWork, planChunks(n, k, d).numChunks, MAX_WORKERS);
  return P >= 2 ? P : 0;
}

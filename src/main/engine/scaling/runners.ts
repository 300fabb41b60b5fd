// CellRunners over the real engines: one timed run of k-means or EKM with the experiment's fixed
// parameters, `k` and the worker count of the cell. Time is the wall time of the whole call as the
// caller sees it (initialisation, dispatch and reduction included): that is what a user waits for.
// The machine ceiling's runs (runCopies) start identical single-worker runs on slots 0..copies−1 at
// once and time them until the last one ends.
import type { EkmParams, EkmResult, KMeansParams, KMeansResult } from '../../../shared/types.ts';
import { datasetHandle, type Dataset } from '../dataset/dataset.ts';
import { resolveEkmParams, runEkm } from '../ekm/index.ts';
import { resolveKMeansParams, runKMeans } from '../kmeans/index.ts';
import type { WorkerPool } from '../pool/pool.ts';
import type { CellAnswer, CellRunner } from './experiment.ts';

/** Shares each (sub)sample once and starts enough workers before any timed run. */
function poolHooks(pool: WorkerPool): Pick<CellRunner, 'prepare' | 'release'> {
  return {
    async prepare(ds: Dataset, maxWorkers: number) {
      pool.ensureSize(Math.max(1, maxWorkers));
      await pool.ready();
      pool.shareDataset(datasetHandle(ds));
    },
    release(ds: Dataset) {
      pool.dropDataset(ds.id);
    },
  };
}

/** One engine call and its wall time; parameter resolution stays outside the clock. */
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await call();
  return { ms: performance.now() - t0, result };
}

/**
 * The ceiling's runs: `copies` single-worker runs started at once, the i-th on pool slot i, timed
 * until the last ends, with one answer each. Waits for every copy even when one fails, so no copy
 * is still running when the next timed run starts.
 */
async function copiesRun<T>(copies: number, runOnSlot: (slot: number) => Promise<T>, answerOf: (r: T) => CellAnswer): Promise<{ ms: number; answers: CellAnswer[] }> {
  const { ms, result } = await timed(() => Promise.allSettled(Array.from({ length: copies }, (_, slot) => runOnSlot(slot))));
  const failed = result.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { ms, answers: result.map((r) => answerOf((r as PromiseFulfilledResult<T>).value)) };
}

export type KMeansExperimentParams = Partial<KMeansParams>;

/**
 * k-means cells. Deterministic for a seed, so every worker count runs the same iterations and must
 * produce the same labels and inertia. A fixed iteration budget is the caller's choice through the
 * params (changedFraction = 0, tolerance = 0, maxIterations = budget).
 */
export function kmeansRunner(pool: WorkerPool, params: KMeansExperimentParams = {}): CellRunner {
  const answerOf = (r: KMeansResult): CellAnswer => ({ labels: r.labels, cost: r.inertia });
  return {
    ...poolHooks(pool),
    async run(ds, k, workers, token) {
      const resolved = resolveKMeansParams({ ...params, k, workers }, ds.n);
      const { ms, result } = await timed(() => runKMeans(ds, resolved, { pool, token }));
      return { ms, answer: answerOf(result) };
    },
    // Copies of the serial driver (one worker each), on slots 0..copies−1.
    async runCopies(ds, k, copies, token) {
      const resolved = resolveKMeansParams({ ...params, k, workers: 0 }, ds.n);
      return copiesRun(copies, (slot) => runKMeans(ds, resolved, { pool, token, firstSlot: slot }), answerOf);
    },
    workEstimate: (n, k) => n * k,
  };
}

export type EkmExperimentParams = Partial<EkmParams>;

/** Number of k-subsets of n (as a float; only used to weigh the ETA). */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/**
 * EKM cells. Workers 0 runs the same variant in the calling thread (the engine's serial driver);
 * P ≥ 1 runs it on P pool workers. The plan and reduction do not depend on where tasks run, so
 * every cell must find the same optimal medoid set and cost. (To compare against the original
 * sequential generator as in seed 003, run an experiment with variant 'sequential'.)
 */
export function ekmRunner(pool: WorkerPool, params: EkmExperimentParams = {}): CellRunner {
  const answerOf = (r: EkmResult): CellAnswer => ({ labels: r.labels, medoids: r.medoids, cost: r.cost });
  return {
    ...poolHooks(pool),
    async run(ds, k, workers, token) {
      const resolved = resolveEkmParams({ ...params, k, workers }, ds.n);
      const { ms, result } = await timed(() => runEkm(ds, resolved, { pool, token }));
      return { ms, answer: answerOf(result) };
    },
    // Copies of the 1-worker pool run, not of workers = 0: that one runs in the calling thread, and
    // copies of it could not run at once (ceiling.ts: "of ceiling" does not depend on the reference).
    async runCopies(ds, k, copies, token) {
      const resolved = resolveEkmParams({ ...params, k, workers: 1 }, ds.n);
      return copiesRun(copies, (slot) => runEkm(ds, resolved, { pool, token, firstSlot: slot }), answerOf);
    },
    workEstimate: (n, k) => choose(n, k) * n,
  };
}

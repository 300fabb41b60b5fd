// Main-thread side of a k-means run: validate, share memory, start the participants, stream
// progress, turn cancellation and worker failures into clean rejections.
import { availableParallelism } from 'node:os';
import type { IterationRecord, KMeansParams, KMeansResult } from '../../../shared/types.ts';
import { datasetHandle, type Dataset } from '../dataset/dataset.ts';
import { CancelledError, type CancelToken } from '../pool/cancel.ts';
import { WorkerTaskError, type WorkerPool } from '../pool/pool.ts';
import { allocateRunBuffers, CTRL, type ChunkOp, type RunBuffers } from './buffers.ts';
import { planChunks, type ChunkPlan } from './chunks.ts';
import { assertFiniteData, type SeedingProgress } from './init.ts';
import { resolveKernel, type KernelChoice } from './kernel.ts';
import { fitKMeans, type FitOutcome } from './lloyd.ts';
import { autoWorkers, resolveKMeansParams } from './params.ts';
import { kmeansWarnings } from './warnings.ts';
import { fitEnvFor, joinRun, type FaultSpec, type FitPayload, type HelperPayload, type IterationProgress, type PassPayload, type SeedingMessage } from './tasks.ts';

export interface KMeansRunOptions {
  pool: WorkerPool;
  token?: CancelToken;
  onIteration?: (rec: IterationRecord & { restart: number }) => void;
  /**
   * k-means++ seeding progress (`centres` of `k` chosen in restart `restart`), at most every
   * `progressIntervalMs`; the first always arrives, before the restart's first iteration.
   */
  onSeeding?: (p: SeedingProgress) => void;
  /** Least time between two progress messages from the workers (default 20 ms; tests use 0). */
  progressIntervalMs?: number;
  /**
   * How parallel participants synchronise each pass. 'barrier' (default): the loop runs in
   * worker 0, helpers wait on Atomics over shared memory. 'message': the loop runs on the main
   * thread and sends one task per worker per pass (kept for the benchmark's comparison; its
   * initialisation also runs on the main thread).
   */
  transport?: 'barrier' | 'message';
  /**
   * Pool slot of participant 0 (default 0): participant i runs on slot firstSlot + i, and the pool
   * grows to hold them. Lets independent runs go on different workers at the same time (the
   * scaling experiment's machine ceiling starts serial runs on slots 0, 1, …).
   */
  firstSlot?: number;
  /** Test-only fault injection (a participant throws or exits at a given pass). */
  fault?: FaultSpec;
  /**
   * Assignment kernel (default 'auto': WebAssembly SIMD where it runs). Every choice gives the same
   * bits; the option exists for the benchmark and the tests.
   */
  kernel?: KernelChoice;
}

/** How long a cancelled or failed run waits for its workers to let go before it rejects. */
const CANCEL_GRACE_MS = 150;
const FAILURE_GRACE_MS = 1000;

export async function runKMeans(ds: Dataset, params: KMeansParams, opts: KMeansRunOptions): Promise<KMeansResult> {
  const t0 = performance.now();
  const p = resolveKMeansParams(params, ds.n);
  const workers = p.workers === 'auto' ? autoWorkers(ds.n, p.k, ds.d, availableParallelism()) : p.workers;
  if (p.init === 'given') {
    p.initialCentroids!.forEach((r, j) => {
      if (r.length !== ds.d) throw new RangeError(`initial centroid ${j + 1} has ${r.length} values, the data has ${ds.d} columns`);
    });
  }
  opts.token?.throwIfCancelled();
  const participants = Math.max(1, workers);
  const firstSlot = opts.firstSlot ?? 0;
  opts.pool.reserveSlots(firstSlot, participants);
  opts.pool.shareDataset(datasetHandle(ds));
  const plan = planChunks(ds.n, p.k, ds.d);
  // 'auto' is resolved here, once, so that every participant runs the same kernel (and Hamerly's
  // bound buffers exist exactly when it does).
  const kernel = resolveKernel(opts.kernel ?? 'auto', ds.n, ds.d, p.k);
  const buffers = allocateRunBuffers(ds.n, p.k, ds.d, plan, p.init === 'kmeans++', kernel === 'wasm-hamerly');
  const run: RunSpec = { ds, params: p, plan, buffers, participants, firstSlot, opts: { ...opts, kernel } };
  const outcome = opts.transport === 'message' ? await fitOverMessages(run) : await fitOverBarrier(run);
  const labels = new Int32Array(buffers.labels, 0, ds.n).slice();
  return {
    algorithm: 'kmeans',
    params: p,
    // A plain copy: SharedArrayBuffer-backed arrays do not cross every IPC boundary.
    labels,
    centroids: outcome.centroids,
    inertia: outcome.inertia,
    iterations: outcome.iterations,
    stopReason: outcome.stopReason,
    history: outcome.history,
    workers,
    timings: {
      totalMs: performance.now() - t0,
      initMs: outcome.initMs,
      iterateMs: outcome.iterateMs,
      perIterationMs: outcome.iterateMs / Math.max(1, outcome.totalIterations),
    },
    bestRestart: outcome.bestRestart,
    passes: outcome.passes,
    initialCentroids: outcome.initialCentroids,
    warnings: kmeansWarnings(ds.values, ds.n, ds.d, p.k, labels),
  };
}

interface RunSpec {
  ds: Dataset;
  params: KMeansParams;
  plan: ChunkPlan;
  buffers: RunBuffers;
  participants: number;
  /** Pool slot of participant 0. */
  firstSlot: number;
  opts: KMeansRunOptions;
}

function basePayload(run: RunSpec) {
  return {
    datasetId: run.ds.id,
    k: run.params.k,
    plan: run.plan,
    buffers: run.buffers,
    participants: run.participants,
    cancel: run.opts.token?.buffer,
    fault: run.opts.fault,
    kernel: run.opts.kernel,
    progressIntervalMs: run.opts.progressIntervalMs,
    spin: run.participants > 1 && run.participants <= availableParallelism(),
  };
}

async function fitOverBarrier(run: RunSpec): Promise<FitOutcome> {
  const { pool, token, onIteration, onSeeding } = run.opts;
  const control = new Int32Array(run.buffers.control);
  const abort = () => {
    Atomics.store(control, CTRL.ABORT, 1);
    Atomics.notify(control, CTRL.GEN);
    Atomics.notify(control, CTRL.COMPLETED);
  };
  const base = basePayload(run);
  const fit = pool.runOn<FitOutcome>(run.firstSlot, 'kmeans:fit', { ...base, params: run.params, columns: run.ds.columns } satisfies FitPayload, {
    onProgress: (data) => {
      const msg = data as IterationProgress | SeedingMessage;
      if (msg.type === 'iterations') for (const rec of msg.records) onIteration?.(rec);
      else if (msg.type === 'seeding') onSeeding?.({ restart: msg.restart, centres: msg.centres, k: msg.k });
    },
  });
  const helpers = Array.from({ length: run.participants - 1 }, (_, i) =>
    pool.runOn<number>(run.firstSlot + i + 1, 'kmeans:help', { ...base, participant: i + 1 } satisfies HelperPayload),
  );
  const tasks: Promise<unknown>[] = [fit, ...helpers];
  // The first failure wins (later ones are consequences of the abort it triggers).
  const failed = new Promise<never>((_, reject) => {
    for (const t of tasks) t.catch((err: Error) => (abort(), reject(err)));
  });
  let unsubscribe = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    if (token) unsubscribe = token.onCancel(() => (abort(), reject(new CancelledError(token.reason))));
  });
  failed.catch(() => {});
  cancelled.catch(() => {});
  try {
    // Helpers leave on their own once the coordinator publishes EXIT; one whose slot is still busy
    // with another task is not waited for (it will find EXIT and return at once).
    return await Promise.race([fit, failed, cancelled]);
  } catch (err) {
    await settleWithin(tasks, token?.cancelled ? CANCEL_GRACE_MS : FAILURE_GRACE_MS);
    throw explainFailure(err, token);
  } finally {
    unsubscribe();
  }
}

/** The loop on the main thread, one message per worker per operation. */
async function fitOverMessages(run: RunSpec): Promise<FitOutcome> {
  const { ds, params, participants, opts } = run;
  const token = opts.token;
  assertFiniteData(ds, ds.columns);
  const base = basePayload(run);
  const me = joinRun(base, ds.values, ds.n, ds.d, 0);
  let passNumber = 0;
  const runOp = async (op: ChunkOp, count: number): Promise<boolean> => {
    passNumber++;
    const done = await Promise.all(
      Array.from({ length: participants }, (_, w) =>
        opts.pool.runOn<boolean>(run.firstSlot + w, 'kmeans:pass', { ...base, participant: w, passNumber, op, count } satisfies PassPayload),
      ),
    );
    return done.every(Boolean);
  };
  const env = fitEnvFor(me, params, runOp, {
    stopError: () => new CancelledError(token?.reason),
    onIteration: (rec) => opts.onIteration?.(rec),
    onSeeding: opts.onSeeding && ((s) => opts.onSeeding!(s)),
  });
  try {
    return await fitKMeans(env, params);
  } catch (err) {
    throw explainFailure(err, token);
  }
}

function settleWithin(tasks: Promise<unknown>[], ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((r) => (timer = setTimeout(r, ms)));
  return Promise.race([Promise.allSettled(tasks), timeout]).finally(() => clearTimeout(timer));
}

function explainFailure(err: unknown, token: CancelToken | undefined): Error {
  if (token?.cancelled) return new CancelledError(token.reason);
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.name === 'CancelledError') return new CancelledError(e.message);
  // Bad input detected inside the worker (e.g. a NaN in the data): the user's error, unwrapped.
  if (e instanceof WorkerTaskError && e.remoteName === 'RangeError') return new RangeError(e.message);
  if (e instanceof RangeError) return e;
  return new Error(`k-means run failed: ${e.message}`, { cause: e });
}

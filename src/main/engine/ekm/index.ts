// Public API of the exact K-medoids engine (electron-free). See run.ts for the orchestration,
// kernels.ts / combs.ts / evaluator.ts for the algorithms, plan.ts for the seed's variants.
import type { Distance, EkmParams, EkmResult } from '../../../shared/types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { CancelledError, CancelToken } from '../pool/cancel.ts';
import type { WorkerPool } from '../pool/pool.ts';
import { DISTANCES } from './distance.ts';
import { InProcessExecutor, PoolExecutor, type Executor } from './executor.ts';
import { DEFAULT_PAM_ITERATIONS } from './pam.ts';
import { buildResult } from './result.ts';
import { executeEkm, prepareSetup, TaskGroup, type EkmProgress, type FusedSearch, type RunHooks } from './run.ts';
import { nowAbs } from './tasks.ts';

export { countCombinations } from './combinatorics.ts';
export { estimateEkm, type EkmEstimate } from './estimate.ts';
export { resolveEkmParams, EKM_VARIANTS, DEFAULT_MAX_COMBINATIONS } from './params.ts';
export type { EkmProgress, FusedSearch } from './run.ts';
export { ekmProgressFraction, ekmProgressMessage, type EkmPhase } from './phase-progress.ts';

export interface EkmRunOptions {
  /** Workers run the kernels; the pool grows to params.workers if smaller. */
  pool: WorkerPool;
  token?: CancelToken;
  onProgress?: (p: EkmProgress) => void;
  /**
   * Pool slot of the run's worker 0 (default 0): worker s of the run goes to pool slot
   * firstSlot + s (the pool grows to hold them), so independent runs can share a pool at once.
   * Timeline worker ids are the pool slots the tasks ran on. Only for pool runs (workers ≥ 1).
   */
  firstSlot?: number;
  /** Test-only: the fused task on this run slot kills its worker mid-run. */
  crashSlotForTest?: number;
  /** Fused runs: 'dual' (default, Lagrangian subtree bounds) or 'tree' (k-d tree bounds; benches compare them). */
  search?: FusedSearch;
  /** Cap on the dual's subgradient steps (benches and tests; default in dual.ts). */
  dualIterations?: number;
  /** Share the dual's steps between the workers from this many points up (default run.ts DUAL_SHARE_MIN_N). */
  dualShareMinN?: number;
}

/**
 * Exact K-medoids: the optimal medoid set (ties → lexicographically smallest), by the chosen
 * variant. params.workers = 0 runs in the calling thread. Rejects with a RangeError above
 * params.maxCombinations unless params.force, and with an error named 'CancelledError' on cancel.
 */
export async function runEkm(ds: Dataset, params: EkmParams, opts: EkmRunOptions): Promise<EkmResult> {
  return executeEkm(ds, params, executorFor(ds, params, opts), { token: opts.token, onProgress: opts.onProgress, search: opts.search, dualIterations: opts.dualIterations, dualShareMinN: opts.dualShareMinN });
}

function executorFor(ds: Dataset, params: EkmParams, opts: EkmRunOptions): Executor {
  if (params.workers !== 0) return new PoolExecutor(opts.pool, ds, params.workers, { firstSlot: opts.firstSlot, crashSlot: opts.crashSlotForTest });
  if ((opts.firstSlot ?? 0) !== 0) throw new RangeError(`firstSlot ${opts.firstSlot} places a run on pool workers; workers = 0 runs in the calling thread`);
  return new InProcessExecutor(ds, 1);
}

/**
 * The same algorithm entirely in this thread, with `parts` virtual workers that each take their
 * share of every split piece list (tests use it to check splits and reductions without threads).
 */
export function solveEkm(ds: Dataset, params: EkmParams, opts: { parts?: number } & RunHooks = {}): Promise<EkmResult> {
  return executeEkm(ds, params, new InProcessExecutor(ds, Math.max(1, opts.parts ?? params.workers)), opts);
}

export interface PamParams {
  k: number;
  distance: Distance;
  /** Accepted for API symmetry: PAM's BUILD + SWAP is deterministic and uses no randomness. */
  seed?: number;
}

/**
 * PAM (BUILD + SWAP) on one worker (or in this thread without a pool): the heuristic baseline
 * that shows EKM's optimality gap. Costs use the same summation as EKM, so they compare exactly.
 */
export async function runPam(ds: Dataset, params: PamParams, opts: { pool?: WorkerPool; token?: CancelToken; firstSlot?: number }): Promise<EkmResult> {
  const { k, distance } = params;
  if (!Number.isInteger(k) || k < 1 || k > ds.n) throw new RangeError(`PAM needs a whole number k from 1 to the number of rows (${ds.n}), got ${k}`);
  if (!DISTANCES.includes(distance)) throw new RangeError(`unknown distance "${distance}"`);
  opts.token?.throwIfCancelled();
  const t0 = nowAbs();
  // firstSlot: this run alone on that one worker (a k sweep runs several PAMs side by side)
  const exec: Executor = opts.pool
    ? new PoolExecutor(opts.pool, ds, opts.firstSlot === undefined ? Math.max(1, opts.pool.size) : 1, { firstSlot: opts.firstSlot })
    : new InProcessExecutor(ds, 1);
  const abort = new CancelToken();
  const unlink = opts.token?.onCancel(() => abort.cancel(opts.token!.reason));
  const tasks = new TaskGroup(abort);
  const ekmParams: EkmParams = { k, variant: 'sequential', distance, workers: opts.pool ? 1 : 0 };
  let runId: string | null = null;
  let matrixBytes = 0;
  try {
    const setup = await prepareSetup(ds, { k, distance, prune: false, distanceMatrix: 'auto', variant: 'sequential' }, exec, tasks, abort);
    runId = setup.runId;
    matrixBytes = setup.matrix?.byteLength ?? 0;
    const tStart = nowAbs();
    const out = await tasks.track(exec.pam(0, { setup, maxIterations: DEFAULT_PAM_ITERATIONS }));
    const tEnd = nowAbs();
    return buildResult(ds, ekmParams, 'pam', { cost: out.cost, medoids: out.medoids }, {
      combinationsEvaluated: 0,
      iterations: out.iterations,
      timings: { totalMs: tEnd - t0, matrixMs: tStart - t0, searchMs: tEnd - tStart },
      timeline: [{ id: 0, kind: 'eval', label: `PAM (${out.iterations} iterations, ${out.swaps} swaps)`, workerId: 0, startMs: tStart - t0, endMs: tEnd - t0, children: [] }],
    });
  } catch (err) {
    abort.cancel('run failed');
    await tasks.settle();
    if (opts.token?.cancelled) throw new CancelledError(opts.token.reason);
    throw err;
  } finally {
    unlink?.();
    if (runId !== null) await exec.release(runId, matrixBytes);
  }
}

// Orchestration of one EKM run, written once against the Executor interface (pool or in-process):
// distance matrix → PAM bound → search (fused pieces, or a generator tree scheduled node by node)
// → deterministic reduction → result. Fused runs on the pool do the first three steps inside one
// task per worker (tasks.ts, FusedPayload.staged).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { EkmParams, EkmResult, TreeNodeTiming } from '../../../shared/types.ts';
import { firstNonFinite, type Dataset } from '../dataset/dataset.ts';
import { CancelledError, CancelToken } from '../pool/cancel.ts';
import { beats, reduceBest, type BestSet } from './best.ts';
import type { Levels } from './combs.ts';
import { countCombinations, firstIndexChunks } from './combinatorics.ts';
import { summationOrder } from './distance.ts';
import { keepMatrixBuffer, takeMatrixBuffer } from './matrix-buffer.ts';
import { createSharedBest } from './shared-best.ts';
import { spatialTreeOf } from './spatial.ts';
import type { Executor } from './executor.ts';
import { rootPieces, type KernelSetup } from './kernels.ts';
import { allocatePamShare } from './pam-coop.ts';
import { makePlan, type Plan } from './plan.ts';
import { allocateDualShare } from './dual-ascent.ts';
import { phaseRank, type EkmPhase, type PhaseStep } from './phase-progress.ts';
import { buildProof } from './proof.ts';
import { schedule, type Job } from './schedule.ts';
import { buildResult } from './result.ts';
import { nowAbs, type ProgressMessage, type TaskReport } from './tasks.ts';

export interface EkmProgress {
  evaluated: number;
  total: number;
  bestCost: number;
  bestMedoids: number[];
  /** What the run is doing (phase-progress.ts); `evaluated` counts only from 'search' on. */
  phase: EkmPhase;
  /** Where in the phase, in words ('' while searching). */
  phaseDetail: string;
}

export interface RunHooks {
  token?: CancelToken;
  onProgress?: (p: EkmProgress) => void;
  /** Points per leaf of the fused kernel's bound tree (tests shrink it to exercise the bounds on tiny data). */
  groupSize?: number;
  /** Fused runs: which subtree bounds (default 'dual'; 'tree' is the k-d tree search, kept for comparison). */
  search?: FusedSearch;
  /** Cap on the dual's subgradient iterations (tests lower it to exercise weak bounds). */
  dualIterations?: number;
  /** Pool runs share the dual's steps from this many points up (default DUAL_SHARE_MIN_N; tests lower it). */
  dualShareMinN?: number;
}

export type FusedSearch = 'dual' | 'tree';

/** Largest distance matrix we precompute by default: 1 GiB, or a quarter of the machine's memory if less. */
export function matrixBudgetBytes(): number {
  return Math.min(2 ** 30, os.totalmem() / 4);
}

/**
 * Whether the n×n matrix is precomputed. Above the budget nothing is refused: every kernel then
 * computes the distance rows it needs on demand (distance.ts DistanceRows, the same values, so
 * the same answer), at about d times the cost per row.
 */
export function usesMatrix(n: number, params: Pick<EkmParams, 'distanceMatrix' | 'matrixBudgetBytes'>): boolean {
  return params.distanceMatrix !== 'never' && n * n * 8 <= (params.matrixBudgetBytes ?? matrixBudgetBytes());
}

/** Cap on the SWAP passes of the PAM run that seeds the pruning bound (it usually converges in 2–3). */
const PAM_BOUND_ITERATIONS = 50;
/** Candidate blocks per worker in each step of the cooperative PAM (a few, so a late worker still helps). */
const PAM_BLOCKS_PER_WORKER = 4;
/** Row blocks per worker in each shared subgradient step of the dual (dual-ascent.ts), for the same reason. */
const DUAL_BLOCKS_PER_WORKER = 4;
/**
 * Below this many points each worker solves the dual itself (the same result, no waits): a step
 * of n² terms then takes well under a millisecond, and a shared step's barrier — tens of µs when
 * every worker has a core, a scheduler slice when the cores are oversubscribed — would cost more
 * than splitting saves (measured on the loaded 2-core machine: breast cancer, N = 569, was slower
 * on 2 workers than on 1 with every step shared).
 */
export const DUAL_SHARE_MIN_N = 1000;

/** Points per leaf of the fused kernel's bound tree. */
const GROUP_SIZE = 16;

/** Pieces per worker in work queues: enough to even out pruning's uneven costs, few enough to be cheap. */
const PIECES_PER_WORKER = 16;

export function refusal(n: number, params: EkmParams): string | null {
  const combos = countCombinations(n, params.k);
  const limit = params.maxCombinations ?? Infinity;
  if (params.force || combos <= limit) return null;
  return `C(${n}, ${params.k}) = ${combos.toExponential(2)} medoid sets is above the limit of ${limit.toExponential(2)}; lower k or N, or force the run`;
}

/** Tracks a run's tasks: the first failure aborts the siblings, and nothing is left running on return. */
export class TaskGroup {
  private readonly running = new Set<Promise<unknown>>();
  firstError: unknown = null;

  constructor(private readonly abort: CancelToken) {}

  track<T>(p: Promise<T>): Promise<T> {
    const wrapped = p.catch((err: unknown) => {
      if (this.firstError === null) {
        this.firstError = err;
        this.abort.cancel('a sibling task failed');
      }
      throw err;
    });
    this.running.add(wrapped);
    void wrapped.then(
      () => this.running.delete(wrapped),
      () => this.running.delete(wrapped),
    );
    return wrapped;
  }

  async settle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

/** Sums per-task progress into run progress (tasks report cumulative counts). */
class ProgressTotals {
  private readonly perTask = new Map<string, number>();
  best: BestSet;
  private phase: EkmPhase = 'matrix';
  private phaseDetail = '';

  constructor(
    private readonly total: number,
    bound: BestSet | null,
    private readonly sink?: (p: EkmProgress) => void,
  ) {
    this.best = bound ?? { cost: Infinity, medoids: [] };
  }

  offer(best: BestSet): void {
    if (best.medoids.length && beats(best.cost, best.medoids, this.best)) this.best = { cost: best.cost, medoids: [...best.medoids] };
  }

  /** A report from the run itself (phases run outside worker tasks), or a task's (`key`). */
  enter(step: PhaseStep): void {
    this.update(null, { evaluated: 0, best: this.best, phase: step });
  }

  update(key: string | null, msg: ProgressMessage): void {
    if (key !== null) this.perTask.set(key, msg.evaluated);
    this.offer(msg.best);
    // Tasks move through the phases at slightly different times: the run's phase only moves on.
    const step = msg.phase ?? { phase: 'search', detail: '' };
    if (phaseRank(step.phase) >= phaseRank(this.phase)) {
      this.phase = step.phase;
      this.phaseDetail = step.detail;
    }
    if (!this.sink) return;
    let evaluated = 0;
    for (const v of this.perTask.values()) evaluated += v;
    this.sink({ evaluated, total: this.total, bestCost: this.best.cost, bestMedoids: this.best.medoids, phase: this.phase, phaseDetail: this.phaseDetail });
  }
}

interface RunState {
  ds: Dataset;
  params: EkmParams;
  exec: Executor;
  setup: KernelSetup;
  bound: BestSet | null;
  tasks: TaskGroup;
  progress: ProgressTotals;
  t0: number;
}

interface SearchOutcome {
  reports: TaskReport[];
  timeline: TreeNodeTiming[];
}

function timing(state: RunState, r: TaskReport, id: number, kind: TreeNodeTiming['kind'], label: string, children: number[]): TreeNodeTiming {
  return { id, kind, label, workerId: r.slot, startMs: r.startAbs - state.t0, endMs: r.endAbs - state.t0, children };
}

async function searchFused(state: RunState): Promise<SearchOutcome> {
  const { exec, setup, params } = state;
  const parts = Math.max(1, exec.parts);
  const bounds = firstIndexChunks(setup.n, params.k, parts * PIECES_PER_WORKER);
  const counter = exec.shared ? new SharedArrayBuffer(4) : undefined;
  // Pool runs: one dispatch does matrix, bound and search (see FusedPayload.staged).
  const stagedInfo = exec.shared
    ? {
        matrixBlocks: new SharedArrayBuffer(8),
        rowsPerBlock: Math.max(1, Math.ceil(setup.n / (parts * 8))),
        pam: allocatePamShare(setup.k, Math.min(setup.n, parts * PAM_BLOCKS_PER_WORKER), PAM_BOUND_ITERATIONS),
        spin: parts <= os.availableParallelism(),
      }
    : undefined;
  const reports = await Promise.all(
    Array.from({ length: parts }, (_, part) =>
      state.tasks.track(
        exec.fused(part, { setup, bound: state.bound, bounds, counter, part, parts, staged: stagedInfo }, (m) => state.progress.update(`fused${part}`, m)),
      ),
    ),
  );
  const timeline = reports.map((r, part) => timing(state, r, part, 'eval', `fused part ${part + 1}/${parts}`, []));
  return { reports, timeline };
}

async function searchTree(state: RunState, plan: Plan): Promise<SearchOutcome> {
  const { exec, setup } = state;
  const slots = Math.max(1, Math.min(exec.parts, plan.workers));
  const levels = new Map<number, Levels>();
  const reports: TaskReport[] = [];
  const timeline: TreeNodeTiming[] = [];
  const currentBest = () => reduceBest([...(state.bound ? [state.bound] : []), state.progress.best]);
  const done = (r: TaskReport) => {
    reports.push(r);
    state.progress.offer(r.best);
  };
  const jobs: Job[] = [];
  for (const node of plan.nodes) {
    const isRoot = node.id === plan.rootId;
    if (node.kind === 'gen') {
      jobs.push({
        id: node.id,
        deps: [],
        priority: 0,
        run: async (slot) => {
          const out = await exec.gen(slot, { setup, bound: currentBest(), lo: node.lo, hi: node.hi }, (m) => state.progress.update(`n${node.id}`, m));
          if (!isRoot) levels.set(node.id, out.levels);
          done(out.report);
          timeline.push(timing(state, out.report, node.id, 'gen', node.label, []));
        },
      });
    } else if (!isRoot) {
      jobs.push({
        id: node.id,
        deps: node.children,
        priority: 1,
        run: async (slot) => {
          const [left, right] = node.children.map((c) => levels.get(c)!);
          const out = await exec.merge(slot, { setup, bound: currentBest(), left, right }, (m) => state.progress.update(`n${node.id}`, m));
          node.children.forEach((c) => levels.delete(c));
          levels.set(node.id, out.levels);
          done(out.report);
          timeline.push(timing(state, out.report, node.id, 'merge', node.label, node.children));
        },
      });
    } else {
      // The root: only its size-k cross terms matter, streamed into evaluation piece by piece.
      const parts = plan.splitRoot ? slots : 1;
      const counter = exec.shared ? new SharedArrayBuffer(4) : undefined;
      let pieces: Int32Array | null = null;
      for (let part = 0; part < parts; part++) {
        const id = plan.nodes.length + part;
        jobs.push({
          id,
          deps: node.children,
          priority: 2,
          run: async (slot) => {
            const [left, right] = node.children.map((c) => levels.get(c)!);
            pieces ??= rootPieces(left, right, parts * PIECES_PER_WORKER);
            const r = await exec.root(slot, { setup, bound: currentBest(), left, right, pieces, counter, part, parts }, (m) => state.progress.update(`root${part}`, m));
            done(r);
            const label = parts > 1 ? `${node.label} (root, part ${part + 1}/${parts})` : `${node.label} (root)`;
            timeline.push(timing(state, r, id, 'merge', label, node.children));
          },
        });
      }
    }
  }
  await schedule(jobs, slots, state.tasks);
  timeline.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  return { reports, timeline };
}

/** The PAM cost staged fused workers computed for themselves (null when none did). */
function stagedBoundCost(reports: TaskReport[]): number | null {
  const costs = reports.flatMap((r) => (r.boundCost !== undefined ? [r.boundCost] : []));
  return costs.length ? Math.min(...costs) : null;
}

function checkFinite(ds: Dataset): void {
  const i = firstNonFinite(ds.values);
  if (i >= 0) throw new RangeError(`row ${Math.floor(i / ds.d) + 1}, column "${ds.columns[i % ds.d]}" is not a finite number; EKM needs complete numeric data`);
}

/**
 * The kernels' shared context; builds the distance matrix (rows split across the executor's
 * parts) when it fits the memory budget.
 */
export async function prepareSetup(
  ds: Dataset,
  params: Pick<EkmParams, 'k' | 'distance' | 'prune' | 'distanceMatrix' | 'matrixBudgetBytes' | 'variant'>,
  exec: Executor,
  tasks: TaskGroup,
  abort: CancelToken,
  opts: Pick<RunHooks, 'groupSize' | 'search' | 'dualIterations' | 'dualShareMinN'> & { progress?: ProgressTotals } = {},
  buildMatrix = true,
): Promise<KernelSetup> {
  const n = ds.n;
  const parts = Math.max(1, exec.parts);
  const matrix = usesMatrix(n, params) ? takeMatrixBuffer(n * n * 8) : null;
  const prune = params.prune !== false;
  // The dual works on rows on demand too (each subgradient step then computes every row once);
  // the k-d tree's node bounds need the matrix (node minima, ≈ 2n²/leaf size values per worker).
  const fusedPruned = params.variant === 'fused' && prune;
  const dual = fusedPruned && (opts.search ?? 'dual') === 'dual';
  const spatial = fusedPruned && !dual && matrix !== null ? spatialTreeOf(ds.values, n, ds.d, opts.groupSize ?? GROUP_SIZE) : null;
  const spin = parts <= os.availableParallelism();
  const setup: KernelSetup = {
    runId: randomUUID(),
    datasetId: ds.id,
    n,
    d: ds.d,
    k: params.k,
    distance: params.distance,
    matrix,
    perm: summationOrder(n),
    order: spatial?.order ?? null,
    tree: spatial?.nodes ?? null,
    prune,
    dual,
    ...(opts.dualIterations !== undefined ? { dualIterations: opts.dualIterations } : {}),
    // Pool workers share the dual's steps; in-process parts share one thread's cached dual.
    ...(dual && exec.shared && parts > 1 && n >= (opts.dualShareMinN ?? DUAL_SHARE_MIN_N) ? { dualShare: allocateDualShare(n, params.k, parts * DUAL_BLOCKS_PER_WORKER, opts.dualIterations), spin } : {}),
    cancel: abort.buffer,
    sharedBest: createSharedBest(),
    progressEveryMs: 100,
  };
  if (matrix && buildMatrix) {
    const rowsPer = Math.ceil(n / parts);
    let rowsDone = 0;
    const matrixStep = () => opts.progress?.enter({ phase: 'matrix', detail: `${rowsDone.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows` });
    matrixStep();
    await Promise.all(
      Array.from({ length: parts }, (_, p) => {
        const from = Math.min(n, p * rowsPer);
        const to = Math.min(n, (p + 1) * rowsPer);
        return tasks.track(exec.dist(p, { datasetId: ds.id, n, d: ds.d, distance: params.distance, matrix, perm: setup.perm, order: setup.order, from, to })).then(() => {
          rowsDone += to - from;
          matrixStep();
        });
      }),
    );
  }
  return setup;
}

/**
 * One EKM run on the given executor. The executor decides where tasks run; everything else —
 * plan, pieces, bound, reduction — is the same, so in-process and pool runs give identical answers.
 */
export async function executeEkm(ds: Dataset, params: EkmParams, exec: Executor, hooks: RunHooks = {}): Promise<EkmResult> {
  const t0 = nowAbs();
  const n = ds.n;
  if (params.k > n) throw new RangeError(`k = ${params.k} is larger than the number of rows (${n})`);
  const refuse = refusal(n, params);
  if (refuse) throw new RangeError(refuse);
  checkFinite(ds);
  hooks.token?.throwIfCancelled();

  const abort = new CancelToken();
  const unlink = hooks.token?.onCancel(() => abort.cancel(hooks.token!.reason));
  const tasks = new TaskGroup(abort);
  const total = countCombinations(n, params.k);
  let matrix: SharedArrayBuffer | null = null;
  let runId: string | null = null;
  const progress = new ProgressTotals(total, null, hooks.onProgress);
  try {
    const parts = Math.max(1, exec.parts);
    const staged = params.variant === 'fused' && exec.shared;
    const setup = await prepareSetup(ds, params, exec, tasks, abort, { ...hooks, progress }, !staged);
    matrix = setup.matrix;
    runId = setup.runId;
    // The limit counts from the start of the run; tasks check it when they poll (in-process too).
    if (params.timeLimitS !== undefined) setup.deadlineAbs = t0 + params.timeLimitS * 1000;
    let tMatrix = nowAbs();
    let bound: BestSet | null = null;
    if (setup.prune && !staged) {
      const p = await tasks.track(exec.pam(0, { setup, maxIterations: PAM_BOUND_ITERATIONS }, (m) => progress.update(null, m)));
      bound = { cost: p.cost, medoids: p.medoids };
      progress.offer(bound);
    }
    let tBound = nowAbs();
    const state: RunState = { ds, params, exec, setup, bound, tasks, progress, t0 };
    const search = params.variant === 'fused' ? await searchFused(state) : await searchTree(state, makePlan(params.variant, n, parts, params.leafLength ?? n, params.mergeArity));
    if (staged) {
      tMatrix = Math.max(...search.reports.map((r) => r.matrixEndAbs ?? tMatrix));
      tBound = Math.max(...search.reports.map((r) => r.boundEndAbs ?? tBound));
    }
    const best = reduceBest([...(bound ? [bound] : []), ...search.reports.map((r) => r.best)]);
    const evaluated = search.reports.reduce((s, r) => s + r.evaluated, 0);
    const stopped = search.reports.some((r) => r.stopped === true);
    if (!stopped && total <= Number.MAX_SAFE_INTEGER && evaluated !== total) {
      throw new Error(`internal error: ${evaluated} combinations evaluated, expected C(${n}, ${params.k}) = ${total}`);
    }
    const tEnd = nowAbs();
    hooks.onProgress?.({ evaluated, total, bestCost: best.cost, bestMedoids: best.medoids, phase: 'search', phaseDetail: '' });
    return buildResult(ds, params, 'ekm', best, {
      combinationsEvaluated: evaluated,
      combinationsAbandoned: search.reports.reduce((s, r) => s + r.abandoned, 0),
      proof: buildProof(search.reports, total, best.cost, bound?.cost ?? stagedBoundCost(search.reports), !stopped),
      timings: { totalMs: tEnd - t0, matrixMs: tMatrix - t0, boundMs: tBound - tMatrix, searchMs: tEnd - tBound },
      timeline: search.timeline,
    });
  } catch (err) {
    abort.cancel('run failed');
    await tasks.settle();
    if (hooks.token?.cancelled) throw new CancelledError(hooks.token.reason);
    throw tasks.firstError ?? err;
  } finally {
    unlink?.();
    // Both ways out have settled every task (the search awaited them; the catch above waited).
    if (runId !== null) await exec.release(runId, matrix?.byteLength ?? 0);
    if (matrix) keepMatrixBuffer(matrix);
  }
}

// Payloads and replies of the EKM worker tasks, and the one function per task that both the pool
// handlers (handlers.ts) and the in-process executor call — so "in a worker" and "in-process"
// run literally the same code.
import type { Distance } from '../../../shared/types.ts';
import { CancelledError } from '../pool/cancel.ts';
import type { BestSet } from './best.ts';
import { sharedAlloc, type Levels } from './combs.ts';
import { fillMatrixRows, permutedPoints, type DistanceRows } from './distance.ts';
import { SearchStopped, type Evaluator, type SearchCounts } from './evaluator.ts';
import { atomicChunks, boundTreeFor, dualKernel, fusedKernel, genKernel, makeEvaluator, mergeKernel, rootKernel, rowsFor, stridedChunks, type KernelSetup, type NextChunk } from './kernels.ts';
import { pam, type PamOutcome } from './pam.ts';
import { cooperativePam, type PamShare } from './pam-coop.ts';
import { pamStepDetail, PhaseReporter, type PhaseStep } from './phase-progress.ts';

/** Wall-clock ms with sub-ms precision, comparable between threads (timeOrigin differs per thread). */
export function nowAbs(): number {
  return performance.timeOrigin + performance.now();
}

export interface TaskReport {
  slot: number;
  best: BestSet;
  evaluated: number;
  abandoned: number;
  /** Search counters behind the run's proof (evaluator.ts). */
  counts: SearchCounts;
  startAbs: number;
  endAbs: number;
  /** Staged fused tasks: when this worker's share of the matrix and its bound were done. */
  matrixEndAbs?: number;
  boundEndAbs?: number;
  /** The task stopped at the run's time limit: `evaluated` is less than its share. */
  stopped?: boolean;
  /** Dual-bound fused tasks: the Lagrangian lower bound on every set (minus its margin: bound − margin is proven) and its iterations. */
  dual?: { bound: number; margin: number; iterations: number };
  /** Staged fused tasks: the cost of the PAM bound this worker computed (all workers get the same). */
  boundCost?: number;
}

export interface ProgressMessage {
  evaluated: number;
  best: BestSet;
  /** Set while the task is in a phase before its search (matrix, bound, dual); absent: searching. */
  phase?: PhaseStep;
}

export interface DistPayload {
  datasetId: string;
  n: number;
  d: number;
  distance: Distance;
  matrix: SharedArrayBuffer;
  perm: Int32Array;
  order: Int32Array | null;
  from: number;
  to: number;
}

export interface PamPayload {
  setup: KernelSetup;
  maxIterations?: number;
}

export interface FusedPayload {
  setup: KernelSetup;
  bound: BestSet | null;
  bounds: Int32Array;
  /** Shared piece counter (pool runs); absent in-process, where part/parts stride instead. */
  counter?: SharedArrayBuffer;
  part: number;
  parts: number;
  /**
   * Pool runs do the whole fused run in one dispatch (saving two round trips): the workers claim
   * blocks of distance-matrix rows from a shared counter (`matrixBlocks`: [next, done]) and wait
   * until every block is built; then they run PAM together for the bound (`pam`, see pam-coop.ts)
   * and search. Nothing waits for a worker that has not started (e.g. its slot is busy with another
   * job): claimed blocks are always being built by a running worker, so the waits end even if a
   * worker starts late or never. `spin`: every worker has its own core, so waits poll briefly.
   */
  staged?: { matrixBlocks: SharedArrayBuffer; rowsPerBlock: number; pam: PamShare; spin: boolean };
}

export interface GenPayload {
  setup: KernelSetup;
  bound: BestSet | null;
  lo: number;
  hi: number;
}

export interface MergePayload {
  setup: KernelSetup;
  bound: BestSet | null;
  left: Levels;
  right: Levels;
}

export interface RootPayload extends MergePayload {
  pieces: Int32Array;
  counter?: SharedArrayBuffer;
  part: number;
  parts: number;
}

export type ProgressSink = (msg: ProgressMessage) => void;

/** A task's phase reports, sent as progress messages that carry no search counts yet. */
function phaseReporter(setup: KernelSetup, progress: ProgressSink | undefined, best: () => BestSet): PhaseReporter {
  return new PhaseReporter(progress && ((phase) => progress({ evaluated: 0, best: best(), phase })), setup.progressEveryMs);
}

const noBest = (): BestSet => ({ cost: Infinity, medoids: [] });

/** Pool runs share a counter (dynamic balance); in-process parts take every parts-th piece. */
function chunkSource(p: { counter?: SharedArrayBuffer; part: number; parts: number }, count: number): NextChunk {
  return p.counter ? atomicChunks(p.counter, count) : stridedChunks(p.part, p.parts, count);
}

function withEvaluator<T>(
  setup: KernelSetup,
  values: Float64Array,
  bound: BestSet | null,
  slot: number,
  progress: ProgressSink | undefined,
  body: (ev: Evaluator) => T,
): { value: T; report: TaskReport } {
  const startAbs = nowAbs();
  const rows = rowsFor(setup, values);
  const ev = makeEvaluator(setup, rows, bound, progress ? (evaluated, best) => progress({ evaluated, best }) : undefined);
  let value: T | null = null;
  let stopped = false;
  try {
    value = body(ev);
  } catch (err) {
    // At the time limit, what was decided so far stands; the run reports its gap (run.ts).
    if (!(err instanceof SearchStopped)) throw err;
    stopped = true;
  }
  ev.flushProgress();
  const report: TaskReport = { slot, best: ev.best(), evaluated: ev.evaluated, abandoned: ev.abandoned, counts: ev.counts(), startAbs, endAbs: nowAbs() };
  if (ev.dual) report.dual = ev.dual;
  if (stopped) report.stopped = true;
  return { value: value as T, report };
}

export function distTask(p: DistPayload, values: Float64Array): { startAbs: number; endAbs: number } {
  const startAbs = nowAbs();
  const matrix = new Float64Array(p.matrix, 0, p.n * p.n);
  fillMatrixRows(matrix, p.from, p.to, values, permutedPoints(values, p.d, p.perm), p.n, p.d, p.distance, p.order);
  return { startAbs, endAbs: nowAbs() };
}

/** Throws CancelledError once the run's abort flag is set. */
function cancelPoll(setup: KernelSetup): () => void {
  const flag = new Int32Array(setup.cancel);
  return () => {
    if (Atomics.load(flag, 0) !== 0) throw new CancelledError();
  };
}

/** A PAM outcome over the run's rows with its medoids as sorted dataset rows. */
function inDatasetRows(out: PamOutcome, rows: DistanceRows): PamOutcome {
  return { ...out, medoids: out.medoids.map((i) => rows.original(i)).sort((a, b) => a - b) };
}

export function pamTask(p: PamPayload, values: Float64Array, progress?: ProgressSink): PamOutcome {
  const rows = rowsFor(p.setup, values);
  const phases = phaseReporter(p.setup, progress, noBest);
  const onStep = (step: number) => phases.report('bound', () => pamStepDetail(step, p.setup.k));
  return inDatasetRows(pam(rows, p.setup.k, { maxIterations: p.maxIterations, poll: cancelPoll(p.setup), onStep }), rows);
}

/** The fused search over the payload's pieces: by Lagrangian subtree bounds, or by the k-d tree's (or none). */
function fusedSearch(p: FusedPayload, setup: KernelSetup, ev: Evaluator, phases: PhaseReporter): void {
  const next = chunkSource(p, p.bounds.length - 1);
  const onStep = (it: number, bound: number) => phases.report('dual', () => `step ${it + 1}${Number.isFinite(bound) ? `, best bound so far ${bound.toPrecision(6)}` : ''}`);
  if (setup.dual) dualKernel(setup, ev, p.bounds, next, onStep);
  else fusedKernel(ev, p.bounds, next, boundTreeFor(setup, ev.rows));
}

export function fusedTask(p: FusedPayload, values: Float64Array, slot: number, progress?: ProgressSink): TaskReport {
  if (p.staged) return stagedFusedTask(p, p.staged, values, slot, progress);
  const phases = phaseReporter(p.setup, progress, () => p.bound ?? noBest());
  return withEvaluator(p.setup, values, p.bound, slot, progress, (ev) => fusedSearch(p, p.setup, ev, phases)).report;
}

/** Builds claimed blocks of matrix rows until none is left, then waits for blocks other workers hold. */
function buildMatrixShare(setup: KernelSetup, values: Float64Array, st: NonNullable<FusedPayload['staged']>, phases: PhaseReporter): void {
  const poll = cancelPoll(setup);
  const blocks = new Int32Array(st.matrixBlocks);
  const total = Math.ceil(setup.n / st.rowsPerBlock);
  if (setup.matrix) {
    const matrix = new Float64Array(setup.matrix, 0, setup.n * setup.n);
    let xp: Float64Array | null = null;
    for (let b = Atomics.add(blocks, 0, 1); b < total; b = Atomics.add(blocks, 0, 1)) {
      poll();
      phases.report('matrix', () => `${Math.min(setup.n, Atomics.load(blocks, 1) * st.rowsPerBlock).toLocaleString('en-US')} of ${setup.n.toLocaleString('en-US')} rows`);
      xp ??= permutedPoints(values, setup.d, setup.perm);
      const from = b * st.rowsPerBlock;
      fillMatrixRows(matrix, from, Math.min(setup.n, from + st.rowsPerBlock), values, xp, setup.n, setup.d, setup.distance, setup.order);
      Atomics.add(blocks, 1, 1);
      Atomics.notify(blocks, 1);
    }
  }
  for (;;) {
    const done = Atomics.load(blocks, 1);
    if (!setup.matrix || done >= total) return;
    poll();
    Atomics.wait(blocks, 1, done, 20);
  }
}

function stagedFusedTask(p: FusedPayload, st: NonNullable<FusedPayload['staged']>, values: Float64Array, slot: number, progress?: ProgressSink): TaskReport {
  const startAbs = nowAbs();
  const setup = p.setup;
  let bound: BestSet | null = p.bound;
  const phases = phaseReporter(setup, progress, () => bound ?? noBest());
  buildMatrixShare(setup, values, st, phases);
  const matrixEndAbs = nowAbs();
  const rows = rowsFor(setup, values);
  // A worker that starts after every piece was taken has nothing to bound.
  const piecesLeft = !p.counter || Atomics.load(new Int32Array(p.counter), 0) < p.bounds.length - 1;
  if (setup.prune && piecesLeft) {
    const onStep = (step: number) => phases.report('bound', () => pamStepDetail(step, setup.k));
    const out = inDatasetRows(cooperativePam(rows, setup.k, st.pam, { poll: cancelPoll(setup), spin: st.spin, onStep }), rows);
    bound = { cost: out.cost, medoids: out.medoids };
  }
  const boundEndAbs = nowAbs();
  // Nor anything to search: without the bound it would solve a dual of its own (from no start, so
  // a different one) just to find the piece queue empty, and its report would carry that dual.
  const search = piecesLeft || !setup.prune ? (ev: Evaluator) => fusedSearch(p, setup, ev, phases) : () => undefined;
  const r = withEvaluator(setup, values, bound, slot, progress, search).report;
  return { ...r, startAbs, matrixEndAbs, boundEndAbs, ...(bound ? { boundCost: bound.cost } : {}) };
}

export function genTask(p: GenPayload, values: Float64Array, slot: number, progress?: ProgressSink): { levels: Levels; report: TaskReport } {
  const r = withEvaluator(p.setup, values, p.bound, slot, progress, (ev) => genKernel(ev, p.lo, p.hi, { alloc: sharedAlloc }));
  return { levels: r.value, report: r.report };
}

export function mergeTask(p: MergePayload, values: Float64Array, slot: number, progress?: ProgressSink): { levels: Levels; report: TaskReport } {
  const r = withEvaluator(p.setup, values, p.bound, slot, progress, (ev) => mergeKernel(ev, p.left, p.right, { alloc: sharedAlloc }));
  return { levels: r.value, report: r.report };
}

export function rootTask(p: RootPayload, values: Float64Array, slot: number, progress?: ProgressSink): TaskReport {
  return withEvaluator(p.setup, values, p.bound, slot, progress, (ev) => rootKernel(ev, p.left, p.right, p.pieces, chunkSource(p, p.pieces.length / 3), () => ev.poll())).report;
}

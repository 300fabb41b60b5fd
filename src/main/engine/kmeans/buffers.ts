// The shared memory of one k-means run. Workers read the dataset and the current centroids in
// place and write their labels and per-chunk partial sums in place; messages carry none of it.
import type { StopRequest } from '../pool/barrier-waiter.ts';
import type { ChunkPlan } from './chunks.ts';

/** Structured-clone-safe handles (SharedArrayBuffers travel to workers by reference). */
export interface RunBuffers {
  /** k·d Float64: the centroids of the current pass. */
  centroids: SharedArrayBuffer;
  /** n Int32: cluster of every row. */
  labels: SharedArrayBuffer;
  /** numChunks·stride Float64: one partial record per chunk (see kernel.ts for its layout). */
  partials: SharedArrayBuffer;
  /** Int32 control block of the barrier (indices in CTRL). */
  control: SharedArrayBuffer;
  /** Float64 arguments of the current operation (k-means++ centre or candidates, trials·d). */
  args: SharedArrayBuffer;
  /** n Float64: k-means++ squared distance of every row to its closest chosen centre (kmeans++ only). */
  closest: SharedArrayBuffer | null;
  /** numChunks Int32: the generation in which each chunk was last claimed (work stealing). */
  claims: SharedArrayBuffer;
  /** Kernel 'wasm-hamerly' only: k·d Float64 previous centroids, n Float64 lower bounds. */
  previous?: SharedArrayBuffer | null;
  lower?: SharedArrayBuffer | null;
}

export interface RunViews {
  centroids: Float64Array;
  labels: Int32Array;
  partials: Float64Array;
  control: Int32Array;
  args: Float64Array;
  closest: Float64Array | null;
  claims: Int32Array;
  previous: Float64Array | null;
  lower: Float64Array | null;
}

/** Slots of the control block. */
export const CTRL = {
  /** Generation: the coordinator bumps it to start an operation on every helper. */
  GEN: 0,
  /** What the new generation asks for (an OP value). */
  OP: 1,
  /** Chunks finished in the current generation. */
  COMPLETED: 2,
  /** Operation argument: number of k-means++ candidates in `args`. */
  COUNT: 3,
  /**
   * Non-zero: stop now (cancel from the main thread, or another participant failed). Every chunk
   * reads it, so it sits on its own 64-byte cache line, away from the words written each pass.
   */
  ABORT: 16,
  SIZE: 32,
} as const;

/**
 * The two ways a run is told to stop: ABORT in its control block (another participant failed, or
 * the driver gave up) and the cancel token's flag. A method on one class rather than a closure per
 * run: the call sites in the waiting and chunk loops then see the same target in every run, so
 * their optimised code is reused instead of being thrown away ("wrong call target") and recompiled
 * on a background thread that competes with the participants for the cores.
 */
export class StopFlags implements StopRequest {
  constructor(
    private readonly control: Int32Array,
    private readonly cancel: Int32Array | null,
  ) {}

  requested(): boolean {
    return Atomics.load(this.control, CTRL.ABORT) !== 0 || (this.cancel !== null && Atomics.load(this.cancel, 0) !== 0);
  }
}

/** Chunk operations every participant runs on its own chunk range. */
export const OP = {
  /** Lloyd pass: labels + per-chunk sums, counts, changed, inertia. */
  ASSIGN: 0,
  /** k-means++: distance of every row to the first centre (args); per-chunk sum of them. */
  KPP_FIRST: 1,
  /** k-means++: closest = min(closest, distance to the new centre); per-chunk sum. */
  KPP_UPDATE: 2,
  /** k-means++: per-chunk potential of each of COUNT candidate centres. */
  KPP_TRIALS: 3,
  /** Helpers leave their loop. */
  EXIT: 4,
} as const;
export type ChunkOp = (typeof OP)[keyof typeof OP];

/** Greedy k-means++ candidates per centre (scikit-learn: 2 + ⌊ln k⌋). */
export function kppTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

export function allocateRunBuffers(n: number, k: number, d: number, plan: ChunkPlan, kmeansPlusPlus: boolean, hamerly = false): RunBuffers {
  return {
    previous: hamerly ? new SharedArrayBuffer(Math.max(1, k * d) * 8) : null,
    lower: hamerly ? new SharedArrayBuffer(Math.max(1, n) * 8) : null,
    centroids: new SharedArrayBuffer(k * d * 8),
    labels: new SharedArrayBuffer(Math.max(1, n) * 4),
    partials: new SharedArrayBuffer(plan.numChunks * plan.stride * 8),
    control: new SharedArrayBuffer(CTRL.SIZE * 4),
    args: new SharedArrayBuffer(kppTrials(k) * d * 8),
    closest: kmeansPlusPlus ? new SharedArrayBuffer(Math.max(1, n) * 8) : null,
    claims: new SharedArrayBuffer(plan.numChunks * 4),
  };
}

export function viewRunBuffers(b: RunBuffers, n: number): RunViews {
  return {
    centroids: new Float64Array(b.centroids),
    labels: new Int32Array(b.labels, 0, n),
    partials: new Float64Array(b.partials),
    control: new Int32Array(b.control),
    args: new Float64Array(b.args),
    closest: b.closest ? new Float64Array(b.closest, 0, n) : null,
    claims: new Int32Array(b.claims),
    previous: b.previous ? new Float64Array(b.previous) : null,
    lower: b.lower ? new Float64Array(b.lower, 0, n) : null,
  };
}

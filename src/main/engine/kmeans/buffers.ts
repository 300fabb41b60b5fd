// The shared memory of one k-means run. Workers read the dataset and the current centroids in
// place and write their labels and per-chunk partial sums in place; messages carry none of it.
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
}

export interface RunViews {
  centroids: Float64Array;
  labels: Int32Array;
  partials: Float64Array;
  control: Int32Array;
}

/** Slots of the control block. */
export const CTRL = {
  /** Pass generation: the coordinator bumps it to start a pass on every helper. */
  GEN: 0,
  /** What the new generation means: PASS or EXIT. */
  CMD: 1,
  /** Helpers that finished the current pass. */
  DONE: 2,
  /** Non-zero: stop now (cancel from the main thread, or another participant failed). */
  ABORT: 3,
  SIZE: 4,
} as const;

export const CMD_PASS = 0;
export const CMD_EXIT = 1;

export function allocateRunBuffers(n: number, k: number, d: number, plan: ChunkPlan): RunBuffers {
  return {
    centroids: new SharedArrayBuffer(k * d * 8),
    labels: new SharedArrayBuffer(Math.max(1, n) * 4),
    partials: new SharedArrayBuffer(plan.numChunks * plan.stride * 8),
    control: new SharedArrayBuffer(CTRL.SIZE * 4),
  };
}

export function viewRunBuffers(b: RunBuffers, n: number): RunViews {
  return {
    centroids: new Float64Array(b.centroids),
    labels: new Int32Array(b.labels, 0, n),
    partials: new Float64Array(b.partials),
    control: new Int32Array(b.control),
  };
}

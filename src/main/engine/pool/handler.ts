// The shape of a kernel as the worker entry runs it. Each engine (k-means, EKM) exports a
// HandlerMap; the worker entry merges them, so adding an algorithm never touches the pool.

export interface WorkerDataset {
  id: string;
  n: number;
  d: number;
  /** Row-major n×d view over the shared buffer: read in place, never copied. */
  values: Float64Array;
}

export interface WorkerContext {
  /** Index of this worker's slot in the pool (stable across crash replacement). */
  slot: number;
  dataset(id: string): WorkerDataset;
  /** Streams a progress message to the task's caller. */
  progress(data: unknown): void;
}

// Payloads are validated by the typed drivers that build them, so the map stays loosely typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskHandler = (payload: any, ctx: WorkerContext) => unknown | Promise<unknown>;
export type HandlerMap = Record<string, TaskHandler>;

/** Wraps a kernel result whose ArrayBuffers should be moved, not copied, to the main thread. */
export interface Transferable<T> {
  __transfer: ArrayBuffer[];
  value: T;
}

export function withTransfer<T>(value: T, buffers: ArrayBuffer[]): Transferable<T> {
  return { __transfer: buffers, value };
}

export function isTransferable(x: unknown): x is Transferable<unknown> {
  return typeof x === 'object' && x !== null && Array.isArray((x as Transferable<unknown>).__transfer);
}

// Messages between the pool (main thread) and its workers. Bulk data never travels here:
// datasets and label arrays are SharedArrayBuffers that both sides read in place.

export interface SharedDatasetHandle {
  id: string;
  n: number;
  d: number;
  /** Row-major n×d Float64 values. */
  buffer: SharedArrayBuffer;
}

export type ToWorker =
  | { type: 'dataset'; dataset: SharedDatasetHandle }
  | { type: 'drop-dataset'; id: string }
  | { type: 'task'; taskId: number; kind: string; payload: unknown };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; taskId: number; value: unknown }
  | { type: 'error'; taskId: number; name: string; message: string; stack?: string }
  | { type: 'progress'; taskId: number; data: unknown };

// The numeric dataset every algorithm reads: row-major n×d Float64 values in a
// SharedArrayBuffer, so worker_threads read it in place (shared once, never copied).
import { randomUUID } from 'node:crypto';
import type { SharedDatasetHandle } from '../pool/protocol.ts';

export interface Dataset {
  id: string;
  n: number;
  d: number;
  /** Feature names, length d. */
  columns: string[];
  values: Float64Array;
  /** Original 0-based data-row index of each kept row (rows with missing values may be dropped). */
  rowIndex: Int32Array;
}

export function allocateDataset(n: number, d: number, columns: string[], id: string = randomUUID()): Dataset {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1) {
    throw new RangeError(`invalid dataset shape ${n}×${d}`);
  }
  if (columns.length !== d) throw new RangeError(`expected ${d} column names, got ${columns.length}`);
  const values = new Float64Array(new SharedArrayBuffer(Math.max(1, n * d) * 8), 0, n * d);
  const rowIndex = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
  for (let i = 0; i < n; i++) rowIndex[i] = i;
  return { id, n, d, columns, values, rowIndex };
}

/** Builds a dataset from plain rows (tests, generators, small inputs). */
export function datasetFromRows(rows: ArrayLike<number>[], columns?: string[], id?: string): Dataset {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : columns?.length ?? 1;
  const ds = allocateDataset(n, d, columns ?? Array.from({ length: d }, (_, j) => `x${j + 1}`), id);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) throw new RangeError(`row ${i} has ${rows[i].length} values, expected ${d}`);
    for (let j = 0; j < d; j++) ds.values[i * d + j] = rows[i][j];
  }
  return ds;
}

/**
 * Value arrays already found all finite. A dataset never changes once loaded, so each array is
 * scanned once per thread rather than on every run (k-means and EKM both check before running).
 */
const finiteChecked = new WeakSet<Float64Array>();

/** Index of the first non-finite value (NaN, ±Infinity) in `values`, or -1 when there is none. */
export function firstNonFinite(values: Float64Array): number {
  if (finiteChecked.has(values)) return -1;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  finiteChecked.add(values);
  return -1;
}

export function datasetHandle(ds: Dataset): SharedDatasetHandle {
  return { id: ds.id, n: ds.n, d: ds.d, buffer: ds.values.buffer as SharedArrayBuffer };
}

export function row(ds: Dataset, i: number): number[] {
  return Array.from(ds.values.subarray(i * ds.d, (i + 1) * ds.d));
}

/** First `n` rows as a new dataset sharing nothing (experiments over N use prefixes of a shuffled copy). */
export function takeRows(ds: Dataset, indices: ArrayLike<number>, id?: string): Dataset {
  const out = allocateDataset(indices.length, ds.d, ds.columns, id);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    out.values.set(ds.values.subarray(i * ds.d, (i + 1) * ds.d), r * ds.d);
    out.rowIndex[r] = ds.rowIndex[i];
  }
  return out;
}

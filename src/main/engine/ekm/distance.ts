// Point-to-point dissimilarities and the distance rows every EKM/PAM kernel sums over.
//
// Summation order is part of the answer: a medoid set's cost is Σ_q min_m D[m][q] summed over q
// in one fixed order, the same way in every kernel (sums.ts), so every variant computes
// bit-identical costs for the same set and ties are decided by the medoid indices alone.
// Columns q follow a seeded permutation of the points (column q = point perm[q]) so that
// early-abandoned partial sums see all regions of sorted data early (see evaluator.ts).
// Rows are indexed by INTERNAL index i, the point order[i] (identity unless the fused kernel
// relabels points spatially, see spatial.ts); costs do not depend on that labelling.
import type { Distance } from '../../../shared/types.ts';
import { createRng } from '../random.ts';
import { minInto, sumAll } from './sums.ts';

export const DISTANCES: readonly Distance[] = ['sqeuclidean', 'euclidean', 'manhattan'];

/** Fixed seed: the summation order must not change between runs, variants or worker counts. */
const ORDER_SEED = 0x5eed_e4a1;

/** Seeded Fisher–Yates permutation of 0..n−1: the order in which points enter cost sums. */
export function summationOrder(n: number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rng = createRng(ORDER_SEED ^ n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
}

/** The points' coordinates rearranged in summation order (row q = point perm[q]). */
export function permutedPoints(values: Float64Array, d: number, perm: Int32Array): Float64Array {
  const out = new Float64Array(perm.length * d);
  for (let q = 0; q < perm.length; q++) {
    const src = perm[q] * d;
    for (let j = 0; j < d; j++) out[q * d + j] = values[src + j];
  }
  return out;
}

/**
 * out[q] = dist(x_i, xp_q) for q in [0, n): one distance row. `values` holds the points in
 * dataset order, `xp` the same points in summation order.
 */
export function fillRow(out: Float64Array, outOff: number, i: number, values: Float64Array, xp: Float64Array, n: number, d: number, distance: Distance): void {
  const a = i * d;
  if (d === 2 && distance !== 'manhattan') {
    const x0 = values[a];
    const x1 = values[a + 1];
    for (let q = 0; q < n; q++) {
      const u = x0 - xp[2 * q];
      const v = x1 - xp[2 * q + 1];
      const s = u * u + v * v;
      out[outOff + q] = distance === 'euclidean' ? Math.sqrt(s) : s;
    }
    return;
  }
  for (let q = 0, b = 0; q < n; q++, b += d) {
    let s = 0;
    if (distance === 'manhattan') {
      for (let j = 0; j < d; j++) s += Math.abs(values[a + j] - xp[b + j]);
    } else {
      for (let j = 0; j < d; j++) {
        const u = values[a + j] - xp[b + j];
        s += u * u;
      }
      if (distance === 'euclidean') s = Math.sqrt(s);
    }
    out[outOff + q] = s;
  }
}

/** Internal rows [from, to) of the n×n matrix, written into a (shared) buffer: one worker's share of the build. */
export function fillMatrixRows(matrix: Float64Array, from: number, to: number, values: Float64Array, xp: Float64Array, n: number, d: number, distance: Distance, order: Int32Array | null = null): void {
  for (let i = from; i < to; i++) fillRow(matrix, i * n, order ? order[i] : i, values, xp, n, d, distance);
}

/** Direct distance between two points of the dataset (labels, reports, tests). */
export function pointDistance(values: Float64Array, d: number, i: number, j: number, distance: Distance): number {
  let s = 0;
  if (distance === 'manhattan') {
    for (let t = 0; t < d; t++) s += Math.abs(values[i * d + t] - values[j * d + t]);
    return s;
  }
  for (let t = 0; t < d; t++) {
    const u = values[i * d + t] - values[j * d + t];
    s += u * u;
  }
  return distance === 'euclidean' ? Math.sqrt(s) : s;
}

/**
 * Where distance rows come from: views into the precomputed matrix, or rows computed on demand
 * into scratch buffers when the matrix would not fit in memory. Same values either way.
 */
export class DistanceRows {
  private readonly views: Float64Array[] | null;
  private readonly xp: Float64Array | null;
  private readonly scratch: Float64Array[] = [];

  constructor(
    readonly n: number,
    readonly d: number,
    private readonly values: Float64Array,
    perm: Int32Array,
    private readonly distance: Distance,
    matrix: Float64Array | null,
    /** internal index → dataset row; null = identity. */
    readonly order: Int32Array | null = null,
  ) {
    if (matrix) {
      this.views = [];
      for (let i = 0; i < n; i++) this.views.push(matrix.subarray(i * n, (i + 1) * n));
      this.xp = null;
    } else {
      this.views = null;
      this.xp = permutedPoints(values, d, perm);
    }
  }

  get precomputed(): boolean {
    return this.views !== null;
  }

  /** Dataset row of internal index i. */
  original(i: number): number {
    return this.order ? this.order[i] : i;
  }

  /**
   * Row of internal index i. With a matrix this is a view (no copy); without one it is computed
   * into scratch buffer `slot`, valid until the next call with the same slot.
   */
  row(i: number, slot: number): Float64Array {
    if (this.views) return this.views[i];
    while (this.scratch.length <= slot) this.scratch.push(new Float64Array(this.n));
    const out = this.scratch[slot];
    fillRow(out, 0, this.original(i), this.values, this.xp!, this.n, this.d, this.distance);
    return out;
  }

  /** Canonical cost of a medoid set given by INTERNAL indices (the summation of sums.ts). */
  cost(medoids: ArrayLike<number>): number {
    const mins = new Float64Array(this.n).fill(Infinity);
    for (let t = 0; t < medoids.length; t++) minInto(mins, mins, this.row(medoids[t], 0), this.n);
    return sumAll(mins, this.n, Infinity);
  }
}

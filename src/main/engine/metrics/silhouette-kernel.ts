// The O(n·d) inner work of the silhouette for one point, and for a list of points: the mean
// Euclidean distance from the point to each cluster, then s = (b − a) / max(a, b). Every point's
// value depends only on the data and the labels (sums run over j = 0..n−1 in order), so which
// worker computes it, and in which block, never changes it.
import { CancelledError } from '../pool/cancel.ts';

export interface SilhouetteInput {
  values: Float64Array;
  n: number;
  d: number;
  /** Dense cluster codes 0..k−1, one per point. */
  codes: Int32Array;
  /** Points per cluster code. */
  sizes: Int32Array;
}

/** How often (rows) a kernel looks at the cancel flag. */
const POLL_EVERY = 16;

/**
 * Silhouette of each point in `points`. A point alone in its cluster gets 0, as do points with
 * a = b = 0 (scikit-learn's nan_to_num convention).
 */
export function silhouetteOfPoints(input: SilhouetteInput, points: ArrayLike<number>, cancel?: Int32Array): Float64Array {
  const { values, n, d, codes, sizes } = input;
  const k = sizes.length;
  const sums = new Float64Array(k);
  const out = new Float64Array(points.length);
  for (let q = 0; q < points.length; q++) {
    if (cancel && q % POLL_EVERY === 0 && Atomics.load(cancel, 0) !== 0) throw new CancelledError();
    const i = points[q];
    sums.fill(0);
    const base = i * d;
    for (let j = 0; j < n; j++) {
      const bj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = values[base + t] - values[bj + t];
        s += diff * diff;
      }
      sums[codes[j]] += Math.sqrt(s);
    }
    const own = codes[i];
    if (sizes[own] <= 1) {
      out[q] = 0;
      continue;
    }
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    const m = Math.max(a, b);
    out[q] = m === 0 ? 0 : (b - a) / m;
  }
  return out;
}

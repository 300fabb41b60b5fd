// One feature's profile: its values gathered per cluster (row order kept), mean and sd from that
// order, then each cluster's values sorted for the order statistics, then all of them for the whole
// data. One n-sized buffer per call, whichever thread runs it, so memory is bounded by 8·n bytes
// per worker; the same code on the calling thread and in workers gives the same numbers.
import type { ProfileStats } from '../../../shared/profiles.ts';

export interface ProfileKernelInput {
  /** Row-major n×d values as clustered (possibly scaled). */
  values: Float64Array;
  n: number;
  d: number;
  /** Cluster 0..k−1 of each row. */
  codes: Int32Array;
  /** Rows per cluster, length k. */
  sizes: Int32Array;
}

export interface FeatureKernelResult {
  whole: ProfileStats;
  clusters: (ProfileStats | null)[];
}

/**
 * numpy's linear quantile of sorted x[lo .. lo+m): virtual index h = (m − 1)·p, and numpy's lerp,
 * which interpolates from the upper neighbour when the fraction is ≥ ½ (so the results agree bit
 * for bit, not just closely).
 */
export function quantileOfSorted(x: Float64Array, lo: number, m: number, p: number): number {
  const h = (m - 1) * p;
  const i = Math.floor(h);
  const g = h - i;
  const a = x[lo + i];
  const b = x[lo + Math.min(i + 1, m - 1)];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** First index in sorted x[lo..hi) with x ≥ v. */
function lowerBound(x: Float64Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted x[lo..hi) with x > v. */
function upperBound(x: Float64Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean (sum in the given order) and sample sd (two passes) of x[lo .. lo+m). */
function moments(x: Float64Array, lo: number, m: number): { mean: number; sd: number | null } {
  let sum = 0;
  for (let i = lo; i < lo + m; i++) sum += x[i];
  const mean = sum / m;
  if (m < 2) return { mean, sd: null };
  let ss = 0;
  for (let i = lo; i < lo + m; i++) ss += (x[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (m - 1)) };
}

/** Order statistics of sorted x[lo .. lo+m), m ≥ 1. */
function orderStats(x: Float64Array, lo: number, m: number): Omit<ProfileStats, 'mean' | 'sd'> {
  const q1 = quantileOfSorted(x, lo, m, 0.25);
  const q3 = quantileOfSorted(x, lo, m, 0.75);
  const iqr = q3 - q1;
  const hi = lo + m;
  const first = lowerBound(x, lo, hi, q1 - 1.5 * iqr);
  const last = upperBound(x, lo, hi, q3 + 1.5 * iqr) - 1;
  return {
    min: x[lo],
    q1,
    median: quantileOfSorted(x, lo, m, 0.5),
    q3,
    max: x[hi - 1],
    lowerWhisker: x[first],
    upperWhisker: x[last],
    outliersBelow: first - lo,
    outliersAbove: hi - 1 - last,
  };
}

/**
 * Profile of feature `j`, its values mapped back to original units as v × factor + offset
 * (factor 1, offset 0 for unscaled data leave every value exactly as it is).
 */
export function profileFeature(input: ProfileKernelInput, j: number, offset: number, factor: number): FeatureKernelResult {
  const { values, n, d, codes, sizes } = input;
  const k = sizes.length;
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + sizes[c];
  if (start[k] !== n) throw new RangeError(`cluster sizes add up to ${start[k]}, not ${n} rows`);
  const fill = start.slice(0, k);
  const buf = new Float64Array(n);
  for (let i = 0; i < n; i++) buf[fill[codes[i]]++] = values[i * d + j] * factor + offset;

  const clusters: (ProfileStats | null)[] = [];
  for (let c = 0; c < k; c++) {
    const m = sizes[c];
    if (m === 0) {
      clusters.push(null);
      continue;
    }
    const lo = start[c];
    const mom = moments(buf, lo, m); // row order, before the sort
    buf.subarray(lo, lo + m).sort();
    clusters.push({ ...mom, ...orderStats(buf, lo, m) });
  }
  // The whole data's mean in row order too, so it does not depend on how rows were grouped.
  // The buffer is reused for it: one n-sized allocation per feature.
  for (let i = 0; i < n; i++) buf[i] = values[i * d + j] * factor + offset;
  const wholeMoments = moments(buf, 0, n);
  buf.sort();
  return { clusters, whole: { ...wholeMoments, ...orderStats(buf, 0, n) } };
}

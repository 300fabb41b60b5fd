// Counting combinations and cutting the combination space into balanced pieces.

/**
 * C(n, k): exact while the result is below 2^53 (multiplicative formula, each intermediate
 * product is itself a binomial coefficient times a small integer, so no rounding happens
 * until the value would be too large anyway). Returns Infinity above Number.MAX_VALUE.
 */
export function countCombinations(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k)) throw new RangeError(`C(n, k) needs integers, got C(${n}, ${k})`);
  if (k < 0 || n < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) {
    // c · (n − kk + i) / i is C(n − kk + i, i): an integer, divided exactly.
    const num = c * (n - kk + i);
    c = num <= Number.MAX_SAFE_INTEGER ? num / i : Math.round((c / i) * (n - kk + i));
  }
  return c;
}

/** Σ_{s=0..k} C(n, s): every combination a generator enumerates up to size k (the empty one included). */
export function countUpTo(n: number, k: number): number {
  let total = 0;
  for (let s = 0; s <= k; s++) total += countCombinations(n, s);
  return total;
}

/**
 * Splits the k-subsets of 0..n−1 by their first (smallest) index i, which owns C(n−1−i, k−1)
 * combinations, into contiguous ranges of roughly `target` combinations each. Heavy ranges come
 * first (small i), which is what a work queue wants: big pieces early, small ones to fill gaps.
 * Returns boundaries b (ranges [b[r], b[r+1]) of first indices).
 */
export function firstIndexChunks(n: number, k: number, pieces: number): Int32Array {
  const last = n - k; // largest possible first index
  if (last < 0) return Int32Array.of(0, 0);
  const target = countCombinations(n, k) / Math.max(1, pieces);
  const bounds: number[] = [0];
  let acc = 0;
  for (let i = 0; i <= last; i++) {
    acc += countCombinations(n - 1 - i, k - 1);
    if (acc >= target && i < last) {
      bounds.push(i + 1);
      acc = 0;
    }
  }
  bounds.push(last + 1);
  return Int32Array.from(bounds);
}

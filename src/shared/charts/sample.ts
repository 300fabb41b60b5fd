// Deterministic display sampling: charts stay responsive above a few hundred thousand points,
// and the same seed always shows the same points.

/** Stateless 32-bit hash of (seed, i) → [0, 1). A counter-based generator, so each stratum draws independently. */
function unitHash(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * Sorted row indices to display: all of [0, n) when n ≤ max, otherwise exactly `max` indices,
 * one drawn uniformly from each of `max` equal strata of the row order (stratified sampling keeps
 * every part of the file represented and needs no sort).
 */
export function sampleForDisplay(n: number, max: number, seed = 1): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sampleForDisplay: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`sampleForDisplay: max must be a positive integer, got ${max}`);
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(max);
  for (let s = 0; s < max; s++) {
    const start = Math.floor((s * n) / max);
    const end = Math.floor(((s + 1) * n) / max);
    out[s] = start + Math.floor(unitHash(seed, s) * (end - start));
  }
  return out;
}

// What Hamerly's test needs between two passes (kernel 'wasm-hamerly', assembly/kmeans.ts
// assignRowsHamerly): how far any centroid moved since the previous pass, rounded up, and half the
// distance from each centroid to its nearest other one, rounded down. Computed by every participant
// from the shared current and previous centroids (O(k²·d), small next to a pass), so all of them
// use the same values whoever ran the previous pass.
import type { HamerlyPass } from '../wasm/kmeans-wasm.ts';
import { sqDistRow } from './sq-dist.ts';

/**
 * The relative margin on every bound: above half the relative rounding of a computed squared
 * distance (γ_(d+2)) and of the bounds' own arithmetic, so a row is kept only when every other
 * centroid is farther by more than rounding could move them (see assignRowsHamerly).
 */
export function hamerlyEps(d: number): number {
  return Math.max(1e-12, (d + 8) * 2 ** -50);
}

function distance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  return Math.sqrt(sqDistRow(a, ao, b, bo, d));
}

/** `previous` null: nothing is known about the last move (every row then relies on `half` alone). */
export function hamerlyPass(previous: Float64Array | null, centroids: Float64Array, k: number, d: number, out: Float64Array): HamerlyPass {
  const eps = hamerlyEps(d);
  let maxShift = previous ? 0 : Infinity;
  if (previous) for (let j = 0; j < k; j++) maxShift = Math.max(maxShift, distance(previous, j * d, centroids, j * d, d));
  for (let j = 0; j < k; j++) {
    let nearest = Infinity;
    for (let o = 0; o < k; o++) if (o !== j) nearest = Math.min(nearest, distance(centroids, j * d, centroids, o * d, d));
    out[j] = (nearest / 2) * (1 - eps);
  }
  // Rounded up by the margin and an absolute term (a move of 0 computed as 0 may still be a few ulps).
  return { maxShift: maxShift * (1 + eps) + Number.MIN_VALUE, half: out, eps };
}

// The one squared Euclidean distance of the JS k-means paths (kernel, k-means++, Hamerly's bound
// data): its summation order is what the wasm kernel reproduces bit for bit.
/** Squared distance of row xo to centroid co, accumulated dimension by dimension from 0. */
export function sqDistRow(v: Float64Array, xo: number, c: Float64Array, co: number, d: number): number {
  let dist = 0;
  for (let t = 0; t < d; t++) {
    const a = v[xo + t] - c[co + t];
    dist += a * a;
  }
  return dist;
}

// A spatially coherent relabelling of the points, used by the fused kernel's group bound: points
// are ordered by a k-d split (halve along the widest coordinate until at most `leafSize` remain),
// so each run of consecutive internal indices ("group") is a compact patch of space. The bound
// min_{l ∈ group} D[l][q] is then close to every member's row, and one lower-bound sum can rule
// out a whole group of last medoids at once.

export interface SpatialOrder {
  /** internal index → dataset row. */
  order: Int32Array;
  /** Group boundaries over internal indices: group g is [groups[g], groups[g+1]). */
  groups: Int32Array;
}

export function spatialOrder(values: Float64Array, n: number, d: number, leafSize: number): SpatialOrder {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const bounds: number[] = [0];
  const split = (lo: number, hi: number): void => {
    if (hi - lo <= leafSize) {
      if (hi > lo) bounds.push(hi);
      return;
    }
    let dim = 0;
    let widest = -1;
    for (let j = 0; j < d; j++) {
      let min = Infinity;
      let max = -Infinity;
      for (let t = lo; t < hi; t++) {
        const v = values[order[t] * d + j];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > widest) {
        widest = max - min;
        dim = j;
      }
    }
    // Ties by row index keep the order deterministic.
    order.subarray(lo, hi).sort((a, b) => values[a * d + dim] - values[b * d + dim] || a - b);
    const mid = (lo + hi) >> 1;
    split(lo, mid);
    split(mid, hi);
  };
  split(0, n);
  return { order, groups: Int32Array.from(bounds) };
}

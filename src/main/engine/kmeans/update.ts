// Between passes: reduce the chunk partials in chunk order (the step that makes the answer
// independent of the worker count), then move every centroid to the mean of its cluster.
import type { ChunkPlan } from './chunks.ts';

export interface PassTotals {
  changed: number;
  inertia: number;
}

/**
 * Left fold of the chunk records, chunk 0 first, into `acc` (one record: sums, counts, changed,
 * inertia). Counts and changed are integers, exact in Float64.
 */
export function reducePartials(partials: Float64Array, plan: ChunkPlan, acc: Float64Array): PassTotals {
  const { stride, numChunks } = plan;
  acc.fill(0);
  for (let c = 0; c < numChunks; c++) {
    const base = c * stride;
    for (let t = 0; t < stride; t++) acc[t] += partials[base + t];
  }
  return { changed: acc[stride - 2], inertia: acc[stride - 1] };
}

export interface UpdateInput {
  values: Float64Array;
  n: number;
  d: number;
  k: number;
  labels: Int32Array;
  /** Centroids the labels were assigned with. */
  old: Float64Array;
  /** Reduced record (sums, counts …); modified when empty clusters are re-seeded. */
  acc: Float64Array;
}

/**
 * Writes the new centroids into `out` and returns how many empty clusters were re-seeded.
 *
 * Empty clusters (no row chose them) are re-seeded as scikit-learn does: each empty cluster, in
 * index order, takes the row that is farthest from its own centroid (ties: lowest row index); the
 * row's coordinates leave its old cluster's sums. Rows whose cluster would become empty, and rows
 * already sitting exactly on their centroid, are never taken — so duplicates cannot produce a
 * 0/0 centroid. An empty cluster with no such row keeps its previous centroid.
 */
export function updateCentroids(u: UpdateInput, out: Float64Array): number {
  const { k, d, acc } = u;
  const countBase = k * d;
  let empties: number[] | null = null;
  for (let j = 0; j < k; j++) if (acc[countBase + j] === 0) (empties ??= []).push(j);
  const reseeded = empties ? relocateEmptyClusters(u, empties) : new Set<number>();
  for (let j = 0; j < k; j++) {
    const count = acc[countBase + j];
    for (let t = 0; t < d; t++) {
      out[j * d + t] = count > 0 ? acc[j * d + t] / count : u.old[j * d + t];
    }
  }
  return reseeded.size;
}

function relocateEmptyClusters(u: UpdateInput, empties: number[]): Set<number> {
  const { values, n, d, k, labels, old, acc } = u;
  const countBase = k * d;
  // Squared distance of every row to the centroid it was assigned with. Rare path: one O(n·d) scan.
  const far = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    let dist = 0;
    for (let t = 0; t < d; t++) {
      const a = values[i * d + t] - old[co + t];
      dist += a * a;
    }
    far[i] = dist;
  }
  const reseeded = new Set<number>();
  for (const e of empties) {
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (far[i] <= 0 || acc[countBase + labels[i]] <= 1) continue;
      if (pick < 0 || far[i] > far[pick]) pick = i;
    }
    if (pick < 0) continue;
    far[pick] = -1;
    const from = labels[pick];
    for (let t = 0; t < d; t++) {
      const x = values[pick * d + t];
      acc[from * d + t] -= x;
      acc[e * d + t] = x;
    }
    acc[countBase + from] -= 1;
    acc[countBase + e] = 1;
    reseeded.add(e);
  }
  return reseeded;
}

/** Sum over clusters of the squared centroid movement (scikit-learn's center_shift_tot). */
export function centroidShift(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] - b[i];
    s += x * x;
  }
  return s;
}

/** Mean of the per-feature variances: the data scale the tolerance is relative to. */
export function meanFeatureVariance(values: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const a = values[i * d + t] - mean;
      v += a * a;
    }
    total += v / n;
  }
  return total / d;
}

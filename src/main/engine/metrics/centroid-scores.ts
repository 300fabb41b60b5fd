// Davies–Bouldin and Calinski–Harabasz: O(n·d) scores built from cluster centroids, computed on
// the calling thread (cheap, and trivially the same for every worker count). Formulas and edge
// cases as scikit-learn 1.2's davies_bouldin_score / calinski_harabasz_score.
import type { Dataset } from '../dataset/dataset.ts';
import { clusterCodes, type ClusterCodes } from './cluster-codes.ts';
import type { Labels } from './labels.ts';

/** Row-major k×d centroids of the clusters (mean of each cluster's rows). */
export function centroidsOf(ds: Dataset, cc: ClusterCodes): Float64Array {
  const { d } = ds;
  const k = cc.sizes.length;
  const c = new Float64Array(k * d);
  for (let i = 0; i < ds.n; i++) {
    const o = cc.codes[i] * d;
    for (let t = 0; t < d; t++) c[o + t] += ds.values[i * d + t];
  }
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) c[j * d + t] /= cc.sizes[j];
  return c;
}

function distance(a: Float64Array, ia: number, b: Float64Array, ib: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[ia + t] - b[ib + t];
    s += diff * diff;
  }
  return Math.sqrt(s);
}

/** Lower is better; 0 when every cluster is a single location. */
export function daviesBouldin(ds: Dataset, labels: Labels, cc: ClusterCodes = clusterCodes(ds, labels)): number {
  const { d } = ds;
  const k = cc.sizes.length;
  const cent = centroidsOf(ds, cc);
  const scatter = new Float64Array(k);
  for (let i = 0; i < ds.n; i++) scatter[cc.codes[i]] += distance(ds.values, i * d, cent, cc.codes[i] * d, d);
  for (let j = 0; j < k; j++) scatter[j] /= cc.sizes[j];
  const between = (a: number, b: number) => distance(cent, a * d, cent, b * d, d);
  let allScatterZero = true;
  for (let j = 0; j < k; j++) if (!isCloseToZero(scatter[j])) allScatterZero = false;
  let allCentresEqual = true;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) if (!isCloseToZero(between(a, b))) allCentresEqual = false;
  if (allScatterZero || allCentresEqual) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = -Infinity;
    for (let b = 0; b < k; b++) {
      const dist = between(a, b);
      // sklearn: distance 0 (the cluster itself, or coinciding centres) counts as infinitely far
      const ratio = (scatter[a] + scatter[b]) / (dist === 0 ? Infinity : dist);
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
  return total / k;
}

/** numpy.allclose(x, 0): |x| ≤ atol = 1e-8. */
function isCloseToZero(x: number): boolean {
  return Math.abs(x) <= 1e-8;
}

/** Higher is better: between-cluster over within-cluster dispersion, scaled by degrees of freedom. */
export function calinskiHarabasz(ds: Dataset, labels: Labels, cc: ClusterCodes = clusterCodes(ds, labels)): number {
  const { n, d } = ds;
  const k = cc.sizes.length;
  const cent = centroidsOf(ds, cc);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += ds.values[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  let extra = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (cent[j * d + t] - mean[t]) ** 2;
    extra += cc.sizes[j] * s;
  }
  let intra = 0;
  for (let i = 0; i < n; i++) {
    const o = cc.codes[i] * d;
    for (let t = 0; t < d; t++) intra += (ds.values[i * d + t] - cent[o + t]) ** 2;
  }
  return intra === 0 ? 1 : (extra * (n - k)) / (intra * (k - 1));
}

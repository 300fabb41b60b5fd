// Weka's "classes to clusters" evaluation: the class × cluster table, each cluster given at most
// one class so that the most points agree (Hungarian matching), and the points that then
// disagree counted as misassigned. Clusters left without a class ("no class") count as wrong.
import { contingency, type Contingency } from './contingency.ts';
import { maxWeightAssignment } from './hungarian.ts';
import type { Labels } from './labels.ts';

export interface ConfusionTable {
  /** Class labels (rows), ascending; names when the caller supplied them, else the codes. */
  classes: string[];
  /** Cluster labels (columns), ascending. */
  clusters: number[];
  /** counts[r][c]: points of class r put in cluster c. */
  counts: number[][];
  /** classOfCluster[c] = the row index matched to cluster c, or -1 for "no class". */
  classOfCluster: number[];
  matched: number;
  misassigned: number;
  n: number;
}

export function confusionFromContingency(t: Contingency, classNames?: readonly string[]): ConfusionTable {
  // rows = clusters so the assignment reads cluster → class directly
  const weight = t.clusters.map((_, c) => t.classes.map((_, r) => t.counts[r][c]));
  const classOfCluster = maxWeightAssignment(weight);
  let matched = 0;
  classOfCluster.forEach((r, c) => {
    if (r >= 0) matched += t.counts[r][c];
  });
  return {
    classes: t.classes.map((v) => classNames?.[v] ?? String(v)),
    clusters: t.clusters,
    counts: t.counts.map((r) => r.slice()),
    classOfCluster,
    matched,
    misassigned: t.n - matched,
    n: t.n,
  };
}

/**
 * `truth` holds class codes; `classNames[code]` (optional) names them, as a class column read
 * from text gives them.
 */
export function classesToClusters(truth: Labels, predicted: Labels, classNames?: readonly string[]): ConfusionTable {
  return confusionFromContingency(contingency(truth, predicted), classNames);
}

// Weka's "classes to clusters" evaluation: the class × cluster table, each cluster given at most
// one class so that the most points agree (Hungarian matching), and the points that then
// disagree counted as misassigned. Clusters left without a class ("no class") count as wrong.
import type { ConfusionSummary } from '../../../shared/analysis.ts';
import { contingency, type Contingency } from './contingency.ts';
import { maxWeightAssignment } from './hungarian.ts';
import type { Labels } from './labels.ts';

/** The table records carry (shared/analysis.ts), plus the number of points counted. */
export interface ConfusionTable extends ConfusionSummary {
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

// Engine results → the small summaries records carry (src/shared/analysis.ts).
import type { QualitySummary, SilhouetteSummary, ValidationSummary } from '../../../shared/analysis.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { classesToClusters } from './confusion.ts';
import { externalScores } from './external.ts';
import type { Labels } from './labels.ts';
import { qualityScores } from './quality.ts';
import type { SilhouetteOptions, SilhouetteResult } from './silhouette.ts';

/** Most points a silhouette plot shows (all clusters together). */
export const SILHOUETTE_PROFILE_POINTS = 2000;

/** `labels`: the labeling the silhouette was computed for (to group the points of the plot). */
export function silhouetteSummary(r: SilhouetteResult, labels: Labels, maxPoints = SILHOUETTE_PROFILE_POINTS): SilhouetteSummary {
  return {
    mean: r.mean,
    exact: r.exact,
    n: r.n,
    sampleSize: r.sampleSize,
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    ...(r.ci95 ? { ci95: r.ci95 } : {}),
    perCluster: r.perCluster.map((c) => ({ ...c })),
    profile: profileOf(r, labels, maxPoints),
    workers: r.workers,
    ms: r.ms,
  };
}

/** Per cluster, values high to low, each cluster thinned in proportion to its share. */
function profileOf(r: SilhouetteResult, labels: Labels, maxPoints: number): { label: number; values: number[] }[] {
  const groups = new Map<number, number[]>(r.perCluster.map((c) => [c.label, []]));
  r.points.forEach((p, q) => groups.get(labels[p])!.push(r.values[q]));
  const total = r.points.length;
  return [...groups].map(([label, vs]) => {
    vs.sort((a, b) => b - a);
    const keep = Math.max(1, Math.min(vs.length, Math.round((vs.length / total) * maxPoints)));
    if (keep === vs.length) return { label, values: vs };
    // evenly spaced ranks, first and last kept: the shape of the sorted curve survives
    return { label, values: Array.from({ length: keep }, (_, i) => vs[Math.round((i * (vs.length - 1)) / Math.max(1, keep - 1))]) };
  });
}

export async function qualitySummary(ds: Dataset, labels: Labels, opts: SilhouetteOptions = {}): Promise<QualitySummary> {
  const q = await qualityScores(ds, labels, opts);
  return { silhouette: silhouetteSummary(q.silhouette, labels), daviesBouldin: q.daviesBouldin, calinskiHarabasz: q.calinskiHarabasz };
}

export interface KnownClasses {
  column: string;
  /** Class code per row, −1 = no class (left out). */
  codes: ArrayLike<number>;
  names: readonly string[];
}

export function validationSummary(classes: KnownClasses, labels: Labels): ValidationSummary {
  if (classes.codes.length !== labels.length) throw new RangeError(`${classes.codes.length} class values for ${labels.length} labels`);
  const truth: number[] = [];
  const pred: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (classes.codes[i] < 0) continue;
    truth.push(classes.codes[i]);
    pred.push(labels[i]);
  }
  if (truth.length === 0) throw new RangeError(`the class column "${classes.column}" is empty on every row`);
  const s = externalScores(truth, pred);
  const t = classesToClusters(truth, pred, classes.names);
  return {
    classColumn: classes.column,
    n: truth.length,
    leftOut: labels.length - truth.length,
    ari: s.ari,
    nmi: s.nmi,
    homogeneity: s.homogeneity,
    completeness: s.completeness,
    vMeasure: s.vMeasure,
    purity: s.purity,
    confusion: { classes: t.classes, clusters: t.clusters, counts: t.counts, classOfCluster: t.classOfCluster, matched: t.matched, misassigned: t.misassigned },
  };
}

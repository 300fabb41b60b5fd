// External validation: how well a clustering reproduces known classes. Formulas and edge cases
// follow scikit-learn 1.2 (sklearn.metrics.cluster._supervised) so the numbers can be compared.
import { contingency, type Contingency } from './contingency.ts';
import type { Labels } from './labels.ts';

export interface ExternalScores {
  n: number;
  classes: number;
  clusters: number;
  ari: number;
  /** Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default). */
  nmi: number;
  /** Mutual information in nats. */
  mi: number;
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  purity: number;
}

/**
 * Adjusted Rand index from the pair confusion (ordered pairs, as sklearn's
 * pair_confusion_matrix). BigInt keeps tp·tn − fn·fp exact for any N a dataset can have.
 */
export function adjustedRandFromContingency(t: Contingency): number {
  const n = BigInt(t.n);
  let sumSquares = 0n;
  for (const r of t.counts) for (const x of r) sumSquares += BigInt(x) * BigInt(x);
  let rowSq = 0n;
  for (const a of t.rowSums) rowSq += BigInt(a) * BigInt(a);
  let colSq = 0n;
  for (const b of t.colSums) colSq += BigInt(b) * BigInt(b);
  const tp = sumSquares - n;
  const fp = colSq - sumSquares; // together in the clustering, apart in the classes
  const fn = rowSq - sumSquares; // together in the classes, apart in the clustering
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0n && fp === 0n) return 1; // full agreement (also: empty or one point)
  const num = 2n * (tp * tn - fn * fp);
  const den = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
  return Number(num) / Number(den);
}

/** Shannon entropy (nats) of a vector of counts; 0 for a single non-empty group. */
export function entropyOfCounts(counts: readonly number[]): number {
  const nz = counts.filter((c) => c > 0);
  if (nz.length <= 1) return 0;
  const total = nz.reduce((s, c) => s + c, 0);
  const logTotal = Math.log(total);
  let h = 0;
  for (const c of nz) h -= (c / total) * (Math.log(c) - logTotal);
  return h;
}

/** Mutual information (nats) of the two labelings behind a contingency table. */
export function mutualInformation(t: Contingency): number {
  if (t.rowSums.length <= 1 || t.colSums.length <= 1) return 0;
  const logN = Math.log(t.n);
  let mi = 0;
  for (let r = 0; r < t.counts.length; r++) {
    for (let c = 0; c < t.colSums.length; c++) {
      const x = t.counts[r][c];
      if (x === 0) continue;
      const p = x / t.n;
      // sklearn's term order: log(x) − log(n) + (−log(a·b) + 2·log(n)); tiny terms dropped as it does
      const term = p * (Math.log(x) - logN) + p * (-Math.log(t.rowSums[r] * t.colSums[c]) + logN + logN);
      mi += Math.abs(term) < Number.EPSILON ? 0 : term;
    }
  }
  return Math.max(0, mi);
}

export function externalScores(truth: Labels, predicted: Labels): ExternalScores {
  const t = contingency(truth, predicted);
  return scoresFromContingency(t);
}

export function scoresFromContingency(t: Contingency): ExternalScores {
  const R = t.classes.length;
  const C = t.clusters.length;
  const mi = mutualInformation(t);
  const hTrue = entropyOfCounts(t.rowSums);
  const hPred = entropyOfCounts(t.colSums);
  let nmi: number;
  if ((R === 1 && C === 1) || (R === 0 && C === 0)) nmi = 1;
  else if (mi === 0) nmi = 0;
  else nmi = mi / ((hTrue + hPred) / 2);
  const homogeneity = t.n === 0 ? 1 : hTrue ? mi / hTrue : 1;
  const completeness = t.n === 0 ? 1 : hPred ? mi / hPred : 1;
  const vMeasure =
    homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  let majority = 0;
  for (let c = 0; c < C; c++) {
    let best = 0;
    for (let r = 0; r < R; r++) best = Math.max(best, t.counts[r][c]);
    majority += best;
  }
  return {
    n: t.n,
    classes: R,
    clusters: C,
    ari: adjustedRandFromContingency(t),
    nmi,
    mi,
    homogeneity,
    completeness,
    vMeasure,
    purity: t.n === 0 ? 1 : majority / t.n,
  };
}

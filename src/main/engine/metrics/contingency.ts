// Contingency table of two labelings: counts[r][c] = points with class r and cluster c.
import { checkSameLength, encodeLabels, type Labels } from './labels.ts';

export interface Contingency {
  /** Original class labels, ascending (row order). */
  classes: number[];
  /** Original cluster labels, ascending (column order). */
  clusters: number[];
  /** Row-major classes.length × clusters.length counts. */
  counts: number[][];
  rowSums: number[];
  colSums: number[];
  n: number;
}

export function contingency(truth: Labels, predicted: Labels): Contingency {
  checkSameLength(truth, predicted);
  const t = encodeLabels(truth, 'classes');
  const p = encodeLabels(predicted, 'clusters');
  const R = t.values.length;
  const C = p.values.length;
  const counts = Array.from({ length: R }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < t.codes.length; i++) counts[t.codes[i]][p.codes[i]]++;
  const rowSums = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const colSums = new Array<number>(C).fill(0);
  for (const r of counts) for (let c = 0; c < C; c++) colSums[c] += r[c];
  return { classes: t.values, clusters: p.values, counts, rowSums, colSums, n: t.codes.length };
}

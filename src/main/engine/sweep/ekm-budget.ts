// Which k values an EKM sweep runs: those whose runtime estimate (estimate.ts: every medoid set
// summed in full on one worker, from a calibrated ns per term — not an upper bound: real unpruned runs
// were measured up to ~2x above it, while pruning usually cuts the real time far below it) is within the budget and that EKM does not refuse.
// The others are listed with their estimate and the reason, so nothing is left out silently. The
// estimate is computed once per process, so the choice is the same for every worker count.
import type { SweepSkipped } from '../../../shared/analysis.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { estimateEkm } from '../ekm/index.ts';
import { ekmSweepParams } from './cluster-one.ts';

export function ekmSweepPlan(ds: Dataset, ks: readonly number[], budgetS: number): { run: number[]; skipped: SweepSkipped[] } {
  const run: number[] = [];
  const skipped: SweepSkipped[] = [];
  const budgetMs = budgetS * 1000;
  for (const k of ks) {
    const est = estimateEkm(ds, ekmSweepParams(k, ds.n));
    const over = est.estimatedMs > budgetMs;
    if (est.refuse === null && !over) {
      run.push(k);
      continue;
    }
    const reason = est.refuse ?? `estimated at ~${seconds(est.estimatedMs)} unpruned on one worker (${est.combinations.toExponential(2)} medoid sets), above the budget of ${seconds(budgetMs)} per k`;
    skipped.push({ k, combinations: est.combinations, estimatedMs: est.estimatedMs, reason });
  }
  return { run, skipped };
}

function seconds(ms: number): string {
  // Fixed-point always (toPrecision would print 1940 s as "1.94e+3 s").
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s < 100 ? s.toFixed(s < 10 ? 2 : 1) : Math.round(s)} s`;
}

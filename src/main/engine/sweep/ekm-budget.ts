// Which k values an EKM sweep runs: those whose runtime estimate (estimate.ts, an upper bound —
// every medoid set summed in full, one worker) is within the budget and that EKM does not refuse.
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
    const reason = est.refuse ?? `estimated up to ${seconds(est.estimatedMs)} on one worker (${est.combinations.toExponential(2)} medoid sets), above the budget of ${seconds(budgetMs)} per k`;
    skipped.push({ k, combinations: est.combinations, estimatedMs: est.estimatedMs, reason });
  }
  return { run, skipped };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toPrecision(3)} s`;
}

// The run's certificate: what the search decided, summed over its tasks, and what that proves.
import type { EkmProof } from '../../../shared/types.ts';
import type { SearchCounts } from './evaluator.ts';

interface TaskTotals {
  evaluated: number;
  abandoned: number;
  counts: SearchCounts;
  dual?: { bound: number; margin: number; iterations: number };
}

/** Every task of a run solves the same dual (kernels.ts dualFor): report the first. */
function dualPart(reports: TaskTotals[]): Pick<EkmProof, 'dualBound' | 'dualIterations'> {
  const d = reports.find((r) => r.dual)?.dual;
  return d ? { dualBound: d.bound - d.margin, dualIterations: d.iterations } : {};
}

/**
 * The run's proof. A complete search decided every set — each summed to a cost ≥ the answer's or
 * ruled out by a bound above it — so the answer's cost is also a lower bound: gap 0. A search
 * stopped at its time limit proves only min(answer, dual bound): every undecided set costs at
 * least the dual bound (0 without one, as costs are sums of distances).
 */
export function buildProof(reports: TaskTotals[], totalSets: number, cost: number, incumbentCost: number | null, complete: boolean): EkmProof {
  let evaluated = 0;
  let abandoned = 0;
  let resummed = 0;
  let subtrees = 0;
  let inSubtrees = 0;
  for (const r of reports) {
    evaluated += r.evaluated;
    abandoned += r.abandoned;
    resummed += r.counts.resummed;
    subtrees += r.counts.subtreesPruned;
    inSubtrees += r.counts.setsInPrunedSubtrees;
  }
  const dual = dualPart(reports);
  const lowerBound = complete ? cost : Math.min(cost, Math.max(0, dual.dualBound ?? 0));
  return {
    totalSets,
    setsVisited: evaluated - inSubtrees,
    setsSummedInFull: evaluated - abandoned,
    tiesResummed: resummed,
    subtreesPruned: subtrees,
    setsInPrunedSubtrees: inSubtrees,
    ...(incumbentCost !== null ? { incumbentCost } : {}),
    ...dual,
    lowerBound,
    gap: cost - lowerBound,
    complete,
  };
}

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
 * A complete search decided all `total` sets, each either summed to a cost ≥ the answer's or ruled
 * out by a bound above it, so the answer's cost is also a lower bound: gap 0.
 */
export function completeProof(reports: TaskTotals[], cost: number, incumbentCost: number | null): EkmProof {
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
  const visited = evaluated - inSubtrees;
  return {
    setsVisited: visited,
    setsSummedInFull: evaluated - abandoned,
    tiesResummed: resummed,
    subtreesPruned: subtrees,
    setsInPrunedSubtrees: inSubtrees,
    ...(incumbentCost !== null ? { incumbentCost } : {}),
    ...dualPart(reports),
    lowerBound: cost,
    gap: 0,
    complete: true,
  };
}

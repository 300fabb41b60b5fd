// The machine ceiling of a scaling experiment: P fully independent single-worker runs, started at
// once on P pool workers. Shared caches, memory bandwidth and a noisy host keep them from all
// running at full speed on real machines, and a parallel driver cannot be expected to do better
// than jobs that share nothing.
//
//   ceiling(P)   = P × median(serial cell) / median(P runs at once)
//                  the speedup over the experiment's serial reference that P independent runs reach
//                  together, in the same units as the measured speedups (so both share one chart);
//   of ceiling   = speedup / ceiling(P) = median(P runs at once) / (P × median(P-worker run))
//                  which no longer depends on the reference: for EKM, whose serial driver runs in the
//                  calling thread while the copies are 1-worker pool runs, the two baselines cancel.
import type { ExperimentCell } from '../../../shared/types.ts';
import { median } from './stats.ts';

/** One timed run of a round: a cell's run on `workers`, or `copies` single-worker runs at once. */
export type RoundEntry = { kind: 'cell'; workers: number } | { kind: 'copies'; copies: number };

/** Copy counts a ceiling needs: every P ≥ 2 of the grid. */
export function ceilingCopyCounts(workers: number[]): number[] {
  return workers.filter((w) => w >= 2);
}

/** Every round's runs before rotation: the worker counts, then (if asked) the ceiling runs. */
export function roundEntries(workers: number[], ceiling: boolean): RoundEntry[] {
  const cells: RoundEntry[] = workers.map((w) => ({ kind: 'cell', workers: w }));
  const copies: RoundEntry[] = (ceiling ? ceilingCopyCounts(workers) : []).map((c) => ({ kind: 'copies', copies: c }));
  return [...cells, ...copies];
}

/** P × median(serial) / median(P runs at once). */
export function ceilingSpeedup(copies: number, serialMs: number[], togetherMs: number[]): number {
  return (copies * median(serialMs)) / median(togetherMs);
}

type CeilingFields = Pick<ExperimentCell, 'ceilingSpeedup' | 'ofCeiling' | 'ceilingTimesMs'>;

/**
 * The ceiling fields of the cell on `workers` (measured `speedup`): P copies are shown on the cell
 * of P workers; empty where nothing was measured for that cell.
 */
export function ceilingFields(workers: number, speedup: number, serialMs: number[], togetherMs: number[]): CeilingFields {
  if (workers < 2 || !togetherMs.length || !serialMs.length) return {};
  const ceiling = ceilingSpeedup(workers, serialMs, togetherMs);
  return { ceilingSpeedup: ceiling, ofCeiling: speedup / ceiling, ceilingTimesMs: togetherMs };
}

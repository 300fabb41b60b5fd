// The machine ceiling of a scaling experiment: what P fully independent single-worker runs, started
// at once on P pool workers, gain over one such run alone. Shared caches, memory bandwidth and a
// noisy host keep that below P on real machines; a parallel driver cannot be expected to beat it,
// so speedup ÷ ceiling is the share of the machine's parallel capacity the driver uses.
import type { ExperimentCell } from '../../../shared/types.ts';
import { median } from './stats.ts';

/** One timed run of a round: a cell's run on `workers`, or `copies` single-worker runs at once. */
export type RoundEntry = { kind: 'cell'; workers: number } | { kind: 'copies'; copies: number };

/** Copy counts a ceiling needs: 1 (the reference) and every P ≥ 2 of the grid; none without a P ≥ 2. */
export function ceilingCopyCounts(workers: number[]): number[] {
  const wide = workers.filter((w) => w >= 2);
  return wide.length ? [1, ...wide] : [];
}

/** Every round's runs before rotation: the worker counts, then (if asked) the ceiling runs. */
export function roundEntries(workers: number[], ceiling: boolean): RoundEntry[] {
  const cells: RoundEntry[] = workers.map((w) => ({ kind: 'cell', workers: w }));
  const copies: RoundEntry[] = (ceiling ? ceilingCopyCounts(workers) : []).map((c) => ({ kind: 'copies', copies: c }));
  return [...cells, ...copies];
}

/**
 * The cell whose row shows a ceiling run: P copies on the cell of P workers, the lone reference
 * copy on the serial cell (the reference row of every ratio).
 */
export function cellOfCopies(copies: number): number {
  return copies === 1 ? 0 : copies;
}

/** The inverse: which ceiling run the cell of `workers` shows (none on the 1-worker cell). */
export function copiesShownOn(workers: number): number | null {
  if (workers === 1) return null;
  return workers === 0 ? 1 : workers;
}

/** P × median(one run alone) / median(P runs at once). */
export function ceilingSpeedup(copies: number, soloMs: number[], togetherMs: number[]): number {
  return (copies * median(soloMs)) / median(togetherMs);
}

type CeilingFields = Pick<ExperimentCell, 'ceilingSpeedup' | 'ofCeiling' | 'ceilingTimesMs'>;

/**
 * The ceiling fields of the cell on `workers` (measured `speedup`), given the group's ceiling
 * times by copy count; empty where nothing was measured for that cell.
 */
export function ceilingFields(workers: number, speedup: number, timesOfCopies: (copies: number) => number[]): CeilingFields {
  const copies = copiesShownOn(workers);
  const own = copies === null ? [] : timesOfCopies(copies);
  if (!own.length) return {};
  const solo = timesOfCopies(1);
  if (workers === 0 || !solo.length) return { ceilingTimesMs: own };
  const ceiling = ceilingSpeedup(workers, solo, own);
  return { ceilingSpeedup: ceiling, ofCeiling: speedup / ceiling, ceilingTimesMs: own };
}

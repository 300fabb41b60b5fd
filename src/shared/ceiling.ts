// How the machine ceiling of an experiment is described wherever it is shown: CLI tables, the HTML
// report and the app. (The engine measures it: src/main/engine/scaling/ceiling.ts.)
import type { ExperimentResult, ExperimentSpec } from './types.ts';

/** What the machine ceiling measures, in words. */
export function ceilingDefinition(algorithm: ExperimentSpec['algorithm']): string {
  const run = algorithm === 'ekm' ? '1-worker pool run' : 'serial run';
  const base = `ceiling = P × median(one ${run} alone) / median(P such runs started at once on P workers, until all finish)`;
  // EKM's workers = 0 runs in the calling thread: copies of it could not run side by side.
  return algorithm === 'ekm' ? `${base}; relative to the 1-worker pool run, as EKM's serial driver runs in the calling thread` : base;
}

/** Whether any cell carries a measured machine ceiling. */
export function hasCeiling(result: ExperimentResult): boolean {
  return result.cells.some((c) => c.ceilingSpeedup !== undefined);
}

/** A share of the ceiling as a percentage, e.g. "93.4 %" ("—" when not measured). */
export function formatOfCeiling(ofCeiling: number | undefined): string {
  return ofCeiling === undefined || !Number.isFinite(ofCeiling) ? '—' : `${(ofCeiling * 100).toFixed(1)} %`;
}

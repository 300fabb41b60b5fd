// How the machine ceiling of an experiment is described wherever it is shown: CLI tables, the HTML
// report and the app. (The engine measures it: src/main/engine/scaling/ceiling.ts.)
import type { ExperimentResult, ExperimentSpec } from './types.ts';

/** What the machine ceiling measures, in words. */
export function ceilingDefinition(algorithm: ExperimentSpec['algorithm']): string {
  // EKM's workers = 0 runs in the calling thread, so copies of it could not run side by side.
  const copy = algorithm === 'ekm' ? '1-worker pool runs' : 'serial runs';
  return (
    `ceiling = P × median(serial) / median(P ${copy} started at once on P workers, until all finish): ` +
    'the speedup P jobs that share nothing reach together; of ceiling = speedup / ceiling'
  );
}

/**
 * Workers of the cell that is one ceiling copy (the ceiling line's P = 1 point): the serial driver
 * for k-means, the 1-worker pool run for EKM.
 */
export function singleCopyWorkers(algorithm: ExperimentSpec['algorithm']): number {
  return algorithm === 'ekm' ? 1 : 0;
}

/** Whether any cell carries a measured machine ceiling. */
export function hasCeiling(result: ExperimentResult): boolean {
  return result.cells.some((c) => c.ceilingSpeedup !== undefined);
}

/** A share of the ceiling as a percentage, e.g. "93.4 %" ("—" when not measured). */
export function formatOfCeiling(ofCeiling: number | undefined): string {
  return ofCeiling === undefined || !Number.isFinite(ofCeiling) ? '—' : `${(ofCeiling * 100).toFixed(1)} %`;
}

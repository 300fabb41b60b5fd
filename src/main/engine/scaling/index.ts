// Public API of the scaling engine: experiment grids, answer checks, scaling-law fits, tables.
export {
  defaultWorkerGrid,
  normalizeSpec,
  roundOrder,
  runExperiment,
  MAX_EXPERIMENT_WORKERS,
  type CellRunner,
  type ExperimentOptions,
  type ExperimentProgress,
} from './experiment.ts';
export { ceilingCopyCounts, ceilingSpeedup, type RoundEntry } from './ceiling.ts';
export { compareAnswers, COST_RELATIVE_TOLERANCE, type CellAnswer } from './answers.ts';
export {
  amdahlSpeedup,
  fitAmdahl,
  fitGustafson,
  fitLinearRuntime,
  fitPowerRuntime,
  gustafsonSpeedup,
  predictRuntime,
  predictSpeedup,
  type RuntimePoint,
  type SpeedupPoint,
} from './fits.ts';
export { checkSizes, seededPermutation, subsample } from './subsample.ts';
export { formatExperimentTables, type TableOptions } from './tables.ts';
export { ekmRunner, kmeansRunner } from './runners.ts';

// Domain types shared by engine, services, transports and renderer.
// Plain data only (structured-clone and JSON safe) so they cross IPC, WebSocket and reports.
import type { QualitySummary, ValidationSummary } from './analysis.ts';
import type { ClusterProfiles } from './profiles.ts';

/** Machine facts recorded with every timed result (design principle: measure like a scientist). */
export interface MachineFacts {
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  os: string;
  node: string;
  v8: string;
  electron: string | null;
  appVersion: string;
}

export type ColumnType = 'numeric' | 'text' | 'mixed' | 'empty';

export interface ColumnReport {
  index: number;
  name: string;
  type: ColumnType;
  /** Values counted as missing: empty, NA, NaN, ?, null … */
  missing: number;
  numericCount: number;
  /** For `mixed` columns: the first value that is not a number, and its 1-based line in the file. */
  firstOffending?: { value: string; line: number };
  min?: number;
  max?: number;
  mean?: number;
  /** Cells holding Infinity / -Infinity (numeric, but never usable as a feature value). */
  nonFinite?: number;
}

export type MissingPolicy = 'drop' | 'mean-impute';
export type ScalingMode = 'none' | 'zscore' | 'minmax';

export interface LoadOptions {
  /** Feature columns by name; default: every numeric column. */
  features?: string[];
  missing?: MissingPolicy;
  scaling?: ScalingMode;
  /** Force header detection; default: auto. */
  header?: boolean;
  /** Force delimiter; default: auto among , ; tab. */
  delimiter?: string;
  /** Fraction of rows that may have the wrong field count before the file is rejected. */
  raggedTolerance?: number;
  /** 'skip': rows with the wrong field count are skipped whatever their share (default 'fail' beyond raggedTolerance). */
  badRows?: BadRowsPolicy;
  /** ',': numbers are written with a decimal comma ("1,5"); '.' is then not a decimal point. Default '.'. */
  decimal?: DecimalMark;
  /** Default features only: leave out id-like columns (named id, or unique increasing integers), with a warning. The app sets it. */
  skipIdColumns?: boolean;
}

export type BadRowsPolicy = 'fail' | 'skip';
export type DecimalMark = '.' | ',';

/** What the renderer and reports know about a loaded dataset (no bulk data). */
export interface DatasetSummary {
  id: string;
  name: string;
  path: string;
  /** sha256 of the file bytes, for provenance. */
  hash: string;
  bytes: number;
  delimiter: string;
  hasHeader: boolean;
  /** Rows in the file (data rows, header excluded). */
  totalRows: number;
  /** Rows kept in the numeric dataset. */
  rows: number;
  droppedRows: number;
  imputedValues: number;
  raggedRows: number;
  /** File lines of the first skipped rows with the wrong field count (at most 10). */
  raggedLines?: number[];
  columns: ColumnReport[];
  features: string[];
  scaling: ScalingMode;
  missing: MissingPolicy;
  /** First rows as raw strings, header excluded. */
  preview: string[][];
  warnings: string[];
  loadMs: number;
  /** Text encoding the file was read with: 'utf-8', 'windows-1252' (Latin-1), 'utf-16le' … */
  encoding?: string;
  /** Whether delimiter / header were detected (true) or forced by options (false). */
  detected?: { delimiter: boolean; header: boolean };
  /** How features were scaled, per feature: scaled = (raw - offset) / factor (undo it for original units). */
  featureScaling?: { offset: number[]; factor: number[] };
}

export type Algorithm = 'kmeans' | 'ekm' | 'pam';
export type KMeansInit = 'random' | 'kmeans++' | 'given';
export type StopReason = 'changed-fraction' | 'tolerance' | 'max-iterations' | 'converged';

export interface KMeansParams {
  k: number;
  init: KMeansInit;
  /** Row-major k×d, only for init = 'given'. */
  initialCentroids?: number[][];
  nInit: number;
  seed: number;
  /** Stop when fewer than this fraction of points change cluster (seed paper: 0.01). */
  changedFraction: number;
  /** Stop when the total squared centroid shift is ≤ tolerance × mean feature variance (scikit-learn's rule); 0 = off. */
  tolerance: number;
  maxIterations: number;
  /** 0 = serial driver (one worker); P ≥ 1 = parallel driver with P workers; 'auto' picks. */
  workers: number | 'auto';
}

export interface IterationRecord {
  iteration: number;
  changed: number;
  changedFraction: number;
  inertia: number;
  elapsedMs: number;
}

export interface KMeansResult {
  algorithm: 'kmeans';
  params: KMeansParams;
  labels: Int32Array | number[];
  centroids: number[][];
  inertia: number;
  iterations: number;
  stopReason: StopReason;
  history: IterationRecord[];
  /** Effective number of workers (0 = serial driver). */
  workers: number;
  timings: { totalMs: number; initMs: number; iterateMs: number; perIterationMs: number };
  /** Restart index that produced the result when nInit > 1. */
  bestRestart: number;
  /** Passes over the data, all restarts (iterations + one final labelling pass per restart unless converged). */
  passes?: number;
  /** Starting centroids of the best restart (provenance; feed them back with init 'given'). */
  initialCentroids?: number[][];
  /**
   * Warnings about the result, as scikit-learn gives them: clusters empty after the run, fewer
   * distinct points than k. Empty when there is nothing to say.
   */
  warnings: string[];
}

export type Distance = 'sqeuclidean' | 'euclidean' | 'manhattan';
export type EkmVariant = 'sequential' | 'split' | 'gen1' | 'gen2' | 'tree' | 'fused';

export interface EkmParams {
  k: number;
  variant: EkmVariant;
  distance: Distance;
  workers: number;
  /** Partition (leaf) length L for the tree variant. */
  leafLength?: number;
  /** Refuse above this many size-k combinations unless force. */
  maxCombinations?: number;
  force?: boolean;
  /** Tree variant: number of leaves instead of a leaf length (leafLength wins when both are set). */
  leafCount?: number;
  /** Tree variant: neighbours merged per level (default 2, pairwise; see plan.ts). */
  mergeArity?: number;
  /** Exactness-preserving pruning (early abandon against the best cost, PAM as first bound); default true. */
  prune?: boolean;
  /** 'auto': precompute the n×n distance matrix when it fits the memory budget; 'never': rows on demand. */
  distanceMatrix?: 'auto' | 'never';
  /** Memory budget of the distance matrix in bytes (default: 1 GiB or a quarter of RAM); above it rows are computed on demand. */
  matrixBudgetBytes?: number;
  /**
   * Fused variant: stop the search after this many seconds and return the best set found with
   * its proven gap (result.proof) instead of running to the end.
   */
  timeLimitS?: number;
}

export interface TreeNodeTiming {
  id: number;
  kind: 'gen' | 'merge' | 'eval';
  label: string;
  workerId: number;
  startMs: number;
  endMs: number;
  children: number[];
}

export interface EkmResult {
  algorithm: 'ekm' | 'pam';
  params: EkmParams;
  medoids: number[];
  medoidCoordinates: number[][];
  labels: Int32Array | number[];
  cost: number;
  combinationsEvaluated: number;
  timings: { totalMs: number; matrixMs?: number; boundMs?: number; searchMs?: number };
  timeline: TreeNodeTiming[];
  /** EKM: combinations dropped early by exact pruning (included in combinationsEvaluated). */
  combinationsAbandoned?: number;
  /** PAM: SWAP iterations run. */
  iterations?: number;
  /** EKM: what the exact search did and what it proved (a certificate a user can read). */
  proof?: EkmProof;
}

/**
 * What an EKM search decided. Every one of the C(N, K) medoid sets is either summed (in full or
 * until its partial sum rules it out) or ruled out inside a pruned subtree, never both.
 */
export interface EkmProof {
  /** C(N, K): all medoid sets. */
  totalSets: number;
  /** Sets reached one by one (summed in full or abandoned part-way). */
  setsVisited: number;
  /** Of those, summed to the last point. */
  setsSummedInFull: number;
  /** Sets that stopped on a tie with the best and were summed again because they could still win the tie rule. */
  tiesResummed: number;
  /** Subtrees (groups of completions of a partial set) ruled out by one lower bound each. */
  subtreesPruned: number;
  /** Sets inside those subtrees, never visited one by one. */
  setsInPrunedSubtrees: number;
  /** Cost of the starting incumbent (PAM), when pruning used one. */
  incumbentCost?: number;
  /** Lagrangian searches: the dual bound (minus its rounding margin), valid for every set, and its subgradient steps. */
  dualBound?: number;
  dualIterations?: number;
  /**
   * Proven lower bound on the optimal cost. Equals `cost` when the search decided every set
   * (then `gap` is 0 and `cost` is proven optimal); below it when the search stopped early.
   */
  lowerBound: number;
  /** cost − lowerBound (0: optimal). */
  gap: number;
  /** True when every set was decided. */
  complete: boolean;
}

export interface ProgressEvent {
  jobId: string;
  phase: string;
  /** 0..1 or null when unknown. */
  fraction: number | null;
  message: string;
  elapsedMs: number;
  etaMs: number | null;
  /** Algorithm-specific live values (iteration record, best cost …). */
  detail?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Experiments (serial vs parallel, core scaling) — see src/main/engine/scaling.

export interface ExperimentSpec {
  algorithm: 'kmeans' | 'ekm';
  /**
   * Parameters of every cell as the user gave them (the contract and the CLI leave most optional;
   * the engine fills in its defaults per cell); `workers` and `k` are overridden per cell.
   */
  kmeans?: Partial<KMeansParams> & { k: number };
  ekm?: Partial<EkmParams> & { k: number };
  /** Worker counts; 0 means the plain serial driver (the speedup reference). */
  workers: number[];
  /** Dataset sizes (subsamples, seeded); empty = the whole dataset. */
  sizes: number[];
  /** Values of k; empty = params.k. */
  ks: number[];
  repeats: number;
  warmup: boolean;
  seed: number;
  /** Sizes above the dataset's row count are an error unless this allows drawing with replacement. */
  withReplacement?: boolean;
  /**
   * Also measure the machine ceiling (default false): in every round, for each P ≥ 2, P identical
   * single-worker runs started at once on P workers. See ExperimentCell.ceilingSpeedup.
   */
  ceiling?: boolean;
}

export interface ExperimentCell {
  n: number;
  k: number;
  /** 0 = serial driver. */
  workers: number;
  /** Wall times of every repeat, in run order. */
  timesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** serial median / this median (1 for the serial cell itself). */
  speedup: number;
  /** speedup / max(1, workers). */
  efficiency: number;
  /** Whether this cell's answer (and its ceiling runs' answers) equals the serial answer (labels / medoids, cost). */
  answerMatches: boolean;
  answerNote?: string;
  /**
   * Machine ceiling, on cells with workers ≥ 2 when the spec asked for it:
   * P × median(serial cell) / median(P single-worker runs started at once on P workers, until the
   * last one ends): the speedup P fully independent jobs reach together on this machine, in the
   * units of `speedup`. For EKM the copies are 1-worker pool runs (workers = 0 runs in the calling
   * thread, so copies of it could not run side by side).
   */
  ceilingSpeedup?: number;
  /**
   * speedup / ceilingSpeedup = T(P runs at once) / (P × T(this run)): the share of the machine's
   * parallel capacity the parallel run uses (independent of the serial reference).
   */
  ofCeiling?: number;
  /** Wall times of the ceiling runs (P single-worker runs at once, P = workers ≥ 2), in run order. */
  ceilingTimesMs?: number[];
}

export interface AmdahlFit {
  /** Estimated parallel fraction p in S(P) = 1 / ((1 - p) + p / P). */
  parallelFraction: number;
  rmse: number;
}

export interface GustafsonFit {
  /** Estimated serial fraction s in S(P) = P - s (P - 1). */
  serialFraction: number;
  rmse: number;
}

export interface RuntimeModel {
  /** linear: t = a·n + b; power: t = a·n^b (ms). */
  kind: 'linear' | 'power';
  a: number;
  b: number;
  r2: number;
}

export interface ExperimentGroupFit {
  n: number;
  k: number;
  amdahl: AmdahlFit | null;
  gustafson: GustafsonFit | null;
}

export interface ExperimentRuntimeModels {
  k: number;
  workers: number;
  linear: RuntimeModel | null;
  power: RuntimeModel | null;
}

export interface ExperimentResult {
  spec: ExperimentSpec;
  cells: ExperimentCell[];
  fits: ExperimentGroupFit[];
  runtimeModels: ExperimentRuntimeModels[];
  /** Cells whose answer differed from serial, as readable sentences. */
  mismatches: string[];
  totalMs: number;
  cancelled: boolean;
  /** Worker counts above this (the logical cores) were capped to it in the Amdahl/Gustafson fits. */
  fitWorkerCap?: number;
}

// ---------------------------------------------------------------------------------------------
// Records: what history persists and what the JSON report writes (one schema for both).

export interface DatasetRef {
  name: string;
  path: string;
  hash: string;
  rows: number;
  d: number;
  features: string[];
  scaling: ScalingMode;
}

export interface RecordBase {
  schemaVersion: 1;
  id: string;
  createdAt: string;
  title: string;
  dataset: DatasetRef;
  machine: MachineFacts;
  /** In memory only: set when the history write failed, so the user knows it was not kept. */
  saveWarning?: string;
}

/** Results inside records carry labels as plain arrays (JSON). */
export type StoredKMeansResult = Omit<KMeansResult, 'labels'> & { labels: number[] };
export type StoredEkmResult = Omit<EkmResult, 'labels'> & { labels: number[] };

export interface RunRecord extends RecordBase {
  kind: 'run';
  result: StoredKMeansResult | StoredEkmResult;
  /** For EKM runs: the heuristic (PAM) result on the same data, for the optimality gap. */
  heuristic?: StoredEkmResult;
  /** Internal quality of `result`'s clustering (silhouette, Davies–Bouldin, Calinski–Harabasz). */
  quality?: QualitySummary;
  /** Agreement of `result`'s clustering with a class column of the CSV. */
  validation?: ValidationSummary;
  /** Per cluster and feature: size, mean, sd, quartiles, in the CSV's original units. */
  profiles?: ClusterProfiles;
}

export interface ExperimentRecord extends RecordBase {
  kind: 'experiment';
  experiment: ExperimentResult;
}

export type WorkbenchRecord = RunRecord | ExperimentRecord;

/**
 * A result as clients (renderer, web page) receive it: the per-row labels stay on the host — a
 * 10⁶-row run's labels were a 2 MB message the page froze on — and the page gets the cluster sizes
 * here and a display sample of labelled points through `dataset:points`.
 */
export type ResultView<R extends { labels: unknown }> = Omit<R, 'labels'> & {
  /** Rows per cluster, indexed by cluster. */
  clusterSizes: number[];
};

export interface RunRecordView extends Omit<RunRecord, 'result' | 'heuristic'> {
  result: ResultView<StoredKMeansResult> | ResultView<StoredEkmResult>;
  heuristic?: ResultView<StoredEkmResult>;
}

/** What the contract returns for a record; the full record (labels included) is in history and reports. */
export type RecordView = RunRecordView | ExperimentRecord;

// Domain types shared by engine, services, transports and renderer.
// Plain data only (structured-clone and JSON safe) so they cross IPC, WebSocket and reports.

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
}

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
  columns: ColumnReport[];
  features: string[];
  scaling: ScalingMode;
  missing: MissingPolicy;
  /** First rows as raw strings, header excluded. */
  preview: string[][];
  warnings: string[];
  loadMs: number;
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
  /** Stop when the largest centroid shift relative to data scale is below this. */
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
  timings: { totalMs: number };
  timeline: TreeNodeTiming[];
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

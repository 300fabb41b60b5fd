// What records, reports and the UI know about a clustering's quality and its agreement with
// known classes (small, JSON-safe summaries; the engine's full results stay in the main process).
import type { DatasetRef, MachineFacts } from './types.ts';

export interface ClusterSilhouetteSummary {
  label: number;
  size: number;
  /** Points of the cluster whose silhouette was computed (= size when exact). */
  evaluated: number;
  mean: number;
}

export interface SilhouetteSummary {
  mean: number;
  /** false: estimated from a seeded sample of `sampleSize` points, with `ci95`. */
  exact: boolean;
  n: number;
  sampleSize: number;
  seed?: number;
  ci95?: [number, number];
  perCluster: ClusterSilhouetteSummary[];
  /**
   * The silhouette plot: per cluster (ascending label), values sorted from high to low; thinned
   * to evenly spaced ranks when there are more than the plot can show.
   */
  profile: { label: number; values: number[] }[];
  workers: number;
  ms: number;
}

export interface QualitySummary {
  silhouette: SilhouetteSummary;
  /** Lower is better. */
  daviesBouldin: number;
  /** Higher is better. */
  calinskiHarabasz: number;
}

export interface ConfusionSummary {
  /** Class names (rows). */
  classes: string[];
  /** Cluster labels (columns). */
  clusters: number[];
  counts: number[][];
  /** classOfCluster[c]: row index of the class matched to cluster column c, −1 for none. */
  classOfCluster: number[];
  matched: number;
  misassigned: number;
}

export interface ValidationSummary {
  classColumn: string;
  /** Rows compared (rows with a class). */
  n: number;
  /** Rows left out because their class cell was empty. */
  leftOut: number;
  ari: number;
  nmi: number;
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  purity: number;
  confusion: ConfusionSummary;
}

export type SweepAlgorithm = 'kmeans' | 'pam' | 'ekm';

/** Default budget per k of an EKM sweep: k values whose runtime estimate is above it are skipped (with a note). */
export const DEFAULT_SWEEP_EKM_BUDGET_S = 60;

/** Most k values one sweep may run. */
export const MAX_SWEEP_KS = 200;

/** One k of a k sweep. */
export interface SweepPoint {
  k: number;
  /** Clusters the result actually has (k-means can empty one). */
  clusters: number;
  /** k-means: inertia; PAM: sum of distances to the nearest medoid. */
  cost: number;
  iterations: number;
  silhouette: number;
  silhouetteExact: boolean;
  silhouetteSample: number;
  silhouetteCi95?: [number, number];
  daviesBouldin: number;
  calinskiHarabasz: number;
  /** Wall time of the clustering, and of the scores after it. */
  clusterMs: number;
  qualityMs: number;
  /** Pool slot it ran on (depends on timing; answers do not). */
  worker: number;
}

/** Best k per score (null when no k had a finite value); the elbow is a heuristic on the cost curve. */
export interface SweepBest {
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  elbow: number | null;
}

/** A k an EKM sweep did not run because its runtime estimate was above the budget (or EKM refuses it). */
export interface SweepSkipped {
  k: number;
  combinations: number;
  /** EKM's estimate (an upper bound: every medoid set summed in full, before pruning). */
  estimatedMs: number;
  reason: string;
}

export interface SweepResult {
  params: { algorithm: SweepAlgorithm; kFrom: number; kTo: number; nInit: number; seed: number; workers: number; silhouetteSample?: number; ekmBudgetS?: number };
  /** EKM sweeps: the k values left out, each with its estimate and why (never silently). */
  skipped?: SweepSkipped[];
  n: number;
  d: number;
  points: SweepPoint[];
  best: SweepBest;
  totalMs: number;
}

/** A column that looks like known classes, and why. */
export interface ClassColumnSuggestion {
  column: string;
  reasons: string[];
  score: number;
}

/** A sweep as saved (`sweep --json`) and reported. */
export interface SweepDocument {
  kind: 'sweep';
  /** Set by the app's host, which keeps sweeps in history (a saved report can include one). */
  id?: string;
  /** In memory only: set when the history write failed. */
  saveWarning?: string;
  createdAt: string;
  dataset: DatasetRef;
  machine: MachineFacts;
  sweep: SweepResult;
}

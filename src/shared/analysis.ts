// What records, reports and the UI know about a clustering's quality and its agreement with
// known classes (small, JSON-safe summaries; the engine's full results stay in the main process).

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

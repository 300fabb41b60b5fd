// Two runs side by side (History → Compare): what each is, and how much their labelings agree.
// Computed in main (the per-row labels stay there); small and JSON-safe.
import type { Algorithm } from './types.ts';

/** Clusters of run A × clusters of run B. */
export interface AgreementTable {
  /** Cluster labels of run A (rows), ascending. */
  clustersA: number[];
  /** Cluster labels of run B (columns), ascending. */
  clustersB: number[];
  /** counts[i][j]: rows in A's cluster clustersA[i] and B's cluster clustersB[j]. */
  counts: number[][];
  /** aOfB[j]: row index (into clustersA) matched to B's column j, −1 for none. */
  aOfB: number[];
}

export interface ComparedRun {
  id: string;
  title: string;
  createdAt: string;
  algorithm: Algorithm;
  k: number;
  /** Non-empty clusters. */
  clusters: number;
  /** k-means: 'inertia' (sum of squared distances to the centroid); EKM/PAM: sum of distances to the medoid. */
  costName: string;
  cost: number;
  timeMs: number;
  quality?: { silhouette: number; silhouetteExact: boolean; daviesBouldin: number; calinskiHarabasz: number };
  validation?: { classColumn: string; ari: number; nmi: number };
}

/** One parameter under the name a reader knows, in both runs ('—' where a run has none). */
export interface ComparedParameter {
  name: string;
  a: string;
  b: string;
  differs: boolean;
}

export interface RunComparison {
  dataset: { name: string; hash: string; rows: number };
  a: ComparedRun;
  b: ComparedRun;
  parameters: ComparedParameter[];
  agreement: {
    n: number;
    /** Adjusted Rand index between the two labelings: 1 = the same partition, ≈ 0 = chance. */
    ari: number;
    /** Normalised mutual information (arithmetic mean), 1 = the same partition. */
    nmi: number;
    /** Rows in a matched pair of clusters (A's clusters matched one-to-one to B's). */
    matched: number;
    moved: number;
    table: AgreementTable;
  };
}

// All internal quality scores of one clustering, as runs, sweeps and reports show them.
import type { Dataset } from '../dataset/dataset.ts';
import { calinskiHarabasz, daviesBouldin } from './centroid-scores.ts';
import { clusterCodes } from './cluster-codes.ts';
import type { Labels } from './labels.ts';
import { silhouette, type SilhouetteOptions, type SilhouetteResult } from './silhouette.ts';

export interface QualityScores {
  silhouette: SilhouetteResult;
  daviesBouldin: number;
  calinskiHarabasz: number;
}

export async function qualityScores(ds: Dataset, labels: Labels, opts: SilhouetteOptions = {}): Promise<QualityScores> {
  const cc = clusterCodes(ds, labels);
  return {
    silhouette: await silhouette(ds, labels, opts),
    daviesBouldin: daviesBouldin(ds, labels, cc),
    calinskiHarabasz: calinskiHarabasz(ds, labels, cc),
  };
}

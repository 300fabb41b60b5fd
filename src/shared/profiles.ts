// Cluster profiles: per cluster and per feature, the size and a five-number summary with mean and
// sd, beside the whole data — what records, reports and the UI carry (small and JSON-safe).
import type { ScalingMode } from './types.ts';

/** Statistics of one feature over one group of rows, in the CSV's original units. */
export interface ProfileStats {
  mean: number;
  /** Sample standard deviation (divisor n − 1, as pandas' describe); null for a single row. */
  sd: number | null;
  min: number;
  /** Quartiles by linear interpolation between order statistics (numpy's default, R type 7). */
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Tukey's whiskers: the most extreme values within 1.5 × IQR of the box. */
  lowerWhisker: number;
  upperWhisker: number;
  /** Rows beyond the whiskers (drawn as outliers). */
  outliersBelow: number;
  outliersAbove: number;
}

export interface FeatureProfile {
  feature: string;
  whole: ProfileStats;
  /** Per cluster (index = cluster label); null for an empty cluster. */
  clusters: (ProfileStats | null)[];
}

export interface ProfileGroupSize {
  label: number;
  count: number;
  /** count / n, 0 to 1. */
  share: number;
}

export interface ClusterProfiles {
  /** Rows profiled (the rows the run clustered). */
  n: number;
  /** Cluster 0..k−1, empty ones included (count 0). */
  clusters: ProfileGroupSize[];
  features: FeatureProfile[];
  /**
   * 'original': the CSV's own values (scaling undone: raw = scaled × factor + offset, so equal to
   * the file's numbers up to rounding in the last bits); the clustering itself saw `scaling`.
   */
  units: 'original';
  scaling: ScalingMode;
  /** Missing cells replaced by the column mean at load (they are profiled as that mean). */
  imputedValues: number;
  workers: number;
  ms: number;
}

/** How the numbers are defined, in words (UI, report, CLI say the same). */
export const PROFILE_DEFINITIONS =
  'sd: sample standard deviation (n − 1). Quartiles: linear interpolation between order statistics (numpy default, R type 7). Box plots: box Q1–Q3 with the median, whiskers to the most extreme values within 1.5 × IQR, minimum and maximum drawn as points when beyond them.';

/** What the clustering saw versus what the profile shows (which is always the CSV's own units). */
export function profileUnitsNote(p: Pick<ClusterProfiles, 'scaling' | 'imputedValues'>): string {
  const scaled = p.scaling === 'none' ? 'The clustering used these values as they are (no scaling).' : `The clustering used ${p.scaling === 'zscore' ? 'z-scored' : 'min-max scaled'} features; the profile undoes that scaling.`;
  const imputed = p.imputedValues > 0 ? ` ${p.imputedValues.toLocaleString('en-US')} missing value${p.imputedValues === 1 ? ' was' : 's were'} replaced by the column mean at load and count${p.imputedValues === 1 ? 's' : ''} as that mean.` : '';
  return scaled + imputed;
}

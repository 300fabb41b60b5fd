// The cluster profile as one table (whole data first, then each cluster): the rows the CLI prints,
// the report and the app show, so all three list the same statistics in the same order.
import type { ClusterProfiles, ProfileStats } from './profiles.ts';

export const PROFILE_STATS: readonly { key: keyof Pick<ProfileStats, 'mean' | 'sd' | 'min' | 'q1' | 'median' | 'q3' | 'max'>; label: string }[] = [
  { key: 'mean', label: 'mean' },
  { key: 'sd', label: 'sd (n − 1)' },
  { key: 'min', label: 'min' },
  { key: 'q1', label: 'Q1' },
  { key: 'median', label: 'median' },
  { key: 'q3', label: 'Q3' },
  { key: 'max', label: 'max' },
];

export type ProfileRowKind = 'count' | 'share' | 'feature' | 'stat';

export interface ProfileTableRow {
  kind: ProfileRowKind;
  label: string;
  /** Feature index, for 'feature' and 'stat' rows. */
  feature?: number;
  /** Whole data, then cluster 0..k−1; null: no value (an empty cluster, sd of one row); [] for a 'feature' heading. */
  cells: (number | null)[];
}

export interface ProfileTable {
  /** 'whole data', 'cluster 0', … */
  columns: string[];
  rows: ProfileTableRow[];
}

export function profileTable(p: ClusterProfiles): ProfileTable {
  const rows: ProfileTableRow[] = [
    { kind: 'count', label: 'rows', cells: [p.n, ...p.clusters.map((c) => c.count)] },
    { kind: 'share', label: '% of rows', cells: [100, ...p.clusters.map((c) => 100 * c.share)] },
  ];
  p.features.forEach((f, j) => {
    rows.push({ kind: 'feature', label: f.feature, feature: j, cells: [] });
    for (const s of PROFILE_STATS) rows.push({ kind: 'stat', label: s.label, feature: j, cells: [f.whole[s.key], ...f.clusters.map((c) => (c ? c[s.key] : null))] });
  });
  return { columns: ['whole data', ...p.clusters.map((c) => `cluster ${c.label}`)], rows };
}

/** "cluster 2 has no rows" sentences, or '' when every cluster has rows. */
export function emptyClustersNote(p: ClusterProfiles): string {
  const empty = p.clusters.filter((c) => c.count === 0).map((c) => c.label);
  if (empty.length === 0) return '';
  return `${empty.length === 1 ? `Cluster ${empty[0]} is` : `Clusters ${empty.join(', ')} are`} empty (0 rows): no statistics, and no box.`;
}

// `--profiles` on kmeans and ekm: the cluster profile (per cluster and feature: size, mean, sd,
// quartiles, beside the whole data) computed on the run's pool and printed as a text table.
import { PROFILE_DEFINITIONS, profileUnitsNote, type ClusterProfiles } from '../../shared/profiles.ts';
import { emptyClustersNote, profileTable } from '../../shared/profile-table.ts';
import type { DatasetSummary } from '../../shared/types.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { clusterProfiles } from '../engine/metrics/index.ts';
import type { CancelToken } from '../engine/pool/cancel.ts';
import type { WorkerPool } from '../engine/pool/pool.ts';

export const PROFILES_HELP = `  --profiles             cluster profiles: per cluster and feature the rows (count, %), mean, sd
                         (n − 1), min, Q1, median, Q3 (numpy's linear quartiles), max, beside the
                         whole data, in the CSV's original units (scaling undone)`;

/** Clusters printed side by side; the rest are in --json and the report. */
const MAX_PRINTED_CLUSTERS = 12;

export function profilesOfRun(
  dataset: Dataset,
  summary: DatasetSummary,
  labels: ArrayLike<number>,
  k: number,
  ctx: { pool: WorkerPool; token: CancelToken },
): Promise<ClusterProfiles> {
  return clusterProfiles(dataset, labels, {
    k,
    scaling: { mode: summary.scaling, ...summary.featureScaling },
    imputedValues: summary.imputedValues,
    pool: ctx.pool,
    workers: Math.max(1, ctx.pool.size),
    token: ctx.token,
  });
}

function cell(v: number | null, share: boolean): string {
  if (v === null) return '—';
  if (share) return `${v.toFixed(1)}%`;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s : String(Number(s));
}

export function formatProfiles(p: ClusterProfiles): string {
  const t = profileTable(p);
  const shown = Math.min(t.columns.length, 1 + MAX_PRINTED_CLUSTERS);
  const grid: string[][] = [['', ...t.columns.slice(0, shown)]];
  for (const r of t.rows) {
    if (r.kind === 'feature') grid.push([r.label, ...new Array<string>(shown).fill('')]);
    else grid.push([r.kind === 'stat' ? `  ${r.label}` : r.label, ...r.cells.slice(0, shown).map((v) => cell(v, r.kind === 'share'))]);
  }
  const widths = grid[0].map((_, j) => Math.max(...grid.map((r) => r[j].length)));
  const lines = [
    `cluster profiles (${p.n} rows; original units of the CSV):`,
    ...grid.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ').trimEnd()),
  ];
  if (t.columns.length > shown) lines.push(`… ${t.columns.length - shown} more clusters (see --json or --report)`);
  const empty = emptyClustersNote(p);
  if (empty) lines.push(empty);
  lines.push(profileUnitsNote(p), PROFILE_DEFINITIONS.replace(/ Box plots:.*$/, ''));
  return lines.join('\n');
}

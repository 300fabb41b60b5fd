// What kmeans and ekm share for analysis: --class-column (validation against known classes, the
// classes-to-clusters table), --quality (silhouette, Davies–Bouldin, Calinski–Harabasz) and
// --profiles (cluster profiles, see profiles.ts).
import type { QualitySummary, ValidationSummary } from '../../shared/analysis.ts';
import type { ClusterProfiles } from '../../shared/profiles.ts';
import type { DatasetSummary, LoadOptions, RunRecord } from '../../shared/types.ts';
import { readClassColumn, type ClassLabels } from '../engine/dataset/class-column.ts';
import { loadCsv, type LoadResult } from '../engine/dataset/csv.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { qualitySummary, validationSummary } from '../engine/metrics/index.ts';
import type { CancelToken } from '../engine/pool/cancel.ts';
import type { WorkerPool } from '../engine/pool/pool.ts';
import { numberFlag, stringFlag, type ParsedArgs } from './args.ts';
import { formatProfiles, PROFILES_HELP, profilesOfRun } from './profiles.ts';

export const ANALYSIS_HELP = `  --class-column NAME    validate against this column's known classes (not a feature): ARI, NMI,
                         homogeneity, completeness, V-measure, purity, classes-to-clusters table
  --quality              silhouette (exact up to 20,000 rows, else a seeded sample with a 95% CI),
                         Davies–Bouldin and Calinski–Harabasz
  --silhouette-sample M  estimate the silhouette from M sampled rows (implies --quality)
${PROFILES_HELP}`;

export interface LoadedForAnalysis extends LoadResult {
  classes?: ClassLabels;
}

/**
 * Loads the CSV; with --class-column, that column is taken out of the default features (a
 * numeric class column would otherwise be clustered on) and its values read.
 */
export async function loadForAnalysis(input: string, args: ParsedArgs, options: LoadOptions): Promise<LoadedForAnalysis> {
  const column = stringFlag(args, 'class-column');
  let loaded = await loadCsv(input, options);
  if (column === undefined) return loaded;
  if (options.features === undefined && loaded.summary.features.includes(column)) {
    const features = loaded.summary.features.filter((f) => f !== column);
    if (features.length === 0) throw new RangeError(`--class-column ${column}: no feature would be left`);
    loaded = await loadCsv(input, { ...options, features });
  }
  return { ...loaded, classes: await readClassColumn(input, loaded.summary, loaded.dataset, column) };
}

export interface RunAnalysis {
  quality?: QualitySummary;
  validation?: ValidationSummary;
  profiles?: ClusterProfiles;
}

export async function analyseRun(
  args: ParsedArgs,
  dataset: Dataset,
  labels: ArrayLike<number>,
  classes: ClassLabels | undefined,
  /** summary and k: for --profiles (original units, empty clusters). */
  ctx: { pool: WorkerPool; token: CancelToken; summary: DatasetSummary; k: number },
): Promise<RunAnalysis> {
  const out: RunAnalysis = {};
  const sample = stringFlag(args, 'silhouette-sample');
  if (args.flags.quality === true || sample !== undefined) {
    const workers = Math.max(1, ctx.pool.size);
    out.quality = await qualitySummary(dataset, labels, {
      pool: ctx.pool,
      workers,
      token: ctx.token,
      ...(sample !== undefined ? { sampleSize: numberFlag(args, 'silhouette-sample', 0), seed: numberFlag(args, 'seed', 0) } : {}),
    });
  }
  if (classes) out.validation = validationSummary(classes, labels);
  if (args.flags.profiles === true) out.profiles = await profilesOfRun(dataset, ctx.summary, labels, ctx.k, ctx);
  else if (args.flags.profiles !== undefined) throw new Error('--profiles takes no value');
  return out;
}

export function withAnalysis(rec: RunRecord, a: RunAnalysis): RunRecord {
  return { ...rec, ...(a.quality ? { quality: a.quality } : {}), ...(a.validation ? { validation: a.validation } : {}), ...(a.profiles ? { profiles: a.profiles } : {}) };
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : String(v));

export function formatQuality(q: QualitySummary): string {
  const s = q.silhouette;
  const how = s.exact
    ? `exact over ${s.n} rows`
    : `estimated from ${s.sampleSize} of ${s.n} rows (seed ${s.seed}), 95% CI ${f3(s.ci95![0])} to ${f3(s.ci95![1])}`;
  return [
    `silhouette: ${f3(s.mean)} (${how}; ${s.ms.toFixed(0)} ms on ${s.workers} worker${s.workers === 1 ? '' : 's'})`,
    `  per cluster: ${s.perCluster.map((c) => `${c.label}: ${f3(c.mean)} (${c.size} rows)`).join(', ')}`,
    `Davies–Bouldin: ${f3(q.daviesBouldin)} (lower is better)   Calinski–Harabasz: ${f1(q.calinskiHarabasz)} (higher is better)`,
  ].join('\n');
}

export function formatValidation(v: ValidationSummary): string {
  const c = v.confusion;
  const header = ['class \\ cluster', ...c.clusters.map(String)];
  const rows = c.classes.map((name, r) => [name, ...c.counts[r].map(String)]);
  const matchedRow = ['matched class', ...c.classOfCluster.map((r) => (r < 0 ? '(none)' : c.classes[r]))];
  const all = [header, ...rows, matchedRow];
  const widths = header.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join('  ');
  const lines = [
    `validation against class column "${v.classColumn}" (${v.n} rows${v.leftOut ? `, ${v.leftOut} without a class left out` : ''}):`,
    `  ARI ${f3(v.ari)}   NMI ${f3(v.nmi)}   homogeneity ${f3(v.homogeneity)}   completeness ${f3(v.completeness)}   V-measure ${f3(v.vMeasure)}   purity ${f3(v.purity)}`,
    'classes to clusters (each cluster matched to at most one class, most rows agreeing: Hungarian):',
    ...all.map(line),
    `misassigned: ${c.misassigned} of ${v.n} rows (${((100 * c.misassigned) / v.n).toFixed(1)}%)`,
  ];
  return lines.join('\n');
}

export function formatAnalysis(a: RunAnalysis): string[] {
  const out: string[] = [];
  if (a.quality) out.push(formatQuality(a.quality));
  if (a.validation) out.push(formatValidation(a.validation));
  if (a.profiles) out.push(formatProfiles(a.profiles));
  return out;
}

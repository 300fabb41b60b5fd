// The work of `clusterbench sweep` (see sweep.ts for the help).
import { DEFAULT_SWEEP_EKM_BUDGET_S, type SweepPoint, type SweepResult } from '../../shared/analysis.ts';
import { loadCsv } from '../engine/dataset/csv.ts';
import { WorkerPool } from '../engine/pool/pool.ts';
import { runSweep, type SweepParams } from '../engine/sweep/index.ts';
import { numberFlag, requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import { loadOptionsFromArgs, resolveInput } from './inspect.ts';
import { runCancellable } from './run-helpers.ts';

export function parseKRange(v: string | undefined): { kFrom: number; kTo: number } {
  if (v === undefined) throw new RangeError('--k A..B is required (the range of k, e.g. --k 2..10)');
  const m = /^\s*(\d+)\s*(?:\.\.|-)\s*(\d+)\s*$/.exec(v);
  if (!m) throw new RangeError(`--k must be a range like 2..10, got "${v}"`);
  return { kFrom: Number(m[1]), kTo: Number(m[2]) };
}

export function sweepParamsFromArgs(args: ParsedArgs): SweepParams {
  const algorithm = stringFlag(args, 'algo') ?? 'kmeans';
  if (algorithm !== 'kmeans' && algorithm !== 'pam' && algorithm !== 'ekm') throw new RangeError(`--algo must be kmeans, pam or ekm, got "${algorithm}"`);
  const sample = stringFlag(args, 'silhouette-sample');
  const budget = stringFlag(args, 'ekm-budget');
  if (budget !== undefined && algorithm !== 'ekm') throw new RangeError('--ekm-budget applies to --algo ekm only');
  return {
    algorithm,
    ...parseKRange(stringFlag(args, 'k')),
    nInit: numberFlag(args, 'n-init', algorithm === 'kmeans' ? 10 : 1),
    seed: numberFlag(args, 'seed', 0),
    workers: numberFlag(args, 'workers', 2),
    ...(sample !== undefined ? { silhouetteSample: numberFlag(args, 'silhouette-sample', 0) } : {}),
    ...(budget !== undefined ? { ekmBudgetS: numberFlag(args, 'ekm-budget', DEFAULT_SWEEP_EKM_BUDGET_S) } : {}),
  };
}

const f = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));

/** The sweep as a table, best k per score starred, then one line naming them. */
export function formatSweep(r: SweepResult, datasetName: string): string {
  const b = r.best;
  const star = (k: number, best: number | null) => (k === best ? ' *' : '');
  const sil = (p: SweepPoint) => f(p.silhouette) + (p.silhouetteExact ? '' : ` ±${f((p.silhouetteCi95![1] - p.silhouetteCi95![0]) / 2, 2)}`);
  const head = ['k', r.params.algorithm === 'kmeans' ? 'inertia' : 'cost', 'silhouette', 'Davies–Bouldin', 'Calinski–Harabasz', 'cluster ms', 'scores ms'];
  const rows = r.points.map((p) => [
    String(p.k) + (p.clusters !== p.k ? ` (${p.clusters} non-empty)` : ''),
    f(p.cost, 6) + star(p.k, b.elbow),
    sil(p) + star(p.k, b.silhouette),
    f(p.daviesBouldin) + star(p.k, b.daviesBouldin),
    f(p.calinskiHarabasz, 6) + star(p.k, b.calinskiHarabasz),
    p.clusterMs.toFixed(0),
    p.qualityMs.toFixed(0),
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...all.map((row) => row[j].length)));
  const line = (row: string[]) => row.map((c, j) => c.padStart(widths[j])).join('  ');
  const algo = sweepAlgorithmText(r);
  const sampled = r.points.length === 0
    ? 'no k was run'
    : r.points.some((p) => !p.silhouetteExact)
    ? `silhouettes estimated from ${r.points[0].silhouetteSample} sampled rows (seed ${r.params.seed}), ± = half the 95% confidence interval`
    : 'silhouettes exact';
  const name = (k: number | null) => (k === null ? '—' : String(k));
  return [
    `k sweep on ${datasetName}: ${r.n} rows × ${r.d} features, ${algo}, k = ${r.params.kFrom}..${r.params.kTo} on ${r.params.workers} worker${r.params.workers === 1 ? '' : 's'}, ${(r.totalMs / 1000).toFixed(2)} s; ${sampled}`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...skippedLines(r),
    `best k: silhouette ${name(b.silhouette)}, Davies–Bouldin ${name(b.daviesBouldin)}, Calinski–Harabasz ${name(b.calinskiHarabasz)}; elbow of the cost curve ${name(b.elbow)} (a heuristic)   (* marks them)`,
  ].join('\n');
}

/** How the sweep clustered each k, for the first line. */
export function sweepAlgorithmText(r: SweepResult): string {
  const p = r.params;
  if (p.algorithm === 'kmeans') return `k-means (${p.nInit} restart${p.nInit === 1 ? '' : 's'}, seed ${p.seed})`;
  if (p.algorithm === 'pam') return 'PAM (euclidean)';
  return `exact K-medoids (EKM fused, euclidean, budget ${p.ekmBudgetS} s per k)`;
}

/** EKM sweeps: one line per k left out, with its estimate (nothing is skipped silently). */
function skippedLines(r: SweepResult): string[] {
  return (r.skipped ?? []).map((s) => `k = ${s.k} not run: ${s.reason}`).concat(r.skipped?.length ? [''] : []);
}

export async function runSweepCommand(args: ParsedArgs): Promise<number> {
  const input = resolveInput(requirePositional(args, 0, 'CSV file (see --help)'));
  const params = sweepParamsFromArgs(args);
  const { summary, dataset } = await loadCsv(input, loadOptionsFromArgs(args));
  const pool = new WorkerPool({ size: Math.max(1, Math.min(params.workers, 64)) });
  const progress = args.flags.quiet !== true && process.stderr.isTTY === true;
  return runCancellable(pool, progress, async (token) => {
    const result = await runSweep(dataset, params, {
      pool,
      token,
      onPoint: progress ? (p, done, total) => process.stderr.write(`\rk = ${p.k} done (${done} of ${total})\x1b[K`) : undefined,
    });
    if (progress) process.stderr.write('\r\x1b[K');
    console.log(formatSweep(result, summary.name));
    const { writeSweepOutputs } = await import('./sweep-output.ts');
    for (const file of await writeSweepOutputs(args, result, summary, input)) console.log(`wrote ${file}`);
  });
}


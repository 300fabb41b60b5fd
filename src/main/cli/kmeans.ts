// `clusterbench kmeans <file.csv> --k 10 [--workers 4] …`: one k-means run from the command line,
// through the same loader and engine the app uses, with live progress and Ctrl-C to cancel.
import type { KMeansInit, KMeansParams, KMeansResult } from '../../shared/types.ts';
import { resolveKMeansParams, runKMeans, type KMeansRunOptions } from '../engine/kmeans/index.ts';
import { WorkerPool } from '../engine/pool/pool.ts';
import { makeRunRecord } from '../services/records.ts';
import { numberFlag, requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import { ANALYSIS_HELP, analyseRun, formatAnalysis, loadForAnalysis, withAnalysis } from './analysis.ts';
import type { CliCommand } from './command.ts';
import { loadOptionsFromArgs, resolveInput } from './inspect.ts';
import { RUN_OUTPUT_HELP, runCancellable, writeRunOutputs } from './run-helpers.ts';

const HELP = `Usage: clusterbench kmeans <file.csv | sample name> --k K [options]

Runs Lloyd's k-means (squared Euclidean) and prints iterations, stop reason, inertia, timings,
cluster sizes and centroids. Serial and every worker count give bit-identical answers.

Options:
  --k K                 number of clusters (required)
  --workers P|auto      0 = serial driver (one worker), P ≥ 1 = P parallel workers (default auto)
  --seed S              random seed (default 0)
  --init METHOD         kmeans++ | random (random data rows, as the seed paper) (default kmeans++)
  --n-init R            restarts, the lowest inertia wins (default 1)
  --max-iter N          iteration limit (default 300)
  --changed F           stop when fewer than this fraction of rows change cluster (default 0.01; 0 = off)
  --tol T               stop when the squared centroid shift ≤ T × mean feature variance (default 1e-4; 0 = off)
  --kernel KIND         assignment kernel, every kind gives the same bits: auto (default: WebAssembly SIMD
                        where it runs, with Hamerly's bounds when d·k ≥ 64) | js | wasm | wasm-dot (‖c‖² − 2x·c scores, checked) | wasm-hamerly
                        (Hamerly's bounds skip rows whose centroid provably stays nearest)
${RUN_OUTPUT_HELP}
${ANALYSIS_HELP}
  --quiet               no progress line on stderr

Loading options (as in \`clusterbench inspect\`): --features a,b  --scaling none|zscore|minmax
  --missing drop|mean-impute  --delimiter D  --header yes|no  --bad-rows skip  --decimal-comma

Example: npm run cli -- kmeans resources/blobs-10k.csv --k 10 --workers 2 --seed 1 --json out.json`;

const STOP_EXPLAINED: Record<KMeansResult['stopReason'], string> = {
  converged: 'converged (no row changed cluster)',
  'changed-fraction': 'fewer rows than --changed changed cluster (seed paper rule)',
  tolerance: 'centroids moved less than --tol',
  'max-iterations': 'reached --max-iter',
};

function workersFlag(args: ParsedArgs): number | 'auto' {
  const v = stringFlag(args, 'workers');
  if (v === undefined || v === 'auto') return 'auto';
  const n = Number(v);
  if (!Number.isInteger(n)) throw new RangeError(`--workers must be 'auto' or a whole number, got "${v}"`);
  return n;
}

const KERNELS: readonly NonNullable<KMeansRunOptions['kernel']>[] = ['auto', 'js', 'wasm', 'wasm-dot', 'wasm-hamerly'];

/** --kernel: how the passes are computed (never what they compute; see engine/kmeans/README.md). */
export function kernelFlag(args: ParsedArgs): NonNullable<KMeansRunOptions['kernel']> {
  const v = stringFlag(args, 'kernel') ?? 'auto';
  const kernel = KERNELS.find((k) => k === v);
  if (!kernel) throw new RangeError(`--kernel must be one of ${KERNELS.join(', ')}, got "${v}"`);
  return kernel;
}

export function paramsFromArgs(args: ParsedArgs, n: number): KMeansParams {
  const k = stringFlag(args, 'k');
  if (k === undefined) throw new RangeError('--k is required (the number of clusters)');
  const partial: Partial<KMeansParams> & { k: number } = {
    k: Number(k),
    workers: workersFlag(args),
    seed: numberFlag(args, 'seed', 0),
    nInit: numberFlag(args, 'n-init', 1),
    maxIterations: numberFlag(args, 'max-iter', 300),
    changedFraction: numberFlag(args, 'changed', 0.01),
    tolerance: numberFlag(args, 'tol', 1e-4),
  };
  const init = stringFlag(args, 'init');
  if (init !== undefined) partial.init = init as KMeansInit;
  return resolveKMeansParams(partial, n);
}

const fmt = (v: number): string => {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s : String(Number(s));
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')).join('\n');
}

/** Centroid table: one row per cluster with its size; long tables are cut with a note. */
const MAX_CLUSTER_ROWS = 50;

export function formatResult(r: KMeansResult, features: string[], datasetName: string): string {
  const sizes = new Array<number>(r.params.k).fill(0);
  for (let i = 0; i < r.labels.length; i++) sizes[r.labels[i]]++;
  const t = r.timings;
  const lines = [
    `k-means on ${datasetName}: ${r.labels.length} rows × ${features.length} features, k = ${r.params.k}, init ${r.params.init}, seed ${r.params.seed}` +
      (r.params.nInit > 1 ? `, ${r.params.nInit} restarts (best: ${r.bestRestart + 1})` : ''),
    `workers: ${r.workers === 0 ? '0 (serial driver)' : r.workers}${r.params.workers === 'auto' ? ' (auto)' : ''}`,
    `iterations: ${r.iterations}   stop: ${STOP_EXPLAINED[r.stopReason]}`,
    `inertia: ${fmt(r.inertia)}`,
    `time: ${t.totalMs.toFixed(1)} ms total, ${t.initMs.toFixed(1)} ms init, ${t.iterateMs.toFixed(1)} ms iterating (${t.perIterationMs.toFixed(3)} ms per iteration)`,
    '',
    table([
      ['cluster', 'size', ...features],
      ...r.centroids.slice(0, MAX_CLUSTER_ROWS).map((c, j) => [String(j), String(sizes[j]), ...c.map(fmt)]),
    ]),
  ];
  if (r.params.k > MAX_CLUSTER_ROWS) lines.push(`… ${r.params.k - MAX_CLUSTER_ROWS} more clusters (see --json)`);
  // Warnings go last, after the table, where they are read (scikit-learn prints them too).
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** Live progress on a terminal's stderr: k-means++ seeding, then iterations (one rewritten line). */
function progressLine(quiet: boolean): Pick<KMeansRunOptions, 'onIteration' | 'onSeeding'> | undefined {
  if (quiet || process.stderr.isTTY !== true) return undefined;
  const restart = (r: number) => (r > 0 ? `restart ${r + 1} ` : '');
  return {
    onIteration: (rec) =>
      process.stderr.write(`\r${restart(rec.restart)}iteration ${rec.iteration}: ${(rec.changedFraction * 100).toFixed(2)}% changed, inertia ${fmt(rec.inertia)}\x1b[K`),
    onSeeding: (s) => process.stderr.write(`\r${restart(s.restart)}k-means++ seeding: centre ${s.centres} of ${s.k}\x1b[K`),
  };
}

export const kmeansCommand: CliCommand = {
  summary: 'Run k-means on a CSV (serial or parallel, same answer)',
  help: HELP,
  async run(args) {
    const quiet = args.flags.quiet === true;
    const input = resolveInput(requirePositional(args, 0, 'CSV file (see --help)'));
    const { summary, dataset, classes } = await loadForAnalysis(input, args, loadOptionsFromArgs(args));
    const params = paramsFromArgs(args, dataset.n);
    const kernel = kernelFlag(args);
    const pool = new WorkerPool({ size: 1 });
    const progress = progressLine(quiet);
    return runCancellable(pool, progress !== undefined, async (token) => {
      const result = await runKMeans(dataset, params, { pool, token, kernel, ...progress });
      if (progress) process.stderr.write('\r\x1b[K');
      console.log(formatResult(result, dataset.columns, summary.name));
      const analysis = await analyseRun(args, dataset, result.labels, classes, { pool, token, summary, k: params.k });
      for (const text of formatAnalysis(analysis)) console.log(`\n${text}`);
      for (const file of await writeRunOutputs(args, withAnalysis(makeRunRecord(summary, result), analysis), dataset, input)) console.log(`wrote ${file}`);
    });
  },
};

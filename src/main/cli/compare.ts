// `clusterbench compare <csv>`: serial vs parallel over a grid of worker counts (and N, k), printed
// in the seed paper's table layout. Progress goes to stderr, tables to stdout.
import os from 'node:os';
import { resolve } from 'node:path';
import type { EkmParams, EkmVariant, ExperimentSpec, KMeansParams, LoadOptions, ScalingMode } from '../../shared/types.ts';
import { loadCsv } from '../engine/dataset/csv.ts';
import { CancelToken } from '../engine/pool/cancel.ts';
import { WorkerPool } from '../engine/pool/pool.ts';
import { defaultWorkerGrid, type ExperimentProgress } from '../engine/scaling/experiment.ts';
import { formatExperimentTables } from '../engine/scaling/tables.ts';
import { writeReportFiles } from '../report/write.ts';
import { datasetRef } from '../services/records.ts';
import { listFlag, numberFlag, requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import type { CliCommand } from './command.ts';
import { csvRepairOptionsFromArgs } from './inspect.ts';

const EKM_VARIANTS: EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused'];

const HELP = `Usage: clusterbench compare <csv> [options]

Times one algorithm with fixed parameters for every worker count (0 = serial driver, always
included as the reference), R repeats interleaved across worker counts after a warm-up, and prints
speedup = serial median / median per k (rows = processes, columns = N), medians, efficiency, the
Amdahl/Gustafson fits and, with several sizes, runtime models t(N). Every answer is checked
against the serial answer; differences are printed loudly.

Options:
  --algo kmeans|ekm      algorithm (default kmeans)
  --k K                  clusters / medoids (default 10 for k-means, 3 for EKM)
  --ks 10,20,40          several values of k (overrides --k)
  --workers 1,2,4,8,16   worker counts (default 1, 2, 4 … up to 2× cores, at most 16)
  --repeats R            timed runs per cell (default 3)
  --sizes 1e4,1e5        seeded subsamples of N rows (default: the whole file)
  --resample             allow sizes above the row count (rows drawn with replacement)
  --seed S               seed of subsamples and of k-means initialisation (default 1)
  --no-warmup            skip the warm-up runs
  --ceiling              also measure the machine ceiling: P single-worker runs at once on P
                         workers (EKM: 1-worker pool runs), as the speedup over serial they reach
                         together, with the share of it each parallel cell reaches ("of ceiling")
  --iterations I         k-means: fixed budget of I iterations (no early stop) instead of a full run
  --init kmeans++|random k-means initialisation (default: the engine's)
  --variant V            EKM parallel variant: ${EKM_VARIANTS.join(', ')}
  --distance D           EKM distance: sqeuclidean, euclidean, manhattan
  --leaf L               EKM tree partition length
  --features a,b         feature columns (default: every numeric column)
  --scaling none|zscore|minmax   feature scaling (default none)
  --bad-rows skip        skip rows with a wrong field count (default: refuse beyond 1%)
  --decimal-comma        numbers are written "1,5"
  --predict 1e6,1e7      with several sizes: predicted time and speedup at these N
  --json out.json        write the full experiment record (JSON) to this file
  --report out.html      write a self-contained HTML report (charts, speedup tables, machine facts)
  --include-path         show the input file's absolute path in the HTML report (left out by default)
  --history DIR          also save the record in this history folder
`;

function parseIntList(args: ParsedArgs, name: string, fallback: number[]): number[] {
  const xs = listFlag(args, name, fallback);
  for (const x of xs) if (!Number.isInteger(x)) throw new Error(`--${name}: ${x} is not a whole number`);
  return xs;
}

function loadOptions(args: ParsedArgs): LoadOptions {
  const opts: LoadOptions = {};
  const features = stringFlag(args, 'features');
  if (features) opts.features = features.split(',').map((s) => s.trim());
  const scaling = stringFlag(args, 'scaling');
  if (scaling) {
    if (!['none', 'zscore', 'minmax'].includes(scaling)) throw new Error(`--scaling must be none, zscore or minmax, got "${scaling}"`);
    opts.scaling = scaling as ScalingMode;
  }
  return Object.assign(opts, csvRepairOptionsFromArgs(args));
}

/** A flag without a value; `--flag file.csv` would have eaten the positional, so say so. */
function switchFlag(args: ParsedArgs, name: string): boolean {
  const v = args.flags[name];
  if (v === undefined) return false;
  if (v === true || v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`--${name} takes no value (got "${v}"); put the CSV file before the options`);
}

/** The experiment spec from the command line (exported for tests). */
export function specFromArgs(args: ParsedArgs, cores = os.availableParallelism()): ExperimentSpec {
  const algo = stringFlag(args, 'algo') ?? 'kmeans';
  if (algo !== 'kmeans' && algo !== 'ekm') throw new Error(`--algo must be kmeans or ekm, got "${algo}"`);
  const k = numberFlag(args, 'k', algo === 'kmeans' ? 10 : 3);
  const seed = numberFlag(args, 'seed', 1);
  const spec: ExperimentSpec = {
    algorithm: algo,
    workers: parseIntList(args, 'workers', defaultWorkerGrid(cores)),
    sizes: parseIntList(args, 'sizes', []),
    ks: parseIntList(args, 'ks', [k]),
    repeats: numberFlag(args, 'repeats', 3),
    warmup: !switchFlag(args, 'no-warmup'),
    seed,
  };
  if (switchFlag(args, 'resample')) spec.withReplacement = true;
  if (switchFlag(args, 'ceiling')) spec.ceiling = true;
  if (algo === 'kmeans') {
    const kmeans: Partial<KMeansParams> = { k: spec.ks[0], seed };
    const iterations = stringFlag(args, 'iterations');
    if (iterations !== undefined) {
      // A fixed budget: no early stop, so every cell does the same work (it may still converge).
      Object.assign(kmeans, { maxIterations: numberFlag(args, 'iterations', 0), changedFraction: 0, tolerance: 0 });
    }
    const init = stringFlag(args, 'init');
    if (init !== undefined) kmeans.init = init as KMeansParams['init'];
    spec.kmeans = kmeans as KMeansParams;
  } else {
    const ekm: Partial<EkmParams> = { k: spec.ks[0] };
    const variant = stringFlag(args, 'variant');
    if (variant !== undefined) {
      if (!EKM_VARIANTS.includes(variant as EkmVariant)) throw new Error(`--variant must be one of ${EKM_VARIANTS.join(', ')}, got "${variant}"`);
      ekm.variant = variant as EkmVariant;
    }
    const distance = stringFlag(args, 'distance');
    if (distance !== undefined) ekm.distance = distance as EkmParams['distance'];
    const leaf = stringFlag(args, 'leaf');
    if (leaf !== undefined) ekm.leafLength = numberFlag(args, 'leaf', 0);
    spec.ekm = ekm as EkmParams;
  }
  return spec;
}

function progressLine(p: ExperimentProgress): string {
  const who = p.ceilingCopies !== undefined ? `ceiling ×${p.ceilingCopies}` : p.workers === 0 ? 'serial' : `P=${p.workers}`;
  const last = p.lastMs === null ? '' : ` ${p.lastMs.toFixed(1)} ms`;
  const eta = p.etaMs === null ? '' : `, ETA ${(p.etaMs / 1000).toFixed(0)} s`;
  return `[run ${p.runIndex}/${p.runCount}, cell ${p.cellIndex + 1}/${p.cellCount}] N=${p.n} k=${p.k} ${who}${p.warmup ? ' (warm-up)' : ''}${last}${eta}`;
}

export const compareCommand: CliCommand = {
  summary: 'serial vs parallel speedup tables over worker counts, N and k',
  help: HELP,
  async run(args) {
    const csv = resolve(requirePositional(args, 0, 'CSV file (clusterbench compare <csv>)'));
    const spec = specFromArgs(args);
    const predictAt = listFlag(args, 'predict', []);
    const jsonOut = stringFlag(args, 'json');
    const reportOut = stringFlag(args, 'report');
    const historyDir = stringFlag(args, 'history');

    const { summary, dataset } = await loadCsv(csv, loadOptions(args));
    for (const w of summary.warnings) console.error(`warning: ${w}`);
    console.error(`Loaded ${summary.name}: ${dataset.n} rows × ${dataset.d} features (sha256 ${summary.hash.slice(0, 12)}…)`);

    const token = new CancelToken();
    const onSigint = () => {
      if (token.cancelled) process.exit(130);
      console.error('\nStopping after the current run (Ctrl-C again to quit now)…');
      token.cancel('Interrupted');
    };
    process.on('SIGINT', onSigint);
    const pool = new WorkerPool({ size: Math.max(1, ...spec.workers) });
    const tty = process.stderr.isTTY === true;
    try {
      // Loaded here, not at start-up: history pulls in the zod record schema (~30 ms to import).
      const [{ ExperimentService }, { HistoryStore }] = await Promise.all([import('../services/experiments.ts'), import('../services/history.ts')]);
      const service = new ExperimentService({ pool, history: historyDir ? new HistoryStore(resolve(historyDir)) : undefined });
      const record = await service.run(dataset, datasetRef(summary), spec, {
        token,
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r\x1b[K${progressLine(p)}`);
          else console.error(progressLine(p));
        },
      });
      if (tty) process.stderr.write('\n');
      const m = record.machine;
      console.log(`${record.title}`);
      console.log(`Machine: ${m.cpuModel}, ${m.logicalCores} logical cores, Node ${m.node}; total ${(record.experiment.totalMs / 1000).toFixed(1)} s`);
      console.log(`Repeats ${record.experiment.spec.repeats}, interleaved, ${record.experiment.spec.warmup ? 'after a warm-up' : 'no warm-up'}; times are medians.`);
      console.log('');
      console.log(formatExperimentTables(record.experiment, { color: process.stdout.isTTY === true, predictAt }));
      if (jsonOut || reportOut) {
        const written = await writeReportFiles(record, { json: jsonOut && resolve(jsonOut), html: reportOut && resolve(reportOut) }, { protect: [csv], extras: { includePath: args.flags['include-path'] === true } });
        for (const file of written) console.error(`Wrote ${file}`);
      }
      if (historyDir) console.error(`Saved to history as ${record.id}`);
      if (record.experiment.mismatches.length) return 3;
      return record.experiment.cancelled ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      await pool.destroy();
    }
  },
};

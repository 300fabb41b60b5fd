// `clusterbench ekm <file.csv> --k 3 [--variant fused] [--workers P] [--pam] …`: exact K-medoids from
// the command line, through the same loader and engine the app uses: estimate first, live
// progress, Ctrl-C to cancel, and with --pam the heuristic's cost and the optimality gap.
import type { Distance, EkmParams, EkmProof, EkmResult, EkmVariant } from '../../shared/types.ts';
import { ekmProgressFraction, ekmProgressMessage, estimateEkm, resolveEkmParams, runEkm, runPam, type EkmProgress } from '../engine/ekm/index.ts';
import { WorkerPool } from '../engine/pool/pool.ts';
import { RUN_OUTPUT_HELP, runCancellable, writeRunOutputs } from './run-helpers.ts';
import { ANALYSIS_HELP, analyseRun, formatAnalysis, loadForAnalysis, withAnalysis } from './analysis.ts';
import { makeRunRecord } from '../services/records.ts';
import { numberFlag, requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import type { CliCommand } from './command.ts';
import { loadOptionsFromArgs, resolveInput } from './inspect.ts';

const HELP = `Usage: clusterbench ekm <file.csv | sample name> --k K [options]

Exact K-medoids (He & Little's EKM): the medoid set with the lowest total distance, guaranteed.
Cost grows like N^(K+1); the estimate is printed first and big runs are refused unless --force.

Options:
  --k K                  number of medoids (required)
  --variant V            fused | tree | gen1 | gen2 | split | sequential (default fused)
                           fused: parallel evaluation fused with generation, exact pruning
                           tree: generator tree with leaves of --leaf-length points
                           gen1, gen2, split, sequential: the seed paper's generators
  --workers P            worker threads (default: one per core; 0 = this thread)
  --leaf-length L        tree leaf length (default ⌈N / 2P⌉)   --leaf-count C  instead of L
  --merge-arity A        tree: neighbours merged per level (default 2)
  --distance D           sqeuclidean | euclidean | manhattan (default sqeuclidean)
  --max-combinations M   refuse above M medoid sets (default 2e9)   --force  run anyway
  --no-prune             evaluate every combination to the end (slower, same answer)
  --matrix-budget MIB    largest N×N distance matrix to precompute (default 1024 MiB or a quarter of
                           RAM); above it rows are computed on demand: same answer, about d× slower
  --time-limit S         fused: stop the search after S seconds, print the best set and its proven gap
  --pam                  also run PAM (BUILD + SWAP) and print its cost and the optimality gap
${RUN_OUTPUT_HELP}
${ANALYSIS_HELP}
  --quiet                no progress line on stderr

Loading options (as in \`clusterbench inspect\`): --features a,b  --scaling none|zscore|minmax
  --missing drop|mean-impute  --delimiter D  --header yes|no  --bad-rows skip  --decimal-comma

Example: npm run cli -- ekm resources/blobs-400.csv --k 3 --variant fused --workers 2 --pam`;

export function paramsFromArgs(args: ParsedArgs, n: number): EkmParams {
  const k = stringFlag(args, 'k');
  if (k === undefined) throw new RangeError('--k is required (the number of medoids)');
  const partial: Partial<EkmParams> & { k: number } = {
    k: Number(k),
    force: args.flags.force === true,
    prune: args.flags['no-prune'] !== true,
  };
  const variant = stringFlag(args, 'variant');
  if (variant !== undefined) partial.variant = variant as EkmVariant;
  const distance = stringFlag(args, 'distance');
  if (distance !== undefined) partial.distance = distance as Distance;
  if (args.flags.workers !== undefined) partial.workers = numberFlag(args, 'workers', 1);
  if (args.flags['leaf-length'] !== undefined) partial.leafLength = numberFlag(args, 'leaf-length', 1);
  if (args.flags['leaf-count'] !== undefined) partial.leafCount = numberFlag(args, 'leaf-count', 1);
  if (args.flags['merge-arity'] !== undefined) partial.mergeArity = numberFlag(args, 'merge-arity', 2);
  if (args.flags['max-combinations'] !== undefined) partial.maxCombinations = numberFlag(args, 'max-combinations', 2e9);
  if (args.flags['matrix-budget'] !== undefined) {
    const mib = numberFlag(args, 'matrix-budget', 1024);
    if (!(mib >= 0)) throw new RangeError(`--matrix-budget is in MiB and must be ≥ 0 (0: never precompute the matrix), got ${mib}`);
    partial.matrixBudgetBytes = Math.floor(mib * 2 ** 20);
  }
  if (args.flags['time-limit'] !== undefined) partial.timeLimitS = numberFlag(args, 'time-limit', 60);
  return resolveEkmParams(partial, n);
}

const fmt = (v: number): string => {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en-US');
  const s = v.toPrecision(7);
  return s.includes('e') ? s : String(Number(s));
};

const fmtMs = (ms: number): string => {
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};
const fmtBytes = (b: number): string => (b < 2 ** 20 ? `${(b / 1024).toFixed(1)} KiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')).join('\n');
}

/** The certificate in words: what was decided and what that proves. */
export function proofLines(pr: EkmProof): string[] {
  const pct = (x: number, of: number): string => (of > 0 ? `${((100 * x) / of).toPrecision(3)}%` : '0%');
  const total = pr.totalSets;
  const lines = [
    `proof: ${fmt(pr.setsVisited)} sets visited (${fmt(pr.setsSummedInFull)} summed in full${pr.tiesResummed ? `, ${fmt(pr.tiesResummed)} re-summed on ties` : ''}), ` +
      `${fmt(pr.subtreesPruned)} subtrees pruned holding ${fmt(pr.setsInPrunedSubtrees)} sets (${pct(pr.setsInPrunedSubtrees, total)} of all)`,
  ];
  if (pr.dualBound !== undefined) {
    const below = pr.complete ? ` (${pct(pr.lowerBound - pr.dualBound, pr.lowerBound)} below the optimum)` : '';
    lines.push(`Lagrangian dual bound: ${fmt(pr.dualBound)} after ${pr.dualIterations} subgradient steps${below}`);
  }
  if (pr.complete) lines.push(`certificate: every set decided; lower bound ${fmt(pr.lowerBound)} = cost, so the cost is optimal${pr.incumbentCost !== undefined ? ` (PAM incumbent ${fmt(pr.incumbentCost)})` : ''}`);
  else {
    const undecided = pr.totalSets - pr.setsVisited - pr.setsInPrunedSubtrees;
    lines.push(
      `certificate: stopped at the time limit with ${fmt(undecided)} sets (${pct(undecided, total)}) undecided; the cost above is the best set found, ` +
        `proven lower bound ${fmt(pr.lowerBound)}, gap ${fmt(pr.gap)} (${pct(pr.gap, pr.lowerBound + pr.gap)} of the cost)`,
    );
  }
  return lines;
}

export function formatEkmResult(r: EkmResult, features: string[], datasetName: string, pam?: EkmResult): string {
  const sizes = new Array<number>(r.medoids.length).fill(0);
  for (let i = 0; i < r.labels.length; i++) sizes[r.labels[i]]++;
  const p = r.params;
  const t = r.timings;
  const lines = [
    `EKM on ${datasetName}: ${r.labels.length} rows × ${features.length} features, k = ${p.k}, ${p.distance}`,
    `variant: ${p.variant}${p.variant === 'tree' ? ` (leaf length ${p.leafLength})` : ''}   workers: ${p.workers === 0 ? '0 (this thread)' : p.workers}   pruning: ${p.prune === false ? 'off' : 'on (exact)'}`,
    `cost: ${fmt(r.cost)}`,
    `combinations${r.proof && !r.proof.complete ? ' decided' : ''}: ${fmt(r.combinationsEvaluated)}${r.combinationsAbandoned !== undefined ? ` (${fmt(r.combinationsEvaluated - r.combinationsAbandoned)} summed in full, the rest ruled out early by exact bounds)` : ''}`,
    `time: ${fmtMs(t.totalMs)} total` +
      (t.matrixMs !== undefined ? `, ${fmtMs(t.matrixMs)} distance matrix` : '') +
      (t.boundMs !== undefined ? `, ${fmtMs(t.boundMs)} PAM bound` : '') +
      (t.searchMs !== undefined ? `, ${fmtMs(t.searchMs)} search` : ''),
  ];
  if (r.proof) lines.push(...proofLines(r.proof));
  if (pam) {
    const gap = r.cost > 0 ? ((pam.cost - r.cost) / r.cost) * 100 : 0;
    lines.push(
      `PAM (BUILD + SWAP): cost ${fmt(pam.cost)}, medoids ${pam.medoids.join(', ')}, ${fmtMs(pam.timings.totalMs)}` +
        `\noptimality gap of PAM: ${gap === 0 ? '0 (PAM found the optimum)' : `${gap.toPrecision(3)}% above the exact optimum`}`,
    );
  }
  lines.push('', table([['medoid', 'row', 'size', ...features], ...r.medoids.map((m, j) => [String(j), String(m), String(sizes[j]), ...r.medoidCoordinates[j].map(fmt)])]));
  return lines.join('\n');
}

function progressLine(quiet: boolean): ((p: EkmProgress) => void) | undefined {
  if (quiet || process.stderr.isTTY !== true) return undefined;
  return (p) => {
    const f = ekmProgressFraction(p);
    process.stderr.write(`\r${f === null ? '' : `${(100 * f).toFixed(1)}% `}${ekmProgressMessage(p)}\x1b[K`);
  };
}

export const ekmCommand: CliCommand = {
  summary: 'Exact K-medoids on a CSV (seed generators, parallel tree, fused), optional PAM gap',
  help: HELP,
  async run(args) {
    const quiet = args.flags.quiet === true;
    const input = resolveInput(requirePositional(args, 0, 'CSV file (see --help)'));
    const withPam = args.flags.pam === true;
    const { summary, dataset, classes } = await loadForAnalysis(input, args, loadOptionsFromArgs(args));
    const params = paramsFromArgs(args, dataset.n);
    const estimate = estimateEkm(dataset, params);
    console.log(
      `estimate: ${fmt(estimate.combinations)} medoid sets, ~${fmtMs(estimate.estimatedMs)} without pruning (a rough estimate, not a bound)` +
        (estimate.distanceMatrixBytes > 0 ? `, distance matrix ${fmtBytes(estimate.distanceMatrixBytes)}` : ', distance matrix over its budget: rows computed on demand') +
        (estimate.levelBytes > 0 ? `, generator levels ${fmtBytes(estimate.levelBytes)}` : ''),
    );
    if (estimate.refuse) {
      console.error(`refused: ${estimate.refuse}`);
      return 2;
    }
    const pool = new WorkerPool({ size: Math.max(1, params.workers) });
    // Worker start-up (module loading) is not part of the algorithm's time.
    await pool.ready();
    const progress = progressLine(quiet);
    return runCancellable(pool, progress !== undefined, async (token) => {
      const result = await runEkm(dataset, params, { pool, token, onProgress: progress });
      if (progress) process.stderr.write('\r\x1b[K');
      const pam = withPam ? await runPam(dataset, { k: params.k, distance: params.distance }, { pool, token }) : undefined;
      console.log(formatEkmResult(result, dataset.columns, summary.name, pam));
      const analysis = await analyseRun(args, dataset, result.labels, classes, { pool, token, summary, k: params.k });
      for (const text of formatAnalysis(analysis)) console.log(`\n${text}`);
      for (const file of await writeRunOutputs(args, withAnalysis(makeRunRecord(summary, result, pam), analysis), dataset, input)) console.log(`wrote ${file}`);
    });
  },
};

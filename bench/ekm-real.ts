// bench:ekm --real: exact K-medoids on public real datasets (the CSVs Debian's python3-sklearn
// ships, z-scored), 2 workers (and the default search on 1, for the efficiency), beside its peers:
//  - EKM with Lagrangian subtree bounds (the default) and, as "before", the k-d tree bounds
//    (stopped at --budget seconds and reported with what it had decided);
//  - the p-median integer program solved by CBC (or GLPK), same distance, time ratio, equal cost;
//  - PAM (ours, the incumbent) and R's cluster::pam on Euclidean distance, where installed.
// Runs are interleaved over --repeats rounds; times are medians with their spread.
//
// digits_jitter_5000 (real-datasets.ts) is digits resampled with jitter to 5,000 rows, not a real
// dataset; C(5000, 3) = 2.1e10 sets is above the engine's default refusal limit, so the bench forces
// its runs (the app and CLI ask for --force there).
//
//   npm run bench:ekm -- --real [--quick] [--datasets wine,breast_cancer,digits,digits_jitter_5000] [--ks 3] [--repeats 3]
//                               [--budget 60] [--mip cbc|glpsol|none] [--mip-limit 120] [--mip-max-n 600]
import { listFlag, numberFlag, stringFlag, type ParsedArgs } from '../src/main/cli/args.ts';
import { resolveEkmParams, runEkm, runPam, type FusedSearch } from '../src/main/engine/ekm/index.ts';
import { machineFacts } from '../src/main/engine/machine.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import type { Distance, EkmProof, EkmResult } from '../src/shared/types.ts';
import { formatTable, median, rotate, spreadPercent } from './bench-utils.ts';
import { medoidSetCost, rPam, solvePMedian } from './peers/kmedoids-peers.ts';
import { loadRealDatasets, REAL_DATASETS, type RealDataset, type RealDatasetName } from './real-datasets.ts';

const fmtMs = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const pct = (x: number): string => `${(100 * x).toPrecision(3)}%`;
const sameCost = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

interface Cell {
  ms: number[];
  last: EkmResult | null;
}

export async function realDataBench(args: ParsedArgs): Promise<void> {
  const quick = args.flags.quick === true;
  const names = (stringFlag(args, 'datasets') ?? (quick ? 'wine,breast_cancer' : 'wine,breast_cancer,digits,digits_jitter_5000')).split(',') as RealDatasetName[];
  for (const n of names) if (!REAL_DATASETS.includes(n)) throw new RangeError(`unknown dataset "${n}"; choose from ${REAL_DATASETS.join(', ')}`);
  const ks = listFlag(args, 'ks', [3]);
  const repeats = Math.max(1, numberFlag(args, 'repeats', quick ? 1 : 3));
  const budgetS = numberFlag(args, 'budget', quick ? 30 : 60);
  const mip = (stringFlag(args, 'mip') ?? 'cbc') as 'cbc' | 'glpsol' | 'none';
  const mipLimit = numberFlag(args, 'mip-limit', quick ? 30 : 120);
  const mipMaxN = numberFlag(args, 'mip-max-n', quick ? 200 : 600);
  const distance: Distance = 'sqeuclidean';
  const facts = machineFacts();
  console.log(`EKM on real data: ${facts.cpuModel}, ${facts.logicalCores} logical cores, Node ${facts.node}; 2 workers, ${distance}, z-scored columns`);
  console.log(`repeats ${repeats} (interleaved, medians ± half-range), k-d tree search stopped at ${budgetS} s, MIP ${mip === 'none' ? 'off' : `${mip} (limit ${mipLimit} s, N ≤ ${mipMaxN})`}\n`);
  const { sets, note } = loadRealDatasets(names);
  if (note) {
    console.log(`skipped: ${note}`);
    return;
  }
  for (const missing of names.filter((n) => !sets.some((s) => s.name === n))) console.log(`skipped ${missing}: file not in this scikit-learn`);
  for (const real of sets) console.log(`${real.name}: ${real.ds.n} × ${real.ds.d} from ${real.source}`);
  const pool = new WorkerPool({ size: 2 });
  await pool.ready();
  try {
    const rows: string[][] = [['dataset', 'N × d', 'K', 'search', 'time', 'sets visited', 'summed in full', 'pruned share', 'dual gap', 'PAM gap', 'proof']];
    const peerRows: string[][] = [['dataset', 'K', 'EKM (dual)', `MIP (${mip})`, 'MIP ÷ EKM', 'MIP cost = EKM cost']];
    const effRows: string[][] = [['dataset', 'K', 'P=1', 'P=2', 'efficiency T1 ÷ 2·T2', 'same set, dual bound, steps']];
    const pamRows: string[][] = [['dataset', 'K', 'our PAM', 'cost', 'R cluster::pam', 'cost', 'same medoids', 'exact (EKM, euclidean)']];
    for (const real of sets) {
      for (const k of ks) {
        const cells = await timeSearches(real, k, distance, repeats, budgetS, pool);
        const exact = cells.dual.last!;
        for (const search of ['dual', 'tree'] as FusedSearch[]) {
          const r = cells[search].last!;
          const pr = r.proof!;
          const pam = pr.incumbentCost;
          rows.push([
            real.name,
            `${real.ds.n} × ${real.ds.d}`,
            String(k),
            search === 'dual' ? 'Lagrangian (default)' : 'k-d tree (before)',
            pr.complete ? withSpreadMs(cells[search].ms) : `stopped at ${budgetS} s`,
            pr.setsVisited.toLocaleString('en-US'),
            pr.setsSummedInFull.toLocaleString('en-US'),
            pct(pr.setsInPrunedSubtrees / pr.totalSets),
            pr.dualBound !== undefined ? pct((exact.cost - pr.dualBound) / exact.cost) : '—',
            pam !== undefined ? pct((pam - exact.cost) / exact.cost) : '—',
            pr.complete ? (sameCost(r.cost, exact.cost) ? 'optimal' : 'MISMATCH') : stoppedText(pr),
          ]);
        }
        effRows.push(efficiencyRow(real, k, cells));
        peerRows.push(mipRow(real, k, distance, exact, median(cells.dual.ms), mip, mipLimit, mipMaxN));
        pamRows.push(await pamRow(real, k, pool));
        pool.dropDataset(real.ds.id);
        process.stderr.write(`\r${real.name} K=${k} done\x1b[K`);
      }
    }
    process.stderr.write('\n');
    console.log(formatTable(rows));
    console.log('\npruned share = sets ruled out inside pruned subtrees ÷ C(N, K); dual gap = (optimum − Lagrangian bound) ÷ optimum; PAM gap = (PAM − optimum) ÷ optimum.\n');
    console.log('Default search on 1 and 2 workers (the dual, matrix and PAM bound are split between the workers; no machine ceiling is measured here, see --efficiency):');
    console.log(formatTable(effRows));
    console.log('');
    console.log('Exact peer: the p-median integer program (N² assignment + N open variables), same distance, solver single-threaded:');
    console.log(formatTable(peerRows));
    console.log('\nHeuristic peers, Euclidean distance (R has no squared Euclidean):');
    console.log(formatTable(pamRows));
  } finally {
    await pool.destroy();
  }
}

function stoppedText(pr: EkmProof): string {
  const undecided = `${pct(1 - (pr.setsVisited + pr.setsInPrunedSubtrees) / pr.totalSets)} undecided`;
  return pr.lowerBound > 0 ? `gap ${pct(pr.gap / (pr.lowerBound + pr.gap))}, ${undecided}` : `no lower bound, ${undecided}`;
}

function withSpreadMs(ms: number[]): string {
  return ms.length > 1 ? `${fmtMs(median(ms))} ±${spreadPercent(ms).toFixed(0)}%` : fmtMs(ms[0]);
}

/** Both searches, interleaved (order rotates per round); the k-d tree one under the time limit. */
/** The timed runs: the default search on 2 workers and on 1 (for the efficiency), the k-d tree one on 2. */
type RunKey = FusedSearch | 'dual P=1';

/** The three runs, interleaved (order rotates per round); the k-d tree one under the time limit. */
async function timeSearches(real: RealDataset, k: number, distance: Distance, repeats: number, budgetS: number, pool: WorkerPool): Promise<Record<RunKey, Cell>> {
  const cells: Record<RunKey, Cell> = { dual: { ms: [], last: null }, 'dual P=1': { ms: [], last: null }, tree: { ms: [], last: null } };
  let treeFinishes = true;
  // Warm-up (not timed): the first runs on a dataset compile the kernels in each worker.
  for (const workers of [2, 1]) await runEkm(real.ds, resolveEkmParams({ k, variant: 'fused', distance, workers, force: true }, real.ds.n), { pool });
  for (let round = 0; round < repeats; round++) {
    for (const key of rotate(['dual', 'dual P=1', 'tree'] as RunKey[], round)) {
      // A k-d tree run that hit the limit once is not repeated: it would only hit it again.
      if (key === 'tree' && !treeFinishes) continue;
      const search: FusedSearch = key === 'tree' ? 'tree' : 'dual';
      const workers = key === 'dual P=1' ? 1 : 2;
      const params = resolveEkmParams({ k, variant: 'fused', distance, workers, force: true, ...(search === 'tree' ? { timeLimitS: budgetS } : {}) }, real.ds.n);
      const t0 = performance.now();
      const r = await runEkm(real.ds, params, { pool, search });
      cells[key].ms.push(performance.now() - t0);
      cells[key].last = r;
      if (!r.proof!.complete) treeFinishes = false;
    }
  }
  return cells;
}

/** P=1 against P=2 of the default search: efficiency T1 / (2·T2), and the answer and bound must agree. */
function efficiencyRow(real: RealDataset, k: number, cells: Record<RunKey, Cell>): string[] {
  const [one, two] = [cells['dual P=1'], cells.dual];
  const [a, b] = [one.last!, two.last!];
  const same = a.cost === b.cost && a.medoids.join(',') === b.medoids.join(',') && a.proof!.dualBound === b.proof!.dualBound && a.proof!.dualIterations === b.proof!.dualIterations;
  const [t1, t2] = [median(one.ms), median(two.ms)];
  return [real.name, String(k), withSpreadMs(one.ms), withSpreadMs(two.ms), `${((100 * t1) / (2 * t2)).toFixed(0)}%`, same ? 'yes' : 'NO'];
}

function mipRow(real: RealDataset, k: number, distance: Distance, exact: EkmResult, ekmMs: number, mip: 'cbc' | 'glpsol' | 'none', limit: number, maxN: number): string[] {
  const head = [real.name, String(k), fmtMs(ekmMs)];
  if (mip === 'none') return [...head, 'off (--mip none)', '—', '—'];
  if (real.ds.n > maxN) return [...head, `skipped: N² = ${(real.ds.n ** 2).toExponential(1)} variables (--mip-max-n ${maxN})`, '—', '—'];
  const out = solvePMedian(real.ds, k, distance, { solver: mip, timeLimitS: limit });
  if (!out.available) return [...head, `skipped: ${out.note}`, '—', '—'];
  if (!out.optimal || !out.medoids?.length) return [...head, `${out.note ?? 'no solution'} after ${fmtMs(out.ms ?? 0)}`, '—', '—'];
  const cost = medoidSetCost(real.ds, out.medoids, distance);
  return [...head, fmtMs(out.ms!), `${(out.ms! / ekmMs).toFixed(1)}×`, sameCost(cost, exact.cost) ? 'yes' : `NO (${cost} vs ${exact.cost})`];
}

async function pamRow(real: RealDataset, k: number, pool: WorkerPool): Promise<string[]> {
  const t0 = performance.now();
  const ours = await runPam(real.ds, { k, distance: 'euclidean' }, { pool });
  const oursMs = performance.now() - t0;
  const exact = await runEkm(real.ds, resolveEkmParams({ k, variant: 'fused', distance: 'euclidean', workers: 2, force: true }, real.ds.n), { pool });
  const r = rPam(real.ds, k, 'euclidean');
  const rCost = r.medoids ? medoidSetCost(real.ds, r.medoids, 'euclidean') : null;
  return [
    real.name,
    String(k),
    fmtMs(oursMs),
    ours.cost.toPrecision(8),
    r.available && r.ms !== undefined ? `${fmtMs(r.ms)} (pam() alone)` : `skipped: ${r.note}`,
    rCost !== null ? rCost.toPrecision(8) : '—',
    r.medoids ? (r.medoids.join(',') === ours.medoids.join(',') ? 'yes' : `no (${r.medoids.join(',')} vs ${ours.medoids.join(',')})`) : '—',
    exact.cost.toPrecision(8),
  ];
}

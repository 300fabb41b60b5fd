// The seed paper's experiment (Palchetti, "Parallelization of K-Means Algorithm with Python
// Multiprocessing", tables 1–3) on our engine: 2-D Gaussian blobs, N ∈ {1e4, 1e5, 1e6},
// k ∈ {10, 20, 40}, P ∈ {1, 2, 4, 8, 16}; speedup = serial time / parallel time, printed next to
// the paper's numbers, plus milliseconds per iteration and a scikit-learn comparison.
//
// Fairness: every run of one (N, k) cell starts from the same initial centroids (k random data
// rows, fixed seed — the paper's initialisation) and runs a fixed number of iterations
// (changedFraction 0, tolerance 0, maxIterations = --iterations); Lloyd stops earlier only at an
// exact fixed point, which is then the same for every P because the answers are bit-identical.
// Times are wall-clock runKMeans() calls measured on the main thread. Each cell runs rounds
// (--repeats, default 5; small cells run more rounds: ×5 at N ≤ 1e4, ×3 at N ≤ 1e5); a round runs
// every configuration once, in an order rotated from round to round, so drift in machine speed
// hits all alike. Speedup = median over rounds of (serial time ÷ configuration time in the same
// round): pairing within a round cancels slow drift that a ratio of medians would not.
// "serial" is the serial driver (workers: 0, the whole loop in one worker).
//
// Machine ceiling (row '2 serial at once', when P = 2 is in the grid): two serial-driver runs
// started together on pool slots 0 and 1 (firstSlot, as the app's ceiling runs do), timed
// until both finish; ceiling = 2 × serial time ÷ that time, paired per round like the speedups.
// Two independent jobs share nothing but the machine, so no parallel driver can beat this by more
// than noise: 2-worker speedup ÷ ceiling is the share of the machine's 2-core capacity we use.
//
// scikit-learn column: if Python with scikit-learn is importable (python3, then /usr/bin/python3;
// nothing is installed by this script), sklearn's KMeans runs on the same data from the same
// centroids: algorithm='lloyd', n_init=1, tol=0, max_iter = --iterations, one thread
// (threadpoolctl + OMP_NUM_THREADS=1), one fit per round in a Python process kept open for the
// cell. Ratio = median over rounds of our serial ms/iteration ÷ sklearn's, where an iteration is
// one pass over the data (both do a final labelling pass, counted too).
//
//   npm run bench:kmeans [-- --quick] [--repeats 5] [--iterations 20] [--sizes 1e4,1e5]
//                        [--ks 10,20,40] [--workers 1,2,4,8,16] [--no-sklearn] [--json out.json]
// Run it on a quiet machine, e.g. `nice -n 5 npm run bench:kmeans`; the 'others' row shows how much
// CPU other programs took while each cell ran.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFlag, numberFlag, parseArgs, stringFlag } from '../src/main/cli/args.ts';
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { autoWorkers, resolveKMeansParams, runKMeans } from '../src/main/engine/kmeans/index.ts';
import { machineFacts } from '../src/main/engine/machine.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import { createRng, sampleDistinct } from '../src/main/engine/random.ts';
import type { KMeansResult } from '../src/shared/types.ts';
import { formatTable, median, rotate, sci, withInterference, withSpread } from './bench-utils.ts';
import { benchKMeansDims } from './kmeans-dims.ts';
import { findSklearnPython, SklearnKMeans, type SklearnFit } from './peers/sklearn-kmeans.ts';

/** Seed paper, tables 1–3: speedup by processes (rows 1, 2, 4, 8, 16) for N = 1e4, 1e5, 1e6. */
const SEED_SPEEDUPS: Record<number, Record<number, [number, number, number]>> = {
  10: { 1: [0.7044, 0.90754, 0.91036], 2: [1.04726, 1.43153, 1.48321], 4: [1.11342, 1.84884, 2.02187], 8: [0.85709, 1.73453, 2.07164], 16: [0.53186, 1.5168, 2.02388] },
  20: { 1: [0.8401, 0.9542, 0.9739], 2: [1.15221, 1.64954, 1.61574], 4: [1.31224, 2.25325, 2.26319], 8: [1.0595, 2.37325, 2.38699], 16: [0.67283, 2.23004, 2.37975] },
  40: { 1: [0.96216, 1.02302, 0.99209], 2: [1.47628, 1.72194, 1.66696], 4: [1.92731, 2.38432, 2.34458], 8: [1.78475, 2.56659, 2.48961], 16: [1.33792, 2.39313, 2.46708] },
};
const SEED_SIZES = [1e4, 1e5, 1e6];

const args = parseArgs(process.argv.slice(2));
const quick = args.flags.quick === true;
const repeats = Math.max(1, numberFlag(args, 'repeats', quick ? 3 : 5));
const iterations = numberFlag(args, 'iterations', quick ? 10 : 20);
const sizes = listFlag(args, 'sizes', quick ? [1e4, 1e5] : [1e4, 1e5, 1e6]);
const ks = listFlag(args, 'ks', quick ? [10, 40] : [10, 20, 40]);
const workerCounts = listFlag(args, 'workers', quick ? [1, 2, 4] : [1, 2, 4, 8, 16]);
const useSklearn = args.flags['no-sklearn'] !== true;
const jsonOut = stringFlag(args, 'json');
const cores = availableParallelism();
const DATA_SEED = 42;
const INIT_SEED = 7;

/** One column of the interleaved schedule. */
interface Config {
  name: string;
  workers: number | 'auto';
  transport: 'barrier' | 'message';
  /** Two serial runs at once (the machine ceiling) instead of one run. */
  twin?: boolean;
}

interface CellTimes {
  /** Per round, in round order. */
  totalMs: number[];
  msPerPass: number[];
  effectiveWorkers: number;
  identical: boolean;
}

const ourConfigs: Config[] = [
  { name: 'serial', workers: 0, transport: 'barrier' },
  ...workerCounts.map((p): Config => ({ name: String(p), workers: p, transport: 'barrier' })),
  { name: 'auto', workers: 'auto', transport: 'barrier' },
  ...(workerCounts.includes(2) ? [{ name: 'msg 2', workers: 2, transport: 'message' } as Config] : []),
];
const TWIN = '2 serial at once';
const ceilingConfigs: Config[] = workerCounts.includes(2) ? [{ name: TWIN, workers: 0, transport: 'barrier', twin: true }] : [];

function fingerprint(r: KMeansResult): string {
  let h = 0;
  for (let i = 0; i < r.labels.length; i++) h = (Math.imul(h, 31) + r.labels[i]) | 0;
  return `${h}|${Buffer.from(new Float64Array([r.inertia, ...r.centroids.flat()]).buffer).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// scikit-learn (optional)

// SklearnKMeans (bench/peers/sklearn-kmeans.ts): one Python process per cell, one fit per round.

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const m = machineFacts();
  console.log(`k-means benchmark — ${m.cpuModel}, ${m.logicalCores} logical cores, Node ${m.node}, ${m.os}`);
  console.log(
    `grid: N ∈ {${sizes.map(sci).join(', ')}}, k ∈ {${ks.join(', ')}}, P ∈ {${workerCounts.join(', ')}}; 2-D blobs (seed ${DATA_SEED}), ` +
      `same random-row start (seed ${INIT_SEED}), ${iterations} iterations fixed; ${repeats} rounds per cell (×5 at N ≤ 1e4, ×3 at N ≤ 1e5),\n` +
      'configurations interleaved and rotated; speedup = median over rounds of the paired ratio\n',
  );
  const python = useSklearn ? findSklearnPython(['sklearn', 'threadpoolctl', 'numpy']) : null;
  const sklearnNote = !useSklearn
    ? 'scikit-learn column skipped (--no-sklearn)'
    : python
      ? `scikit-learn via ${python}`
      : 'scikit-learn column skipped: `python3 -c "import sklearn"` fails here (e.g. apt-get install python3-sklearn)';
  console.log(sklearnNote);
  // sklearn takes its turn in every round like our configurations.
  const configs: Config[] = [...ourConfigs, ...ceilingConfigs, ...(python ? [{ name: 'sklearn', workers: 0, transport: 'barrier' } as Config] : [])];
  const tmp = mkdtempSync(join(tmpdir(), 'clusterbench-kmeans-'));

  const maxWorkers = Math.max(1, ...workerCounts, autoWorkers(Math.max(...sizes), Math.max(...ks), 2, cores));
  const pool = new WorkerPool({ size: maxWorkers });
  await pool.ready();
  // Warm-up: JIT every worker's kernel on a small problem before anything is timed.
  {
    const { dataset } = makeBlobs({ n: 20_000, centers: 10, seed: 1 });
    const warmParams = (workers: Config['workers']) => resolveKMeansParams({ k: 10, workers, init: 'random', maxIterations: 10, changedFraction: 0, tolerance: 0 });
    for (const c of ourConfigs) await runKMeans(dataset, warmParams(c.workers), { pool, transport: c.transport });
    // The ceiling's second serial run goes to slot 1 (firstSlot), like the app's ceiling runs.
    if (ceilingConfigs.length) await runKMeans(dataset, warmParams(0), { pool, firstSlot: 1 });
  }

  const results: {
    n: number;
    k: number;
    rounds: number;
    cells: Record<string, CellTimes>;
    sklearn?: SklearnFit[];
    ourInertia: number;
    iterationsRun: number;
    /** CPU other programs used during the cell, in cores (Linux), null if unknown. */
    otherCores: number | null;
  }[] = [];
  for (const k of ks) {
    for (const n of sizes) {
      const { dataset } = makeBlobs({ n, centers: k, d: 2, seed: DATA_SEED });
      const rows = sampleDistinct(createRng(INIT_SEED), n, k);
      const init = rows.map((i) => [dataset.values[2 * i], dataset.values[2 * i + 1]]);
      const rounds = repeats * (n <= 1e4 ? 5 : n <= 1e5 ? 3 : 1);
      const cells: Record<string, CellTimes> = {};
      const sklearnFits: SklearnFit[] = [];
      const sklearn = python ? new SklearnKMeans(python, tmp, dataset.values, n, 2, new Float64Array(init.flat()), k, iterations) : null;
      let reference: string | null = null;
      let ourInertia = 0;
      let iterationsRun = 0;
      process.stdout.write(`N=${sci(n)} k=${k}: `);
      // Untimed warm-up of both: the fresh dataset's first pass pays page faults and cache misses.
      await runKMeans(dataset, resolveKMeansParams({ k, initialCentroids: init, workers: 0, changedFraction: 0, tolerance: 0, maxIterations: 2 }), { pool });
      await sklearn?.fit();
      const { otherCpuMs, wallMs } = await withInterference(async () => {
        for (let round = 0; round < rounds; round++) {
          // Serial first in round 0 (it is the reference answer), then rotated order.
          for (const c of round === 0 ? configs : rotate(configs, round)) {
            if (c.name === 'sklearn') {
              sklearnFits.push(await sklearn!.fit());
              continue;
            }
            const params = resolveKMeansParams({ k, initialCentroids: init, workers: c.workers, changedFraction: 0, tolerance: 0, maxIterations: iterations });
            const runs = await Promise.all([
              runKMeans(dataset, params, { pool, transport: c.transport }),
              ...(c.twin ? [runKMeans(dataset, params, { pool, firstSlot: 1 })] : []),
            ]);
            const r = runs[0];
            const fps = runs.map(fingerprint);
            reference ??= fps[0];
            ourInertia = r.inertia;
            iterationsRun = r.iterations;
            const cell = (cells[c.name] ??= { totalMs: [], msPerPass: [], effectiveWorkers: r.workers, identical: true });
            // Twin: the later of the two finishes (each run's own clock, like every other cell).
            cell.totalMs.push(Math.max(...runs.map((x) => x.timings.totalMs)));
            cell.msPerPass.push(r.timings.iterateMs / (r.passes ?? r.iterations));
            cell.identical &&= fps.every((fp) => fp === reference);
          }
          if (round % Math.max(1, Math.floor(rounds / repeats)) === 0) process.stdout.write('.');
        }
      });
      sklearn?.close();
      const sklearnCpu = sklearnFits.reduce((sum, f) => sum + f.cpuMs, 0);
      const otherCores = otherCpuMs === null ? null : Math.max(0, otherCpuMs - sklearnCpu) / wallMs;
      process.stdout.write(` ${rounds} rounds${otherCores !== null ? `, other programs: ${otherCores.toFixed(2)} cores` : ''}\n`);
      results.push({ n, k, rounds, cells, sklearn: python ? sklearnFits : undefined, ourInertia, iterationsRun, otherCores });
    }
  }
  await pool.destroy();
  rmSync(tmp, { recursive: true, force: true });

  // -------------------------------------------------------------------------------------------
  const cellOf = (n: number, k: number) => results.find((r) => r.n === n && r.k === k)!;
  /** Median over rounds of serial time ÷ this configuration's time in the same round. */
  const speedup = (n: number, k: number, name: string) => {
    const c = cellOf(n, k).cells;
    return median(c.serial.totalMs.map((t, round) => t / c[name].totalMs[round]));
  };
  /** Median over rounds of our serial ms/iteration ÷ sklearn's in the same round. */
  const sklearnRatio = (r: (typeof results)[number]) => median(r.cells.serial.msPerPass.map((ms, round) => ms / r.sklearn![round].msPerPass));
  for (const k of ks) {
    console.log(`\nk = ${k}: speedup = serial time / parallel time, seed paper's value in brackets | ms per iteration (median ±half-range)`);
    const header = ['P', ...sizes.map((n) => `N=${sci(n)}`), '|', ...sizes.map((n) => `ms/it ${sci(n)}`)];
    const body = ourConfigs.map((c) => {
      const label = c.name === 'auto' ? `auto` : c.name;
      const speedCells = sizes.map((n) => {
        const cell = cellOf(n, k).cells[c.name];
        const s = speedup(n, k, c.name).toFixed(2);
        const seedIdx = SEED_SIZES.indexOf(n);
        const seed = typeof c.workers === 'number' && c.transport === 'barrier' ? SEED_SPEEDUPS[k]?.[c.workers]?.[seedIdx] : undefined;
        const auto = c.name === 'auto' ? ` [P=${cell.effectiveWorkers}]` : '';
        return `${s}${seed !== undefined ? ` (${seed.toFixed(2)})` : ''}${auto}${cell.identical ? '' : ' ≠!'}`;
      });
      const msCells = sizes.map((n) => withSpread(cellOf(n, k).cells[c.name].msPerPass, n >= 1e6 ? 1 : 3));
      return [label, ...speedCells, '|', ...msCells];
    });
    if (ceilingConfigs.length) {
      const ceiling = sizes.map((n) => 2 * speedup(n, k, TWIN));
      body.push([`ceiling: ${TWIN}`, ...ceiling.map((c, i) => `${c.toFixed(2)}${cellOf(sizes[i], k).cells[TWIN].identical ? '' : ' ≠!'}`), '|', ...sizes.map(() => '')]);
      body.push(['P=2 ÷ ceiling', ...sizes.map((n, i) => (speedup(n, k, '2') / ceiling[i]).toFixed(2)), '|', ...sizes.map(() => '')]);
    }
    const others = ['others', ...sizes.map((n) => { const o = cellOf(n, k).otherCores; return o === null ? '?' : `${o.toFixed(2)} cores`; }), '|', ...sizes.map(() => '')];
    console.log(formatTable([header, ...body, others]));
  }
  console.log("'others' = CPU time other programs used while the row's cells ran, in cores of this machine: speedups above 1 need an idle core.");
  const allIdentical = results.every((r) => Object.values(r.cells).every((c) => c.identical));
  console.log(`\nanswers (labels, centroids, inertia) bit-identical to serial in every cell: ${allIdentical ? 'yes' : 'NO (cells marked ≠!)'}`);
  if (ceilingConfigs.length) console.log(`'ceiling' = 2 × serial time ÷ time of ${TWIN} (two independent serial runs on two workers): what the machine gives two jobs that share nothing.`);
  console.log("'msg 2' = 2 workers with one message per worker per pass (main-thread loop) instead of the shared-memory barrier.");

  if (python) {
    console.log('\nscikit-learn (single thread, lloyd, same data and start): ms per iteration (medians); ratio = median over rounds of ours (serial driver) ÷ sklearn');
    const rows = results.map((r) => {
      const sk = r.sklearn!;
      const rel = Math.abs(r.ourInertia - sk[0].inertia) / sk[0].inertia;
      return [
        `N=${sci(r.n)} k=${r.k}`,
        median(r.cells.serial.msPerPass).toFixed(3),
        median(sk.map((f) => f.msPerPass)).toFixed(3),
        sklearnRatio(r).toFixed(2),
        `${r.iterationsRun}/${sk[0].iterations}`,
        rel.toExponential(1),
      ];
    });
    console.log(formatTable([['cell', 'ours ms/it', 'sklearn ms/it', 'ratio', 'iters ours/sk', 'inertia rel. diff'], ...rows]));
  }

  // Targets from the issue.
  console.log('\ntargets:');
  const big = results.filter((r) => r.n >= 1e5);
  if (workerCounts.includes(2) && big.length > 0) {
    const list = big.map((r) => `N=${sci(r.n)} k=${r.k}: ${speedup(r.n, r.k, '2').toFixed(2)}`).join(', ');
    const worst = Math.min(...big.map((r) => speedup(r.n, r.k, '2')));
    console.log(`  2-worker speedup ≥ 1.85 for N ≥ 1e5: ${list} → worst ${worst.toFixed(2)}, ${worst >= 1.85 ? 'met' : 'NOT met'}`);
    const ceilings = big.map((r) => 2 * speedup(r.n, r.k, TWIN));
    const shares = big.map((r, i) => speedup(r.n, r.k, '2') / ceilings[i]);
    console.log(
      `  machine ceiling (2 serial runs at once) for the same cells: ${ceilings.map((c) => c.toFixed(2)).join(', ')}; ` +
        `2-worker speedup ÷ ceiling: ${Math.min(...shares).toFixed(2)}–${Math.max(...shares).toFixed(2)}`,
    );
  }
  if (python) {
    const worst = Math.max(...results.map(sklearnRatio));
    console.log(`  single-worker ms/iteration ≤ 1.5 × sklearn: worst ratio ${worst.toFixed(2)} → ${worst <= 1.5 ? 'met' : 'NOT met'}`);
  }
  const small = results.filter((r) => r.n === 1e4);
  if (small.length > 0) {
    // Where 'auto' picks the serial driver it IS the serial configuration: nothing to compare.
    const serialKs = small.filter((r) => r.cells.auto.effectiveWorkers === 0).map((r) => r.k);
    const parallel = small.filter((r) => r.cells.auto.effectiveWorkers > 0);
    const note = serialKs.length ? `auto = serial driver for k ∈ {${serialKs.join(', ')}}` : '';
    if (parallel.length === 0) console.log(`  N=1e4 with workers='auto' not slower than serial: met (${note})`);
    else {
      const worst = Math.min(...parallel.map((r) => speedup(r.n, r.k, 'auto')));
      const where = parallel.map((r) => `k=${r.k}: P=${r.cells.auto.effectiveWorkers}`).join(', ');
      console.log(
        `  N=1e4 with workers='auto' not slower than serial: worst speedup ${worst.toFixed(2)} (${where}${note ? `; ${note}` : ''}) → ${worst >= 1 ? 'met' : 'NOT met'}`,
      );
    }
  }
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ machine: m, iterations, repeats, configs: ourConfigs, results }, null, 1));
    console.log(`\nraw times written to ${jsonOut}`);
  }
}

// --dims switches to the kernel benchmark (d × k cells against C and scikit-learn, kmeans-dims.ts).
(args.flags.dims !== undefined ? benchKMeansDims(args) : main()).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

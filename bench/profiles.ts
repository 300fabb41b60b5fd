// npm run bench:profiles [-- --quick]: cluster profile time on Gaussian blobs (n rows × d features,
// 8 clusters) on the calling thread (one feature at a time, yielding between) and on P = 1, 2 pool
// workers, interleaved repeats, medians and spreads; plus the longest the main thread's event loop
// went without running a 5 ms timer during each (what a UI would feel), and a check that every P
// gives the same profile as the calling thread.
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { clusterProfiles } from '../src/main/engine/metrics/index.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import type { ClusterProfiles } from '../src/shared/profiles.ts';
import { formatTable, median, rotate, withSpread } from './bench-utils.ts';

const quick = process.argv.includes('--quick');
const shapes: [number, number][] = quick ? [[100_000, 4], [200_000, 8]] : [[100_000, 8], [1_000_000, 8], [1_000_000, 32]];
const repeats = quick ? 2 : 3;
const configs = [0, 1, 2];
const answers = (p: ClusterProfiles) => JSON.stringify({ ...p, ms: 0, workers: 0 });

/** Runs `fn` while a 5 ms interval measures the largest gap between its ticks. */
async function withLag<T>(fn: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  try {
    const value = await fn();
    worst = Math.max(worst, performance.now() - last);
    return { value, lagMs: worst };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const pool = new WorkerPool({ size: 2 });
  await pool.ready();
  const rows: string[][] = [['n × d', 'thread ms', 'P=1 ms', 'P=2 ms', 'thread / P=2', 'worst loop gap thread / P=2 ms', 'same numbers']];
  try {
    for (const [n, d] of shapes) {
      const { dataset, truth } = makeBlobs({ n, centers: 8, d, seed: 5, spread: 1.5 });
      const opts = { k: 8, scaling: { mode: 'none' as const } };
      const reference = answers(await clusterProfiles(dataset, truth, opts));
      const times = new Map<number, number[]>(configs.map((p) => [p, []]));
      const lags = new Map<number, number[]>(configs.map((p) => [p, []]));
      let same = true;
      for (let r = 0; r < repeats; r++) {
        for (const p of rotate(configs, r)) {
          const t0 = performance.now();
          const { value, lagMs } = await withLag(() => clusterProfiles(dataset, truth, p === 0 ? opts : { ...opts, pool, workers: p }));
          times.get(p)!.push(performance.now() - t0);
          lags.get(p)!.push(lagMs);
          if (answers(value) !== reference) same = false;
        }
      }
      const m = (p: number) => median(times.get(p)!);
      rows.push([
        `${n.toExponential(0)} × ${d}`,
        withSpread(times.get(0)!, 0),
        withSpread(times.get(1)!, 0),
        withSpread(times.get(2)!, 0),
        (m(0) / m(2)).toFixed(2),
        `${Math.max(...lags.get(0)!).toFixed(0)} / ${Math.max(...lags.get(2)!).toFixed(0)}`,
        same ? 'yes' : 'NO',
      ]);
    }
  } finally {
    await pool.destroy();
  }
  console.log(`# cluster profiles, Gaussian blobs (8 clusters), ${repeats} interleaved repeats, median ±half-range %`);
  console.log(formatTable(rows));
}

await main();

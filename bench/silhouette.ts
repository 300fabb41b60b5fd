// npm run bench:silhouette [-- --quick]: exact silhouette time on 2-D blobs for the calling
// thread and P = 1, 2 pool workers, interleaved repeats, medians and spreads, speedup within one
// run; every P's mean is checked bit-equal to the calling thread's.
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { silhouette } from '../src/main/engine/metrics/index.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import { formatTable, median, rotate, withSpread } from './bench-utils.ts';

const quick = process.argv.includes('--quick');
const sizes = quick ? [2_000, 5_000] : [5_000, 10_000, 20_000];
const repeats = quick ? 3 : 5;
const configs = [0, 1, 2];

async function main(): Promise<void> {
  const pool = new WorkerPool({ size: 2 });
  await pool.ready();
  const rows: string[][] = [['n', 'thread ms', 'P=1 ms', 'P=2 ms', 'P=1 / thread', 'thread / P=2', 'same mean']];
  try {
    for (const n of sizes) {
      const { dataset, truth } = makeBlobs({ n, centers: 8, seed: 4, spread: 1.5 });
      await silhouette(dataset, truth, { pool, workers: 2 }); // warm-up: JIT in every worker
      const times = new Map<number, number[]>(configs.map((p) => [p, []]));
      const means = new Set<number>();
      for (let r = 0; r < repeats; r++) {
        for (const p of rotate(configs, r)) {
          const t0 = performance.now();
          const res = await silhouette(dataset, truth, p === 0 ? {} : { pool, workers: p });
          times.get(p)!.push(performance.now() - t0);
          means.add(res.mean);
        }
      }
      const m = (p: number) => median(times.get(p)!);
      rows.push([String(n), withSpread(times.get(0)!, 0), withSpread(times.get(1)!, 0), withSpread(times.get(2)!, 0), (m(1) / m(0)).toFixed(2), (m(0) / m(2)).toFixed(2), means.size === 1 ? 'yes' : 'NO']);
    }
  } finally {
    await pool.destroy();
  }
  console.log(`# exact silhouette, 2-D blobs (8 centres), ${repeats} interleaved repeats, median ±half-range %`);
  console.log(formatTable(rows));
}

await main();

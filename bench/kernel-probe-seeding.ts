// k-means++ seeding time, JS loops against the wasm kernel (the same centres, bit for bit): initMs
// of runKMeans with one worker and a single iteration, interleaved rounds, median.
// Run by `tsx bench/kernel-probe.ts --seeding [NxDxK,...]`.
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { resolveKMeansParams, runKMeans } from '../src/main/engine/kmeans/index.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

export async function probeSeeding(cells: [number, number, number][], rounds: number): Promise<void> {
  const pool = new WorkerPool({ size: 2 });
  try {
    console.log(`k-means++ seeding (initMs, median of ${rounds} rounds; 1 and 2 workers)`);
    for (const [n, d, k] of cells) {
      const { dataset } = makeBlobs({ n, centers: k, d, seed: 42 });
      const ms: Record<string, number[]> = {};
      const centres = new Set<string>();
      for (let r = 0; r < rounds; r++) {
        for (const workers of [1, 2]) for (const kernel of ['js', 'auto'] as const) {
          const res = await runKMeans(dataset, resolveKMeansParams({ k, workers, maxIterations: 1, seed: 3 }, n), { pool, kernel });
          (ms[`${kernel} ${workers}`] ??= []).push(res.timings.initMs);
          centres.add(JSON.stringify(res.initialCentroids));
        }
      }
      const f = (key: string) => `${median(ms[key]).toFixed(0)} ms`;
      console.log(`N=${n} d=${d} k=${k}: JS ${f('js 1')} / ${f('js 2')}, wasm ${f('auto 1')} / ${f('auto 2')} (1 / 2 workers); same centres everywhere: ${centres.size === 1 ? 'yes' : 'NO'}`);
    }
  } finally {
    await pool.destroy();
  }
}

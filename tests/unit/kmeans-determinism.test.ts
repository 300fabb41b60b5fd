// Parallelism changes time, never answers: the serial driver and every worker count (and both
// transports) must return bit-for-bit identical labels, centroids, inertia and history.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type { KMeansParams, KMeansResult } from '../../src/shared/types.ts';

const pool = new WorkerPool({ size: 8 });
afterAll(() => pool.destroy());

/** The exact bytes of a list of doubles: equal only if every bit is (NaN, -0 included). */
function bits(values: number[]): string {
  return Buffer.from(new Float64Array(values).buffer).toString('hex');
}

function fingerprint(r: KMeansResult) {
  return {
    labels: Array.from(r.labels),
    centroids: bits(r.centroids.flat()),
    inertia: bits([r.inertia]),
    history: r.history.map((h) => `${h.iteration}:${h.changed}:${bits([h.inertia])}`),
    iterations: r.iterations,
    stopReason: r.stopReason,
    bestRestart: r.bestRestart,
  };
}

function uniformRows(n: number, d: number, seed: number): Dataset {
  const rng = createRng(seed);
  return datasetFromRows(Array.from({ length: n }, () => Array.from({ length: d }, () => rng() * 100 - 50)));
}

const datasets: { name: string; ds: Dataset; k: number }[] = [
  // 20 000 rows → 63 chunks of 320: every worker count gets an uneven share.
  { name: '2-D blobs n=20000', ds: makeBlobs({ n: 20_000, centers: 12, seed: 8, spread: 3 }).dataset, k: 12 },
  { name: 'uniform d=5 n=9000', ds: uniformRows(9000, 5, 3), k: 7 },
  { name: 'uniform d=1 n=5000', ds: uniformRows(5000, 1, 4), k: 9 },
];

describe('identical answers for serial and every worker count', () => {
  for (const { name, ds, k } of datasets) {
    for (const [init, seed, nInit] of [
      ['kmeans++', 1, 1],
      ['random', 2, 2],
    ] as const) {
      it(`${name}, ${init}, seed ${seed}, nInit ${nInit}`, async () => {
        const p = (workers: number): KMeansParams =>
          resolveKMeansParams({ k, init, seed, nInit, workers, changedFraction: 0.001, tolerance: 0, maxIterations: 60 });
        const serial = fingerprint(await runKMeans(ds, p(0), { pool }));
        expect(serial.iterations).toBeGreaterThan(3);
        for (const workers of [1, 2, 3, 4, 8]) {
          const parallel = fingerprint(await runKMeans(ds, p(workers), { pool }));
          expect(parallel, `workers = ${workers}`).toEqual(serial);
        }
        const viaMessages = fingerprint(await runKMeans(ds, p(3), { pool, transport: 'message' }));
        expect(viaMessages, 'message transport').toEqual(serial);
      });
    }
  }

  it('16 workers on a pool that has to grow still agree', async () => {
    const { ds, k } = datasets[0];
    const p = (workers: number) => resolveKMeansParams({ k, seed: 5, workers, tolerance: 0 });
    const serial = fingerprint(await runKMeans(ds, p(0), { pool }));
    const wide = fingerprint(await runKMeans(ds, p(16), { pool }));
    expect(pool.size).toBeGreaterThanOrEqual(16);
    expect(wide).toEqual(serial);
  });
});

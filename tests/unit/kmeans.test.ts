// k-means engine against an independent oracle: a tiny Lloyd written here with plain arrays (no
// chunks, no workers, no shared memory), hand-computed examples and known answers.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows, row, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { autoWorkers, resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createNormal, createRng } from '../../src/main/engine/random.ts';
import type { IterationRecord, KMeansParams } from '../../src/shared/types.ts';
import { referenceLloyd } from './kmeans-reference.ts';

function rowsOf(ds: Dataset): number[][] {
  return Array.from({ length: ds.n }, (_, i) => row(ds, i));
}

function gaussianRows(n: number, d: number, seed: number): number[][] {
  const normal = createNormal(createRng(seed));
  return Array.from({ length: n }, () => Array.from({ length: d }, () => normal() * 3));
}

function expectClose(actual: number[][], expected: number[][], rel = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((r, j) =>
    r.forEach((v, t) => {
      const e = expected[j][t];
      expect(Math.abs(v - e)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e)));
    }),
  );
}

/** Each predicted cluster holds exactly one true class and vice versa. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

const pool = new WorkerPool({ size: 3 });
afterAll(() => pool.destroy());

function params(p: Partial<KMeansParams> & { k: number }, n?: number): KMeansParams {
  return resolveKMeansParams({ workers: 0, seed: 1, ...p }, n);
}

describe('k-means against the plain-array reference', () => {
  const cases: { name: string; X: number[][]; k: number; workers: number; changedFraction: number }[] = [
    { name: '2-D blobs, serial', X: rowsOf(makeBlobs({ n: 3000, centers: 6, seed: 5, spread: 2.5 }).dataset), k: 6, workers: 0, changedFraction: 0 },
    { name: '2-D blobs, 3 workers, seed-paper rule', X: rowsOf(makeBlobs({ n: 3000, centers: 6, seed: 5, spread: 2.5 }).dataset), k: 6, workers: 3, changedFraction: 0.01 },
    { name: 'd = 1', X: gaussianRows(1500, 1, 7), k: 5, workers: 2, changedFraction: 0 },
    { name: 'd = 50', X: gaussianRows(700, 50, 8), k: 4, workers: 2, changedFraction: 0 },
    { name: 'd = 3, many clusters', X: gaussianRows(2000, 3, 9), k: 25, workers: 3, changedFraction: 0.001 },
  ];
  for (const c of cases) {
    it(`${c.name}: same labels, centroids within 1e-9, same iterations and stop reason`, async () => {
      const ds = datasetFromRows(c.X);
      // Deliberately poor starting points (the first k rows) so several iterations happen.
      const init = c.X.slice(0, c.k);
      const ref = referenceLloyd(c.X, init, c.changedFraction, 100);
      const res = await runKMeans(ds, params({ k: c.k, initialCentroids: init, workers: c.workers, changedFraction: c.changedFraction, tolerance: 0, maxIterations: 100 }), { pool });
      expect(res.iterations).toBeGreaterThan(2);
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expectClose(res.centroids, ref.centroids);
      expect(Math.abs(res.inertia - ref.inertia)).toBeLessThanOrEqual(1e-9 * ref.inertia);
      expect(res.iterations).toBe(ref.iterations);
      expect(res.stopReason).toBe(ref.stopReason);
    });
  }

  it('stops at maxIterations like the reference', async () => {
    const X = gaussianRows(2000, 2, 11);
    const init = X.slice(0, 8);
    const ref = referenceLloyd(X, init, 0, 3);
    const res = await runKMeans(datasetFromRows(X), params({ k: 8, initialCentroids: init, changedFraction: 0, tolerance: 0, maxIterations: 3, workers: 2 }), { pool });
    expect(ref.stopReason).toBe('max-iterations');
    expect(res.stopReason).toBe('max-iterations');
    expect(res.iterations).toBe(3);
    expect(Array.from(res.labels)).toEqual(ref.labels);
    expectClose(res.centroids, ref.centroids);
  });
});

describe('known answers', () => {
  it('hand-computed 1-D example', async () => {
    // [0 1 2 | 10 11 12] from centroids 0 and 1: pass 1 → {0}, {1,2,10,11,12} (c = 0, 7.2);
    // pass 2 → {0,1,2}, {10,11,12} (c = 1, 11); pass 3 changes nothing.
    const ds = datasetFromRows([[0], [1], [2], [10], [11], [12]]);
    const res = await runKMeans(ds, params({ k: 2, initialCentroids: [[0], [1]] }), { pool });
    expect(Array.from(res.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(res.centroids).toEqual([[1], [11]]);
    expect(res.inertia).toBe(4);
    expect(res.iterations).toBe(3);
    expect(res.stopReason).toBe('converged');
    expect(res.history.map((h) => h.changed)).toEqual([6, 2, 0]);
    expect(res.history[0].inertia).toBe(0 + 0 + 1 + 81 + 100 + 121);
  });

  it('empty clusters are re-seeded from the farthest row (hand-computed)', async () => {
    // Centroid 1000 attracts nobody → it takes 101 (farthest from its centroid 1); next pass
    // centroid 26.5 is empty → it takes 3 (farthest, 9 from centroid 0); then 1, 3, 100.5.
    const ds = datasetFromRows([[0], [1], [2], [3], [100], [101]]);
    const res = await runKMeans(ds, params({ k: 3, initialCentroids: [[0], [1], [1000]], changedFraction: 0, tolerance: 0 }), { pool });
    expect(Array.from(res.labels)).toEqual([0, 0, 0, 1, 2, 2]);
    expect(res.centroids).toEqual([[1], [3], [100.5]]);
    expect(res.inertia).toBe(2.5);
    expect(res.iterations).toBe(4);
    expect(res.stopReason).toBe('converged');
    const ref = referenceLloyd(rowsOf(ds), [[0], [1], [1000]], 0, 100);
    expect(ref.labels).toEqual([0, 0, 0, 1, 2, 2]);
  });

  it('recovers well-separated blobs exactly (up to permutation) with k-means++', async () => {
    const { dataset, truth } = makeBlobs({ n: 4000, centers: 8, seed: 3, spread: 0.05 });
    for (const workers of [0, 2]) {
      const res = await runKMeans(dataset, params({ k: 8, init: 'kmeans++', seed: 4, workers }), { pool });
      expect(samePartition(res.labels, truth)).toBe(true);
    }
  });

  it('k = 1: the centroid is the mean and the inertia the total sum of squares', async () => {
    const X = gaussianRows(999, 3, 12);
    const res = await runKMeans(datasetFromRows(X), params({ k: 1, workers: 2 }), { pool });
    const mean = [0, 1, 2].map((t) => X.reduce((s, x) => s + x[t], 0) / X.length);
    const sse = X.reduce((s, x) => s + x.reduce((a, v, t) => a + (v - mean[t]) ** 2, 0), 0);
    expectClose(res.centroids, [mean]);
    expect(Math.abs(res.inertia - sse)).toBeLessThanOrEqual(1e-9 * sse);
    expect(new Set(res.labels).size).toBe(1);
  });

  it('k = N: every row is its own cluster, inertia 0', async () => {
    const X = gaussianRows(40, 2, 13);
    for (const init of ['random', 'kmeans++'] as const) {
      const res = await runKMeans(datasetFromRows(X), params({ k: 40, init, workers: 2 }), { pool });
      expect(res.inertia).toBe(0);
      expect(new Set(res.labels).size).toBe(40);
    }
  });
});

describe('degenerate data', () => {
  it('identical points: no NaN, terminates, inertia 0', async () => {
    const ds = datasetFromRows(Array.from({ length: 50 }, () => [3, -1]));
    for (const init of ['random', 'kmeans++'] as const) {
      const res = await runKMeans(ds, params({ k: 4, init, changedFraction: 0, maxIterations: 1000, workers: 2 }), { pool });
      expect(res.centroids.flat().every(Number.isFinite)).toBe(true);
      expect(res.inertia).toBe(0);
      expect(res.stopReason).toBe('converged');
      expect(res.iterations).toBeLessThan(5);
    }
  });

  it('fewer distinct values than k: finite centroids, exact partition', async () => {
    const X = Array.from({ length: 60 }, (_, i) => [i % 3 === 0 ? 5 : 1]);
    const res = await runKMeans(datasetFromRows(X), params({ k: 5, init: 'random', seed: 2, changedFraction: 0, maxIterations: 1000 }), { pool });
    expect(res.centroids.flat().every(Number.isFinite)).toBe(true);
    expect(res.inertia).toBe(0);
    X.forEach((x, i) => expect(res.centroids[res.labels[i]][0]).toBe(x[0]));
  });

  it('rejects data with a non-finite value, naming the row and column', async () => {
    const ds = datasetFromRows([[1, 2], [3, NaN], [4, 5]], ['a', 'b']);
    await expect(runKMeans(ds, params({ k: 2, workers: 2 }), { pool })).rejects.toThrow(/row 2, column 2 \("b"\) is not a finite number/);
  });
});

describe('initialisation and restarts', () => {
  const { dataset } = makeBlobs({ n: 2000, centers: 5, seed: 21, spread: 1.5 });
  const X = rowsOf(dataset);
  const isDataRow = (c: number[]) => X.some((x) => x.every((v, t) => v === c[t]));

  it('random and k-means++ start from distinct data rows, reproducibly from the seed', async () => {
    for (const init of ['random', 'kmeans++'] as const) {
      const run = (seed: number) => runKMeans(dataset, params({ k: 5, init, seed }), { pool });
      const a = await run(7);
      const b = await run(7);
      const c = await run(8);
      const start = a.initialCentroids!;
      expect(start.every(isDataRow)).toBe(true);
      expect(new Set(start.map((r) => r.join(','))).size).toBe(5);
      expect(b.initialCentroids).toEqual(start);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(c.initialCentroids).not.toEqual(start);
      // Feeding the recorded start back in reproduces the run exactly.
      const again = await runKMeans(dataset, params({ k: 5, initialCentroids: start }), { pool });
      expect(again.centroids).toEqual(a.centroids);
      expect(again.inertia).toBe(a.inertia);
    }
  });

  it('k-means++ picks an outlier far from everything else as a centre', async () => {
    const rng = createRng(4);
    const rows = [...Array.from({ length: 500 }, () => [rng() * 0.01, rng() * 0.01]), [1000, 1000]];
    for (const seed of [1, 2, 3]) {
      const res = await runKMeans(datasetFromRows(rows), params({ k: 2, init: 'kmeans++', seed, workers: 2 }), { pool });
      expect(res.initialCentroids).toContainEqual([1000, 1000]);
    }
  });

  it('k-means++ starts far better than random rows on separated blobs', async () => {
    const firstInertia = async (init: 'random' | 'kmeans++') => {
      let total = 0;
      for (const seed of [1, 2, 3, 4, 5]) {
        const r = await runKMeans(dataset, params({ k: 5, init, seed, maxIterations: 1 }), { pool });
        total += r.history[0].inertia;
      }
      return total;
    };
    expect(await firstInertia('kmeans++')).toBeLessThan(await firstInertia('random'));
  });

  it('nInit keeps the restart with the lowest inertia and reports it', async () => {
    const restarts: number[] = [];
    const one = await runKMeans(dataset, params({ k: 5, init: 'random', seed: 9 }), { pool });
    const many = await runKMeans(dataset, params({ k: 5, init: 'random', seed: 9, nInit: 4 }), {
      pool,
      onIteration: (r) => restarts.push(r.restart),
    });
    expect([...new Set(restarts)]).toEqual([0, 1, 2, 3]);
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
    if (many.bestRestart === 0) expect(many.inertia).toBe(one.inertia);
    // The returned labels belong to the returned centroids: recompute the inertia from them.
    let sse = 0;
    X.forEach((x, i) => x.forEach((v, t) => (sse += (v - many.centroids[many.labels[i]][t]) ** 2)));
    expect(Math.abs(sse - many.inertia)).toBeLessThanOrEqual(1e-9 * sse);
    expect(many.history.length).toBe(many.iterations);
  });

  it('stops on the tolerance rule when the changed-fraction rule is off', async () => {
    const res = await runKMeans(dataset, params({ k: 5, seed: 2, init: 'random', changedFraction: 0, tolerance: 0.05 }), { pool });
    expect(res.stopReason).toBe('tolerance');
  });

  it('streams one progress record per iteration, matching the history', async () => {
    const seen: IterationRecord[] = [];
    const res = await runKMeans(dataset, params({ k: 5, seed: 2, workers: 2, changedFraction: 0 }), { pool, onIteration: (r) => seen.push(r) });
    expect(seen.map((r) => r.iteration)).toEqual(res.history.map((r) => r.iteration));
    expect(seen.map((r) => r.inertia)).toEqual(res.history.map((r) => r.inertia));
    expect(res.timings.iterateMs).toBeGreaterThan(0);
    expect(res.workers).toBe(2);
  });
});

describe('parameters', () => {
  it('fills defaults', () => {
    const p = resolveKMeansParams({ k: 3 });
    expect(p).toMatchObject({ k: 3, init: 'kmeans++', nInit: 1, changedFraction: 0.01, workers: 'auto' });
    expect(resolveKMeansParams({ k: 2, initialCentroids: [[0], [1]] }).init).toBe('given');
  });

  it('rejects bad values with sentences', () => {
    expect(() => resolveKMeansParams({ k: 12 }, 10)).toThrow('k (12) is larger than the number of rows (10)');
    expect(() => resolveKMeansParams({ k: 0 })).toThrow(/k must be a whole number/);
    expect(() => resolveKMeansParams({ k: 2, changedFraction: 2 })).toThrow(/changedFraction/);
    expect(() => resolveKMeansParams({ k: 2, workers: -1 })).toThrow(/workers/);
    expect(() => resolveKMeansParams({ k: 2, init: 'given' })).toThrow(/needs initialCentroids/);
    expect(() => resolveKMeansParams({ k: 2, initialCentroids: [[1]] })).toThrow(/expected k = 2/);
    expect(() => resolveKMeansParams({ k: 1, initialCentroids: [[1]], nInit: 3 })).toThrow(/nInit/);
    expect(() => resolveKMeansParams({ k: 2, init: 'bogus' as 'random' })).toThrow(/init must be one of/);
  });

  it('runKMeans rejects k > N and centroids of the wrong width', async () => {
    const ds = datasetFromRows(gaussianRows(10, 2, 1));
    await expect(runKMeans(ds, params({ k: 12 }), { pool })).rejects.toThrow('k (12) is larger than the number of rows (10)');
    await expect(runKMeans(ds, params({ k: 1, initialCentroids: [[1, 2, 3]] }), { pool })).rejects.toThrow(/has 3 values, the data has 2 columns/);
  });

  it("'auto' stays serial for small work and never exceeds cores or chunks", () => {
    expect(autoWorkers(1000, 3, 2, 8)).toBe(0);
    expect(autoWorkers(1_000_000, 10, 2, 2)).toBe(2);
    expect(autoWorkers(1_000_000, 10, 2, 1)).toBe(0);
    expect(autoWorkers(10_000_000, 50, 10, 128)).toBeLessThanOrEqual(64);
    expect(autoWorkers(300, 100, 50, 16)).toBeLessThanOrEqual(2);
  });
});

// The k sweep: per-k answers equal a serial run scored directly, and the same for P = 1, 2, 4.
import { afterAll, describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../src/shared/analysis.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { runPam } from '../../src/main/engine/ekm/index.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { calinskiHarabasz, daviesBouldin, silhouette } from '../../src/main/engine/metrics/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { bestByScore, elbowK, runSweep } from '../../src/main/engine/sweep/index.ts';

const pool = new WorkerPool({ size: 4 });
afterAll(() => pool.destroy());

// the generator of resources/blobs-400.csv: 3 blobs whose centres are ≥ 10 sd apart
const { dataset } = makeBlobs({ n: 400, centers: 3, seed: 7, spread: 1 });

/** The answer part of a point (time and worker depend on the machine). */
function answer(p: SweepPoint) {
  const { clusterMs, qualityMs, worker, ...rest } = p;
  void clusterMs, qualityMs, worker;
  return rest;
}

const point = (k: number, cost: number, s = 0, db = 1, ch = 1): SweepPoint => ({
  k, clusters: k, cost, iterations: 1, silhouette: s, silhouetteExact: true, silhouetteSample: 10, daviesBouldin: db, calinskiHarabasz: ch, clusterMs: 0, qualityMs: 0, worker: 0,
});

describe('k sweep', () => {
  it('k-means: each k equals a serial run scored directly, identical for P = 1, 2, 4', async () => {
    const params = { algorithm: 'kmeans' as const, kFrom: 2, kTo: 7, nInit: 3, seed: 5, workers: 1 };
    const base = await runSweep(dataset, params, { pool });
    expect(base.points.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7]);
    for (const p of base.points) {
      const r = await runKMeans(dataset, resolveKMeansParams({ k: p.k, nInit: 3, seed: 5, workers: 0 }, dataset.n), { pool });
      expect(p.cost).toBe(r.inertia);
      expect(p.silhouette).toBe((await silhouette(dataset, r.labels)).mean);
      expect(p.daviesBouldin).toBe(daviesBouldin(dataset, r.labels));
      expect(p.calinskiHarabasz).toBe(calinskiHarabasz(dataset, r.labels));
    }
    for (const workers of [2, 4]) {
      const other = await runSweep(dataset, { ...params, workers }, { pool });
      expect(other.points.map(answer)).toEqual(base.points.map(answer));
      expect(other.best).toEqual(base.best);
      expect(new Set(other.points.map((p) => p.worker)).size).toBeGreaterThan(1);
    }
    // 3 well separated blobs: every score picks k = 3
    expect(base.best).toEqual({ silhouette: 3, daviesBouldin: 3, calinskiHarabasz: 3, elbow: 3 });
  });

  it('PAM: each k equals runPam on its own, for P = 1 and 3', async () => {
    const small = makeBlobs({ n: 120, centers: 3, seed: 2 }).dataset;
    const params = { algorithm: 'pam' as const, kFrom: 2, kTo: 5, nInit: 1, seed: 0, workers: 1 };
    const a = await runSweep(small, params, { pool });
    const b = await runSweep(small, { ...params, workers: 3 }, { pool });
    expect(b.points.map(answer)).toEqual(a.points.map(answer));
    for (const p of a.points) expect(p.cost).toBe((await runPam(small, { k: p.k, distance: 'euclidean' }, {})).cost);
  });

  it('marks the best k per score, the smaller k on ties', () => {
    const pts = [point(2, 100, 0.5, 0.9, 10), point(3, 40, 0.7, 0.4, 30), point(4, 30, 0.7, 0.5, 25), point(5, 25, 0.2, 0.8, 5)];
    expect(bestByScore(pts)).toEqual({ silhouette: 3, daviesBouldin: 3, calinskiHarabasz: 3, elbow: 3 });
  });

  it('finds the elbow of a cost curve, and none without a bend', () => {
    // cost 1/k² falls steeply then flattens: the bend is at small k
    const curve = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => point(k, 100 / (k * k)));
    expect(elbowK(curve)).toBe(2);
    expect(elbowK([point(2, 3), point(3, 2), point(4, 1)])).toBeNull(); // a straight line
    expect(elbowK([point(2, 3), point(3, 2)])).toBeNull();
  });

  it('refuses bad ranges with sentences', async () => {
    const run = (p: Partial<Parameters<typeof runSweep>[1]>) =>
      runSweep(dataset, { algorithm: 'kmeans', kFrom: 2, kTo: 4, nInit: 1, seed: 0, workers: 1, ...p }, { pool });
    await expect(run({ kFrom: 1 })).rejects.toThrow(/k from must be a whole number ≥ 2/);
    await expect(run({ kFrom: 5, kTo: 4 })).rejects.toThrow(/k to must be a whole number ≥ 5/);
    await expect(run({ kTo: 400 })).rejects.toThrow(/below the number of rows \(400\)/);
    await expect(run({ workers: 0 })).rejects.toThrow(/workers/);
  });
});

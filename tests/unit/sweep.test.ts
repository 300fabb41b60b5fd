// The k sweep: per-k answers equal a serial run scored directly, and the same for P = 1, 2, 4.
import { afterAll, describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../src/shared/analysis.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { estimateEkm, runPam, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { ekmSweepParams } from '../../src/main/engine/sweep/cluster-one.ts';
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

  it('EKM: each k is the exact optimum (in-process solve), never above PAM, identical for P = 1, 2, 4', async () => {
    const small = makeBlobs({ n: 48, centers: 3, seed: 4 }).dataset;
    const params = { algorithm: 'ekm' as const, kFrom: 2, kTo: 4, nInit: 1, seed: 0, workers: 1, ekmBudgetS: 3600 };
    const base = await runSweep(small, params, { pool });
    expect(base.skipped).toEqual([]);
    expect(base.params.ekmBudgetS).toBe(3600);
    expect(base.points.map((p) => p.k)).toEqual([2, 3, 4]);
    for (const p of base.points) {
      const exact = await solveEkm(small, { ...ekmSweepParams(p.k, small.n), workers: 0 });
      expect(p.cost).toBe(exact.cost);
      expect(p.silhouette).toBe((await silhouette(small, exact.labels)).mean);
      expect(p.cost).toBeLessThanOrEqual((await runPam(small, { k: p.k, distance: 'euclidean' }, {})).cost);
    }
    for (const workers of [2, 4]) {
      const other = await runSweep(small, { ...params, workers }, { pool });
      expect(other.points.map(answer)).toEqual(base.points.map(answer));
      expect(other.best).toEqual(base.best);
      expect(other.skipped).toEqual(base.skipped);
    }
  });

  it('EKM: skips exactly the k whose runtime estimate is above the budget, each with a note, for P = 1, 2, 4', async () => {
    const small = makeBlobs({ n: 60, centers: 3, seed: 9 }).dataset;
    // k = 2: C(60, 2) = 1,770 sets (well under a millisecond); k = 8: C(60, 8) ≈ 2.6e9 sets, above
    // the engine's default limit and hours of estimate — both sides of any budget near 1 s
    const budgetS = 1;
    const estimate = (k: number) => estimateEkm(small, ekmSweepParams(k, small.n));
    const expectedSkipped = [2, 3, 4, 5, 6, 7, 8].filter((k) => estimate(k).refuse !== null || estimate(k).estimatedMs > budgetS * 1000);
    expect(expectedSkipped).not.toContain(2);
    expect(expectedSkipped).toContain(8);
    const results = [];
    for (const workers of [1, 2, 4]) results.push(await runSweep(small, { algorithm: 'ekm', kFrom: 2, kTo: 8, nInit: 1, seed: 0, workers, ekmBudgetS: budgetS }, { pool }));
    for (const r of results) {
      expect(r.skipped!.map((s) => s.k)).toEqual(expectedSkipped);
      expect(r.points.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8].filter((k) => !expectedSkipped.includes(k)));
      expect(r.points.map(answer)).toEqual(results[0].points.map(answer));
      const k8 = r.skipped!.find((s) => s.k === 8)!;
      expect(k8.combinations).toBe(estimate(8).combinations);
      expect(k8.reason).toMatch(/above the limit|above the budget of 1\.00 s per k/);
    }
    await expect(runSweep(small, { algorithm: 'ekm', kFrom: 2, kTo: 3, nInit: 1, seed: 0, workers: 1, ekmBudgetS: 0 }, { pool })).rejects.toThrow(/budget per k must be a positive number/);
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

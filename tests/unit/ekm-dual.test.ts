// Fused EKM by Lagrangian subtree bounds (dual.ts, dual-search.ts) against the brute force: random
// instances in 1–24 dimensions, all three distances, duplicates and ties, strong and deliberately
// weak duals (one or three subgradient steps, so many subtrees survive and the tie rule and the
// skip counts are exercised), P = 1, 2, 4 in-process and through the pool.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { DistanceRows, summationOrder } from '../../src/main/engine/ekm/distance.ts';
import { solveDual } from '../../src/main/engine/ekm/dual-ascent.ts';
import { resolveEkmParams, runEkm, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type { Distance } from '../../src/shared/types.ts';
import { binomial, bruteForce, costOf, dist, expectOptimal, makeInstance, type Instance } from './ekm-oracle.ts';

const DISTANCES: Distance[] = ['sqeuclidean', 'manhattan', 'euclidean'];

/** Real-valued clustered points in d dimensions (no ties), the kind z-scored data gives. */
function cloud(rng: () => number, n: number, d: number, centres: number): number[][] {
  const c = Array.from({ length: centres }, () => Array.from({ length: d }, () => rng() * 6));
  return Array.from({ length: n }, (_, i) => c[i % centres].map((v) => v + (rng() - 0.5) * 3));
}

/**
 * Real-valued points: sums round differently from the oracle's, and sets that tie in exact
 * arithmetic (e.g. either point of a mutually nearest pair as a medoid) may differ in the last
 * bit, so the cost must match to rounding and the chosen set must cost the optimum in the oracle.
 */
function expectSameSet(inst: Instance, got: { cost: number; medoids: number[] }, what: string, real: boolean): void {
  if (!real) return expectOptimal(inst, got, what);
  const tol = 1e-12 * Math.max(1, inst.truth.cost);
  expect(Math.abs(got.cost - inst.truth.cost), `${what}: ${JSON.stringify(inst.rows)}`).toBeLessThanOrEqual(tol);
  expect(Math.abs(costOf(inst.rows, got.medoids, inst.distance) - inst.truth.cost), what).toBeLessThanOrEqual(tol);
}

describe('EKM with Lagrangian subtree bounds', () => {
  it('matches brute force on 300 random instances (N ≤ 30, K ≤ 4, d ≤ 24), weak and strong duals, P = 1, 2, 4', async () => {
    const rng = createRng(16_2026);
    for (let t = 0; t < 300; t++) {
      const distance = DISTANCES[t % 3];
      const inst = t % 2 ? makeInstance(rng, 30, 4, distance, 24) : (() => {
        const rows = cloud(rng, 5 + Math.floor(rng() * 26), 1 + Math.floor(rng() * 24), 1 + Math.floor(rng() * 4));
        const k = 1 + Math.floor(rng() * 4);
        return { rows, ds: datasetFromRows(rows), k, distance, truth: bruteForce(rows, k, distance) };
      })();
      const n = inst.rows.length;
      for (const parts of [1, 2, 4]) {
        const dualIterations = [1, 3, undefined][(t + parts) % 3];
        const r = await solveEkm(inst.ds, resolveEkmParams({ k: inst.k, variant: 'fused', distance, workers: parts }, n), { parts, dualIterations });
        expectSameSet(inst, r, `dual P=${parts} iterations=${dualIterations ?? 'default'}`, t % 2 === 0);
        const pr = r.proof!;
        expect(pr.setsVisited + pr.setsInPrunedSubtrees).toBe(binomial(n, inst.k));
        expect(r.combinationsEvaluated).toBe(binomial(n, inst.k));
      }
    }
  });

  it('tied optima (identical, duplicated, grid points) give the lexicographically first set, weak duals included', async () => {
    const cases: Array<[string, number[][]]> = [
      ['identical', Array.from({ length: 26 }, () => [3, 3, 1])],
      ['duplicated', Array.from({ length: 30 }, (_, i) => [i % 4, (i * 7) % 3])],
      ['grid', Array.from({ length: 36 }, (_, i) => [i % 6, Math.floor(i / 6)])],
      ['two copies', Array.from({ length: 32 }, (_, i) => [(i % 16) % 5, Math.floor((i % 16) / 5)])],
    ];
    for (const [name, rows] of cases) {
      for (const distance of ['sqeuclidean', 'manhattan'] as Distance[]) {
        for (let k = 1; k <= 3; k++) {
          const truth = bruteForce(rows, k, distance);
          for (const parts of [1, 2, 4]) {
            for (const dualIterations of [1, undefined]) {
              const r = await solveEkm(datasetFromRows(rows), resolveEkmParams({ k, variant: 'fused', distance, workers: parts }, rows.length), { parts, dualIterations });
              expect([r.cost, r.medoids], `${name} ${distance} k=${k} P=${parts} it=${dualIterations}`).toEqual([truth.cost, truth.medoids]);
            }
          }
        }
      }
    }
  });

  it('500 identical points, K = 3: the tie rule prunes whole subtrees, a handful of sets visited', async () => {
    const rows = Array.from({ length: 500 }, () => [1, 2]);
    for (const parts of [1, 2]) {
      const r = await solveEkm(datasetFromRows(rows), resolveEkmParams({ k: 3, variant: 'fused', workers: parts }, 500), { parts });
      expect([r.cost, r.medoids]).toEqual([0, [0, 1, 2]]);
      expect(r.combinationsEvaluated).toBe(20_708_500);
      expect(r.proof!.setsVisited).toBeLessThan(2_000);
    }
  });

  it('the dual bound never exceeds the optimum, and is the optimum on well-separated clusters', () => {
    const rng = createRng(5);
    let tight = 0;
    for (let t = 0; t < 60; t++) {
      const distance = DISTANCES[t % 3];
      const rows = cloud(rng, 12 + (t % 10), 2 + (t % 9), 3);
      const n = rows.length;
      const truth = bruteForce(rows, 3, distance);
      const values = Float64Array.from(rows.flat());
      const perm = summationOrder(n);
      const matrix = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let q = 0; q < n; q++) matrix[i * n + q] = dist(rows[i], rows[perm[q]], distance);
      const dual = solveDual(new DistanceRows(n, rows[0].length, values, perm, distance, matrix), 3, { upper: Infinity, start: null, balance: false, maxIterations: 300 });
      expect(dual.bound - dual.margin).toBeLessThanOrEqual(truth.cost * (1 + 1e-12));
      if (dual.bound >= truth.cost * (1 - 1e-9)) tight++;
    }
    expect(tight).toBeGreaterThan(30);
  });
});

describe('EKM with Lagrangian bounds through the pool', () => {
  const pool = new WorkerPool({ size: 4 });
  afterAll(() => pool.destroy());

  it('the same answer for 1, 2 and 4 workers (random, tied and high-d instances)', async () => {
    await pool.ready();
    const rng = createRng(99);
    for (let t = 0; t < 40; t++) {
      const distance = DISTANCES[t % 3];
      const rows = t % 4 === 3 ? Array.from({ length: 40 }, (_, i) => [i % 5, i % 3]) : cloud(rng, 20 + (t % 30), 1 + (t % 20), 1 + (t % 4));
      const k = 1 + (t % 4);
      const inst = { rows, ds: datasetFromRows(rows), k, distance, truth: bruteForce(rows, k, distance) };
      const answers = new Set<string>();
      for (const workers of [1, 2, 4]) {
        const r = await runEkm(inst.ds, resolveEkmParams({ k, variant: 'fused', distance, workers }, rows.length), { pool });
        expectSameSet(inst, r, `pool dual P=${workers}`, t % 4 !== 3);
        expect(r.proof!.setsVisited + r.proof!.setsInPrunedSubtrees).toBe(binomial(rows.length, k));
        answers.add(`${r.cost}|${r.medoids.join(',')}`);
      }
      expect(answers.size, 'bit-identical answer for every worker count').toBe(1);
      pool.dropDataset(inst.ds.id);
    }
  });
});

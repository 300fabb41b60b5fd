// Exactness: every EKM variant (fused with either subtree bound) returns the brute-force optimum — same cost, and the same medoid
// set under the tie rule (lexicographically smallest sorted set among the cheapest) — on many
// seeded random small instances with integer coordinates, duplicate points and ties.
// The brute force (ekm-oracle.ts) is written independently of the engine.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { resolveEkmParams, runEkm, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { keepMatrixBuffer, takeMatrixBuffer } from '../../src/main/engine/ekm/matrix-buffer.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type { Distance, EkmVariant } from '../../src/shared/types.ts';
import { binomial, bruteForce, expectOptimal, makeInstance } from './ekm-oracle.ts';

const VARIANTS: EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused'];

describe('EKM exactness against brute force', () => {
  it('every variant, in-process, on 1,200 random instances (N ≤ 14, K ≤ 4)', async () => {
    const rng = createRng(20240501);
    let runs = 0;
    for (let t = 0; t < 1200; t++) {
      const distance: Distance = t % 10 === 9 ? 'euclidean' : t % 10 === 8 ? 'manhattan' : 'sqeuclidean';
      const inst = makeInstance(rng, 14, 4, distance);
      const n = inst.rows.length;
      for (const variant of VARIANTS) {
        const partsList = variant === 'fused' || variant === 'tree' ? [1, 2, 3] : [2];
        for (const parts of partsList) {
          const leafLength = variant === 'tree' ? 1 + Math.floor(rng() * n) : undefined;
          const mergeArity = variant === 'tree' ? 2 + (t % 3) : undefined;
          const params = resolveEkmParams({ k: inst.k, variant, distance, workers: parts, leafLength, mergeArity, prune: t % 7 !== 0 }, n);
          // Fused runs alternate between the Lagrangian (default) and the k-d tree subtree bounds.
          const search = t % 2 ? 'tree' : 'dual';
          const r = await solveEkm(inst.ds, params, { parts, search });
          expectOptimal(inst, r, `${variant} P=${parts} L=${leafLength} a=${mergeArity} ${search}`);
          expect(r.combinationsEvaluated).toBe(binomial(n, inst.k));
          runs++;
        }
      }
    }
    expect(runs).toBe(12_000);
  });

  it('fused group bounds and on-demand rows stay exact on larger instances (N ≤ 40, K ≤ 3)', async () => {
    const rng = createRng(77);
    for (let t = 0; t < 120; t++) {
      const inst = makeInstance(rng, 40, 3, t % 4 === 3 ? 'manhattan' : 'sqeuclidean');
      const n = inst.rows.length;
      for (const groupSize of [2, 3, 5]) {
        const r = await solveEkm(inst.ds, resolveEkmParams({ k: inst.k, variant: 'fused', distance: inst.distance, workers: 2 }, n), { parts: 2, groupSize, search: 'tree' });
        expectOptimal(inst, r, `fused groupSize=${groupSize}`);
      }
      const onDemand = resolveEkmParams({ k: inst.k, variant: t % 2 ? 'fused' : 'tree', distance: inst.distance, workers: 2, distanceMatrix: 'never' }, n);
      expectOptimal(inst, await solveEkm(inst.ds, onDemand, { parts: 2 }), `${onDemand.variant} without matrix`);
    }
  });

  it('results carry sorted medoids, their coordinates, nearest-medoid labels (ties → lowest medoid) and all combinations', async () => {
    // Points 0 and 2 are both at distance 1 from point 1: tie → the lower medoid index.
    const rows = [[0], [1], [2], [10], [11]];
    const ds = datasetFromRows(rows);
    const r = await solveEkm(ds, resolveEkmParams({ k: 2, variant: 'fused', workers: 1 }, 5));
    expect(r.medoids).toEqual([1, 3]);
    expect(r.medoidCoordinates).toEqual([[1], [10]]);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1]);
    expect(r.cost).toBe(1 + 0 + 1 + 0 + 1);
    expect(r.combinationsEvaluated).toBe(10);
    const dup = datasetFromRows([[5], [5], [5]]);
    const d = await solveEkm(dup, resolveEkmParams({ k: 1, variant: 'tree', workers: 2, leafLength: 1 }, 3));
    expect(d.medoids).toEqual([0]);
    expect(Array.from(d.labels)).toEqual([0, 0, 0]);
  });
});

describe('EKM through the worker pool', () => {
  const pool = new WorkerPool({ size: 3 });
  afterAll(() => pool.destroy());

  it('pool runs of every variant match brute force on 400 instances', async () => {
    await pool.ready();
    const rng = createRng(4242);
    const combos: Array<[EkmVariant, number]> = [
      ['fused', 1],
      ['fused', 2],
      ['fused', 3],
      ['tree', 2],
      ['tree', 3],
      ['gen1', 2],
      ['gen2', 3],
      ['split', 1],
      ['sequential', 1],
    ];
    for (let t = 0; t < 400; t++) {
      const inst = makeInstance(rng, t % 3 === 0 ? 30 : 14, t % 3 === 0 ? 3 : 4, t % 5 === 4 ? 'manhattan' : 'sqeuclidean');
      const [variant, workers] = combos[t % combos.length];
      const n = inst.rows.length;
      const tree = variant === 'tree';
      const params = resolveEkmParams({ k: inst.k, variant, distance: inst.distance, workers, leafLength: tree ? 1 + Math.floor(rng() * n) : undefined, mergeArity: tree ? 2 + (workers % 3) : undefined }, n);
      const r = await runEkm(inst.ds, params, { pool });
      expectOptimal(inst, r, `pool ${variant} P=${workers}`);
      pool.dropDataset(inst.ds.id);
    }
  });

  it('a distance-matrix buffer kept from an earlier run, full of stale values, changes no answer', async () => {
    const rng = createRng(77);
    for (let t = 0; t < 12; t++) {
      const n = 40;
      const rows = Array.from({ length: n }, () => [Math.floor(rng() * 9), Math.floor(rng() * 9)]);
      // The next run of this size gets this buffer back: make every entry a value no real
      // distance has, so a row the run failed to rewrite would show in its answer.
      const stale = takeMatrixBuffer(n * n * 8);
      new Float64Array(stale).fill(t % 2 ? -1 : 0);
      keepMatrixBuffer(stale);
      const params = resolveEkmParams({ k: 3, variant: t % 3 === 0 ? 'tree' : 'fused', workers: 1 + (t % 3) }, n);
      const r = await runEkm(datasetFromRows(rows), params, { pool });
      expect(takeMatrixBuffer(n * n * 8), 'the run used the kept buffer and handed it back').toBe(stale);
      const truth = bruteForce(rows, 3, 'sqeuclidean');
      expect([r.cost, r.medoids]).toEqual([truth.cost, truth.medoids]);
    }
  });

  it('answers do not depend on the worker count (blobs, N = 120, K = 3)', async () => {
    const rng = createRng(9);
    const rows = Array.from({ length: 120 }, (_, i) => [Math.round(rng() * 20) + (i % 3) * 30, Math.round(rng() * 20)]);
    const ds = datasetFromRows(rows);
    const answers = new Set<string>();
    for (const [variant, workers] of [['fused', 1], ['fused', 2], ['fused', 3], ['tree', 3], ['gen2', 3]] as Array<[EkmVariant, number]>) {
      const r = await runEkm(ds, resolveEkmParams({ k: 3, variant, workers }, 120), { pool });
      expect(r.combinationsEvaluated).toBe(280_840);
      answers.add(`${r.cost}|${r.medoids.join(',')}`);
    }
    expect(answers.size).toBe(1);
    const truth = bruteForce(rows, 3, 'sqeuclidean');
    expect([...answers][0]).toBe(`${truth.cost}|${truth.medoids.join(',')}`);
  });
});

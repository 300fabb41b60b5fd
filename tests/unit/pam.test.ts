// PAM (BUILD + SWAP): a valid medoid set whose reported cost is its true cost and never below
// the exact optimum (found here by brute force, independently of the engine).
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveEkmParams, runPam, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';

const sq = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
const costOf = (rows: number[][], set: number[]) => rows.reduce((s, p) => s + Math.min(...set.map((m) => sq(p, rows[m]))), 0);

function optimum(rows: number[][], k: number): number {
  let best = Infinity;
  const set: number[] = [];
  const walk = (start: number) => {
    if (set.length === k) {
      best = Math.min(best, costOf(rows, set));
      return;
    }
    for (let i = start; i < rows.length; i++) {
      set.push(i);
      walk(i + 1);
      set.pop();
    }
  };
  walk(0);
  return best;
}

describe('PAM baseline', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.destroy());

  it('returns a valid set with its true cost, never below the optimum (300 random instances)', async () => {
    const rng = createRng(31337);
    let optimal = 0;
    for (let t = 0; t < 300; t++) {
      const n = 2 + Math.floor(rng() * 12);
      const k = 1 + Math.floor(rng() * Math.min(4, n));
      const rows = Array.from({ length: n }, () => [Math.floor(rng() * 6), Math.floor(rng() * 6)]);
      const r = await runPam(datasetFromRows(rows), { k, distance: 'sqeuclidean' }, {});
      expect(r.algorithm).toBe('pam');
      expect(r.medoids).toHaveLength(k);
      expect(new Set(r.medoids).size).toBe(k);
      expect([...r.medoids].sort((a, b) => a - b)).toEqual(r.medoids);
      for (const m of r.medoids) expect(m >= 0 && m < n).toBe(true);
      expect(r.cost).toBe(costOf(rows, r.medoids));
      const opt = optimum(rows, k);
      expect(r.cost).toBeGreaterThanOrEqual(opt);
      if (r.cost === opt) optimal++;
    }
    // A sanity check on the heuristic's quality, not a guarantee: PAM is usually optimal on tiny data.
    expect(optimal).toBeGreaterThan(200);
  });

  it('finds the obvious medoids of well separated blobs, on the pool as in-process', async () => {
    const { dataset } = makeBlobs({ n: 150, centers: 3, seed: 5, spread: 0.3 });
    const onPool = await runPam(dataset, { k: 3, distance: 'sqeuclidean' }, { pool });
    const local = await runPam(dataset, { k: 3, distance: 'sqeuclidean' }, {});
    expect(onPool.medoids).toEqual(local.medoids);
    expect(onPool.cost).toBe(local.cost);
    const exact = await solveEkm(dataset, resolveEkmParams({ k: 3, variant: 'fused', workers: 1 }, 150));
    expect(onPool.cost).toBeGreaterThanOrEqual(exact.cost);
    // Well separated blobs: the heuristic reaches the optimum here.
    expect(onPool.cost).toBe(exact.cost);
    const labels = Array.from(onPool.labels);
    expect(new Set(labels).size).toBe(3);
  });

  it('rejects bad k and honours cancellation', async () => {
    const ds = datasetFromRows([[0], [1]]);
    await expect(runPam(ds, { k: 3, distance: 'sqeuclidean' }, {})).rejects.toThrow(/k from 1 to the number of rows/);
    const token = new CancelToken();
    token.cancel();
    await expect(runPam(ds, { k: 1, distance: 'sqeuclidean' }, { pool, token })).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

// Internal quality scores against independent O(n²) implementations written from the
// definitions, and the same numbers for every worker count.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { calinskiHarabasz, daviesBouldin, qualityScores, silhouette } from '../../src/main/engine/metrics/index.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';

const pool = new WorkerPool({ size: 4 });
afterAll(() => pool.destroy());

const dist = (a: number[], b: number[]) => Math.hypot(...a.map((x, t) => x - b[t]));

/** Textbook silhouette: full distance matrix, then a(i), b(i) by filtering. */
function naiveSilhouette(rows: number[][], labels: number[]): number[] {
  const D = rows.map((a) => rows.map((b) => dist(a, b)));
  const groups = [...new Set(labels)];
  return rows.map((_, i) => {
    const same = labels.map((_, j) => j).filter((j) => labels[j] === labels[i] && j !== i);
    if (same.length === 0) return 0;
    const a = same.reduce((s, j) => s + D[i][j], 0) / same.length;
    const b = Math.min(
      ...groups.filter((g) => g !== labels[i]).map((g) => {
        const js = labels.map((_, j) => j).filter((j) => labels[j] === g);
        return js.reduce((s, j) => s + D[i][j], 0) / js.length;
      }),
    );
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function centroid(rows: number[][]): number[] {
  return rows[0].map((_, t) => mean(rows.map((r) => r[t])));
}

/** Coinciding centres are skipped, as scikit-learn does (it sets their distance to ∞). */
function naiveDaviesBouldin(rows: number[][], labels: number[]): number {
  const groups = [...new Set(labels)].sort((a, b) => a - b);
  const members = groups.map((g) => rows.filter((_, i) => labels[i] === g));
  const cs = members.map(centroid);
  const S = members.map((m, j) => mean(m.map((r) => dist(r, cs[j]))));
  return mean(groups.map((_, a) => Math.max(...groups.map((_, b) => (a === b || dist(cs[a], cs[b]) === 0 ? 0 : (S[a] + S[b]) / dist(cs[a], cs[b]))))));
}

/** CH via the identity between = total − within (a different route than the engine's). */
function naiveCalinskiHarabasz(rows: number[][], labels: number[]): number {
  const groups = [...new Set(labels)];
  const m = centroid(rows);
  const total = rows.reduce((s, r) => s + dist(r, m) ** 2, 0);
  let within = 0;
  for (const g of groups) {
    const mem = rows.filter((_, i) => labels[i] === g);
    const c = centroid(mem);
    within += mem.reduce((s, r) => s + dist(r, c) ** 2, 0);
  }
  const n = rows.length;
  const k = groups.length;
  return ((total - within) / (k - 1)) / (within / (n - k));
}

function randomCase(seed: number) {
  const rng = createRng(seed);
  const n = 10 + randInt(rng, 120);
  const d = 1 + randInt(rng, 4);
  const k = 2 + randInt(rng, 5);
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(rng() * 40) / 4));
  // labels with gaps and a possible singleton, as k-means with an emptied cluster gives
  const labels = rows.map(() => randInt(rng, k) * 2 + 1);
  labels[0] = 99;
  return { ds: datasetFromRows(rows), rows, labels };
}

describe('internal quality scores', () => {
  it('silhouette equals the textbook O(n²) definition, per point and on average', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { ds, rows, labels } = randomCase(seed);
      const ref = naiveSilhouette(rows, labels);
      const got = await silhouette(ds, labels);
      expect(got.exact).toBe(true);
      got.values.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 12));
      expect(got.mean).toBeCloseTo(mean(ref), 12);
      for (const c of got.perCluster) {
        const mine = ref.filter((_, i) => labels[i] === c.label);
        expect(c.size).toBe(mine.length);
        expect(c.mean).toBeCloseTo(mean(mine), 12);
      }
    }
  });

  it('Davies–Bouldin and Calinski–Harabasz equal straightforward implementations', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { ds, rows, labels } = randomCase(seed);
      expect(daviesBouldin(ds, labels)).toBeCloseTo(naiveDaviesBouldin(rows, labels), 10);
      const ch = calinskiHarabasz(ds, labels);
      expect(Math.abs(ch - naiveCalinskiHarabasz(rows, labels)) / ch).toBeLessThan(1e-9);
    }
  });

  it('give the same bits for the calling thread and P = 1, 2, 4', async () => {
    const { dataset, truth } = makeBlobs({ n: 3001, centers: 5, seed: 3, spread: 2 });
    const base = await silhouette(dataset, truth);
    for (const workers of [1, 2, 4]) {
      const r = await silhouette(dataset, truth, { pool, workers });
      expect(r.workers).toBe(workers);
      expect(Buffer.from(r.values.buffer).equals(Buffer.from(base.values.buffer))).toBe(true);
      expect(Object.is(r.mean, base.mean)).toBe(true);
      expect(r.perCluster).toEqual(base.perCluster);
    }
  });

  it('above the exact limit estimates from a seeded sample, says so, and brackets the exact value', async () => {
    const { dataset, truth } = makeBlobs({ n: 4000, centers: 4, seed: 5, spread: 4 });
    const exact = await silhouette(dataset, truth, { pool, workers: 2 });
    const est = await silhouette(dataset, truth, { pool, workers: 2, exactLimit: 1000, sampleSize: 600, seed: 7 });
    expect(est.exact).toBe(false);
    expect(est.sampleSize).toBe(600);
    expect(est.seed).toBe(7);
    expect(est.points).toHaveLength(600);
    expect(est.ci95![0]).toBeLessThan(est.mean);
    expect(est.ci95![1]).toBeGreaterThan(est.mean);
    expect(exact.mean).toBeGreaterThan(est.ci95![0]);
    expect(exact.mean).toBeLessThan(est.ci95![1]);
    // each sampled point's value is its exact silhouette (evaluated against all n points)
    est.points.forEach((p, q) => expect(est.values[q]).toBe(exact.values[p]));
    // same sample, same numbers, for every worker count
    const again = await silhouette(dataset, truth, { pool, workers: 4, exactLimit: 1000, sampleSize: 600, seed: 7 });
    expect(again.mean).toBe(est.mean);
    expect(again.ci95).toEqual(est.ci95);
    // another seed draws another sample
    const other = await silhouette(dataset, truth, { exactLimit: 1000, sampleSize: 50, seed: 8 });
    expect(Array.from(other.points)).not.toEqual(Array.from(est.points.subarray(0, 50)));
  });

  it('refuse one cluster, n clusters, mismatched lengths and non-finite data', async () => {
    const ds = datasetFromRows([[0], [1], [2]]);
    await expect(silhouette(ds, [0, 0, 0])).rejects.toThrow(/2 to n − 1 = 2 clusters, the labels have 1/);
    await expect(silhouette(ds, [0, 1, 2])).rejects.toThrow(/the labels have 3/);
    await expect(silhouette(ds, [0, 1])).rejects.toThrow(/2 labels for 3 rows/);
    expect(() => daviesBouldin(datasetFromRows([[0], [NaN], [1]]), [0, 1, 1])).toThrow(/row 2/);
  });

  it('stop when cancelled', async () => {
    const { dataset, truth } = makeBlobs({ n: 6000, centers: 3, seed: 1 });
    const token = new CancelToken();
    token.cancel('stop');
    await expect(silhouette(dataset, truth, { pool, workers: 2, token })).rejects.toThrow(/stop|Cancelled/);
  });

  it('qualityScores bundles the three', async () => {
    const { ds, rows, labels } = randomCase(3);
    const q = await qualityScores(ds, labels, { pool, workers: 2 });
    expect(q.silhouette.mean).toBeCloseTo(mean(naiveSilhouette(rows, labels)), 12);
    expect(q.daviesBouldin).toBeCloseTo(naiveDaviesBouldin(rows, labels), 10);
  });
});

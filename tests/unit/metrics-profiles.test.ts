// Cluster profiles against a hand example with known answers, an independent sort-based oracle
// written from the definitions, numpy's numbers (kept fixture), original units under every
// scaling, and the same numbers on the calling thread and for P = 1, 2, 4 workers.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/main/engine/dataset/csv.ts';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { clusterProfiles } from '../../src/main/engine/metrics/index.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import type { ClusterProfiles, ProfileStats } from '../../src/shared/profiles.ts';

const pool = new WorkerPool({ size: 4 });
afterAll(() => pool.destroy());
const NONE = { mode: 'none' as const };

/** R type 7 from the textbook: x[⌊h⌋] + (h − ⌊h⌋)(x[⌈h⌉] − x[⌊h⌋]), h = (m − 1)p, on a sorted copy. */
function naiveQuantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
}

function naiveStats(xs: number[]) {
  const m = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / m;
  const sd = m > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (m - 1)) : null;
  const q1 = naiveQuantile(xs, 0.25);
  const q3 = naiveQuantile(xs, 0.75);
  const lo = q1 - 1.5 * (q3 - q1);
  const hi = q3 + 1.5 * (q3 - q1);
  const inside = xs.filter((x) => x >= lo && x <= hi);
  return {
    mean,
    sd,
    min: Math.min(...xs),
    q1,
    median: naiveQuantile(xs, 0.5),
    q3,
    max: Math.max(...xs),
    lowerWhisker: Math.min(...inside),
    upperWhisker: Math.max(...inside),
    outliersBelow: xs.filter((x) => x < lo).length,
    outliersAbove: xs.filter((x) => x > hi).length,
  };
}

function expectClose(actual: number | null, expected: number | null, rel = 1e-12, what = ''): void {
  if (expected === null) return void expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

function expectStats(actual: ProfileStats, expected: ReturnType<typeof naiveStats>, rel = 1e-12, what = ''): void {
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) expectClose(actual[key], expected[key], rel, `${what} ${key}`);
}

/** Without the timing fields, which are allowed to differ between runs. */
const answers = (p: ClusterProfiles) => ({ ...p, ms: 0, workers: 0 });

describe('cluster profiles', () => {
  it('gives the known answers on a hand example', async () => {
    // cluster 0: 1, 2, 3, 4; cluster 1: 10, 11, 12, 13, 14, 100 (100 is an outlier); cluster 2 empty
    const values = [1, 10, 2, 11, 3, 12, 4, 13, 14, 100];
    const labels = [0, 1, 0, 1, 0, 1, 0, 1, 1, 1];
    const p = await clusterProfiles(datasetFromRows(values.map((v) => [v]), ['x']), labels, { k: 3, scaling: NONE });
    expect(p.clusters).toEqual([
      { label: 0, count: 4, share: 0.4 },
      { label: 1, count: 6, share: 0.6 },
      { label: 2, count: 0, share: 0 },
    ]);
    const [c0, c1, c2] = p.features[0].clusters;
    expect(c0).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4, lowerWhisker: 1, upperWhisker: 4, outliersBelow: 0, outliersAbove: 0 });
    // sorted 10 11 12 13 14 100: h = 1.25, 2.5, 3.75 → 11.25, 12.5, 13.75; IQR 2.5, fences 7.5 and 17.5
    expect(c1).toMatchObject({ mean: 160 / 6, min: 10, q1: 11.25, median: 12.5, q3: 13.75, max: 100, lowerWhisker: 10, upperWhisker: 14, outliersBelow: 0, outliersAbove: 1 });
    expect(c2).toBeNull();
    // whole: 1 2 3 4 10 11 12 13 14 100, h = 2.25, 4.5, 6.75 → 3.25, 10.5, 12.75
    expect(p.features[0].whole).toMatchObject({ mean: 17, min: 1, q1: 3.25, median: 10.5, q3: 12.75, max: 100, outliersAbove: 1 });
    expect(p.features[0].whole.sd).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + (v - 17) ** 2, 0) / 9), 12);
  });

  it('a single-row cluster has no sd, and its quartiles are its value', async () => {
    const p = await clusterProfiles(datasetFromRows([[5], [1], [2]]), [1, 0, 0], { k: 2, scaling: NONE });
    expect(p.features[0].clusters[1]).toEqual({ mean: 5, sd: null, min: 5, q1: 5, median: 5, q3: 5, max: 5, lowerWhisker: 5, upperWhisker: 5, outliersBelow: 0, outliersAbove: 0 });
  });

  it('equals the sort-based oracle on random data with ties and an empty cluster', async () => {
    const rng = createRng(7);
    const n = 997;
    const rows = Array.from({ length: n }, () => [randInt(rng, 50) / 4, rng() * 1e3 - 500, rng() ** 6]);
    const labels = rows.map(() => [0, 1, 3, 4][randInt(rng, 4)]); // cluster 2 left empty
    const p = await clusterProfiles(datasetFromRows(rows), labels, { k: 5, scaling: NONE });
    expect(p.clusters.map((c) => c.count)).toEqual([0, 1, 2, 3, 4].map((c) => labels.filter((l) => l === c).length));
    for (let j = 0; j < 3; j++) {
      const col = rows.map((r) => r[j]);
      expectStats(p.features[j].whole, naiveStats(col), 1e-12, `whole x${j + 1}`);
      for (let c = 0; c < 5; c++) {
        const xs = col.filter((_, i) => labels[i] === c);
        if (xs.length === 0) expect(p.features[j].clusters[c]).toBeNull();
        else expectStats(p.features[j].clusters[c]!, naiveStats(xs), 1e-12, `cluster ${c} x${j + 1}`);
      }
    }
  });

  it('is the same on the calling thread and for P = 1, 2, 4 workers', async () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 5000 }, () => Array.from({ length: 7 }, () => rng() * 10));
    const labels = rows.map(() => randInt(rng, 6));
    const ds = datasetFromRows(rows);
    const serial = answers(await clusterProfiles(ds, labels, { k: 6, scaling: NONE }));
    for (const workers of [1, 2, 4]) {
      const p = await clusterProfiles(ds, labels, { k: 6, scaling: NONE, pool, workers });
      expect(p.workers).toBe(workers);
      expect(answers(p)).toEqual(serial);
    }
  });

  it('shows original units whatever the clustering was scaled with', async () => {
    const labels = JSON.parse(readFileSync('tests/fixtures/profiles/numpy-profiles.json', 'utf8')).datasets.iris.labels as number[];
    const raw = await loadCsv('resources/iris.csv', { features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] });
    const base = await clusterProfiles(raw.dataset, labels, { k: 3, scaling: NONE });
    for (const mode of ['zscore', 'minmax'] as const) {
      const { dataset, summary } = await loadCsv('resources/iris.csv', { features: raw.summary.features, scaling: mode });
      const p = await clusterProfiles(dataset, labels, { k: 3, scaling: { mode, ...summary.featureScaling! }, pool, workers: 2 });
      expect(p.scaling).toBe(mode);
      p.features.forEach((f, j) => {
        const b = base.features[j];
        expectStats(f.whole, { ...b.whole }, 1e-13, `${mode} whole ${f.feature}`);
        f.clusters.forEach((c, i) => expectStats(c!, { ...b.clusters[i]! }, 1e-13, `${mode} cluster ${i} ${f.feature}`));
      });
    }
    // and the unscaled numbers are the CSV's own: sepal_length of setosa, 4.3 to 5.8
    expect(base.features[0].clusters[0]).toMatchObject({ min: 4.3, max: 5.8, median: 5 });
  });

  it('refuses scaled data without the scaling, and labels outside 0..k−1', async () => {
    const ds = datasetFromRows([[1], [2], [3]]);
    await expect(clusterProfiles(ds, [0, 1, 0], { k: 2, scaling: { mode: 'zscore' } })).rejects.toThrow(/offset and factor/);
    await expect(clusterProfiles(ds, [0, 2, 0], { k: 2, scaling: NONE })).rejects.toThrow(/row 2 has cluster 2, outside 0..1/);
    await expect(clusterProfiles(ds, [0, 1], { k: 2, scaling: NONE })).rejects.toThrow(/2 labels for 3 rows/);
  });

  it('stops when cancelled, on the pool and on the calling thread', async () => {
    const ds = datasetFromRows(Array.from({ length: 100 }, (_, i) => [i, -i]));
    const labels = Array.from({ length: 100 }, (_, i) => i % 2);
    const token = new CancelToken();
    token.cancel('stop');
    await expect(clusterProfiles(ds, labels, { k: 2, scaling: NONE, token })).rejects.toThrow(/stop/);
    await expect(clusterProfiles(ds, labels, { k: 2, scaling: NONE, token, pool, workers: 2 })).rejects.toThrow(/stop/);
  });
});

describe('cluster profiles against numpy (tests/fixtures/profiles, scripts/numpy_profiles.py)', () => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/profiles/numpy-profiles.json', 'utf8'));
  for (const [name, want] of Object.entries<{ file: string; features: string[]; labels: number[]; whole: Record<string, number>[]; clusters: Record<string, number>[][] }>(fixture.datasets)) {
    it(`${name}: every statistic within 1e-12 relative, quartiles exactly`, async () => {
      const { dataset } = await loadCsv(want.file, { features: want.features });
      const k = want.clusters.length;
      const p = await clusterProfiles(dataset, want.labels, { k, scaling: NONE, pool, workers: 2 });
      want.features.forEach((feature, j) => {
        const check = (got: ProfileStats, exp: Record<string, number>, what: string) => {
          for (const key of ['mean', 'sd', 'min', 'max'] as const) expectClose(got[key], exp[key], 1e-12, `${what} ${key}`);
          // the same interpolation as numpy's, so the same bits
          expect([got.q1, got.median, got.q3], what).toEqual([exp.q1, exp.median, exp.q3]);
        };
        check(p.features[j].whole, want.whole[j], `${name} whole ${feature}`);
        for (let c = 0; c < k; c++) {
          expect(p.clusters[c].count).toBe(want.clusters[c][j].count);
          check(p.features[j].clusters[c]!, want.clusters[c][j], `${name} cluster ${c} ${feature}`);
        }
      });
    });
  }
});

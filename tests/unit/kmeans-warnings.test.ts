// k-means warnings (scikit-learn's "Number of distinct clusters found smaller than n_clusters"):
// the pure warning builder against brute-force counts, whole runs (every worker count gives the same
// warnings), the CLI text, and old JSON records without the field.
import { afterAll, describe, expect, it } from 'vitest';
import { formatResult } from '../../src/main/cli/kmeans.ts';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { countDistinctRows, kmeansWarnings } from '../../src/main/engine/kmeans/warnings.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import { loadJsonReport, toJsonReport } from '../../src/main/report/json.ts';
import { kmeansFixture } from './report-fixtures.ts';

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.destroy());

/** Oracle: distinct rows by comparing every pair of rows value by value (=== treats 0 and -0 alike). */
function bruteDistinct(rows: number[][]): number {
  let distinct = 0;
  rows.forEach((r, i) => {
    if (!rows.slice(0, i).some((q) => q.every((v, t) => v === r[t]))) distinct++;
  });
  return distinct;
}

describe('countDistinctRows', () => {
  it('matches a brute-force count on random data with many duplicates, and stops at the cap', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + randInt(rng, 60);
      const d = 1 + randInt(rng, 4);
      const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => randInt(rng, 3) - 1));
      const values = Float64Array.from(rows.flat());
      const exact = bruteDistinct(rows);
      expect(countDistinctRows(values, n, d, n + 1)).toBe(exact);
      const cap = 1 + randInt(rng, 5);
      expect(countDistinctRows(values, n, d, cap)).toBe(Math.min(cap, exact));
    }
  });

  it('treats 0 and -0 as the same point and 1 and 10 as different', () => {
    expect(countDistinctRows(Float64Array.from([0, 1, -0, 1]), 2, 2, 10)).toBe(1);
    expect(countDistinctRows(Float64Array.from([1, 10]), 2, 1, 10)).toBe(2);
    // "1,11" and "11,1" must not collide with each other (separator) nor with "1,1,1".
    expect(countDistinctRows(Float64Array.from([1, 11, 11, 1]), 2, 2, 10)).toBe(2);
  });
});

describe('kmeansWarnings', () => {
  it('says nothing when every cluster has a row', () => {
    expect(kmeansWarnings(Float64Array.from([0, 1, 2]), 3, 1, 3, [0, 1, 2])).toEqual([]);
  });

  it('names the empty clusters; no distinct-points warning when the data has k distinct rows', () => {
    const w = kmeansWarnings(Float64Array.from([0, 1, 2, 3]), 4, 1, 4, [0, 0, 2, 2]);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^2 distinct clusters found, fewer than k = 4: clusters 1, 3 are empty/);
  });

  it('adds the distinct-points warning when the data has fewer distinct rows than k', () => {
    const w = kmeansWarnings(Float64Array.from([5, 5, 7, 7, 5]), 5, 1, 3, [0, 0, 1, 1, 0]);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/cluster 2 is empty/);
    expect(w[1]).toMatch(/only 2 distinct points, fewer than k = 3/);
  });

  it('cuts a long list of empty clusters', () => {
    const w = kmeansWarnings(Float64Array.from([1]), 1, 1, 30, [0]);
    expect(w[0]).toMatch(/clusters 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … \(19 more\) are empty/);
    expect(w[1]).toMatch(/only 1 distinct point,/);
  });
});

describe('runKMeans warnings', () => {
  it('a run on 3 distinct points with k = 5 warns, the same for every worker count', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [i % 3, (i % 3) * 2]);
    const ds = datasetFromRows(rows);
    const results: string[][] = [];
    for (const workers of [0, 1, 2] as const) {
      for (const init of ['random', 'kmeans++'] as const) {
        const res = await runKMeans(ds, resolveKMeansParams({ k: 5, init, seed: 3, workers }), { pool });
        results.push(res.warnings);
        const nonEmpty = new Set(res.labels).size;
        expect(res.warnings[0]).toMatch(new RegExp(`^${nonEmpty} distinct clusters found, fewer than k = 5`));
        expect(res.warnings[1]).toMatch(/only 3 distinct points, fewer than k = 5/);
      }
    }
    // Order: (workers 0, random), (0, kmeans++), (1, random), … — every worker count as workers 0.
    results.forEach((w, i) => expect(w).toEqual(results[i % 2]));
  });

  it('a normal fit has no warnings', async () => {
    const ds = makeBlobs({ n: 2000, d: 2, centers: 4, seed: 1 }).dataset;
    for (const workers of [0, 2] as const) {
      const res = await runKMeans(ds, resolveKMeansParams({ k: 4, init: 'kmeans++', seed: 2, workers }), { pool });
      expect(res.warnings).toEqual([]);
    }
  });
});

describe('warnings outside the engine', () => {
  it('the CLI prints each warning after the centroid table', () => {
    const { record } = kmeansFixture({ n: 40, k: 3 });
    if (record.kind !== 'run' || record.result.algorithm !== 'kmeans') throw new Error('fixture');
    const result = { ...record.result, labels: Int32Array.from(record.result.labels), warnings: ['first thing', 'second thing'] };
    const lines = formatResult(result, record.dataset.features, 'blobs.csv').split('\n');
    expect(lines.slice(-2)).toEqual(['warning: first thing', 'warning: second thing']);
    expect(formatResult({ ...result, warnings: [] }, record.dataset.features, 'blobs.csv')).not.toMatch(/warning/);
  });

  it('JSON records keep warnings, and records saved before warnings existed load with none', () => {
    const { record } = kmeansFixture({ n: 40, k: 3 });
    if (record.kind !== 'run' || record.result.algorithm !== 'kmeans') throw new Error('fixture');
    const withWarnings = { ...record, result: { ...record.result, warnings: ['cluster 2 is empty'] } };
    const back = loadJsonReport(toJsonReport(withWarnings));
    expect(back.kind === 'run' && back.result.algorithm === 'kmeans' && back.result.warnings).toEqual(['cluster 2 is empty']);
    const old = JSON.parse(toJsonReport(record));
    delete old.result.warnings;
    const loaded = loadJsonReport(JSON.stringify(old));
    expect(loaded.kind === 'run' && loaded.result.algorithm === 'kmeans' && loaded.result.warnings).toEqual([]);
  });
});

// bench/real-datasets.ts: the sklearn CSV layout (header line "n,d,class names…", class in the last
// column; digits without a header) and the z-scoring the real-data bench applies. No sklearn needed.
import { describe, expect, it } from 'vitest';
import { resampleWithJitter, parseSklearnCsv, zScore } from '../../bench/real-datasets.ts';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { resolveEkmParams, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { createRng } from '../../src/main/engine/random.ts';
import { bruteForce, costOf } from './ekm-oracle.ts';

describe('real datasets for bench:ekm', () => {
  it('parses the sklearn layout without the class column, with or without the header line', () => {
    expect(parseSklearnCsv('3,2,a,b\n1,2,0\n3,4,1\n5,6,1\n', true)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(parseSklearnCsv('0,5,7\r\n1,6,8\r\n', false)).toEqual([[0, 5], [1, 6]]);
    expect(() => parseSklearnCsv('2,1,a\n1,x\n', true)).toThrow(/line 2 is not numeric/);
  });

  it('z-scores each column (population sd), constant columns become 0', () => {
    const z = zScore([[1, 7], [3, 7], [5, 7]]);
    const sd = Math.sqrt(8 / 3);
    expect(z.map((r) => r[0])).toEqual([-2 / sd, 0, 2 / sd]);
    expect(z.map((r) => r[1])).toEqual([0, 0, 0]);
  });

  it('resamples with jitter: originals first, copies near an original, constant columns kept, seeded', () => {
    const rng = createRng(1);
    const base = zScore(Array.from({ length: 30 }, (_, i) => [i % 5, rng() * 10, 7]));
    const grown = resampleWithJitter(base, 90, 0.25, 3);
    expect(grown).toHaveLength(90);
    expect(resampleWithJitter(base, 90, 0.25, 3)).toEqual(grown);
    expect(grown.every((r) => r[2] === 0)).toBe(true);
    // Means 0 and sd 1 again in the varying columns.
    for (const j of [0, 1]) {
      const mean = grown.reduce((s, r) => s + r[j], 0) / 90;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(grown.reduce((s, r) => s + (r[j] - mean) ** 2, 0) / 90).toBeCloseTo(1, 12);
    }
  });

  it('at small scale, EKM on resampled-with-jitter points equals the brute force (1, 2, 4 parts)', async () => {
    const rng = createRng(9);
    for (let t = 0; t < 6; t++) {
      const base = zScore(Array.from({ length: 20 }, (_, i) => Array.from({ length: 8 }, (_, j) => ((i % 3) * 4 + j) % 5 + rng())));
      const rows = resampleWithJitter(base, 40 + 4 * t, 0.25, t);
      const truth = bruteForce(rows, 3, 'sqeuclidean');
      for (const parts of [1, 2, 4]) {
        const r = await solveEkm(datasetFromRows(rows), resolveEkmParams({ k: 3, variant: 'fused', workers: parts }, rows.length), { parts });
        expect(Math.abs(r.cost - truth.cost)).toBeLessThanOrEqual(1e-12 * truth.cost);
        expect(Math.abs(costOf(rows, r.medoids, 'sqeuclidean') - truth.cost)).toBeLessThanOrEqual(1e-12 * truth.cost);
      }
    }
  });
});

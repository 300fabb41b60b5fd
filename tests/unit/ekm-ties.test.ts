// Ties prune on ≥ against the evaluator's own best (evaluator.ts, header "Ties"): many tied optima
// (identical points, duplicates, integer grids) still give the brute-force set for every variant
// and worker count, and 500 identical points, K = 3, sum only a handful of sets to the end.
import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { resolveEkmParams, solveEkm } from '../../src/main/engine/ekm/index.ts';
import type { EkmVariant } from '../../src/shared/types.ts';
import { bruteForce as bruteForceOracle } from './ekm-oracle.ts';

const bruteForce = (rows: number[][], k: number) => bruteForceOracle(rows, k, 'sqeuclidean');

const VARIANTS: EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused'];

describe('EKM tie pruning', () => {
  const cases: Array<[string, number[][]]> = [
    ['identical', Array.from({ length: 24 }, () => [3, 3])],
    ['duplicated', Array.from({ length: 30 }, (_, i) => [i % 4, (i * 7) % 3])],
    ['grid', Array.from({ length: 36 }, (_, i) => [i % 6, Math.floor(i / 6)])],
  ];
  for (const [name, rows] of cases) {
    it(`${name}: brute-force set for every variant, P = 1, 2, 4, K = 1…3`, async () => {
      for (let k = 1; k <= 3; k++) {
        const truth = bruteForce(rows, k);
        for (const variant of VARIANTS) {
          for (const parts of [1, 2, 4]) {
            const params = resolveEkmParams({ k, variant, workers: parts }, rows.length);
            const r = await solveEkm(datasetFromRows(rows), params, { parts });
            expect([r.cost, r.medoids], `${name} k=${k} ${variant} P=${parts}`).toEqual([truth.cost, truth.medoids]);
          }
        }
      }
    });
  }

  it('500 identical points, K = 3: few sets summed to the end', async () => {
    const rows = Array.from({ length: 500 }, () => [1, 2]);
    for (const parts of [1, 2]) {
      const r = await solveEkm(datasetFromRows(rows), resolveEkmParams({ k: 3, variant: 'fused', workers: parts }, 500), { parts });
      expect([r.cost, r.medoids]).toEqual([0, [0, 1, 2]]);
      expect(r.combinationsEvaluated).toBe(20_708_500);
      expect(r.combinationsEvaluated - (r.combinationsAbandoned ?? 0)).toBeLessThan(1000);
    }
  }, 60_000);
});

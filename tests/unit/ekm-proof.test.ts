// The proof an EKM result carries (types.ts EkmProof): its counts partition the C(N, K) sets,
// its lower bound equals the optimum when the search is complete, and the CLI prints it.
import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { countCombinations, resolveEkmParams, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { proofLines } from '../../src/main/cli/ekm.ts';
import type { EkmVariant } from '../../src/shared/types.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function blobs(n: number, d: number, seed: number): number[][] {
  const r = lcg(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, () => (i % 3) * 4 + r()));
}

describe('EKM proof', () => {
  it('counts partition all sets and the lower bound is the cost, every variant, P = 1, 2', async () => {
    const variants: EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused'];
    for (const [n, d] of [[30, 2], [40, 8]]) {
      const ds = datasetFromRows(blobs(n, d, n + d));
      for (const variant of variants) {
        for (const parts of [1, 2]) {
          const r = await solveEkm(ds, resolveEkmParams({ k: 3, variant, workers: parts }, n), { parts, groupSize: 4 });
          const pr = r.proof!;
          const at = `${variant} n=${n} P=${parts}`;
          expect(pr.setsVisited + pr.setsInPrunedSubtrees, at).toBe(countCombinations(n, 3));
          expect(pr.setsSummedInFull, at).toBeLessThanOrEqual(pr.setsVisited);
          expect(pr.setsSummedInFull, at).toBeGreaterThanOrEqual(1);
          expect([pr.complete, pr.lowerBound, pr.gap], at).toEqual([true, r.cost, 0]);
          expect(pr.incumbentCost!, at).toBeGreaterThanOrEqual(r.cost);
        }
      }
    }
  });

  it('without pruning every set is visited and summed in full', async () => {
    const ds = datasetFromRows(blobs(25, 3, 5));
    const r = await solveEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 1, prune: false }, 25));
    const pr = r.proof!;
    expect([pr.setsVisited, pr.setsSummedInFull, pr.subtreesPruned, pr.setsInPrunedSubtrees]).toEqual([2300, 2300, 0, 0]);
    expect(pr.incumbentCost).toBeUndefined();
  });

  it('a run stopped at its time limit returns a real set, the dual bound as proven lower bound and the gap', async () => {
    const n = 120;
    const ds = datasetFromRows(blobs(n, 6, 11));
    const full = await solveEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 2 }, n), { parts: 2 });
    // A limit that has passed by the search's first check: deterministic, whatever the machine's speed.
    const params = resolveEkmParams({ k: 3, variant: 'fused', workers: 2, timeLimitS: 1e-9 }, n);
    for (const dualIterations of [1, undefined]) {
      const r = await solveEkm(ds, params, { parts: 2, dualIterations });
      const pr = r.proof!;
      expect(pr.complete).toBe(false);
      expect(r.combinationsEvaluated).toBeLessThan(countCombinations(n, 3));
      expect(r.medoids).toHaveLength(3);
      expect(r.cost).toBeGreaterThanOrEqual(full.cost);
      expect(pr.lowerBound).toBeLessThanOrEqual(full.cost);
      expect(pr.lowerBound).toBe(Math.min(r.cost, pr.dualBound!));
      expect(pr.gap).toBe(r.cost - pr.lowerBound);
    }
  });

  it('a time limit is refused for the other variants and must be positive', () => {
    expect(() => resolveEkmParams({ k: 2, variant: 'tree', timeLimitS: 5 }, 10)).toThrow(/fused variant/);
    expect(() => resolveEkmParams({ k: 2, timeLimitS: 0 }, 10)).toThrow(/positive number of seconds/);
  });

  it('the CLI prints the certificate, complete or with a gap', () => {
    const base = { totalSets: 100, setsVisited: 10, setsSummedInFull: 4, tiesResummed: 0, subtreesPruned: 2, setsInPrunedSubtrees: 90, lowerBound: 5, gap: 0, complete: true };
    expect(proofLines(base).join('\n')).toMatch(/10 sets visited.*2 subtrees pruned holding 90 sets \(90.0% of all\)[\s\S]*lower bound 5 = cost/);
    expect(proofLines({ ...base, totalSets: 200, complete: false, lowerBound: 4, gap: 1 }).join('\n')).toMatch(/time limit with 100 sets \(50.0%\) undecided.*lower bound 4, gap 1 \(20.0% of the cost\)/);
  });
});

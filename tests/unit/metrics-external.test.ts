// External validation scores against independent straightforward implementations (pair counting
// for ARI, conditional entropies for homogeneity/completeness/NMI, a per-cluster tally for
// purity) and against scikit-learn's documented answers.
import { describe, expect, it } from 'vitest';
import { contingency, externalScores, scoresFromContingency } from '../../src/main/engine/metrics/index.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import { ariByPairs, reference } from './metrics-oracle.ts';

function randomLabels(rng: () => number, n: number, k: number, offset = 0): number[] {
  return Array.from({ length: n }, () => randInt(rng, k) * 3 - offset);
}

describe('external validation scores', () => {
  it('match scikit-learn documented answers', () => {
    expect(externalScores([0, 0, 1, 2], [0, 0, 1, 1]).ari).toBeCloseTo(0.5714285714285714, 14);
    expect(externalScores([0, 0, 1, 1], [0, 1, 0, 1]).ari).toBeCloseTo(-0.5, 14);
    expect(externalScores([0, 0, 0, 0], [0, 1, 2, 3]).ari).toBe(0);
    expect(externalScores([0, 0, 1, 1], [1, 1, 0, 0]).ari).toBe(1);
    expect(externalScores([0, 0, 1, 1], [0, 0, 1, 2]).vMeasure).toBeCloseTo(0.8, 14);
    expect(externalScores([0, 0, 1, 1], [0, 0, 1, 2]).nmi).toBeCloseTo(0.8, 14);
    expect(externalScores([0, 1, 2, 3], [0, 0, 1, 1]).vMeasure).toBeCloseTo(2 / 3, 14);
    expect(externalScores([0, 0, 0, 0], [0, 1, 2, 3]).nmi).toBe(0);
    expect(externalScores([0, 0, 1, 1], [0, 0, 0, 0]).homogeneity).toBe(0);
    expect(externalScores([0, 0, 1, 1], [0, 0, 0, 0]).completeness).toBe(1);
    expect(externalScores([0, 0, 1, 1], [0, 1, 0, 1]).completeness).toBe(0);
    expect(externalScores([0, 1, 2, 3], [0, 0, 1, 1]).completeness).toBeCloseTo(1, 14);
    // degenerate inputs: sklearn returns 1 for one point, empty, and one class = one cluster
    expect(externalScores([0], [0]).ari).toBe(1);
    expect(externalScores([], []).ari).toBe(1);
    expect(externalScores([0, 0], [1, 1]).nmi).toBe(1);
  });

  it('equal independent implementations on random labelings', () => {
    const rng = createRng(13);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + randInt(rng, 60);
      const truth = randomLabels(rng, n, 1 + randInt(rng, 5), 2);
      // half the trials: a noisy copy of the truth, so scores cover the whole range
      const pred =
        trial % 2 === 0
          ? randomLabels(rng, n, 1 + randInt(rng, 6))
          : truth.map((t) => (rng() < 0.2 ? randInt(rng, 4) : t + 100));
      const got = externalScores(truth, pred);
      const ref = reference(truth, pred);
      expect(got.ari).toBeCloseTo(ariByPairs(truth, pred), 12);
      expect(got.mi).toBeCloseTo(Math.max(0, ref.mi), 12);
      expect(got.homogeneity).toBeCloseTo(ref.homogeneity, 12);
      expect(got.completeness).toBeCloseTo(ref.completeness, 12);
      expect(got.purity).toBeCloseTo(ref.purity, 14);
      const bothOne = new Set(truth).size === 1 && new Set(pred).size === 1;
      const nmi = bothOne ? 1 : ref.mi < 1e-15 ? 0 : ref.nmi;
      expect(got.nmi).toBeCloseTo(nmi, 12);
      const h = got.homogeneity;
      const c = got.completeness;
      expect(got.vMeasure).toBeCloseTo(h + c === 0 ? 0 : (2 * h * c) / (h + c), 14);
    }
  });

  it('do not depend on which integers name the groups, and ARI/NMI are symmetric', () => {
    const rng = createRng(7);
    const truth = randomLabels(rng, 200, 4);
    const pred = truth.map((t) => (rng() < 0.3 ? randInt(rng, 5) : t));
    const a = externalScores(truth, pred);
    // same order of names: same summation order, so bit-identical
    expect(externalScores(truth, pred.map((p) => 1000 + 7 * p))).toEqual(a);
    // reversed order: equal up to rounding
    const reversed = externalScores(truth, pred.map((p) => 1000 - 7 * p));
    for (const key of ['ari', 'nmi', 'homogeneity', 'completeness', 'purity'] as const) {
      expect(reversed[key]).toBeCloseTo(a[key], 14);
    }
    const swapped = externalScores(pred, truth);
    expect(swapped.ari).toBeCloseTo(a.ari, 14);
    expect(swapped.nmi).toBeCloseTo(a.nmi, 14);
    expect(swapped.homogeneity).toBeCloseTo(a.completeness, 14);
  });

  it('stay exact for large N, where pair counts overflow 2^53', () => {
    // 10^8 points in a contingency table: tp·tn is ~10^31, only exact in BigInt
    const t = contingency([0, 1], [0, 1]);
    t.counts = [
      [40_000_000, 10_000_000],
      [10_000_000, 40_000_000],
    ];
    t.rowSums = [50_000_000, 50_000_000];
    t.colSums = [50_000_000, 50_000_000];
    t.n = 100_000_000;
    // closed form for this symmetric table: sum C(nij,2) etc. with n large → ARI ≈ 0.36
    const pairs = (x: number) => (x * (x - 1)) / 2;
    const index = 2 * pairs(4e7) + 2 * pairs(1e7);
    const sumA = 2 * pairs(5e7);
    const expected = (sumA * sumA) / pairs(1e8);
    const closed = (index - expected) / (sumA - expected);
    expect(scoresFromContingency(t).ari).toBeCloseTo(closed, 9);
  });

  it('refuse labelings of different lengths and non-integer labels', () => {
    expect(() => externalScores([0, 1], [0])).toThrow(/differ in length/);
    expect(() => externalScores([0, 1.5], [0, 1])).toThrow(/not an integer/);
    expect(() => externalScores([0, NaN], [0, 1])).toThrow(/not an integer/);
  });
});

// Hungarian matching against brute force over every permutation, and the classes-to-clusters
// table (Weka's evaluation) on hand-checked cases.
import { describe, expect, it } from 'vitest';
import { classesToClusters, maxWeightAssignment, minCostAssignment } from '../../src/main/engine/metrics/index.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';

/** Best total over every injective map of the smaller side into the larger. */
function bruteMinCost(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0].length;
  if (rows > cols) return bruteMinCost(cost[0].map((_, j) => cost.map((r) => r[j])));
  let best = Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (i: number, sum: number) => {
    if (i === rows) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(i + 1, sum + cost[i][j]);
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

function totalOf(cost: number[][], assignment: number[]): number {
  return assignment.reduce((s, j, i) => s + (j >= 0 ? cost[i][j] : 0), 0);
}

describe('Hungarian assignment', () => {
  it('finds the brute-force optimum for every small shape, ties and negatives included', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 400; trial++) {
      const rows = 1 + randInt(rng, 6);
      const cols = 1 + randInt(rng, 6);
      const range = trial % 3 === 0 ? 3 : 50; // small ranges force many ties
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => randInt(rng, range) - 10));
      const a = minCostAssignment(cost);
      expect(a).toHaveLength(rows);
      const assigned = a.filter((j) => j >= 0);
      expect(assigned).toHaveLength(Math.min(rows, cols));
      expect(new Set(assigned).size).toBe(assigned.length);
      expect(totalOf(cost, a)).toBe(bruteMinCost(cost));
    }
  });

  it('handles fractional costs and the empty matrix', () => {
    const cost = [
      [0.5, 0.25, 0.125],
      [0.1, 0.9, 0.3],
    ];
    expect(totalOf(cost, minCostAssignment(cost))).toBeCloseTo(bruteMinCost(cost), 15);
    expect(minCostAssignment([])).toEqual([]);
    expect(() => minCostAssignment([[1, NaN]])).toThrow(/not finite/);
    expect(() => minCostAssignment([[1, 2], [3]])).toThrow(/differ in length/);
  });

  it('maximises when asked to', () => {
    expect(maxWeightAssignment([[1, 9], [8, 2]])).toEqual([1, 0]);
  });
});

describe('classes to clusters', () => {
  it('matches each cluster to the class most of its points share, one class per cluster', () => {
    // classes a,b,c (codes 0..2); clusters 5, 7, 9 (arbitrary ids)
    const truth = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
    const pred = [7, 7, 7, 5, 5, 5, 5, 9, 9, 9, 7, 9];
    const t = classesToClusters(truth, pred, ['a', 'b', 'c']);
    expect(t.classes).toEqual(['a', 'b', 'c']);
    expect(t.clusters).toEqual([5, 7, 9]);
    expect(t.counts).toEqual([
      [1, 3, 0],
      [3, 0, 1],
      [0, 1, 3],
    ]);
    expect(t.classOfCluster).toEqual([1, 0, 2]);
    expect(t.matched).toBe(9);
    expect(t.misassigned).toBe(3);
  });

  it('is one-to-one even when greedy majority would give two clusters the same class', () => {
    // both clusters are mostly class 0; greedy would say 0 errors for class 0 twice
    const truth = [0, 0, 0, 0, 0, 0, 1, 1];
    const pred = [0, 0, 0, 1, 1, 1, 1, 1];
    const t = classesToClusters(truth, pred);
    expect(t.classOfCluster).toEqual([0, 1]);
    expect(t.misassigned).toBe(3);
  });

  it('counts points of clusters without a class as misassigned', () => {
    const truth = [0, 0, 0, 1, 1, 1];
    const pred = [0, 0, 1, 2, 2, 3];
    const t = classesToClusters(truth, pred);
    expect(t.classOfCluster.filter((r) => r === -1)).toHaveLength(2);
    expect(t.misassigned).toBe(2);
  });

  it('agrees with the brute-force best matching on random labelings', () => {
    const rng = createRng(99);
    for (let trial = 0; trial < 50; trial++) {
      const n = 5 + randInt(rng, 80);
      const truth = Array.from({ length: n }, () => randInt(rng, 1 + randInt(rng, 5)));
      const pred = truth.map((x) => (rng() < 0.4 ? randInt(rng, 6) : x));
      const t = classesToClusters(truth, pred);
      const weight = t.clusters.map((_, c) => t.classes.map((_, r) => -t.counts[r][c]));
      expect(t.matched).toBe(-bruteMinCost(weight));
      expect(t.matched + t.misassigned).toBe(n);
    }
  });
});

// The assignment kernel against brute force: nearest centroid with ties to the lowest index, no
// matter which cluster a row had before (the kernel starts its scan there), and the exact partial
// record (sums in row order, counts, changed, inertia).
import { describe, expect, it } from 'vitest';
import { planChunks } from '../../src/main/engine/kmeans/chunks.ts';
import { assignChunks, createScratch } from '../../src/main/engine/kmeans/kernel.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';

function bruteForce(values: number[], d: number, centroids: number[], k: number, prev: number[]) {
  const n = values.length / d;
  const labels: number[] = [];
  const sums = new Array(k * d).fill(0);
  const counts = new Array(k).fill(0);
  let changed = 0;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestDist = Infinity;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (values[i * d + t] - centroids[j * d + t]) * (values[i * d + t] - centroids[j * d + t]);
      if (s < bestDist) {
        bestDist = s;
        best = j;
      }
    }
    labels.push(best);
    if (best !== prev[i]) changed++;
    inertia += bestDist;
    counts[best]++;
    for (let t = 0; t < d; t++) sums[best * d + t] += values[i * d + t];
  }
  return { labels, record: [...sums, ...counts, changed, inertia] };
}

describe('assignment kernel', () => {
  for (const d of [1, 2, 3, 7]) {
    it(`d = ${d}: ties go to the lowest index whatever the previous label (integer grid, many ties)`, () => {
      const rng = createRng(100 + d);
      for (let trial = 0; trial < 40; trial++) {
        const n = 1 + randInt(rng, 300);
        const k = 1 + randInt(rng, 9);
        // Small integer coordinates: exact arithmetic and lots of equal distances.
        const values = Array.from({ length: n * d }, () => randInt(rng, 5) - 2);
        const centroids = Array.from({ length: k * d }, () => randInt(rng, 5) - 2);
        const prev = Array.from({ length: n }, () => randInt(rng, k + 1) - 1);
        const plan = planChunks(n, k, d);
        const state = {
          values: new Float64Array(values),
          n,
          d,
          k,
          plan,
          centroids: new Float64Array(centroids),
          labels: new Int32Array(prev),
          partials: new Float64Array(plan.numChunks * plan.stride),
        };
        expect(assignChunks(state, createScratch(k, d, plan.stride), 0, plan.numChunks, () => false)).toBe(true);
        const expected = bruteForce(values, d, centroids, k, prev);
        expect(Array.from(state.labels)).toEqual(expected.labels);
        // n ≤ 300 gives one or two chunks: fold their records to compare with the totals.
        const total = new Array(plan.stride).fill(0);
        for (let c = 0; c < plan.numChunks; c++) for (let t = 0; t < plan.stride; t++) total[t] += state.partials[c * plan.stride + t];
        expect(total).toEqual(expected.record);
      }
    });
  }

  it('stops between chunks when asked', () => {
    const n = 5000;
    const plan = planChunks(n, 2, 2);
    const state = {
      values: new Float64Array(n * 2),
      n,
      d: 2,
      k: 2,
      plan,
      centroids: new Float64Array(4),
      labels: new Int32Array(n).fill(-1),
      partials: new Float64Array(plan.numChunks * plan.stride),
    };
    let polls = 0;
    expect(assignChunks(state, createScratch(2, 2, plan.stride), 0, plan.numChunks, () => ++polls > 3)).toBe(false);
    expect(Array.from(state.labels).filter((l) => l >= 0)).toHaveLength(3 * plan.chunkSize);
  });
});

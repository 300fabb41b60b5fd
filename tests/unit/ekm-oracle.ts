// The independent oracle of the EKM exactness tests: nested loops over all k-subsets in
// lexicographic order, direct distances from coordinates, a plain running sum (nothing shared
// with the engine), plus the seeded random instances the tests draw.
import { expect } from 'vitest';
import { datasetFromRows, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import type { Distance } from '../../src/shared/types.ts';

export function dist(a: number[], b: number[], distance: Distance): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += distance === 'manhattan' ? Math.abs(a[j] - b[j]) : (a[j] - b[j]) ** 2;
  return distance === 'euclidean' ? Math.sqrt(s) : s;
}

export function costOf(rows: number[][], set: number[], distance: Distance): number {
  let total = 0;
  for (const p of rows) total += Math.min(...set.map((m) => dist(p, rows[m], distance)));
  return total;
}

/** All k-subsets in lexicographic order; strict < keeps the first (smallest) of equal costs. */
export function bruteForce(rows: number[][], k: number, distance: Distance): { cost: number; medoids: number[] } {
  const n = rows.length;
  const D = rows.map((a) => rows.map((b) => dist(a, b, distance)));
  let best = { cost: Infinity, medoids: [] as number[] };
  const set: number[] = [];
  const walk = (start: number) => {
    if (set.length === k) {
      let c = 0;
      for (let p = 0; p < n; p++) {
        let m = Infinity;
        for (const s of set) if (D[s][p] < m) m = D[s][p];
        c += m;
      }
      if (c < best.cost) best = { cost: c, medoids: [...set] };
      return;
    }
    for (let i = start; i <= n - (k - set.length); i++) {
      set.push(i);
      walk(i + 1);
      set.pop();
    }
  };
  walk(0);
  return best;
}

export function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

export interface Instance {
  rows: number[][];
  ds: Dataset;
  k: number;
  distance: Distance;
  truth: { cost: number; medoids: number[] };
}

/** Small integer grids force many ties; a few points are copied to force duplicates. */
export function makeInstance(rng: () => number, maxN: number, maxK: number, distance: Distance, maxD = 3): Instance {
  const n = 1 + Math.floor(rng() * maxN);
  const k = 1 + Math.floor(rng() * Math.min(maxK, n));
  const d = 1 + Math.floor(rng() * maxD);
  const span = 2 + Math.floor(rng() * 5);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng() < 0.2) rows.push([...rows[Math.floor(rng() * i)]]);
    else rows.push(Array.from({ length: d }, () => Math.floor(rng() * span)));
  }
  return { rows, ds: datasetFromRows(rows), k, distance, truth: bruteForce(rows, k, distance) };
}

export function expectOptimal(inst: Instance, got: { cost: number; medoids: number[] }, what: string): void {
  const context = `${what} on n=${inst.rows.length}, k=${inst.k}, ${inst.distance}: ${JSON.stringify(inst.rows)}`;
  if (inst.distance === 'euclidean') {
    // Square roots are not exact: two sets can tie mathematically yet differ in the last bit.
    expect(got.cost, context).toBeCloseTo(inst.truth.cost, 9);
    expect(costOf(inst.rows, got.medoids, inst.distance), context).toBeCloseTo(inst.truth.cost, 9);
  } else {
    // Integer data: costs are exact, so the tie rule must pick the very same set.
    expect(got.cost, context).toBe(inst.truth.cost);
    expect(got.medoids, context).toEqual(inst.truth.medoids);
  }
}

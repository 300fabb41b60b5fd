// Lagrangian lower bounds for K-medoids (the p-median relaxation; cf. Ren, Hua & Cao, NeurIPS 2022).
//
// Relax "every point is assigned exactly once" with multipliers λ_q ≥ 0 (one per point q, in
// summation-order columns). For ANY λ and any medoid set S of size K,
//     cost(S) = Σ_q min_{j∈S} D[j][q]  ≥  Σ_q λ_q + Σ_{j∈S} ρ_j,   ρ_j = Σ_q min(0, D[j][q] − λ_q),
// because point q served by j pays D[j][q] = λ_q + (D[j][q] − λ_q) ≥ λ_q + min(0, D[j][q] − λ_q)
// and every other medoid adds a term ≤ 0. So a subtree of the enumeration (a fixed prefix P plus
// r more medoids from a candidate list C) costs at least Σλ + Σ_{j∈P} ρ_j + (the r smallest ρ in C),
// in every dimension and for every distance. The best λ (the Lagrangian dual) is found by
// subgradient steps; for K-medoids it is often equal to the optimum (the LP relaxation is tight),
// and then almost every subtree falls to one comparison.
//
// FLOATING POINT. Sums here and the evaluator's cost sums round differently, so a bound is used
// only after subtracting `margin`, which covers both errors: a computed cost of n terms is within
// γ_n·cost of the exact one, and a computed bound of the form above (terms min(0, D − λ) are
// nonzero only where 0 ≤ D < λ, so |term| ≤ λ_q) is within γ_{n+K+2}·(K+1)·Σλ of its exact
// value (γ_m = m·u / (1 − m·u), u = 2⁻⁵³). Twice their sum is used.
import type { DistanceRows } from './distance.ts';

export interface LagrangianDual {
  /** Σ_q λ_q. */
  lambdaSum: number;
  /** ρ_j per internal index. */
  rho: Float64Array;
  /** Internal indices sorted by ρ ascending (ties: lower index first): the search visits them in this order. */
  order: Int32Array;
  /** The dual bound Σλ + (K smallest ρ): no medoid set costs less. */
  bound: number;
  /** Subtracted from every bound before it is compared with a cost (header). */
  margin: number;
  /** Subgradient iterations run. */
  iterations: number;
  /** The best medoid set the dual's minimisers gave (internal indices), with its canonical cost. */
  incumbent: { cost: number; medoids: Int32Array } | null;
}

export interface DualOptions {
  /** Upper bound on the optimum (a real set's cost), for the step length; +∞ is allowed. */
  upper: number;
  /** Starting multipliers: distance of each column point to this set (internal indices), e.g. PAM's medoids. */
  start: ArrayLike<number> | null;
  maxIterations?: number;
  /** Stop as soon as the search left is cheaper than the steps taken (default true; off: climb to the cap). */
  balance?: boolean;
  poll?: () => void;
  /** Called by every participant each time it sees a new step open (progress). */
  onStep?: (iterations: number, bound: number) => void;
}

/** Default cap on the subgradient steps. */
export const DEFAULT_DUAL_ITERATIONS = 200;

const U = 2 ** -53;
const gamma = (m: number): number => (m * U) / (1 - m * U);

/** The margin of the header for n points, K medoids, Σλ and a cost scale (an upper bound on the costs compared). */
export function boundMargin(n: number, k: number, lambdaSum: number, costScale: number): number {
  return 2 * (gamma(n + k + 2) * (k + 1) * lambdaSum + gamma(n) * costScale);
}

/** ρ_j for the rows j in [from, to): out[j] = Σ_q min(0, D[j][q] − λ_q). Rows are independent, so any split gives the same values. */
export function reducedCosts(rows: DistanceRows, lambda: Float64Array, out: Float64Array, from: number, to: number, poll?: () => void): void {
  const n = rows.n;
  for (let j = from; j < to; j++) {
    if ((j & 63) === 0) poll?.();
    const r = rows.row(j, 0);
    let s0 = 0;
    let s1 = 0;
    let q = 0;
    for (; q + 1 < n; q += 2) {
      const a = r[q] - lambda[q];
      const b = r[q + 1] - lambda[q + 1];
      if (a < 0) s0 += a;
      if (b < 0) s1 += b;
    }
    if (q < n && r[q] < lambda[q]) s0 += r[q] - lambda[q];
    out[j] = s0 + s1;
  }
}

/** The k smallest entries of rho (ties → lower index), as indices in ascending ρ. */
export function smallest(rho: Float64Array, k: number, out: Int32Array): void {
  let len = 0;
  for (let j = 0; j < rho.length; j++) {
    const v = rho[j];
    if (len === k && !(v < rho[out[k - 1]])) continue;
    let t = len < k ? len++ : k - 1;
    while (t > 0 && rho[out[t - 1]] > v) {
      out[t] = out[t - 1];
      t--;
    }
    out[t] = j;
  }
}

/**
 * Medoid sets the search would still visit under these multipliers: K-subsets whose
 * Σλ + Σρ ≤ upper, counted over ρ sorted ascending with the search's own early exits
 * (dual-search.ts), giving up once the count passes `cap`.
 */
export function survivingSets(rho: Float64Array, k: number, lambdaSum: number, upper: number, cap: number): number {
  const rs = Float64Array.from(rho).sort();
  const n = rs.length;
  let count = 0;
  const walk = (t: number, from: number, base: number): void => {
    const r = k - t;
    for (let p = from; p <= n - r && count <= cap; p++) {
      let b = base + rs[p];
      for (let s = 1; s < r; s++) b += rs[p + s];
      if (b > upper) return;
      if (r === 1) count++;
      else walk(t + 1, p + 1, base + rs[p]);
    }
  };
  walk(0, 0, lambdaSum);
  return count;
}

export function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

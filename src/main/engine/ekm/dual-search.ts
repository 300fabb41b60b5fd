// Fused EKM over the candidates in Lagrangian order (dual.ts): branch-and-bound on subtrees.
//
// Candidates are visited by position p in `dual.order` (ρ ascending). A node is a prefix of
// positions p_0 < … < p_{t−1}; its subtree holds every completion by r = K − t later positions.
// Since ρ is sorted, the r smallest ρ after position p are those of positions p … p+r−1, so
//     bound(prefix, p) = Σλ + Σ_prefix ρ + ρ[p] + … + ρ[p+r−1]
// covers every set whose next position is p or later, and it never decreases with p (sums of
// larger operands in the same order round to larger values). The first p whose bound rules the
// subtree out therefore ends the loop at that level: all later positions are ruled out as well.
//
// Ties (evaluator.ts, header): a bound that only EQUALS the evaluator's own best still rules a
// subtree out when that best is lexicographically smaller than every set in it. The smallest set
// in "prefix + r positions from p on" is the prefix's dataset rows plus the r smallest dataset
// rows among positions ≥ p (lexicographic order of sorted sets prefers smaller members), kept per
// position in `smallestAfter`. So 500 identical points, K = 3, visit a handful of sets.
import { countCombinations } from './combinatorics.ts';
import type { LagrangianDual } from './dual.ts';
import type { Evaluator } from './evaluator.ts';
import type { NextChunk } from './kernels.ts';
import { taskRow } from '../wasm/ekm-wasm.ts';
import { minInto } from './sums.ts';

/** smallestAfter[p·k + t]: the t-th smallest dataset row among positions ≥ p (t < k; padded with n). */
function smallestAfter(order: Int32Array, original: (i: number) => number, k: number): Int32Array {
  const n = order.length;
  const out = new Int32Array((n + 1) * k).fill(n);
  for (let p = n - 1; p >= 0; p--) {
    // The list at p is the list at p + 1 with this position's row merged in, cut to k.
    const v = original(order[p]);
    let from = (p + 1) * k;
    let placed = false;
    for (let t = 0; t < k; t++) {
      if (!placed && v < out[from]) {
        out[p * k + t] = v;
        placed = true;
      } else out[p * k + t] = out[from++];
    }
  }
  return out;
}

export class DualSearch {
  private readonly n: number;
  private readonly k: number;
  /** ρ in visiting order. */
  private readonly rs: Float64Array;
  private readonly after: Int32Array;
  private readonly prefix: Int32Array;
  private readonly mins: Float64Array[];
  private readonly lexMin: Int32Array;

  constructor(
    private readonly ev: Evaluator,
    private readonly dual: LagrangianDual,
  ) {
    this.n = ev.n;
    this.k = ev.k;
    this.rs = Float64Array.from(dual.order, (i) => dual.rho[i]);
    this.after = smallestAfter(dual.order, (i) => ev.rows.original(i), this.k);
    this.prefix = new Int32Array(this.k);
    this.mins = Array.from({ length: this.k }, () => taskRow(this.n));
    this.lexMin = new Int32Array(this.k);
  }

  /** Every K-subset of positions whose first position lies in the pieces handed out by `next`. */
  run(bounds: Int32Array, next: NextChunk): void {
    const { n, k } = this;
    for (let c = next(); c >= 0; c = next()) {
      this.ev.poll();
      const from = bounds[c];
      const to = Math.min(bounds[c + 1], n - k + 1);
      this.level(0, from, to, this.dual.lambdaSum, null);
    }
  }

  /**
   * Positions [from, to) for prefix slot t, given Σλ + Σ_prefix ρ and the prefix's running minimum
   * (null for the empty prefix). Every set of the range is decided: summed, or counted as skipped.
   */
  private level(t: number, from: number, to: number, base: number, m: Float64Array | null): void {
    const { ev, rs, n, k, prefix } = this;
    const r = k - t;
    const order = this.dual.order;
    const margin = this.dual.margin;
    let p = from;
    if (r === 1) {
      // The last medoid: find where bounds end the run, then sum those sets (with early abandon).
      while (p < to && !this.ruledOut(base + rs[p] - margin, t, p, 1)) p++;
      ev.evalSingles(m ?? ev.infinityRow(), prefix, t, from, p, order);
      if (p < to) ev.skip(to - p);
      return;
    }
    for (; p < to; p++) {
      let b = base + rs[p];
      for (let s = 1; s < r; s++) b += rs[p + s];
      if (this.ruledOut(b - margin, t, p, r)) {
        // Σ over positions p' in [p, to) of C(n − 1 − p', r − 1) sets (hockey stick).
        ev.skip(countCombinations(n - p, r) - countCombinations(n - to, r));
        return;
      }
      const i = order[p];
      prefix[t] = i;
      let mt = ev.rows.row(i, 1);
      if (m !== null) {
        mt = minInto(this.mins[t], m, mt, n);
        ev.charge(n);
      } else if (!ev.rows.precomputed) {
        // A row computed on demand lives in a scratch buffer that the next level's row overwrites.
        this.mins[t].set(mt);
        mt = this.mins[t];
      }
      this.level(t + 1, p + 1, n - r + 2, base + rs[p], mt);
    }
  }

  /** Whether every set "prefix[0..t) + r positions from p on" is ruled out by `bound`. */
  private ruledOut(bound: number, t: number, p: number, r: number): boolean {
    const { ev } = this;
    if (bound > ev.limit) return true;
    if (!ev.mayDropTies(bound)) return false;
    const lm = this.lexMin;
    for (let s = 0; s < t; s++) lm[s] = ev.rows.original(this.prefix[s]);
    for (let s = 0; s < r; s++) lm[t + s] = this.after[p * this.k + s];
    lm.sort();
    return ev.tiesLoseTo(lm);
  }
}

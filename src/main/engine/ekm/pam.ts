// PAM (Kaufman & Rousseeuw): greedy BUILD, then best-improvement SWAP until no swap lowers the
// cost. The swap search uses the FastPAM1 decomposition (Schubert & Rousseeuw 2019) — for each
// candidate h, the change for every medoid at once in O(n) — which finds exactly PAM's best swap.
// A heuristic: the EKM result shows how far it is from the optimum (the optimality gap), and its
// answer seeds EKM's pruning bound.
//
// Two drivers share the scans below: pam() runs every step in one thread; cooperativePam() (in
// pam-coop.ts) lets several workers split each step's candidates and reaches the same answer.
import type { DistanceRows } from './distance.ts';

export interface PamOutcome {
  /** Sorted ascending (indices of the rows' labelling: internal indices, see DistanceRows). */
  medoids: number[];
  /** Canonical cost (DistanceRows.cost: same summation as every EKM kernel). */
  cost: number;
  iterations: number;
  swaps: number;
}

export interface PamOptions {
  maxIterations?: number;
  poll?: () => void;
  /** Called as each step starts: BUILD steps 0..k−1, then SWAP passes k, k+1, … (progress). */
  onStep?: (step: number) => void;
}

export const DEFAULT_PAM_ITERATIONS = 100;

/** Best BUILD candidate of a scan: highest gain, ties to the lowest row (strict > in row order). */
export interface BuildPick {
  gain: number;
  h: number;
}

/** Best swap of a scan: lowest cost change below 0, ties to the lowest (h, t) (strict < in scan order). */
export interface SwapPick {
  delta: number;
  t: number;
  h: number;
}

export function noBuildPick(): BuildPick {
  return { gain: -Infinity, h: -1 };
}

/** Only improving swaps count, so a scan starts from "no change". */
export function noSwapPick(): SwapPick {
  return { delta: 0, t: -1, h: -1 };
}

/** Folds `b` into `a` as if b's candidates had been scanned after a's (b's rows are all higher). */
export function foldBuild(a: BuildPick, b: BuildPick): void {
  if (b.gain > a.gain) Object.assign(a, b);
}

export function foldSwap(a: SwapPick, b: SwapPick): void {
  if (b.delta < a.delta) Object.assign(a, b);
}

export function validatePam(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`PAM needs 1 ≤ k ≤ n (n = ${n}), got k = ${k}`);
}

/** A PAM step's view of one medoid list: nearest and second-nearest distances of every row. */
export class PamScan {
  readonly n: number;
  private readonly isMedoid: Uint8Array;
  private readonly medoids: number[] = [];
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;
  private readonly near: Int32Array;
  private readonly delta: Float64Array;

  constructor(
    private readonly rows: DistanceRows,
    private readonly k: number,
  ) {
    this.n = rows.n;
    this.isMedoid = new Uint8Array(this.n);
    this.d1 = new Float64Array(this.n).fill(Infinity);
    this.d2 = new Float64Array(this.n);
    this.near = new Int32Array(this.n);
    this.delta = new Float64Array(k);
  }

  /** BUILD: adds medoid h; d1 becomes the distance to the nearest chosen medoid. */
  add(h: number): void {
    this.isMedoid[h] = 1;
    this.medoids.push(h);
    const r = this.rows.row(h, 0);
    const d1 = this.d1;
    for (let q = 0; q < this.n; q++) if (r[q] < d1[q]) d1[q] = r[q];
  }

  /** BUILD step over candidates [from, to): the one that lowers the total distance most. */
  scanBuild(from: number, to: number, pick: BuildPick): void {
    const { n, d1 } = this;
    const first = this.medoids.length === 0;
    for (let h = from; h < to; h++) {
      if (this.isMedoid[h]) continue;
      const r = this.rows.row(h, 0);
      let gain = 0;
      if (first) for (let q = 0; q < n; q++) gain -= r[q];
      else for (let q = 0; q < n; q++) if (r[q] < d1[q]) gain += d1[q] - r[q];
      if (gain > pick.gain) {
        pick.gain = gain;
        pick.h = h;
      }
    }
  }

  /** SWAP state for the current medoid list; returns the total distance (rows in order). */
  assign(): number {
    const { n, d1, d2, near } = this;
    d1.fill(Infinity);
    d2.fill(Infinity);
    for (let t = 0; t < this.medoids.length; t++) {
      const r = this.rows.row(this.medoids[t], 0);
      for (let q = 0; q < n; q++) {
        const v = r[q];
        if (v < d1[q]) {
          d2[q] = d1[q];
          d1[q] = v;
          near[q] = t;
        } else if (v < d2[q]) d2[q] = v;
      }
    }
    let s = 0;
    for (let q = 0; q < n; q++) s += d1[q];
    return s;
  }

  /** SWAP step over candidates [from, to) (call assign() first); `poll` every 64 candidates. */
  scanSwaps(from: number, to: number, pick: SwapPick, poll?: () => void): void {
    const { n, d1, d2, near, delta, k } = this;
    for (let h = from; h < to; h++) {
      if (this.isMedoid[h]) continue;
      const r = this.rows.row(h, 0);
      delta.fill(0);
      // Removing medoid t and adding h: points of t move to min(d2, dh), the others to min(d1, dh).
      let shared = 0;
      for (let q = 0; q < n; q++) {
        const dh = r[q];
        const gainOthers = dh < d1[q] ? dh - d1[q] : 0;
        shared += gainOthers;
        const own = (dh < d2[q] ? dh : d2[q]) - d1[q];
        delta[near[q]] += own - gainOthers;
      }
      for (let t = 0; t < k; t++) {
        const dt = shared + delta[t];
        if (dt < pick.delta) {
          pick.delta = dt;
          pick.t = t;
          pick.h = h;
        }
      }
      if ((h & 63) === 0) poll?.();
    }
  }

  /** Replaces the medoid at position t by row h (positions keep their order, as PAM's list). */
  swap(t: number, h: number): void {
    this.isMedoid[this.medoids[t]] = 0;
    this.isMedoid[h] = 1;
    this.medoids[t] = h;
  }

  /** Resets to the medoid list `list` (BUILD prefix or a full SWAP list). */
  load(list: ArrayLike<number>): void {
    this.isMedoid.fill(0);
    this.medoids.length = 0;
    this.d1.fill(Infinity);
    for (let i = 0; i < list.length; i++) this.add(list[i]);
  }

  outcome(iterations: number, swaps: number): PamOutcome {
    const sorted = [...this.medoids].sort((a, b) => a - b);
    return { medoids: sorted, cost: this.rows.cost(sorted), iterations, swaps };
  }
}

/**
 * Whether the best swap of a pass is taken. A relative tolerance stops float round-off from
 * cycling between equal-cost sets.
 */
export function swapImproves(pick: SwapPick, total: number): boolean {
  return pick.t >= 0 && pick.delta < -1e-12 * Math.max(1, Math.abs(total));
}

export function pam(rows: DistanceRows, k: number, opts: PamOptions = {}): PamOutcome {
  const n = rows.n;
  validatePam(n, k);
  const maxIterations = opts.maxIterations ?? DEFAULT_PAM_ITERATIONS;
  const scan = new PamScan(rows, k);
  // BUILD: each step adds the point that lowers the total distance most (ties: lowest index).
  for (let step = 0; step < k; step++) {
    opts.onStep?.(step);
    const pick = noBuildPick();
    scan.scanBuild(0, n, pick);
    opts.poll?.();
    scan.add(pick.h);
  }
  let total = scan.assign();
  let iterations = 0;
  let swaps = 0;
  while (iterations < maxIterations) {
    opts.onStep?.(k + iterations);
    iterations++;
    const pick = noSwapPick();
    scan.scanSwaps(0, n, pick, opts.poll);
    if (!swapImproves(pick, total)) break;
    scan.swap(pick.t, pick.h);
    swaps++;
    total = scan.assign();
  }
  return scan.outcome(iterations, swaps);
}

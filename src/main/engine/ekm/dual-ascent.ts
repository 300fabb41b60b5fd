// The Lagrangian dual's subgradient ascent (the bound itself: dual.ts), alone (solveDual) or split
// across the workers of a run, with the same multipliers, bound and incumbent for every worker count.
//
// Each subgradient step costs n² terms (ρ_j = Σ_q min(0, D[j][q] − λ_q) for every row j) and then
// O(k·n) of serial work (the K smallest ρ, the incumbent's cost, the subgradient, the new λ). Rows
// are independent, so the ρ pass is cut into blocks of rows that the workers present claim; whoever
// completes a step's last block does the serial part on the shared ρ and λ — the same arithmetic in
// the same order whoever does it — and opens the next step. Step 0 sets the starting λ (blocks of
// columns). Blocks are handed out by tickets (step-tickets.ts), as in pam-coop.ts.
import type { StopRequest } from '../pool/barrier-waiter.ts';
import type { DistanceRows } from './distance.ts';
import { StepTickets, T } from './step-tickets.ts';
import { boundMargin, DEFAULT_DUAL_ITERATIONS, reducedCosts, smallest, sumOf, survivingSets, type DualOptions, type LagrangianDual } from './dual.ts';

/** Shared memory of one ascent (structured-clone safe). */
export interface DualShare {
  /** Int32 control words (C). */
  control: SharedArrayBuffer;
  /** Float64 scalars (F). */
  scalars: SharedArrayBuffer;
  /** Float64 × n each: the current λ, its ρ, and the ρ of the best λ so far. */
  lambda: SharedArrayBuffer;
  rho: SharedArrayBuffer;
  bestRho: SharedArrayBuffer;
  /** Int32 × n: positions by ρ of the best λ (filled at the end). */
  order: SharedArrayBuffer;
  /** Int32 × k: the incumbent (internal indices). */
  incumbent: SharedArrayBuffer;
  blocks: number;
  maxIterations: number;
}

/** Control words after the tickets' (step-tickets.ts; step 0 sets λ, step s ≥ 1 is subgradient step s − 1). */
const C = { STALE: T.FIRST_FREE, ITERATIONS: T.FIRST_FREE + 1, HAS_INCUMBENT: T.FIRST_FREE + 2, SIZE: T.FIRST_FREE + 3 } as const;
const F = { UPPER: 0, START_UPPER: 1, BEST: 2, FACTOR: 3, INCUMBENT_COST: 4, BEST_LAMBDA_SUM: 5, BOUND: 6, MARGIN: 7, SIZE: 8 } as const;

/** Steps without a better bound before the step factor is halved. */
const STALE_STEPS = 8;

export function allocateDualShare(n: number, k: number, blocks: number, maxIterations = DEFAULT_DUAL_ITERATIONS): DualShare {
  return {
    control: new SharedArrayBuffer(C.SIZE * 4),
    scalars: new SharedArrayBuffer(F.SIZE * 8),
    lambda: new SharedArrayBuffer(n * 8),
    rho: new SharedArrayBuffer(n * 8),
    bestRho: new SharedArrayBuffer(n * 8),
    order: new SharedArrayBuffer(n * 4),
    incumbent: new SharedArrayBuffer(k * 4),
    blocks: Math.max(1, Math.min(n, blocks)),
    maxIterations: Math.max(1, maxIterations),
  };
}

interface Views {
  control: Int32Array;
  f: Float64Array;
  lambda: Float64Array;
  rho: Float64Array;
  bestRho: Float64Array;
  order: Int32Array;
  incumbent: Int32Array;
}

function viewsOf(share: DualShare): Views {
  return {
    control: new Int32Array(share.control),
    f: new Float64Array(share.scalars),
    lambda: new Float64Array(share.lambda),
    rho: new Float64Array(share.rho),
    bestRho: new Float64Array(share.bestRho),
    order: new Int32Array(share.order),
    incumbent: new Int32Array(share.incumbent),
  };
}

/** Step 0, columns [from, to): λ_q = distance of q to the start set, or (no start) to its nearest other point. */
function initColumns(rows: DistanceRows, start: ArrayLike<number> | null, lambda: Float64Array, from: number, to: number, poll?: () => void): void {
  lambda.fill(Infinity, from, to);
  if (start && start.length) {
    for (let t = 0; t < start.length; t++) {
      const r = rows.row(start[t], 0);
      for (let q = from; q < to; q++) if (r[q] < lambda[q]) lambda[q] = r[q];
    }
    return;
  }
  for (let j = 0; j < rows.n; j++) {
    if ((j & 63) === 0) poll?.();
    const r = rows.row(j, 0);
    for (let q = from; q < to; q++) if (r[q] > 0 && r[q] < lambda[q]) lambda[q] = r[q];
  }
  for (let q = from; q < to; q++) if (!Number.isFinite(lambda[q])) lambda[q] = 0;
}

/**
 * Runs this worker's share of the ascent in `share` and returns the (common) dual. Every
 * participant must pass the same rows, k and options (start, upper, balance): they are the run's.
 */
export function cooperativeDual(rows: DistanceRows, k: number, share: DualShare, opts: DualOptions & { spin?: boolean }): LagrangianDual {
  const n = rows.n;
  const v = viewsOf(share);
  const { blocks } = share;
  const stop: StopRequest = { requested: () => (opts.poll?.(), false) };
  const tickets = new StepTickets(v.control, blocks, opts.spin ?? false, stop);
  let seen = -1;

  for (let got = tickets.next(); got !== null; got = tickets.next()) {
    const { step, block: b } = got;
    if (step !== seen && step > 0) opts.onStep?.(step - 1, v.f[F.BEST]);
    seen = step;
    const from = Math.floor((b * n) / blocks);
    const to = Math.floor(((b + 1) * n) / blocks);
    if (step === 0) initColumns(rows, opts.start, v.lambda, from, to, opts.poll);
    else reducedCosts(rows, v.lambda, v.rho, from, to, opts.poll);
    opts.poll?.();
    if (tickets.complete(step)) {
      const done = step === 0 ? (begin(v, opts.upper), false) : decide(rows, k, share.maxIterations, v, step - 1, opts);
      if (done) finish(n, k, v);
      tickets.open(step, done);
    }
  }
  return dualOf(n, k, v);
}

function begin(v: Views, upper: number): void {
  v.f[F.UPPER] = upper;
  v.f[F.START_UPPER] = upper;
  v.f[F.BEST] = -Infinity;
  v.f[F.FACTOR] = 2;
  v.control[C.STALE] = 0;
}

/** The serial part of subgradient step `it` (ρ of the current λ is complete); true once the ascent stops. */
function decide(rows: DistanceRows, k: number, maxIt: number, v: Views, it: number, opts: DualOptions): boolean {
  const n = rows.n;
  const { f, lambda, rho, control } = v;
  const J = new Int32Array(k);
  smallest(rho, k, J);
  const lSum = sumOf(lambda);
  let value = lSum;
  for (let t = 0; t < k; t++) value += rho[J[t]];
  let improved = false;
  if (value > f[F.BEST]) {
    f[F.BEST] = value;
    f[F.BEST_LAMBDA_SUM] = lSum;
    v.bestRho.set(rho);
    control[C.STALE] = 0;
    improved = true;
  } else if (++control[C.STALE] >= STALE_STEPS) {
    f[F.FACTOR] /= 2;
    control[C.STALE] = 0;
  }
  control[C.ITERATIONS] = it + 1;
  // The minimisers are a real medoid set: a better one tightens the step target.
  const c = rows.cost(J);
  if (c < f[F.UPPER]) f[F.UPPER] = c;
  if (control[C.HAS_INCUMBENT] === 0 || c < f[F.INCUMBENT_COST]) {
    f[F.INCUMBENT_COST] = c;
    v.incumbent.set(J);
    control[C.HAS_INCUMBENT] = 1;
  }
  const upper = f[F.UPPER];
  // Balance the two phases: stop once the sets still to visit (n terms each) cost less than the
  // steps already taken (n² terms each); then the whole run is at most about twice the better of
  // "more steps" and "search now".
  const cheap = improved && opts.balance !== false && survivingSets(rho, k, lSum, upper, (it + 1) * n) <= (it + 1) * n;
  if (f[F.BEST] >= upper - boundMargin(n, k, lSum, upper) || f[F.FACTOR] < 1e-3 || cheap) return true;
  const g = new Float64Array(n).fill(1);
  for (let t = 0; t < k; t++) {
    const r = rows.row(J[t], 0);
    for (let q = 0; q < n; q++) if (r[q] < lambda[q]) g[q]--;
  }
  let norm = 0;
  for (let q = 0; q < n; q++) norm += g[q] * g[q];
  if (norm === 0) return true; // λ is optimal: its minimisers cover every point exactly once
  const stepLength = (f[F.FACTOR] * (upper - value)) / norm;
  for (let q = 0; q < n; q++) {
    const x = lambda[q] + stepLength * g[q];
    lambda[q] = x > 0 ? x : 0;
  }
  return it + 1 >= maxIt;
}

/** The bound of the best λ, the visiting order and the margin, written once for every participant. */
function finish(n: number, k: number, v: Views): void {
  const { f, bestRho } = v;
  const J = new Int32Array(k);
  smallest(bestRho, k, J);
  let bound = f[F.BEST_LAMBDA_SUM];
  for (let t = 0; t < k; t++) bound += bestRho[J[t]];
  f[F.BOUND] = bound;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => bestRho[a] - bestRho[b] || a - b);
  v.order.set(order);
  // Every limit a bound is compared with is a real set's cost: the start's, or at most the incumbent's.
  const scale = Number.isFinite(f[F.START_UPPER]) ? f[F.START_UPPER] : f[F.UPPER];
  f[F.MARGIN] = boundMargin(n, k, f[F.BEST_LAMBDA_SUM], scale);
}

function dualOf(n: number, k: number, v: Views): LagrangianDual {
  const { f, control } = v;
  return {
    lambdaSum: f[F.BEST_LAMBDA_SUM],
    rho: v.bestRho.slice(0, n),
    order: v.order.slice(0, n),
    bound: f[F.BOUND],
    margin: f[F.MARGIN],
    iterations: control[C.ITERATIONS],
    incumbent: control[C.HAS_INCUMBENT] ? { cost: f[F.INCUMBENT_COST], medoids: v.incumbent.slice(0, k) } : null,
  };
}

/**
 * Subgradient ascent on the Lagrangian dual (Polyak steps towards `upper`, the step factor
 * halved after a run of steps without a better bound), in this thread alone: the shared driver
 * with one participant, so serial and pooled runs share every line of the ascent.
 * Deterministic: the same rows, start and upper give the same multipliers.
 */
export function solveDual(rows: DistanceRows, k: number, opts: DualOptions): LagrangianDual {
  return cooperativeDual(rows, k, allocateDualShare(rows.n, k, 1, opts.maxIterations), opts);
}

// Scaling laws and runtime models fitted to measured timings. Pure functions, no I/O.
//
// - Amdahl (strong scaling): S(P) = 1 / ((1 - p) + p / P), p = parallel fraction.
// - Gustafson (scaled speedup): S(P) = P - s (P - 1), s = serial fraction. With a fixed N this is
//   only a descriptive fit; it is reported because users compare the two laws side by side.
// - Runtime vs N (seed 003 §5.3): linear t = a·n + b and power law t = a·n^b, then the predicted
//   speedup at a size N is t_serial(N) / t_parallel(N).
import type { AmdahlFit, GustafsonFit, RuntimeModel } from '../../../shared/types.ts';

/** One measured speedup: P processors (workers) gave speedup S over the serial reference. */
export interface SpeedupPoint {
  workers: number;
  speedup: number;
}

/** One measured runtime: size n took t milliseconds. */
export interface RuntimePoint {
  n: number;
  ms: number;
}

export function amdahlSpeedup(parallelFraction: number, workers: number): number {
  return 1 / (1 - parallelFraction + parallelFraction / workers);
}

export function gustafsonSpeedup(serialFraction: number, workers: number): number {
  return workers - serialFraction * (workers - 1);
}

function usable(points: SpeedupPoint[]): SpeedupPoint[] {
  return points.filter((p) => p.workers >= 1 && Number.isFinite(p.workers) && Number.isFinite(p.speedup));
}

/**
 * A model is fitted only to more points than it has parameters (else it passes through them and
 * says nothing). Amdahl and Gustafson have one parameter and S(1) = 1 whatever it is, so they need
 * two distinct worker counts above 1; the runtime models have two and need three distinct sizes.
 */
export const SPEEDUP_FIT_MIN_WORKER_COUNTS = 2;
export const RUNTIME_FIT_MIN_SIZES = 3;

function enoughWorkerCounts(points: SpeedupPoint[]): boolean {
  return new Set(points.filter((p) => p.workers > 1).map((p) => p.workers)).size >= SPEEDUP_FIT_MIN_WORKER_COUNTS;
}

function enoughSizes(ns: number[]): boolean {
  return new Set(ns).size >= RUNTIME_FIT_MIN_SIZES;
}

function rmse(points: SpeedupPoint[], model: (workers: number) => number): number {
  let ss = 0;
  for (const p of points) ss += (p.speedup - model(p.workers)) ** 2;
  return Math.sqrt(ss / points.length);
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Minimum of f on [lo, hi] for a unimodal f (golden-section search). */
function goldenSection(f: (x: number) => number, lo: number, hi: number, tol = 1e-12): number {
  let a = lo;
  let b = hi;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Least-squares parallel fraction p ∈ [0, 1]. The sum of squares is not guaranteed unimodal in p
 * for arbitrary data, so a coarse scan finds the right basin and golden-section search refines it.
 * Returns null without two worker counts above 1 (P = 1 carries no information about p).
 */
export function fitAmdahl(points: SpeedupPoint[]): AmdahlFit | null {
  const pts = usable(points);
  if (!enoughWorkerCounts(pts)) return null;
  const sse = (frac: number) => {
    let s = 0;
    for (const p of pts) s += (p.speedup - amdahlSpeedup(frac, p.workers)) ** 2;
    return s;
  };
  const steps = 1000;
  let best = 0;
  let bestValue = Infinity;
  for (let i = 0; i <= steps; i++) {
    const v = sse(i / steps);
    if (v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  const p = goldenSection(sse, Math.max(0, (best - 1) / steps), Math.min(1, (best + 1) / steps));
  const parallelFraction = sse(p) <= bestValue ? p : best / steps;
  return { parallelFraction, rmse: rmse(pts, (w) => amdahlSpeedup(parallelFraction, w)) };
}

/**
 * Least-squares serial fraction s ∈ [0, 1]. The model is linear in s, so the unconstrained optimum
 * is closed-form; clamping it to [0, 1] is the constrained optimum of a 1-D convex quadratic.
 */
export function fitGustafson(points: SpeedupPoint[]): GustafsonFit | null {
  const pts = usable(points);
  if (!enoughWorkerCounts(pts)) return null;
  let num = 0;
  let den = 0;
  for (const p of pts) {
    num += (p.workers - p.speedup) * (p.workers - 1);
    den += (p.workers - 1) ** 2;
  }
  if (den === 0) return null;
  const serialFraction = Math.min(1, Math.max(0, num / den));
  return { serialFraction, rmse: rmse(pts, (w) => gustafsonSpeedup(serialFraction, w)) };
}

/** Coefficient of determination of predictions against observations, on the time scale itself. */
function rSquared(observed: number[], predicted: number[]): number {
  const mean = observed.reduce((s, v) => s + v, 0) / observed.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < observed.length; i++) {
    ssRes += (observed[i] - predicted[i]) ** 2;
    ssTot += (observed[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Ordinary least squares y = a·x + b; null unless x has at least two distinct values. */
function leastSquaresLine(xs: number[], ys: number[]): { a: number; b: number } | null {
  const m = xs.length;
  if (m < 2) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / m;
  const my = ys.reduce((s, v) => s + v, 0) / m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (sxx === 0) return null;
  const a = sxy / sxx;
  return { a, b: my - a * mx };
}

/** t = a·n + b by least squares (seed 003 eq. 19). R² on the time scale. */
export function fitLinearRuntime(points: RuntimePoint[]): RuntimeModel | null {
  const pts = points.filter((p) => Number.isFinite(p.n) && Number.isFinite(p.ms));
  if (!enoughSizes(pts.map((p) => p.n))) return null;
  const line = leastSquaresLine(
    pts.map((p) => p.n),
    pts.map((p) => p.ms),
  );
  if (!line) return null;
  const model: RuntimeModel = { kind: 'linear', a: line.a, b: line.b, r2: 0 };
  model.r2 = rSquared(
    pts.map((p) => p.ms),
    pts.map((p) => predictRuntime(model, p.n)),
  );
  return model;
}

/**
 * t = a·n^b by least squares on log t = log a + b·log n (needs n, t > 0). R² is computed on the time
 * scale, not the log scale, so it is comparable with the linear model's.
 */
export function fitPowerRuntime(points: RuntimePoint[]): RuntimeModel | null {
  const pts = points.filter((p) => p.n > 0 && p.ms > 0 && Number.isFinite(p.n) && Number.isFinite(p.ms));
  if (!enoughSizes(pts.map((p) => p.n))) return null;
  const line = leastSquaresLine(
    pts.map((p) => Math.log(p.n)),
    pts.map((p) => Math.log(p.ms)),
  );
  if (!line) return null;
  const model: RuntimeModel = { kind: 'power', a: Math.exp(line.b), b: line.a, r2: 0 };
  model.r2 = rSquared(
    pts.map((p) => p.ms),
    pts.map((p) => predictRuntime(model, p.n)),
  );
  return model;
}

export function predictRuntime(model: RuntimeModel, n: number): number {
  return model.kind === 'linear' ? model.a * n + model.b : model.a * n ** model.b;
}

/**
 * Predicted speedup at size n: t_serial(n) / t_parallel(n). Null when either prediction is not a
 * positive time (a linear model with a negative intercept predicts nonsense for small n).
 */
export function predictSpeedup(serial: RuntimeModel, parallel: RuntimeModel, n: number): number | null {
  const ts = predictRuntime(serial, n);
  const tp = predictRuntime(parallel, n);
  if (!(ts > 0) || !(tp > 0)) return null;
  return ts / tp;
}

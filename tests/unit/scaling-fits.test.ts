import { describe, expect, it } from 'vitest';
import {
  amdahlSpeedup,
  fitAmdahl,
  fitGustafson,
  fitLinearRuntime,
  fitPowerRuntime,
  gustafsonSpeedup,
  predictRuntime,
  predictSpeedup,
  type SpeedupPoint,
} from '../../src/main/engine/scaling/fits.ts';
import { createNormal, createRng } from '../../src/main/engine/random.ts';

const P = [1, 2, 4, 8, 16];

/** Independent oracle: the least-squares parameter by brute-force scan on a fine grid. */
function scanMinimum(sse: (x: number) => number, steps = 200_000): number {
  let best = 0;
  let bestValue = Infinity;
  for (let i = 0; i <= steps; i++) {
    const v = sse(i / steps);
    if (v < bestValue) {
      bestValue = v;
      best = i / steps;
    }
  }
  return best;
}

function noisy(points: SpeedupPoint[], sd: number, seed: number): SpeedupPoint[] {
  const normal = createNormal(createRng(seed));
  return points.map((p) => ({ workers: p.workers, speedup: p.speedup * (1 + sd * normal()) }));
}

describe('Amdahl fit', () => {
  it('recovers the parallel fraction from exact speedups', () => {
    for (const p of [0, 0.3, 0.75, 0.9, 0.99, 1]) {
      const fit = fitAmdahl(P.map((w) => ({ workers: w, speedup: amdahlSpeedup(p, w) })))!;
      expect(fit.parallelFraction).toBeCloseTo(p, 6);
      expect(fit.rmse).toBeLessThan(1e-6);
    }
  });

  it('matches a brute-force least-squares scan on noisy speedups', () => {
    for (const [p, seed] of [
      [0.6, 1],
      [0.85, 2],
      [0.95, 3],
    ] as const) {
      const pts = noisy(
        P.map((w) => ({ workers: w, speedup: amdahlSpeedup(p, w) })),
        0.03,
        seed,
      );
      const fit = fitAmdahl(pts)!;
      const sse = (x: number) => pts.reduce((s, q) => s + (q.speedup - 1 / (1 - x + x / q.workers)) ** 2, 0);
      expect(Math.abs(fit.parallelFraction - scanMinimum(sse))).toBeLessThan(1e-4);
      expect(Math.abs(fit.parallelFraction - p)).toBeLessThan(0.05);
      expect(fit.rmse).toBeGreaterThan(0);
    }
  });

  it('fits the seed paper k = 40, N = 1e6 speedups (which fall off past 4 processes) inside [0, 1]', () => {
    const seedTable3 = [0.99209, 1.66696, 2.34458, 2.48961, 2.46708].map((s, i) => ({ workers: P[i], speedup: s }));
    const fit = fitAmdahl(seedTable3)!;
    const sse = (x: number) => seedTable3.reduce((s, q) => s + (q.speedup - amdahlSpeedup(x, q.workers)) ** 2, 0);
    expect(fit.parallelFraction).toBeCloseTo(scanMinimum(sse), 4);
    expect(fit.parallelFraction).toBeGreaterThan(0.5);
    expect(fit.parallelFraction).toBeLessThan(1);
  });

  it('needs two worker counts above 1 (one parameter, and S(1) = 1 for every p)', () => {
    expect(fitAmdahl([{ workers: 1, speedup: 1 }, { workers: 2, speedup: 1.7 }])).toBeNull();
    expect(fitAmdahl([{ workers: 2, speedup: 1.7 }, { workers: 2, speedup: 1.8 }])).toBeNull();
    expect(fitAmdahl([{ workers: 2, speedup: 1.6 }, { workers: 4, speedup: 2.5 }])).not.toBeNull();
    expect(fitAmdahl([])).toBeNull();
    expect(fitAmdahl([{ workers: 1, speedup: 0.9 }])).toBeNull();
    expect(fitAmdahl([{ workers: 0, speedup: 1 }])).toBeNull();
  });
});

describe('Gustafson fit', () => {
  it('recovers the serial fraction from exact scaled speedups', () => {
    for (const s of [0, 0.1, 0.5, 1]) {
      const fit = fitGustafson(P.map((w) => ({ workers: w, speedup: gustafsonSpeedup(s, w) })))!;
      expect(fit.serialFraction).toBeCloseTo(s, 10);
      expect(fit.rmse).toBeLessThan(1e-9);
    }
  });

  it('matches a brute-force constrained least-squares scan on noisy data, clamped to [0, 1]', () => {
    const pts = noisy(
      P.map((w) => ({ workers: w, speedup: gustafsonSpeedup(0.3, w) })),
      0.05,
      7,
    );
    const sse = (x: number) => pts.reduce((s, q) => s + (q.speedup - gustafsonSpeedup(x, q.workers)) ** 2, 0);
    const fit = fitGustafson(pts)!;
    expect(Math.abs(fit.serialFraction - scanMinimum(sse))).toBeLessThan(1e-4);
    expect(Math.abs(fit.serialFraction - 0.3)).toBeLessThan(0.1);
    // Speedups below 1 everywhere: the unconstrained optimum is s > 1, the constrained one s = 1.
    const slow = fitGustafson(P.map((w) => ({ workers: w, speedup: 0.5 })))!;
    expect(slow.serialFraction).toBe(1);
  });

  it('needs two worker counts above 1', () => {
    expect(fitGustafson([{ workers: 1, speedup: 1 }])).toBeNull();
    expect(fitGustafson([{ workers: 1, speedup: 1 }, { workers: 2, speedup: 1.7 }])).toBeNull();
    expect(fitGustafson([{ workers: 2, speedup: 1.6 }, { workers: 4, speedup: 2.5 }])).not.toBeNull();
  });
});

describe('runtime models', () => {
  const sizes = [50, 100, 200, 400, 800];

  it('recovers a linear model exactly, and the seed 003 §5.3 EKM model', () => {
    const fit = fitLinearRuntime(sizes.map((n) => ({ n, ms: 0.4474 * n - 51.59 })))!;
    expect(fit.kind).toBe('linear');
    expect(fit.a).toBeCloseTo(0.4474, 10);
    expect(fit.b).toBeCloseTo(-51.59, 8);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('recovers a linear model with small noise, R² just under 1', () => {
    const normal = createNormal(createRng(11));
    const pts = sizes.map((n) => ({ n, ms: 3 * n + 20 + normal() * 5 }));
    const fit = fitLinearRuntime(pts)!;
    expect(Math.abs(fit.a - 3) / 3).toBeLessThan(0.02);
    expect(fit.r2).toBeGreaterThan(0.99);
    expect(fit.r2).toBeLessThan(1);
    // Oracle: normal equations solved independently.
    const m = pts.length;
    const sx = pts.reduce((s, p) => s + p.n, 0);
    const sy = pts.reduce((s, p) => s + p.ms, 0);
    const sxx = pts.reduce((s, p) => s + p.n * p.n, 0);
    const sxy = pts.reduce((s, p) => s + p.n * p.ms, 0);
    const a = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    expect(fit.a).toBeCloseTo(a, 10);
    expect(fit.b).toBeCloseTo((sy - a * sx) / m, 8);
  });

  it('recovers a power law exactly and with multiplicative noise', () => {
    const exact = fitPowerRuntime(sizes.map((n) => ({ n, ms: 0.002 * n ** 2.5 })))!;
    expect(exact.kind).toBe('power');
    expect(exact.a).toBeCloseTo(0.002, 10);
    expect(exact.b).toBeCloseTo(2.5, 10);
    expect(exact.r2).toBeCloseTo(1, 10);

    const normal = createNormal(createRng(5));
    const fit = fitPowerRuntime(sizes.map((n) => ({ n, ms: 0.002 * n ** 2.5 * Math.exp(0.02 * normal()) })))!;
    expect(Math.abs(fit.b - 2.5)).toBeLessThan(0.05);
    expect(fit.r2).toBeGreaterThan(0.98);
  });

  it('prefers the right model by R²', () => {
    const cubic = sizes.map((n) => ({ n, ms: 1e-6 * n ** 3 }));
    expect(fitPowerRuntime(cubic)!.r2).toBeGreaterThan(fitLinearRuntime(cubic)!.r2);
  });

  it('needs three distinct sizes for its two parameters (and positive times for the power law)', () => {
    const two = [
      { n: 100, ms: 2 },
      { n: 200, ms: 4 },
      { n: 200, ms: 4.2 },
    ];
    expect(fitLinearRuntime(two)).toBeNull(); // two points fit exactly: "R² 1" says nothing
    expect(fitPowerRuntime(two)).toBeNull();
    expect(fitLinearRuntime([...two, { n: 400, ms: 8 }])).not.toBeNull();
    expect(fitPowerRuntime([...two, { n: 400, ms: 8 }])).not.toBeNull();
    expect(fitLinearRuntime([{ n: 10, ms: 1 }])).toBeNull();
    expect(fitLinearRuntime([
      { n: 10, ms: 1 },
      { n: 10, ms: 2 },
    ])).toBeNull();
    expect(fitPowerRuntime([
      { n: 10, ms: -1 },
      { n: 20, ms: 2 },
    ])).toBeNull();
  });

  it('predicts the seed 003 §5.3 runtimes and speedups at N = 10,000', () => {
    const ekm = { kind: 'linear' as const, a: 0.4474, b: -51.59, r2: 1 };
    const gen1 = { kind: 'linear' as const, a: 0.1842, b: -18.69, r2: 1 };
    const gen2 = { kind: 'linear' as const, a: 0.1704, b: -18.08, r2: 1 };
    expect(predictRuntime(ekm, 10_000)).toBeCloseTo(4422.41, 6);
    expect(predictRuntime(gen1, 10_000)).toBeCloseTo(1823.31, 6);
    expect(predictRuntime(gen2, 10_000)).toBeCloseTo(1685.92, 6);
    // The paper rounds to whole percentages first (59 % → 2.44×, 62 % → 2.63×); unrounded:
    expect(predictSpeedup(ekm, gen1, 10_000)!).toBeCloseTo(4422.41 / 1823.31, 10);
    expect(predictSpeedup(ekm, gen1, 10_000)!).toBeCloseTo(2.4255, 3);
    expect(predictSpeedup(ekm, gen2, 10_000)!).toBeCloseTo(2.6232, 3);
    // A negative predicted time (small N under a negative intercept) gives no speedup.
    expect(predictSpeedup(ekm, gen1, 50)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatExperimentTables } from '../../src/main/engine/scaling/tables.ts';
import type { ExperimentCell, ExperimentResult } from '../../src/shared/types.ts';

function cell(n: number, k: number, workers: number, medianMs: number, serialMs: number, answerMatches = true): ExperimentCell {
  const speedup = serialMs / medianMs;
  return {
    n,
    k,
    workers,
    timesMs: [medianMs],
    medianMs,
    minMs: medianMs,
    maxMs: medianMs,
    speedup,
    efficiency: speedup / Math.max(1, workers),
    answerMatches,
    ...(answerMatches ? {} : { answerNote: '3 of 100 labels differ' }),
  };
}

function result(over: Partial<ExperimentResult> = {}): ExperimentResult {
  const cells = [
    cell(100, 10, 0, 50, 50),
    cell(100, 10, 2, 40, 50),
    cell(1000, 10, 0, 500, 500),
    cell(1000, 10, 2, 250, 500),
    cell(100, 20, 0, 80, 80),
    cell(100, 20, 2, 60, 80),
  ];
  return {
    spec: { algorithm: 'kmeans', workers: [0, 2], sizes: [100, 1000], ks: [10, 20], repeats: 1, warmup: false, seed: 1 },
    cells,
    fits: [
      { n: 100, k: 10, amdahl: { parallelFraction: 0.4, rmse: 0 }, gustafson: { serialFraction: 0.75, rmse: 0 } },
      { n: 1000, k: 10, amdahl: { parallelFraction: 1, rmse: 0 }, gustafson: { serialFraction: 0, rmse: 0 } },
      { n: 100, k: 20, amdahl: null, gustafson: null },
    ],
    runtimeModels: [
      { k: 10, workers: 0, linear: { kind: 'linear', a: 0.5, b: 0, r2: 1 }, power: { kind: 'power', a: 0.5, b: 1, r2: 1 } },
      { k: 10, workers: 2, linear: { kind: 'linear', a: 0.25, b: 0, r2: 1 }, power: { kind: 'power', a: 0.25, b: 1, r2: 1 } },
    ],
    mismatches: [],
    totalMs: 1000,
    cancelled: false,
    ...over,
  };
}

describe('formatExperimentTables', () => {
  it('prints one seed-style table per k: rows = processes, columns = N, speedups to 5 decimals', () => {
    const r = result();
    r.cells[1].minMs = 25; // P=2 at N=100: fastest run 25 ms vs serial 50 ms
    const text = formatExperimentTables(r);
    expect(text).toContain('=== k = 10 ===');
    expect(text).toContain('=== k = 20 ===');
    const k10 = text.slice(text.indexOf('=== k = 10'), text.indexOf('=== k = 20'));
    const speedupBlock = k10.slice(k10.indexOf('Speedup'), k10.indexOf('Median'));
    const lines = speedupBlock.trim().split('\n');
    expect(lines[1]).toMatch(/^Processes\s+N = 100\s+N = 1000$/);
    expect(lines[3]).toMatch(/^serial\s+1\.00000\s+1\.00000$/);
    expect(lines[4]).toMatch(/^2\s+1\.25000\s+2\.00000$/);
    const fastest = k10.slice(k10.indexOf('Speedup from the fastest'), k10.indexOf('Median'));
    expect(fastest).toMatch(/^2\s+2\.00000\s+2\.00000$/m);
    expect(k10).toMatch(/Amdahl p \(parallel fraction\)\s+0\.4000\s+1\.0000/);
    expect(k10).toMatch(/Efficiency[\s\S]*2\s+0\.625\s+1\.000/);
    expect(k10).toMatch(/50\.0 \[50\.0 – 50\.0\]/);
    expect(k10).toMatch(/40\.0 \[25\.0 – 40\.0\]/);
    expect(text).toContain('All answers equal the serial answer');
  });

  it('prints runtime models and predictions at requested sizes', () => {
    const text = formatExperimentTables(result(), { predictAt: [10_000] });
    expect(text).toContain('Runtime models over N (k = 10');
    expect(text).toMatch(/t = 0\.5000·N \+ 0\.000 ms \(R² 1\.0000\)/);
    // Serial 5000 ms, P=2 2500 ms at N = 10,000 → 2×.
    expect(text).toMatch(/2\s+2500\.0 ms \/ 2\.000×/);
  });

  it('marks mismatching cells and lists mismatches loudly', () => {
    const r = result();
    r.cells[1] = cell(100, 10, 2, 40, 50, false);
    r.mismatches = ['N=100, k=10, P=2: 3 of 100 labels differ'];
    const plain = formatExperimentTables(r);
    expect(plain).toMatch(/^2\s+1\.25000 !\s+2\.00000$/m);
    expect(plain).toContain('!!! ANSWER MISMATCH: 1 cell(s) differ from the serial answer');
    expect(plain).toContain('  N=100, k=10, P=2: 3 of 100 labels differ');
    expect(plain).not.toContain('All answers equal');
    expect(formatExperimentTables(r, { color: true })).toContain('\x1b[1;31m!!! ANSWER MISMATCH');
  });

  it('says why a fit or model is missing instead of a bare dash, and only where one is', () => {
    const text = formatExperimentTables(result({ fitWorkerCap: 2 }));
    const [k10, k20] = text.split('=== k = 20 ===');
    // k = 10 has both speedup fits; k = 20 has none (one worker count above 1).
    expect(k10).not.toMatch(/not fitted: Amdahl/);
    expect(k20).toMatch(/— = not fitted: Amdahl and Gustafson need at least 2 worker counts above 1 within the 2-core cap/);
    const models = result({ runtimeModels: [{ k: 10, workers: 0, linear: null, power: null }] });
    expect(formatExperimentTables(models)).toMatch(/— = not fitted: a two-parameter model needs at least 3 sizes N/);
    expect(formatExperimentTables(result())).not.toMatch(/not fitted: a two-parameter/);
  });

  it('says when the tables are partial', () => {
    expect(formatExperimentTables(result({ cancelled: true }))).toContain('Cancelled');
  });
});

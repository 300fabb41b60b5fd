import { describe, expect, it } from 'vitest';
import { compareAnswers } from '../../src/main/engine/scaling/answers.ts';
import {
  defaultWorkerGrid,
  normalizeSpec,
  roundOrder,
  runExperiment,
  type CellAnswer,
  type CellRunner,
  type ExperimentProgress,
} from '../../src/main/engine/scaling/experiment.ts';
import { seededPermutation, subsample } from '../../src/main/engine/scaling/subsample.ts';
import { datasetFromRows, row, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { CancelledError, CancelToken } from '../../src/main/engine/pool/cancel.ts';
import type { ExperimentSpec } from '../../src/shared/types.ts';

function lineDataset(n: number): Dataset {
  return datasetFromRows(Array.from({ length: n }, (_, i) => [i, 2 * i]), ['a', 'b'], `line-${n}`);
}

function spec(over: Partial<ExperimentSpec> = {}): ExperimentSpec {
  return { algorithm: 'kmeans', workers: [1, 2, 4], sizes: [], ks: [3], repeats: 3, warmup: false, seed: 7, ...over };
}

interface Call {
  n: number;
  k: number;
  workers: number;
}

/** A fake algorithm: time follows Amdahl's law with parallel fraction p; answers depend on (n, k) only. */
function amdahlRunner(p: number, opts: { wrongFor?: number; msPerPoint?: number } = {}): CellRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(ds, k, workers) {
      calls.push({ n: ds.n, k, workers });
      const serialMs = ds.n * k * (opts.msPerPoint ?? 0.01);
      const ms = workers === 0 ? serialMs : serialMs * (1 - p + p / workers);
      const labels = Int32Array.from({ length: ds.n }, (_, i) => i % k);
      if (workers === opts.wrongFor) labels[ds.n - 1] = (labels[ds.n - 1] + 1) % k;
      return { ms, answer: { labels, cost: ds.n * k } };
    },
  };
}

describe('defaultWorkerGrid', () => {
  it('doubles up to twice the cores (at most 16), includes serial and the core count', () => {
    expect(defaultWorkerGrid(1)).toEqual([0, 1, 2]);
    expect(defaultWorkerGrid(2)).toEqual([0, 1, 2, 4]);
    expect(defaultWorkerGrid(6)).toEqual([0, 1, 2, 4, 6, 8]);
    expect(defaultWorkerGrid(8)).toEqual([0, 1, 2, 4, 8, 16]);
    expect(defaultWorkerGrid(32)).toEqual([0, 1, 2, 4, 8, 16]);
  });
});

describe('normalizeSpec', () => {
  const ds = lineDataset(100);
  it('always includes the serial reference and sorts, de-duplicates the lists', () => {
    const s = normalizeSpec(spec({ workers: [4, 1, 4, 2], ks: [5, 3, 5] }), ds);
    expect(s.workers).toEqual([0, 1, 2, 4]);
    expect(s.ks).toEqual([3, 5]);
    expect(s.sizes).toEqual([100]);
  });
  it('takes k from the algorithm parameters when ks is empty', () => {
    const s = normalizeSpec(spec({ ks: [], ekm: { k: 4, variant: 'tree', distance: 'sqeuclidean', workers: 1 }, algorithm: 'ekm' }), ds);
    expect(s.ks).toEqual([4]);
  });
  it('rejects bad input with sentences', () => {
    expect(() => normalizeSpec(spec({ repeats: 0 }), ds)).toThrow(/repeats must be a whole number/);
    expect(() => normalizeSpec(spec({ workers: [-1] }), ds)).toThrow(/worker count -1/);
    expect(() => normalizeSpec(spec({ workers: [65] }), ds)).toThrow(/worker count 65/);
    expect(() => normalizeSpec(spec({ ks: [] }), ds)).toThrow(/no k given/);
    expect(() => normalizeSpec(spec({ sizes: [1000] }), ds)).toThrow(/size 1000 is larger than the dataset \(100 rows\)/);
    expect(() => normalizeSpec(spec({ sizes: [10.5] }), ds)).toThrow(/not a positive whole number/);
    expect(normalizeSpec(spec({ sizes: [1000], withReplacement: true }), ds).sizes).toEqual([1000]);
  });
});

describe('roundOrder', () => {
  it('rotates the worker list by the round number', () => {
    expect(roundOrder([0, 1, 2, 4], 0)).toEqual([0, 1, 2, 4]);
    expect(roundOrder([0, 1, 2, 4], 1)).toEqual([1, 2, 4, 0]);
    expect(roundOrder([0, 1, 2, 4], 5)).toEqual([1, 2, 4, 0]);
  });
});

describe('compareAnswers', () => {
  const ref: CellAnswer = { labels: [0, 1, 1, 2], medoids: [3, 1], cost: 10 };
  it('accepts identical answers, medoids in any order and cost within 1e-9 relative', () => {
    expect(compareAnswers(ref, { labels: [0, 1, 1, 2], medoids: [1, 3], cost: 10 * (1 + 1e-12) })).toBeNull();
  });
  it('names every difference', () => {
    expect(compareAnswers(ref, { labels: [0, 1, 2, 2], medoids: [1, 3], cost: 10 })).toMatch(/1 of 4 labels differ \(first at row 2: 2 instead of 1\)/);
    expect(compareAnswers(ref, { labels: [0, 1, 1, 2], medoids: [1, 2], cost: 10 })).toMatch(/medoids \{1, 2\} instead of \{1, 3\}/);
    expect(compareAnswers(ref, { labels: [0, 1, 1, 2], medoids: [1, 3], cost: 10.0001 })).toMatch(/cost 10.0001 instead of 10/);
    expect(compareAnswers(ref, { labels: [0, 1, 1], medoids: [1, 3], cost: 10 })).toMatch(/3 labels instead of 4/);
    expect(compareAnswers({ cost: 1 }, { labels: [1], cost: 1 })).toMatch(/labels missing/);
  });
});

describe('subsample', () => {
  const ds = lineDataset(50);
  it('is a seeded, nested prefix of one shuffle, made of the original rows', () => {
    const a = subsample(ds, 20, { seed: 3 });
    const b = subsample(ds, 20, { seed: 3 });
    const small = subsample(ds, 10, { seed: 3 });
    expect(a.n).toBe(20);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(small.values)).toEqual(Array.from(a.values.subarray(0, 20)));
    const firsts = Array.from({ length: a.n }, (_, i) => row(a, i)[0]);
    expect(new Set(firsts).size).toBe(20);
    for (let i = 0; i < a.n; i++) {
      expect(row(a, i)).toEqual([a.rowIndex[i], 2 * a.rowIndex[i]]);
    }
    expect(Array.from(subsample(ds, 20, { seed: 4 }).rowIndex)).not.toEqual(Array.from(a.rowIndex));
  });
  it('is a permutation', () => {
    const perm = Array.from(seededPermutation(1000, 9)).sort((x, y) => x - y);
    expect(perm).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
  it('returns the dataset itself at full size and draws with replacement only when asked', () => {
    expect(subsample(ds, 50, { seed: 1 })).toBe(ds);
    expect(() => subsample(ds, 51, { seed: 1 })).toThrow(/larger than the dataset/);
    const big = subsample(ds, 120, { seed: 1, withReplacement: true });
    expect(big.n).toBe(120);
    for (let i = 0; i < big.n; i++) expect(row(big, i)).toEqual([big.rowIndex[i], 2 * big.rowIndex[i]]);
  });
});

describe('runExperiment', () => {
  it('computes medians, speedups and efficiencies, and recovers Amdahl p from the cells', async () => {
    const ds = lineDataset(200);
    const runner = amdahlRunner(0.8);
    const res = await runExperiment(ds, spec({ workers: [1, 2, 4, 8], ks: [2, 5] }), runner, {});
    expect(res.cancelled).toBe(false);
    expect(res.mismatches).toEqual([]);
    expect(res.spec.workers).toEqual([0, 1, 2, 4, 8]);
    expect(res.cells.map((c) => [c.k, c.workers])).toEqual([
      [2, 0], [2, 1], [2, 2], [2, 4], [2, 8],
      [5, 0], [5, 1], [5, 2], [5, 4], [5, 8],
    ]);
    for (const c of res.cells) {
      expect(c.n).toBe(200);
      expect(c.timesMs).toHaveLength(3);
      const expected = c.workers === 0 ? 1 : 1 / (0.2 + 0.8 / c.workers);
      expect(c.speedup).toBeCloseTo(expected, 10);
      expect(c.efficiency).toBeCloseTo(expected / Math.max(1, c.workers), 10);
      expect(c.answerMatches).toBe(true);
    }
    expect(res.fits).toHaveLength(2);
    for (const f of res.fits) {
      expect(f.amdahl!.parallelFraction).toBeCloseTo(0.8, 6);
      expect(f.gustafson).not.toBeNull();
    }
    expect(res.runtimeModels).toEqual([]); // one size only
    expect(runner.calls).toHaveLength(2 * 3 * 5);
  });

  it('takes medians and min/max over repeats in run order', async () => {
    const script: Record<number, number[]> = { 0: [30, 10, 20], 2: [9, 5, 7] };
    const seen: Record<number, number> = { 0: 0, 2: 0 };
    const runner: CellRunner = {
      async run(_ds, _k, workers) {
        return { ms: script[workers][seen[workers]++], answer: { cost: 1 } };
      },
    };
    const res = await runExperiment(lineDataset(10), spec({ workers: [2] }), runner);
    const [serial, two] = res.cells;
    expect(serial).toMatchObject({ timesMs: [30, 10, 20], medianMs: 20, minMs: 10, maxMs: 30, speedup: 1, efficiency: 1 });
    expect(two).toMatchObject({ timesMs: [9, 5, 7], medianMs: 7, minMs: 5, maxMs: 9 });
    expect(two.speedup).toBeCloseTo(20 / 7, 12);
    expect(two.efficiency).toBeCloseTo(10 / 7, 12);
  });

  it('warms up serial and the widest count, then interleaves rounds with a rotated order', async () => {
    const runner = amdahlRunner(0.5);
    const progress: ExperimentProgress[] = [];
    const res = await runExperiment(lineDataset(40), spec({ workers: [1, 2], ks: [2, 3], repeats: 3, warmup: true }), runner, {
      onProgress: (p) => progress.push(p),
    });
    expect(res.cells.map((c) => c.timesMs.length)).toEqual([3, 3, 3, 3, 3, 3]); // warm-ups are not timed
    const order = runner.calls.map((c) => `${c.k}:${c.workers}`);
    expect(order).toEqual([
      '2:0', '2:2', // warm-up
      '2:0', '2:1', '2:2',
      '2:1', '2:2', '2:0',
      '2:2', '2:0', '2:1',
      '3:0', '3:2',
      '3:0', '3:1', '3:2',
      '3:1', '3:2', '3:0',
      '3:2', '3:0', '3:1',
    ]);
    expect(progress.map((p) => p.runIndex)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(progress.every((p) => p.runCount === 22 && p.cellCount === 6)).toBe(true);
    expect(progress.map((p) => p.warmup).filter(Boolean)).toHaveLength(4);
    expect(progress[2]).toMatchObject({ cellIndex: 0, k: 2, workers: 0, warmup: false });
    expect(progress[13]).toMatchObject({ cellIndex: 3, k: 3, workers: 0 });
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(progress.every((p) => p.etaMs !== null && p.etaMs >= 0)).toBe(true);
  });

  it('flags a worker count whose answer differs from serial, loudly and only that one', async () => {
    const runner = amdahlRunner(0.9, { wrongFor: 4 });
    const cellsSeen: number[] = [];
    const res = await runExperiment(lineDataset(30), spec({ workers: [1, 2, 4] }), runner, { onCell: (c) => cellsSeen.push(c.workers) });
    expect(cellsSeen).toEqual([0, 1, 2, 4]);
    const bad = res.cells.filter((c) => !c.answerMatches);
    expect(bad.map((c) => c.workers)).toEqual([4]);
    expect(bad[0].answerNote).toMatch(/1 of 30 labels differ \(first at row 29.*\) \(in 3 runs\)/);
    expect(res.mismatches).toHaveLength(1);
    expect(res.mismatches[0]).toMatch(/^N=30, k=3, P=4: 1 of 30 labels differ/);
  });

  it('flags a different cost or medoid set, and serial runs that disagree with each other', async () => {
    let serialRuns = 0;
    const runner: CellRunner = {
      async run(_ds, _k, workers) {
        if (workers === 0) serialRuns++;
        const answer: CellAnswer = { medoids: [1, 5, 9], cost: 100 };
        if (workers === 2) answer.medoids = [9, 5, 1]; // same set, other order: fine
        if (workers === 1) answer.cost = 100.001;
        if (workers === 0 && serialRuns === 2) answer.medoids = [1, 5, 8];
        return { ms: 1, answer };
      },
    };
    const res = await runExperiment(lineDataset(20), spec({ workers: [1, 2] }), runner);
    const byWorkers = new Map(res.cells.map((c) => [c.workers, c]));
    expect(byWorkers.get(2)!.answerMatches).toBe(true);
    expect(byWorkers.get(1)!.answerNote).toMatch(/cost 100.001 instead of 100/);
    expect(byWorkers.get(0)!.answerNote).toMatch(/serial runs disagree: medoids \{1, 5, 8\} instead of \{1, 5, 9\}/);
    expect(res.mismatches).toHaveLength(2);
  });

  it('runs seeded subsamples per size, prepares and releases them, and fits runtime models over N', async () => {
    const ds = lineDataset(1000);
    const prepared: Array<[number, number]> = [];
    const released: number[] = [];
    const seenRows = new Map<number, number[]>();
    const base = amdahlRunner(0.7, { msPerPoint: 0.5 });
    const runner: CellRunner = {
      run: (sample, k, w, t) => {
        seenRows.set(sample.n, Array.from(sample.rowIndex));
        return base.run(sample, k, w, t);
      },
      prepare: async (sample, maxWorkers) => {
        prepared.push([sample.n, maxWorkers]);
      },
      release: (sample) => released.push(sample.n),
    };
    const res = await runExperiment(ds, spec({ sizes: [1000, 100, 400], workers: [2, 4], ks: [3], repeats: 1 }), runner);
    expect(res.spec.sizes).toEqual([100, 400, 1000]);
    expect(prepared).toEqual([
      [100, 4],
      [400, 4],
      [1000, 4],
    ]);
    expect(released).toEqual([100, 400]); // never the caller's own dataset
    expect(seenRows.get(400)!.slice(0, 100)).toEqual(seenRows.get(100)); // nested subsamples
    expect(res.cells).toHaveLength(9);
    expect(res.runtimeModels.map((m) => m.workers)).toEqual([0, 2, 4]);
    const serial = res.runtimeModels[0];
    expect(serial.linear!.a).toBeCloseTo(1.5, 9); // 0.5 ms per point × k = 3
    expect(serial.linear!.b).toBeCloseTo(0, 6);
    expect(serial.power!.b).toBeCloseTo(1, 9);
    expect(res.fits.map((f) => f.n)).toEqual([100, 400, 1000]);
  });

  it('caps worker counts at the given cores in the scaling-law fits', async () => {
    // Speedup saturates at 4 (four cores): capped P makes it exactly Amdahl with p = 1. (Capped at
    // 2 cores, every point would sit at P = 2: one worker count, too few for a fit.)
    const runner: CellRunner = {
      async run(_ds, _k, workers) {
        return { ms: workers === 0 ? 100 : 100 / Math.min(workers, 4), answer: { cost: 0 } };
      },
    };
    const res = await runExperiment(lineDataset(10), spec({ workers: [1, 2, 4, 8] }), runner, { fitWorkerCap: 4 });
    expect(res.fitWorkerCap).toBe(4);
    expect(res.fits[0].amdahl!.parallelFraction).toBeCloseTo(1, 6);
    const uncapped = await runExperiment(lineDataset(10), spec({ workers: [1, 2, 4, 8] }), runner);
    expect(uncapped.fits[0].amdahl!.parallelFraction).toBeLessThan(0.95);
    const twoCores = await runExperiment(lineDataset(10), spec({ workers: [1, 2, 4, 8] }), runner, { fitWorkerCap: 2 });
    expect(twoCores.fits[0].amdahl).toBeNull();
  });

  it('on cancel between runs, resolves with the partial cells and cancelled = true', async () => {
    const token = new CancelToken();
    const runner = amdahlRunner(0.5);
    const wrapped: CellRunner = {
      async run(ds, k, w, t) {
        const out = await runner.run(ds, k, w, t);
        if (runner.calls.length === 6) token.cancel();
        return out;
      },
    };
    // 4 worker counts, 3 repeats: round 0 = [0,1,2,4], round 1 = [1,2,4,0] → cancelled after '2' in round 1.
    const res = await runExperiment(lineDataset(20), spec({ workers: [1, 2, 4], ks: [3, 4] }), wrapped, { token });
    expect(res.cancelled).toBe(true);
    expect(runner.calls).toHaveLength(6);
    expect(res.cells.map((c) => [c.workers, c.timesMs.length])).toEqual([
      [0, 1],
      [1, 2],
      [2, 2],
      [4, 1],
    ]);
    expect(res.cells.every((c) => c.k === 3)).toBe(true);
  });

  it('treats a CancelledError thrown by the runner as cancellation, and drops cells without a serial time', async () => {
    const token = new CancelToken();
    const runner: CellRunner = {
      async run(_ds, _k, workers) {
        if (workers === 2) {
          token.cancel();
          throw new CancelledError();
        }
        return { ms: 5, answer: { cost: 1 } };
      },
    };
    const res = await runExperiment(lineDataset(20), spec({ workers: [1, 2] }), runner, { token });
    expect(res.cancelled).toBe(true);
    expect(res.cells.map((c) => c.workers)).toEqual([0, 1]);

    const noSerial = await runExperiment(lineDataset(20), spec({ workers: [1, 2], warmup: true }), {
      async run() {
        throw Object.assign(new Error('stopped'), { name: 'CancelledError' });
      },
    });
    expect(noSerial).toMatchObject({ cancelled: true, cells: [], mismatches: [] });
  });

  it('does not start when the token is already cancelled', async () => {
    const token = new CancelToken();
    token.cancel();
    const runner = amdahlRunner(0.5);
    const res = await runExperiment(lineDataset(20), spec(), runner, { token });
    expect(res.cancelled).toBe(true);
    expect(runner.calls).toHaveLength(0);
  });

  it('rejects on a real failure and still releases the subsample', async () => {
    const released: number[] = [];
    const runner: CellRunner = {
      async run(_ds, _k, workers) {
        if (workers === 2) throw new Error('kernel exploded');
        return { ms: 1, answer: { cost: 1 } };
      },
      release: (s) => released.push(s.n),
    };
    await expect(runExperiment(lineDataset(20), spec({ sizes: [10] }), runner)).rejects.toThrow('kernel exploded');
    expect(released).toEqual([10]);
  });
});

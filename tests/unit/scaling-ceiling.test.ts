// The machine ceiling inside an experiment, with a fake CellRunner whose copy times are injected:
// the ceiling and "of ceiling" as defined, the extra runs rotated with the others and counted in
// progress, cancellation in the middle of the ceiling runs, and answer checks of every copy.
import { describe, expect, it } from 'vitest';
import { datasetFromRows, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { CancelledError, CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { ceilingCopyCounts, roundEntries } from '../../src/main/engine/scaling/ceiling.ts';
import { runExperiment, type CellAnswer, type CellRunner, type ExperimentProgress } from '../../src/main/engine/scaling/experiment.ts';
import { formatExperimentTables } from '../../src/main/engine/scaling/tables.ts';
import type { ExperimentSpec } from '../../src/shared/types.ts';

function lineDataset(n: number): Dataset {
  return datasetFromRows(Array.from({ length: n }, (_, i) => [i, 2 * i]), ['a', 'b'], `line-${n}`);
}

function spec(over: Partial<ExperimentSpec> = {}): ExperimentSpec {
  return { algorithm: 'kmeans', workers: [1, 2, 4], sizes: [], ks: [3], repeats: 3, warmup: false, seed: 7, ceiling: true, ...over };
}

function answerFor(n: number, k: number): CellAnswer {
  return { labels: Int32Array.from({ length: n }, (_, i) => i % k), cost: n * k };
}

interface FakeOptions {
  /** Time of a cell run per worker count. */
  cellMs?: Record<number, number>;
  /** Times of successive ceiling runs per copy count (cycled). */
  copyMs?: Record<number, number[]>;
  /** Change the answer of this copy (0-based) in every ceiling run of `copies`. */
  wrongCopy?: { copies: number; index: number };
  /** Called before each ceiling run with how many of that copy count ran before. */
  beforeCopies?: (copies: number, seen: number) => void;
}

/** A fake algorithm that logs every call as "w2" (cell run on 2 workers) or "x2" (2 copies at once). */
function fakeRunner(opts: FakeOptions = {}): CellRunner & { calls: string[] } {
  const calls: string[] = [];
  const seen = new Map<number, number>();
  return {
    calls,
    async run(ds, k, workers) {
      calls.push(`w${workers}`);
      return { ms: opts.cellMs?.[workers] ?? 10, answer: answerFor(ds.n, k) };
    },
    async runCopies(ds, k, copies) {
      const count = seen.get(copies) ?? 0;
      seen.set(copies, count + 1);
      opts.beforeCopies?.(copies, count);
      calls.push(`x${copies}`);
      const script = opts.copyMs?.[copies] ?? [10];
      const answers = Array.from({ length: copies }, () => answerFor(ds.n, k));
      if (opts.wrongCopy?.copies === copies) {
        const labels = answers[opts.wrongCopy.index].labels as Int32Array;
        labels[0] = (labels[0] + 1) % k;
      }
      return { ms: script[count % script.length], answers };
    },
  };
}

describe('ceiling round entries', () => {
  it('needs P copies for each P ≥ 2, and nothing without a P ≥ 2', () => {
    expect(ceilingCopyCounts([0, 1, 2, 4])).toEqual([2, 4]);
    expect(ceilingCopyCounts([0, 1])).toEqual([]);
    expect(roundEntries([0, 2], true)).toEqual([
      { kind: 'cell', workers: 0 },
      { kind: 'cell', workers: 2 },
      { kind: 'copies', copies: 2 },
    ]);
    expect(roundEntries([0, 2], false)).toHaveLength(2);
  });
});

describe('runExperiment with the machine ceiling', () => {
  it('computes ceiling = P × median(serial) / median(P at once) and ofCeiling = speedup / ceiling', async () => {
    const runner = fakeRunner({
      cellMs: { 0: 100, 1: 100, 2: 60, 4: 40 },
      copyMs: { 2: [110, 104, 160], 4: [240, 200, 224] },
    });
    const res = await runExperiment(lineDataset(30), spec({ workers: [0, 1, 2, 4] }), runner);
    const [serial, one, two, four] = res.cells;
    for (const cell of [serial, one]) {
      expect(cell).not.toHaveProperty('ceilingTimesMs');
      expect(cell).not.toHaveProperty('ceilingSpeedup');
    }
    // Run order within a round is rotated, so the copies' times come back in the order they ran.
    expect(two.ceilingTimesMs).toEqual([110, 104, 160]);
    expect(two.ceilingSpeedup).toBeCloseTo((2 * 100) / 110, 12);
    // Of ceiling = T(P at once) / (P × T(P-worker run)): independent of the serial reference.
    expect(two.ofCeiling).toBeCloseTo(110 / (2 * 60), 12);
    expect(four.ceilingSpeedup).toBeCloseTo((4 * 100) / 224, 12);
    expect(four.ofCeiling).toBeCloseTo(224 / (4 * 40), 12);
    expect(res.mismatches).toEqual([]);
    expect(res.cells.every((c) => c.answerMatches)).toBe(true);
    expect(formatExperimentTables(res)).toMatch(/Machine ceiling \(ceiling = P × median\(serial\) \/ median\(P serial runs[\s\S]*^2\s+1\.81818$[\s\S]*Of ceiling[\s\S]*^2\s+91\.7 %$/m);
  });

  it('measures nothing extra unless asked, and refuses a runner without runCopies', async () => {
    const runner = fakeRunner();
    const res = await runExperiment(lineDataset(10), spec({ ceiling: false }), runner);
    expect(runner.calls.some((c) => c.startsWith('x'))).toBe(false);
    expect(res.cells.some((c) => 'ceilingTimesMs' in c || 'ceilingSpeedup' in c)).toBe(false);
    expect(formatExperimentTables(res)).not.toContain('Machine ceiling');

    const onlyOne = fakeRunner();
    await runExperiment(lineDataset(10), spec({ workers: [1] }), onlyOne);
    expect(onlyOne.calls.some((c) => c.startsWith('x'))).toBe(false); // no P ≥ 2: nothing to compare

    const { run } = fakeRunner();
    await expect(runExperiment(lineDataset(10), spec(), { run })).rejects.toThrow(/cannot measure the machine ceiling/);
  });

  it('warms up the widest copies too, rotates the ceiling runs with the others and counts them in progress', async () => {
    const runner = fakeRunner();
    const progress: ExperimentProgress[] = [];
    const res = await runExperiment(lineDataset(12), spec({ workers: [2], repeats: 3, warmup: true }), runner, { onProgress: (p) => progress.push(p) });
    expect(runner.calls).toEqual([
      'w0', 'w2', 'x2', // warm-up
      'w0', 'w2', 'x2',
      'w2', 'x2', 'w0',
      'x2', 'w0', 'w2',
    ]);
    expect(res.cells.map((c) => [c.workers, c.timesMs.length, c.ceilingTimesMs?.length])).toEqual([
      [0, 3, undefined],
      [2, 3, 3],
    ]);
    expect(progress.map((p) => p.runIndex)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every((p) => p.runCount === 12 && p.cellCount === 2)).toBe(true);
    expect(progress.filter((p) => p.warmup)).toHaveLength(3);
    // A ceiling run counts for the cell that shows it: P copies for the cell of P workers.
    expect(progress[5]).toMatchObject({ ceilingCopies: 2, cellIndex: 1, workers: 2, warmup: false });
    expect(progress[3]).not.toHaveProperty('ceilingCopies');
    expect(progress.at(-1)!.etaMs).toBe(0);
  });

  it('on cancel in the middle of the ceiling runs, resolves with the partial cells', async () => {
    const token = new CancelToken();
    const runner = fakeRunner({
      cellMs: { 0: 10 },
      copyMs: { 2: [16] },
      // The second round's "2 at once" is cancelled while it runs, as a real runner would report it.
      beforeCopies: (copies, seenBefore) => {
        if (copies === 2 && seenBefore === 1) {
          token.cancel();
          throw new CancelledError();
        }
      },
    });
    const res = await runExperiment(lineDataset(20), spec({ workers: [2], ks: [3, 4] }), runner, { token });
    expect(res.cancelled).toBe(true);
    // Round 0: w0 w2 x2; round 1: w2 [x2 cancelled] — nothing runs after that, k = 4 never starts.
    expect(runner.calls).toEqual(['w0', 'w2', 'x2', 'w2']);
    expect(res.cells.map((c) => [c.k, c.workers, c.timesMs.length, c.ceilingTimesMs])).toEqual([
      [3, 0, 1, undefined],
      [3, 2, 2, [16]],
    ]);
    expect(res.cells[1].ceilingSpeedup).toBeCloseTo((2 * 10) / 16, 12);
  });

  it('flags a copy whose answer differs, on the cell that shows its ceiling, like any other mismatch', async () => {
    const res = await runExperiment(lineDataset(30), spec({ workers: [1, 2] }), fakeRunner({ wrongCopy: { copies: 2, index: 1 } }));
    const byWorkers = new Map(res.cells.map((c) => [c.workers, c]));
    expect(byWorkers.get(0)!.answerMatches).toBe(true);
    expect(byWorkers.get(1)!.answerMatches).toBe(true);
    const two = byWorkers.get(2)!;
    expect(two.answerMatches).toBe(false);
    expect(two.answerNote).toMatch(/^ceiling run \(copy 2 of 2 single-worker runs at once\): 1 of 30 labels differ \(first at row 0: 1 instead of 0\) \(in 3 runs\)$/);
    expect(res.mismatches).toEqual([`N=30, k=3, P=2: ${two.answerNote}`]);
  });
});

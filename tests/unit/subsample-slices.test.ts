// Huge experiment sizes are drawn in slices with the event loop free in between (issue 12: sizes
// [1e8] froze every client for 20 s and a cancel was answered 20 s late). Checked structurally:
// the same rows as the one-shot subsample, many event-loop turns during the draw, and a cancel
// that ends the experiment long before the draw would have finished. No timing is asserted.
import { describe, expect, it } from 'vitest';
import { datasetFromRows, type Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { runExperiment, type CellRunner } from '../../src/main/engine/scaling/experiment.ts';
import { subsample, subsampleInSlices } from '../../src/main/engine/scaling/subsample.ts';

function randomDataset(n: number, d: number): Dataset {
  let s = 12345;
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 10));
  return datasetFromRows(rows, Array.from({ length: d }, (_, j) => `c${j}`), `rand-${n}-${d}`);
}

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function turnCounter(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let on = true;
  const tick = () => {
    if (!on) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => (on = false) };
}

describe('subsampleInSlices', () => {
  it('gives exactly the rows of subsample, below and above the row count', async () => {
    const ds = randomDataset(150_000, 3);
    for (const [size, withReplacement] of [[1, false], [70_000, false], [149_999, false], [150_000, false], [150_001, true], [300_000, true]] as const) {
      const a = subsample(ds, size, { seed: 9, withReplacement });
      const b = await subsampleInSlices(ds, size, { seed: 9, withReplacement });
      expect(b.n, `${size}`).toBe(a.n);
      expect(Array.from(b.rowIndex)).toEqual(Array.from(a.rowIndex));
      expect(Buffer.from(b.values.buffer, b.values.byteOffset, b.values.byteLength).equals(Buffer.from(a.values.buffer, a.values.byteOffset, a.values.byteLength))).toBe(true);
    }
  });

  it('lets the event loop turn many times while drawing 2^21 rows', async () => {
    const ds = randomDataset(1000, 2);
    const counter = turnCounter();
    await subsampleInSlices(ds, 1 << 21, { seed: 1, withReplacement: true });
    counter.stop();
    // 2^21 draws + 2^21 copies in slices of 2^16: at least 60 yields, each one loop turn.
    expect(counter.turns()).toBeGreaterThanOrEqual(60);
  });

  it('an experiment over a huge resampled size stops within a few slices of a cancel', async () => {
    const ds = randomDataset(1000, 2);
    const runner: CellRunner = {
      run: async () => {
        throw new Error('no run may start: the experiment was cancelled while drawing its sample');
      },
    };
    const token = new CancelToken();
    const counter = turnCounter();
    setImmediate(() => setImmediate(() => token.cancel()));
    const res = await runExperiment(ds, { algorithm: 'kmeans', workers: [1], sizes: [1 << 25], ks: [2], repeats: 1, warmup: false, seed: 3, withReplacement: true }, runner, { token });
    counter.stop();
    expect(res.cancelled).toBe(true);
    expect(res.cells).toEqual([]);
    // Drawing 2^25 rows takes 1024 slices; the cancel was seen after a handful.
    expect(counter.turns()).toBeLessThan(50);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import type { CellRunner } from '../../src/main/engine/scaling/experiment.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { ekmRunner, kmeansRunner } from '../../src/main/engine/scaling/runners.ts';
import { ExperimentService, experimentTitle } from '../../src/main/services/experiments.ts';
import { HistoryStore } from '../../src/main/services/history.ts';
import type { DatasetRef, ExperimentSpec, MachineFacts } from '../../src/shared/types.ts';
import { useTempDir } from './tmpdir.ts';

const machine: MachineFacts = {
  cpuModel: 'Fake CPU',
  logicalCores: 4,
  totalMemoryBytes: 1,
  os: 'Test',
  node: '20',
  v8: '11',
  electron: null,
  appVersion: '0.0.0',
};

const blobs = makeBlobs({ n: 3000, centers: 4, d: 2, seed: 3 });
const ref: DatasetRef = { name: 'blobs-3000', path: '/tmp/blobs.csv', hash: 'feedbeef', rows: 3000, d: 2, features: ['x1', 'x2'], scaling: 'none' };

function spec(over: Partial<ExperimentSpec> = {}): ExperimentSpec {
  return {
    algorithm: 'kmeans',
    kmeans: { k: 4, init: 'kmeans++', nInit: 1, seed: 5, changedFraction: 0.01, tolerance: 1e-4, maxIterations: 50, workers: 0 },
    workers: [1, 2],
    sizes: [],
    ks: [],
    repeats: 2,
    warmup: false,
    seed: 1,
    ...over,
  };
}

const fakeRunner = (onRun?: () => void): CellRunner => ({
  async run(ds, k, workers) {
    onRun?.();
    return { ms: 10 / Math.max(1, workers), answer: { labels: new Int32Array(ds.n), cost: k } };
  },
});

const dir = useTempDir('cb-exp-');

describe('ExperimentService (injected runner)', () => {
  // The pool is never used by a fake runner; a size-1 pool keeps the type honest.
  let pool: WorkerPool;
  beforeAll(() => {
    pool = new WorkerPool({ size: 1 });
  });
  afterAll(async () => {
    await pool.destroy();
  });

  it('records machine facts, dataset provenance and the result, and saves it to history', async () => {
    const history = new HistoryStore(dir());
    const service = new ExperimentService({ pool, history, machine: () => machine, runnerFor: () => fakeRunner() });
    const rec = await service.run(blobs.dataset, ref, spec());
    expect(rec).toMatchObject({ schemaVersion: 1, kind: 'experiment', machine, dataset: ref });
    expect(rec.id).toMatch(/^exp-/);
    expect(rec.title).toBe('k-means speedup on blobs-3000: k = 4, P = serial, 1, 2');
    expect(rec.experiment.fitWorkerCap).toBe(4);
    expect(rec.experiment.cells.map((c) => c.speedup)).toEqual([1, 1, 2]);

    const again = new HistoryStore(dir());
    expect((await again.list()).map((e) => [e.id, e.kind, e.dataset])).toEqual([[rec.id, 'experiment', 'blobs-3000']]);
    expect(await again.load(rec.id)).toEqual(JSON.parse(JSON.stringify(rec)));
  });

  it('saves partial results when cancelled, marked in the title', async () => {
    const history = new HistoryStore(dir());
    const token = new CancelToken();
    let runs = 0;
    const service = new ExperimentService({
      pool,
      history,
      machine: () => machine,
      runnerFor: () => fakeRunner(() => ++runs === 4 && token.cancel()),
    });
    const rec = await service.run(blobs.dataset, ref, spec(), { token });
    expect(rec.experiment.cancelled).toBe(true);
    expect(rec.title).toMatch(/\(cancelled\)$/);
    expect(rec.experiment.cells.map((c) => c.timesMs.length)).toEqual([1, 2, 1]);
    expect((await history.load(rec.id)).title).toBe(rec.title);
  });

  it('works without a history store and propagates bad specs as errors', async () => {
    const service = new ExperimentService({ pool, machine: () => machine, runnerFor: () => fakeRunner() });
    await expect(service.run(blobs.dataset, ref, spec({ sizes: [5000] }))).rejects.toThrow(/larger than the dataset \(3000 rows\)/);
    const rec = await service.run(blobs.dataset, ref, spec({ repeats: 1 }));
    expect(rec.experiment.cells).toHaveLength(3);
  });

  it('titles EKM experiments with the variant and sizes', () => {
    const s = spec({ algorithm: 'ekm', ekm: { k: 3, variant: 'tree', distance: 'sqeuclidean', workers: 1 }, kmeans: undefined, sizes: [50, 100], workers: [0, 2] });
    expect(experimentTitle(s, ref)).toBe('EKM (tree) speedup on blobs-3000: k = 3, N = 50, 100, P = serial, 2');
  });
});

describe('k-means runner on the real engine', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({ size: 2 });
    await pool.ready();
  }, 60_000);
  afterAll(async () => {
    await pool.destroy();
  });

  it('gives the serial answer for every worker count (no mismatches), through the service', async () => {
    const service = new ExperimentService({ pool, history: new HistoryStore(dir()) });
    const rec = await service.run(blobs.dataset, ref, spec({ workers: [1, 2, 3], sizes: [1000, 3000], repeats: 1, warmup: true }));
    expect(rec.experiment.mismatches).toEqual([]);
    expect(rec.experiment.cells).toHaveLength(8);
    expect(rec.experiment.cells.every((c) => c.answerMatches && c.medianMs > 0)).toBe(true);
    expect(rec.experiment.runtimeModels).toHaveLength(4);
    expect(rec.machine.logicalCores).toBeGreaterThan(0);
  }, 120_000);

  it('answers with the labels and inertia of a direct engine call with the same parameters', async () => {
    const runner = kmeansRunner(pool, { seed: 9, maxIterations: 20 });
    await runner.prepare!(blobs.dataset, 2);
    const { ms, answer } = await runner.run(blobs.dataset, 4, 2);
    const direct = await runKMeans(blobs.dataset, resolveKMeansParams({ k: 4, seed: 9, maxIterations: 20, workers: 0 }), { pool });
    expect(ms).toBeGreaterThan(0);
    expect(Array.from(answer.labels!)).toEqual(Array.from(direct.labels));
    expect(answer.cost).toBe(direct.inertia);
  }, 60_000);

  it('is cancellable mid-grid through the same token', async () => {
    const token = new CancelToken();
    const service = new ExperimentService({ pool });
    const rec = await service.run(blobs.dataset, ref, spec({ workers: [1, 2], repeats: 5 }), {
      token,
      onProgress: (p) => p.runIndex === 2 && token.cancel(),
    });
    expect(rec.experiment.cancelled).toBe(true);
    expect(rec.experiment.cells.map((c) => c.workers)).toEqual([0, 1]);
  }, 60_000);
});

describe('EKM runner on the real engine', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({ size: 2 });
    await pool.ready();
  }, 60_000);
  afterAll(async () => {
    await pool.destroy();
  });

  /** Oracle: every pair of medoids, squared Euclidean cost. */
  function bruteForcePair(values: Float64Array, n: number, d: number): { medoids: number[]; cost: number } {
    const dist = (a: number, b: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (values[a * d + j] - values[b * d + j]) ** 2;
      return s;
    };
    let best = { medoids: [-1, -1], cost: Infinity };
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        let cost = 0;
        for (let i = 0; i < n; i++) cost += Math.min(dist(i, a), dist(i, b));
        if (cost < best.cost - 1e-12) best = { medoids: [a, b], cost };
      }
    }
    return best;
  }

  it('finds the brute-force optimum for the serial reference and every worker count, over subsamples', async () => {
    const data = makeBlobs({ n: 60, centers: 2, d: 2, seed: 8 }).dataset;
    const seen: Array<{ n: number; workers: number; medoids: number[]; cost: number }> = [];
    const inner = ekmRunner(pool, { variant: 'tree', distance: 'sqeuclidean' });
    const runner: CellRunner = {
      ...inner,
      async run(ds, k, workers, token) {
        const out = await inner.run(ds, k, workers, token);
        const oracle = bruteForcePair(ds.values, ds.n, ds.d);
        seen.push({ n: ds.n, workers, medoids: [...out.answer.medoids!].sort((a, b) => a - b), cost: out.answer.cost });
        expect([...out.answer.medoids!].sort((a, b) => a - b)).toEqual(oracle.medoids);
        expect(Math.abs(out.answer.cost - oracle.cost) / oracle.cost).toBeLessThan(1e-9);
        return out;
      },
    };
    const service = new ExperimentService({ pool, runnerFor: () => runner });
    const rec = await service.run(
      data,
      { ...ref, rows: 60 },
      spec({ algorithm: 'ekm', kmeans: undefined, ekm: { k: 2, variant: 'tree', distance: 'sqeuclidean', workers: 1 }, sizes: [30, 60], workers: [1, 2], repeats: 1 }),
    );
    expect(rec.experiment.mismatches).toEqual([]);
    expect(rec.experiment.cells).toHaveLength(6);
    expect(new Set(seen.map((s) => s.workers))).toEqual(new Set([0, 1, 2]));
  }, 120_000);
});

// Placing runs on chosen pool slots (firstSlot), which the machine ceiling relies on: independent
// single-worker runs must really go to different workers at once and still give the serial answer.
// Nothing here depends on timing: a run that ignored firstSlot would queue behind a task that holds
// slot 0 for 30 s (the test times out), and the pool's per-slot task counts and the EKM timeline's
// worker ids (the slot each worker reports itself) show where the tasks went.
import { afterAll, describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveEkmParams, runEkm } from '../../src/main/engine/ekm/index.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { compareAnswers } from '../../src/main/engine/scaling/answers.ts';
import { ekmRunner, kmeansRunner } from '../../src/main/engine/scaling/runners.ts';
import type { KMeansResult } from '../../src/shared/types.ts';

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.destroy());

/** Holds a slot with a 30 s task until released (cancelled through its flag). */
function occupy(slot: number): { release: () => Promise<void> } {
  const token = new CancelToken();
  const held = pool.runOn(slot, 'pool:hold', { ms: 30_000, cancel: token.buffer });
  return {
    release: async () => {
      token.cancel();
      await held;
    },
  };
}

const blobs = makeBlobs({ n: 3000, centers: 4, seed: 11 }).dataset;
const kmeansParams = (workers: number) => resolveKMeansParams({ k: 4, seed: 3, workers, changedFraction: 0, tolerance: 0, maxIterations: 15 }, blobs.n);
const sameKMeans = (a: KMeansResult, b: KMeansResult) => {
  expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  expect(a.inertia).toBe(b.inertia);
  expect(a.iterations).toBe(b.iterations);
};

describe('runKMeans with firstSlot', () => {
  it('runs the serial driver on slot 1: it finishes while slot 0 is held, with the serial answer', async () => {
    const reference = await runKMeans(blobs, kmeansParams(0), { pool });
    const held = occupy(0);
    try {
      const run = runKMeans(blobs, kmeansParams(0), { pool, firstSlot: 1 });
      // Dispatch is synchronous: slot 1 has the fit task, slot 0 still only the held task.
      expect(pool.tasksOn(1)).toBe(1);
      expect(pool.tasksOn(0)).toBe(1);
      sameKMeans(await run, reference);
    } finally {
      await held.release();
    }
  }, 20_000);

  it('two serial runs at once on slots 0 and 1 both finish with identical answers', async () => {
    const reference = await runKMeans(blobs, kmeansParams(0), { pool });
    const runs = [runKMeans(blobs, kmeansParams(0), { pool, firstSlot: 0 }), runKMeans(blobs, kmeansParams(0), { pool, firstSlot: 1 })];
    expect([pool.tasksOn(0), pool.tasksOn(1)]).toEqual([1, 1]);
    for (const r of await Promise.all(runs)) sameKMeans(r, reference);
  });

  it('shifts a parallel run to slots firstSlot..firstSlot+P−1, growing the pool', async () => {
    const own = new WorkerPool({ size: 1 });
    try {
      const reference = await runKMeans(blobs, kmeansParams(0), { pool: own });
      const run = runKMeans(blobs, kmeansParams(2), { pool: own, firstSlot: 1 });
      expect(own.size).toBe(3);
      expect([own.tasksOn(0), own.tasksOn(1), own.tasksOn(2)]).toEqual([0, 1, 1]);
      sameKMeans(await run, reference);
    } finally {
      await own.destroy();
    }
  });

  it('rejects a slot that is not a whole number in range', async () => {
    for (const firstSlot of [-1, 1.5, 64]) {
      await expect(runKMeans(blobs, kmeansParams(0), { pool, firstSlot })).rejects.toThrow(/firstSlot must be a whole number from 0 to 63/);
    }
    await expect(runKMeans(blobs, kmeansParams(2), { pool, firstSlot: 63 })).rejects.toThrow(/from 0 to 62 for a run on 2 worker\(s\), got 63/);
  });
});

describe('runEkm with firstSlot', () => {
  const small = makeBlobs({ n: 60, centers: 3, seed: 3 }).dataset;
  const fused = resolveEkmParams({ k: 3, variant: 'fused', workers: 1 }, small.n);

  it('runs a 1-worker fused run on slot 1: it finishes while slot 0 is held, and worker 1 reports every task', async () => {
    const reference = await runEkm(small, fused, { pool });
    expect(reference.timeline.map((t) => t.workerId)).toEqual([0]);
    const held = occupy(0);
    try {
      const r = await runEkm(small, fused, { pool, firstSlot: 1 });
      expect([r.cost, r.medoids]).toEqual([reference.cost, reference.medoids]);
      expect(r.timeline.map((t) => t.workerId)).toEqual([1]);
    } finally {
      await held.release();
    }
  }, 20_000);

  it('two 1-worker runs at once on slots 0 and 1 give identical answers, each on its own worker', async () => {
    const [a, b] = await Promise.all([runEkm(small, fused, { pool, firstSlot: 0 }), runEkm(small, fused, { pool, firstSlot: 1 })]);
    expect([b.cost, b.medoids, b.labels]).toEqual([a.cost, a.medoids, a.labels]);
    expect(a.timeline.map((t) => t.workerId)).toEqual([0]);
    expect(b.timeline.map((t) => t.workerId)).toEqual([1]);
  });

  it('maps every slot of a tree run (PAM bound included) to firstSlot + s', async () => {
    const own = new WorkerPool({ size: 1 });
    try {
      const params = resolveEkmParams({ k: 3, variant: 'gen2', workers: 2 }, small.n);
      const reference = await runEkm(small, params, { pool: own });
      const r = await runEkm(small, params, { pool: own, firstSlot: 1 });
      expect(own.size).toBe(3);
      expect([r.cost, r.medoids]).toEqual([reference.cost, reference.medoids]);
      expect(new Set(r.timeline.map((t) => t.workerId))).toEqual(new Set([1, 2]));
    } finally {
      await own.destroy();
    }
  });

  it('refuses firstSlot for a run in the calling thread (workers = 0)', async () => {
    await expect(runEkm(small, resolveEkmParams({ k: 2, workers: 0 }, small.n), { pool, firstSlot: 1 })).rejects.toThrow(/workers = 0 runs in the calling thread/);
  });
});

describe('runners: the machine ceiling runs copies on slots 0..copies−1', () => {
  it('k-means: copies of the serial driver, one per slot at once, each with the serial answer', async () => {
    const runner = kmeansRunner(pool, { seed: 3, changedFraction: 0, tolerance: 0, maxIterations: 10 });
    const serial = await runner.run(blobs, 4, 0);
    const copies = runner.runCopies!(blobs, 4, 2);
    expect([pool.tasksOn(0), pool.tasksOn(1)]).toEqual([1, 1]);
    const { ms, answers } = await copies;
    expect(ms).toBeGreaterThan(0);
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(compareAnswers(serial.answer, a)).toBeNull();
  });

  it('EKM: copies of the 1-worker pool run, each on its own worker, each with the serial answer', async () => {
    const small = makeBlobs({ n: 40, centers: 3, seed: 5 }).dataset;
    const runner = ekmRunner(pool, { variant: 'fused' });
    const serial = await runner.run(small, 3, 0);
    const { answers } = await runner.runCopies!(small, 3, 2);
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(compareAnswers(serial.answer, a)).toBeNull();
  });

  it('a cancelled ceiling run rejects with CancelledError (how the experiment sees a cancel)', async () => {
    const runner = kmeansRunner(pool, { seed: 3, changedFraction: 0, tolerance: 0, maxIterations: 100_000 });
    const token = new CancelToken();
    const copies = runner.runCopies!(blobs, 4, 2, token);
    token.cancel();
    await expect(copies).rejects.toMatchObject({ name: 'CancelledError' });
    // The pool is usable at once on both slots.
    expect(await pool.runOn(0, 'pool:slot', null)).toBe(0);
    expect(await pool.runOn(1, 'pool:slot', null)).toBe(1);
  });
});

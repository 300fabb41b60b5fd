import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows, datasetHandle } from '../../src/main/engine/dataset/dataset.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';

describe('WorkerPool', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.destroy());

  it('runs tasks on addressed slots', async () => {
    expect(await pool.runOn(0, 'pool:slot', null)).toBe(0);
    expect(await pool.runOn(1, 'pool:slot', null)).toBe(1);
    expect(await pool.run('pool:echo', { a: 1 })).toEqual({ a: 1 });
  });

  it('shares the dataset buffer with workers without copying', async () => {
    const ds = datasetFromRows([[1, 2], [3, 4], [5, 6]]);
    pool.shareDataset(datasetHandle(ds));
    const r = await pool.runOn<{ sum: number; shared: boolean }>(1, 'pool:sum-dataset', { id: ds.id });
    expect(r).toEqual({ sum: 21, shared: true });
    // A write inside the worker is visible here: same memory, not a copy.
    await pool.runOn(0, 'pool:write-dataset', { id: ds.id, index: 5, value: 100 });
    expect(ds.values[5]).toBe(100);
  });

  it('reports kernel errors with the worker message and keeps the worker', async () => {
    await expect(pool.runOn(0, 'pool:throw', { message: 'boom in kernel' })).rejects.toThrow(/boom in kernel/);
    expect(await pool.runOn(0, 'pool:slot', null)).toBe(0);
  });

  it('replaces a worker that dies and re-shares datasets with it', async () => {
    const ds = datasetFromRows([[2], [3]]);
    pool.shareDataset(datasetHandle(ds));
    const before = pool.respawns;
    await expect(pool.runOn(1, 'pool:exit', { code: 3 })).rejects.toThrow(/worker 1 exited with code 3 while running pool:exit/);
    expect(pool.respawns).toBe(before + 1);
    const r = await pool.runOn<{ sum: number }>(1, 'pool:sum-dataset', { id: ds.id });
    expect(r.sum).toBe(5);
  });

  it('cancels a running kernel through the shared flag', async () => {
    const token = new CancelToken();
    const t0 = Date.now();
    const p = pool.runOn(0, 'pool:hold', { ms: 5000, cancel: token.buffer });
    setTimeout(() => token.cancel(), 50);
    expect(await p).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('restartAll stops kernels that ignore cancellation', async () => {
    const p = pool.runOn(1, 'pool:hold', { ms: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    const rejected = expect(p).rejects.toThrow(/hard cancel/);
    await pool.restartAll(new Error('hard cancel'));
    await rejected;
    expect(await pool.runOn(1, 'pool:slot', null)).toBe(1);
  });
});

describe('WorkerPool idle shrink', () => {
  /** Threads of this process, from the kernel's own count (worker_threads are OS threads). */
  function threads(): number | null {
    try {
      const m = /^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  it('stops the workers a wide run added once the pool is idle, and restarts them if addressed again', async () => {
    const pool = new WorkerPool({ size: 1, idleShrinkMs: 150 });
    try {
      await pool.ready();
      const base = threads();
      pool.reserveSlots(0, 4);
      await pool.ready();
      expect(pool.size).toBe(4);
      expect(await Promise.all([0, 1, 2, 3].map((s) => pool.runOn(s, 'pool:slot', null)))).toEqual([0, 1, 2, 3]);
      if (base !== null) expect(threads()).toBeGreaterThan(base);
      await expect.poll(() => pool.size, { timeout: 5000 }).toBe(1);
      if (base !== null) await expect.poll(() => threads(), { timeout: 5000 }).toBeLessThanOrEqual(base);
      // A run that reserved slot 3 before the shrink still reaches it.
      expect(await pool.runOn(3, 'pool:slot', null)).toBe(3);
      expect(pool.size).toBe(4);
    } finally {
      await pool.destroy();
    }
  });

  it('does not shrink while any task is in flight', async () => {
    const pool = new WorkerPool({ size: 1, idleShrinkMs: 50 });
    try {
      pool.reserveSlots(0, 2);
      // Held until released below (not for a fixed time: a loaded machine must not end it early).
      const release = new SharedArrayBuffer(4);
      const slow = pool.runOn(0, 'pool:hold', { ms: 60_000, cancel: release });
      await pool.runOn(1, 'pool:slot', null); // ends first: the pool is not idle yet
      await new Promise((r) => setTimeout(r, 300));
      expect(pool.size).toBe(2);
      Atomics.store(new Int32Array(release), 0, 1);
      await slow;
      await expect.poll(() => pool.size, { timeout: 5000 }).toBe(1);
    } finally {
      await pool.destroy();
    }
  });

  it('keeps grown workers when idle shrink is off', async () => {
    const pool = new WorkerPool({ size: 1, idleShrinkMs: Infinity });
    try {
      pool.reserveSlots(0, 2);
      expect(await pool.runOn(1, 'pool:slot', null)).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(pool.size).toBe(2);
    } finally {
      await pool.destroy();
    }
  });
});

// PoolOptions.nice: on Linux each worker lowers its own thread's priority, and only its own (the
// calling thread, the UI's, keeps its nice value); other platforms are left alone.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';

describe('worker thread priority', () => {
  it.runIf(process.platform === 'linux')('each worker thread runs at the asked-for nice value; this thread keeps its own', async () => {
    const before = os.getPriority();
    const pool = new WorkerPool({ size: 2, nice: 7 });
    const plain = new WorkerPool({ size: 1 });
    try {
      expect(await pool.runOn(0, 'pool:nice', null)).toBe(Math.max(7, before));
      expect(await pool.runOn(1, 'pool:nice', null)).toBe(Math.max(7, before));
      expect(await plain.runOn(0, 'pool:nice', null)).toBe(before);
      expect(os.getPriority()).toBe(before);
    } finally {
      await pool.destroy();
      await plain.destroy();
    }
  });

  it('refuses a nice value outside 0–19', () => {
    expect(() => new WorkerPool({ size: 1, nice: 25 })).toThrow(/0–19/);
    expect(() => new WorkerPool({ size: 1, nice: -1 })).toThrow(/0–19/);
  });
});

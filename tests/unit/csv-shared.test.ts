// A loaded CSV lives in a SharedArrayBuffer that worker_threads read and write in place.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/main/engine/dataset/csv.ts';
import { datasetHandle } from '../../src/main/engine/dataset/dataset.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';

describe('loaded dataset in shared memory', () => {
  const pool = new WorkerPool({ size: 1 });
  afterAll(() => pool.destroy());

  it('is backed by a SharedArrayBuffer that a worker reads without a copy', async () => {
    const { dataset } = await loadCsv(join(import.meta.dirname, '../fixtures/csv/quoted-newline.csv'), { features: ['id', 'v'] });
    expect(dataset.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(dataset.rowIndex.buffer).toBeInstanceOf(SharedArrayBuffer);
    const expectedSum = Array.from(dataset.values).reduce((a, b) => a + b, 0); // 1+5+3+7
    expect(expectedSum).toBe(16);
    pool.shareDataset(datasetHandle(dataset));
    const r = await pool.runOn<{ sum: number; shared: boolean }>(0, 'pool:sum-dataset', { id: dataset.id });
    expect(r).toEqual({ sum: 16, shared: true });
    // The worker writes into the same memory: visible here without any message carrying data back.
    await pool.runOn(0, 'pool:write-dataset', { id: dataset.id, index: 3, value: -100 });
    expect(dataset.values[3]).toBe(-100);
  });
});

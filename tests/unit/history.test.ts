import { readdir, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtomicIo } from '../../src/main/report/atomic.ts';
import { HistoryStore, isSafeRecordId, newRecordId } from '../../src/main/services/history.ts';
import type { ExperimentRecord, RunRecord } from '../../src/shared/types.ts';
import { useTempDir } from './tmpdir.ts';

const machine = {
  cpuModel: 'Test CPU',
  logicalCores: 2,
  totalMemoryBytes: 1024,
  os: 'Linux',
  node: '20.0.0',
  v8: '11',
  electron: null,
  appVersion: '0.1.0',
};
const dataset = { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc', rows: 4, d: 2, features: ['x', 'y'], scaling: 'none' as const };

function runRecord(id: string, createdAt: string, title = 'k-means k=2'): RunRecord {
  return {
    schemaVersion: 1,
    id,
    createdAt,
    title,
    dataset,
    machine,
    kind: 'run',
    result: {
      algorithm: 'kmeans',
      params: { k: 2, init: 'kmeans++', nInit: 1, seed: 1, changedFraction: 0.01, tolerance: 0, maxIterations: 10, workers: 0 },
      labels: [0, 0, 1, 1],
      centroids: [
        [0, 0],
        [1, 1],
      ],
      inertia: 0.5,
      iterations: 2,
      stopReason: 'converged',
      history: [],
      workers: 0,
      timings: { totalMs: 1, initMs: 0, iterateMs: 1, perIterationMs: 0.5 },
      bestRestart: 0,
      warnings: [],
    },
  };
}

function experimentRecord(id: string, createdAt: string): ExperimentRecord {
  return {
    schemaVersion: 1,
    id,
    createdAt,
    title: 'k-means speedup',
    dataset,
    machine,
    kind: 'experiment',
    experiment: {
      spec: { algorithm: 'kmeans', workers: [0, 1, 2], sizes: [4], ks: [2], repeats: 1, warmup: false, seed: 1 },
      cells: [
        { n: 4, k: 2, workers: 0, timesMs: [2], medianMs: 2, minMs: 2, maxMs: 2, speedup: 1, efficiency: 1, answerMatches: true },
        { n: 4, k: 2, workers: 2, timesMs: [1], medianMs: 1, minMs: 1, maxMs: 1, speedup: 2, efficiency: 1, answerMatches: true },
      ],
      fits: [{ n: 4, k: 2, amdahl: { parallelFraction: 1, rmse: 0 }, gustafson: { serialFraction: 0, rmse: 0 } }],
      runtimeModels: [],
      mismatches: [],
      totalMs: 3,
      cancelled: false,
    },
  };
}

const dir = useTempDir('cb-history-');

describe('HistoryStore', () => {
  it('round-trips records across two store instances, newest first', async () => {
    const a = new HistoryStore(dir());
    const older = runRecord('run-1', '2024-01-01T00:00:00.000Z');
    const newer = experimentRecord('exp-2', '2024-02-01T00:00:00.000Z');
    const file = await a.save(older);
    expect(file).toBe(join(dir(), 'run-1.json'));
    await a.save(newer);

    const b = new HistoryStore(dir());
    const entries = await b.list();
    expect(b.warnings).toEqual([]);
    expect(entries).toEqual([
      { id: 'exp-2', kind: 'experiment', title: 'k-means speedup', createdAt: newer.createdAt, dataset: 'blobs.csv', file: join(dir(), 'exp-2.json') },
      { id: 'run-1', kind: 'run', title: 'k-means k=2', createdAt: older.createdAt, dataset: 'blobs.csv', file: join(dir(), 'run-1.json') },
    ]);
    expect(await b.load('run-1')).toEqual(older);
    expect(await b.load('exp-2')).toEqual(newer);
  });

  it('writes typed-array labels as plain arrays', async () => {
    const store = new HistoryStore(dir());
    const rec = runRecord('run-typed', '2024-01-01T00:00:00.000Z');
    (rec.result as { labels: unknown }).labels = Int32Array.from([1, 0, 1, 0]);
    await store.save(rec);
    const loaded = (await store.load('run-typed')) as RunRecord;
    expect(loaded.result.labels).toEqual([1, 0, 1, 0]);
  });

  it('keeps NaN and Infinity measurements, and reads older files that stored them as null', async () => {
    const store = new HistoryStore(dir());
    const rec = experimentRecord('exp-nan', '2024-01-01T00:00:00.000Z');
    rec.experiment.cells[1].speedup = Infinity;
    rec.experiment.cells[1].efficiency = NaN;
    await store.save(rec);
    expect(await store.load('exp-nan')).toEqual(rec);

    // Plain JSON.stringify (how history files were written before) turns both into null.
    await writeFile(join(dir(), 'exp-old.json'), JSON.stringify({ ...rec, id: 'exp-old' }));
    const old = await store.load('exp-old');
    if (old.kind !== 'experiment') throw new Error('kind');
    expect(old.experiment.cells[1].speedup).toBeNaN();
    expect(old.experiment.cells[1].efficiency).toBeNaN();
    expect(old.experiment.cells[0].speedup).toBe(1);
    expect((await store.list()).map((e) => e.id).sort()).toEqual(['exp-nan', 'exp-old']);
    expect(store.warnings).toEqual([]);
  });

  it('stores experiments whose spec holds only the parameters the user set', async () => {
    const store = new HistoryStore(dir());
    const rec = experimentRecord('exp-partial', '2024-01-01T00:00:00.000Z');
    rec.experiment.spec.kmeans = { k: 2, seed: 7 }; // as the compare CLI and the IPC contract give it
    await store.save(rec);
    expect(await store.load('exp-partial')).toEqual(rec);
    (rec.experiment.spec.kmeans as { k?: number }).k = undefined;
    await expect(store.save(rec)).rejects.toThrow(/spec\.kmeans\.k/);
  });

  it('replaces a record saved again under the same id', async () => {
    const store = new HistoryStore(dir());
    await store.save(runRecord('run-1', '2024-01-01T00:00:00.000Z', 'first'));
    await store.save(runRecord('run-1', '2024-01-01T00:00:00.000Z', 'second'));
    const entries = await store.list();
    expect(entries.map((e) => e.title)).toEqual(['second']);
  });

  it('deletes records and reports unknown ids clearly', async () => {
    const store = new HistoryStore(dir());
    await store.save(runRecord('run-1', '2024-01-01T00:00:00.000Z'));
    await store.delete('run-1');
    expect(await store.list()).toEqual([]);
    await expect(store.delete('run-1')).rejects.toThrow(/no history record "run-1"/);
    await expect(store.load('run-1')).rejects.toThrow(/no history record "run-1"/);
  });

  it('skips corrupt, foreign and misnamed files with warnings and never throws from list()', async () => {
    const store = new HistoryStore(dir());
    await store.save(runRecord('run-ok', '2024-01-01T00:00:00.000Z'));
    await writeFile(join(dir(), 'broken.json'), '{"schemaVersion": 1, "id": "bro');
    await writeFile(join(dir(), 'foreign.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(dir(), 'v2.json'), JSON.stringify({ ...runRecord('v2', '2024-01-01T00:00:00.000Z'), schemaVersion: 2 }));
    await writeFile(join(dir(), 'renamed.json'), JSON.stringify(runRecord('run-other', '2024-01-01T00:00:00.000Z')));
    await writeFile(join(dir(), 'notes.txt'), 'not a record');

    const entries = await store.list();
    expect(entries.map((e) => e.id)).toEqual(['run-ok']);
    expect(store.warnings).toHaveLength(4);
    expect(store.warnings.join('\n')).toMatch(/broken\.json/);
    expect(store.warnings.join('\n')).toMatch(/foreign\.json/);
    expect(store.warnings.join('\n')).toMatch(/v2\.json: .*schemaVersion/);
    expect(store.warnings.join('\n')).toMatch(/renamed\.json: .*another file name/);
    await expect(store.load('broken')).rejects.toThrow(/history record "broken" cannot be read/);
  });

  it('lists an absent folder as empty and creates it on first save', async () => {
    const store = new HistoryStore(join(dir(), 'not', 'yet'));
    expect(await store.list()).toEqual([]);
    expect(store.warnings).toEqual([]);
    await store.save(runRecord('run-1', '2024-01-01T00:00:00.000Z'));
    expect((await store.list()).map((e) => e.id)).toEqual(['run-1']);
  });

  it('refuses ids that are not safe file names and records of the wrong shape', async () => {
    const store = new HistoryStore(dir());
    await expect(store.load('../etc/passwd')).rejects.toThrow(/not a valid history record id/);
    await expect(store.save(runRecord('../escape', '2024-01-01T00:00:00.000Z'))).rejects.toThrow(/safe file name/);
    const bad = { ...runRecord('run-bad', '2024-01-01T00:00:00.000Z'), dataset: undefined } as unknown as RunRecord;
    await expect(store.save(bad)).rejects.toThrow(/dataset/);
    expect(await readdir(dir())).toEqual([]);
  });

  it('keeps the old file intact and leaves no partial file when a write fails half-way', async () => {
    const store = new HistoryStore(dir());
    const original = runRecord('run-1', '2024-01-01T00:00:00.000Z', 'original');
    await store.save(original);
    const before = await readFile(join(dir(), 'run-1.json'), 'utf8');

    // A write step that puts half of the bytes on disk, then fails (disk full).
    let partialWrites = 0;
    const failing: Partial<AtomicIo> = {
      async write(handle: FileHandle, data: string | Uint8Array) {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        await handle.write(bytes, 0, Math.floor(bytes.length / 2));
        partialWrites++;
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const flaky = new HistoryStore(dir(), { io: failing });
    const replacement = runRecord('run-1', '2024-03-01T00:00:00.000Z', 'replacement '.repeat(50));
    await expect(flaky.save(replacement)).rejects.toThrow(/ENOSPC/);
    await expect(flaky.save(runRecord('run-2', '2024-03-01T00:00:00.000Z'))).rejects.toThrow(/ENOSPC/);
    expect(partialWrites).toBe(2);

    expect(await readFile(join(dir(), 'run-1.json'), 'utf8')).toBe(before);
    expect((await readdir(dir())).sort()).toEqual(['run-1.json']);
    const fresh = new HistoryStore(dir());
    expect((await fresh.load('run-1')).title).toBe('original');
    expect(fresh.warnings).toEqual([]);
  });

  it('keeps the old file when the rename step fails', async () => {
    const store = new HistoryStore(dir());
    await store.save(runRecord('run-1', '2024-01-01T00:00:00.000Z', 'original'));
    const flaky = new HistoryStore(dir(), {
      io: {
        rename: async () => {
          throw new Error('EXDEV: rename failed');
        },
      },
    });
    await expect(flaky.save(runRecord('run-1', '2024-01-01T00:00:00.000Z', 'new'))).rejects.toThrow(/EXDEV/);
    expect(await readdir(dir())).toEqual(['run-1.json']);
    expect((await store.load('run-1')).title).toBe('original');
  });
});

describe('record ids', () => {
  it('generates safe, unique, kind-prefixed ids', () => {
    const date = new Date('2024-05-06T07:08:09.123Z');
    const a = newRecordId('experiment', date);
    const b = newRecordId('experiment', date);
    expect(a).toMatch(/^exp-20240506T070809Z-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(newRecordId('run')).toMatch(/^run-/);
    expect(isSafeRecordId(a)).toBe(true);
    for (const bad of ['', '../x', 'a/b', 'a\\b', '.hidden', 'a..b']) expect(isSafeRecordId(bad)).toBe(false);
  });
});

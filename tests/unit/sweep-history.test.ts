// k sweeps in history: kept beside the runs, listed, opened again in a later session (data
// reopened from main's kept copy), reported, deleted; a damaged file is skipped with a warning.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDocument } from '../../src/shared/analysis.ts';
import { SweepHistory } from '../../src/main/services/sweep-history.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');
type Call = ContractCall;

function session(historyDir: string): { wb: Workbench; call: Call } {
  const wb = new Workbench({ samplesDir: resources, historyDir, transport: 'direct', poolSize: 2 });
  return { wb, call: contractCaller(wb) };
}

describe('sweeps in history', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-sweeps-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are listed with the runs, reopened in a later session with their data, reported and deleted', async () => {
    const history = join(dir, 'history');
    const first = session(history);
    let doc: SweepDocument;
    try {
      const text = await first.call('dataset:openText', { jobId: 'l', name: 'pasted.csv', text: 'x,y\n' + Array.from({ length: 30 }, (_, i) => `${(i % 3) * 10 + (i % 5) * 0.1},${(i % 3) * 5}`).join('\n') + '\n' });
      doc = await first.call('sweep:run', { jobId: 's', datasetId: text.id, params: { algorithm: 'pam', kFrom: 2, kTo: 4, workers: 1 } });
      await first.call('kmeans:run', { jobId: 'r', datasetId: text.id, params: { k: 3, workers: 1 } });
    } finally {
      await first.wb.dispose();
    }
    expect(doc.id).toMatch(/^sweep-\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    expect(doc.saveWarning).toBeUndefined();

    const later = session(history);
    try {
      const { entries } = await later.call('history:list', {});
      expect(entries.map((e) => e.kind).sort()).toEqual(['run', 'sweep']);
      const entry = entries.find((e) => e.kind === 'sweep')!;
      expect(entry).toMatchObject({ id: doc.id, title: 'k sweep 2–4 (PAM) on pasted.csv', dataset: 'pasted.csv' });
      const loaded = await later.call('sweep:load', { sweepId: doc.id });
      expect(loaded.sweep.points).toEqual(doc.sweep.points);
      expect(loaded.sweep.best).toEqual(doc.sweep.best);
      // pasted text has no path: its data comes back from the kept copy, by the sweep's id
      const data = await later.call('dataset:reopen', { jobId: 'o', recordId: doc.id });
      expect(data.hash).toBe(doc.dataset.hash);
      expect(data.rows).toBe(30);
      const page = await later.call('report:render', { sweepId: doc.id, format: 'html' });
      expect(page.text).toMatch(/<title>k sweep 2–4 on pasted\.csv/);
      await later.call('history:delete', { recordId: doc.id });
      expect((await later.call('history:list', {})).entries.map((e) => e.kind)).toEqual(['run']);
      await expect(later.call('sweep:load', { sweepId: doc.id })).rejects.toThrow(/^not-found: No sweep .* in history/);
    } finally {
      await later.wb.dispose();
    }
  });

  it('write non-finite scores as text and read them back as numbers; skip a damaged file with a warning', async () => {
    const store = new SweepHistory(join(dir, 'sweeps'));
    const point = { k: 2, clusters: 2, cost: 1, iterations: 0, silhouette: NaN, silhouetteExact: true, silhouetteSample: 3, daviesBouldin: Infinity, calinskiHarabasz: 2, clusterMs: 1, qualityMs: 1, worker: 0 };
    const doc = {
      kind: 'sweep',
      id: 'sweep-20260101T000000Z-0123abcd',
      createdAt: '2026-01-01T00:00:00.000Z',
      dataset: { name: 'NaN', path: '', hash: 'h', rows: 3, d: 1, features: ['x'], scaling: 'none' },
      machine: { cpuModel: 'c', logicalCores: 1, totalMemoryBytes: 1, os: 'o', node: 'n', v8: 'v', electron: null, appVersion: '0' },
      sweep: { params: { algorithm: 'kmeans', kFrom: 2, kTo: 2, nInit: 1, seed: 0, workers: 1 }, n: 3, d: 1, points: [point], best: { silhouette: null, daviesBouldin: null, calinskiHarabasz: 2, elbow: null }, totalMs: 2 },
    } as SweepDocument;
    await store.save(doc);
    const back = await store.load(doc.id!);
    expect(back.sweep.points[0].silhouette).toBeNaN();
    expect(back.sweep.points[0].daviesBouldin).toBe(Infinity);
    expect(back.dataset.name).toBe('NaN'); // a text field that reads "NaN" stays text
    await writeFile(join(dir, 'sweeps', 'sweep-20260101T000000Z-deadbeef.json'), '{"kind":"sweep"');
    const { entries, warnings } = await store.list();
    expect(entries.map((e) => e.id)).toEqual([doc.id]);
    expect(warnings).toEqual([expect.stringMatching(/^skipped sweeps\/sweep-20260101T000000Z-deadbeef\.json: .*not valid JSON/)]);
    expect((await readdir(join(dir, 'sweeps'))).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});

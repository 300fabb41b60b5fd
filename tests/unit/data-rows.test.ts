// `dataset:rows` and the scatter's point index through the real Workbench: row numbers as the app
// shows them (1 = first data row, dropped rows keep their numbers), clusters from the record's own
// labels, and cells equal to the file's text (the oracle is the CSV written here, split by hand).
import { mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/contract/limits.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { createDispatch } from '../../src/main/services/dispatch.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');

describe('dataset:rows', () => {
  let dir: string;
  let wb: Workbench;
  let csvPath: string;
  const lines: string[][] = [];
  let call: ContractCall;
  let failing: (channel: string, payload: unknown) => Promise<{ code: string; message: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-rows-'));
    // 300 rows, a text column, and row 7 (0-based data row 6) missing a feature: dropped at load.
    const text = ['x,y,name'];
    for (let i = 0; i < 300; i++) {
      const cells = [i === 6 ? '' : ((i % 3) * 10 + (i % 7) / 7).toFixed(4), ((i % 3) * 4 + (i % 11) / 11).toFixed(3), `"p ${i}, ok"`];
      lines.push([cells[0], cells[1], `p ${i}, ok`]);
      text.push(cells.join(','));
    }
    csvPath = join(dir, 'rows.csv');
    await writeFile(csvPath, text.join('\n') + '\n');
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'direct', poolSize: 2, dataDirs: [dir], inputCopyLimitBytes: 0 });
    const dispatch = createDispatch(wb.handlers());
    call = contractCaller(wb);
    failing = async (channel, payload) => {
      const env = await dispatch(channel, payload, { emit: () => undefined });
      if (env.ok) throw new Error(`${channel} should have failed`);
      return env.error;
    };
  });
  afterAll(async () => {
    await wb?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns row numbers, clusters, feature values and the CSV cells of the asked-for positions', async () => {
    const ds = await call('dataset:open', { jobId: 'load', path: csvPath, options: { features: ['x', 'y'] } });
    expect(ds.rows).toBe(299);
    const view = await call('kmeans:run', { jobId: 'km', datasetId: ds.id, params: { k: 3, seed: 1 } });
    const rec = (await wb.record(view.id)) as RunRecord;
    const positions = [0, 5, 6, 7, 150, 298];
    const reply = await call('dataset:rows', { datasetId: ds.id, indices: positions, recordId: view.id, cells: true });
    expect(reply.columns).toEqual(['x', 'y', 'name']);
    expect(reply.features).toEqual(['x', 'y']);
    expect(reply.cellsUnavailable).toBeNull();
    expect(reply.rows.map((r) => r.index)).toEqual(positions);
    for (const r of reply.rows) {
      const fileRow = r.index >= 6 ? r.index + 1 : r.index; // data row 6 was dropped
      expect(r.row).toBe(fileRow + 1);
      expect(r.cells).toEqual(lines[fileRow]);
      expect(r.values).toEqual([Number(lines[fileRow][0]), Number(lines[fileRow][1])]);
      expect(r.cluster).toBe(rec.result.labels[r.index]);
    }
    // Without cells: no file read, same numbers; without a record: no clusters.
    const plain = await call('dataset:rows', { datasetId: ds.id, indices: [6] });
    expect(plain.rows[0]).toMatchObject({ row: 8, cluster: null, cells: null });
  });

  it('gives each scatter point its dataset position, so a point and its row agree', async () => {
    const [ds] = await call('dataset:list', {});
    const pts = await call('dataset:points', { datasetId: ds.id, x: 'y', y: 'x', maxPoints: 50 });
    expect(pts.index).toHaveLength(50);
    const reply = await call('dataset:rows', { datasetId: ds.id, indices: Array.from(pts.index!) });
    reply.rows.forEach((r, i) => {
      expect(r.values[1]).toBe(pts.x[i]);
      expect(r.values[0]).toBe(pts.y[i]);
    });
  });

  it('refuses more than LIMITS.rowsPerRequest rows, positions outside the data, and says when the file changed', async () => {
    const [ds] = await call('dataset:list', {});
    const tooMany = await failing('dataset:rows', { datasetId: ds.id, indices: Array.from({ length: LIMITS.rowsPerRequest + 1 }, (_, i) => i % 299) });
    expect(tooMany.code).toBe('invalid-payload');
    const outside = await failing('dataset:rows', { datasetId: ds.id, indices: [299] });
    expect(outside.message).toMatch(/outside the dataset \(299 rows/);
    await appendFile(csvPath, '1,2,"late row"\n');
    const changed = await call('dataset:rows', { datasetId: ds.id, indices: [1], cells: true });
    expect(changed.rows[0].cells).toBeNull();
    expect(changed.cellsUnavailable).toMatch(/changed since it was loaded/);
    // Cells read before the change (the first test asked for position 0) are kept: they are the loaded file's.
    const kept = await call('dataset:rows', { datasetId: ds.id, indices: [0], cells: true });
    expect(kept.cellsUnavailable).toBeNull();
    expect(kept.rows[0].cells).toEqual(lines[0]);
  });

  it('keeps the cells of the drawn points met while reading, so a later selection of drawn points needs no file', async () => {
    const file = join(dir, 'drawn.csv');
    const text = ['a,b,tag', ...Array.from({ length: 500 }, (_, i) => `${i % 13},${(i * 7) % 17},t${i}`)];
    await writeFile(file, text.join('\n') + '\n');
    const ds = await call('dataset:open', { jobId: 'load-drawn', path: file });
    const pts = await call('dataset:points', { datasetId: ds.id, x: 'a', y: 'b', maxPoints: 40 });
    const drawn = Array.from(pts.index!);
    const lastDrawn = Math.max(...drawn);
    // One page asking for the last drawn row reads the file up to it, keeping every drawn row on the way.
    await call('dataset:rows', { datasetId: ds.id, indices: [lastDrawn], cells: true });
    expect(wb.rowCells.keptRows(ds.id)).toBe(drawn.length);
    await rm(file);
    const later = await call('dataset:rows', { datasetId: ds.id, indices: drawn.slice(0, 25), cells: true });
    expect(later.cellsUnavailable).toBeNull();
    later.rows.forEach((r) => expect(r.cells).toEqual(text[r.row].split(',')));
    // A row that is not drawn was not kept: the file is needed, and it is gone.
    const notDrawn = Array.from({ length: 500 }, (_, i) => i).find((i) => !drawn.includes(i))!;
    const gone = await call('dataset:rows', { datasetId: ds.id, indices: [notDrawn], cells: true });
    expect(gone.cellsUnavailable).toMatch(/no longer available/);
    await call('dataset:close', { datasetId: ds.id });
    expect(wb.rowCells.keptRows(ds.id)).toBe(0);
  });
});

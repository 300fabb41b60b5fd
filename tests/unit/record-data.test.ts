// History → Open and the labelled-data export after the session that made the run (issue 13):
// a CSV that came through the browser (no path), a file deleted since, a file changed since. The
// second Workbench over the same history folder plays the next session.
import { mkdtemp, rm, writeFile, unlink } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/main/services/dispatch.ts';
import { Workbench, type WorkbenchOptions } from '../../src/main/services/workbench.ts';
import type { Envelope, RequestOutputs } from '../../src/shared/contract/index.ts';

const open: Workbench[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.dispose()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(os.tmpdir(), 'cb-record-data-'));
  dirs.push(d);
  return d;
}

function session(historyDir: string, dataDir: string, extra: Partial<WorkbenchOptions> = {}) {
  const wb = new Workbench({ samplesDir: join(import.meta.dirname, '../../resources'), historyDir, transport: 'web', poolSize: 1, dataDirs: [dataDir], ...extra });
  open.push(wb);
  const dispatch = createDispatch(wb.handlers());
  return async <C extends keyof RequestOutputs>(channel: C, payload: unknown): Promise<RequestOutputs[C]> => {
    const env = (await dispatch(channel, payload as never, { emit: () => undefined })) as Envelope<RequestOutputs[C]>;
    if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
    return env.value;
  };
}

const CSV = 'name,x,y\n' + Array.from({ length: 40 }, (_, i) => `p${i},${(i % 2) * 10 + i / 100},${i % 3}`).join('\n') + '\n';

describe('a record’s data in a later session', () => {
  it('an upload (no path) reopens from the kept copy, and its labelled data is the upload plus clusters', async () => {
    const history = await tempDir();
    const data = await tempDir();
    const first = session(history, data);
    const ds = await first('dataset:openText', { jobId: 'u', name: 'upload.csv', text: CSV });
    expect(ds.path).toBe('');
    const rec = await first('kmeans:run', { jobId: 'k', datasetId: ds.id, params: { k: 2, workers: 1, seed: 3 } });

    const next = session(history, data); // another session: nothing loaded
    const again = await next('dataset:reopen', { jobId: 'r', recordId: rec.id });
    expect(again.hash).toBe(ds.hash);
    expect(again.rows).toBe(40);
    expect(again.name).toBe('upload.csv');
    const out = await next('report:render', { recordId: rec.id, format: 'data' });
    const rows = Papa.parse<string[]>(out.text.trim()).data;
    expect(rows[0]).toEqual(['name', 'x', 'y', 'cluster', 'distance_to_center']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual(Papa.parse<string[]>(CSV.trim()).data.slice(1));
    expect(rows.slice(1).reduce((sizes, r) => (sizes[Number(r[3])]++, sizes), [0, 0])).toEqual(rec.result.clusterSizes);
  });

  it('a file deleted since the run reopens from the copy; with no copy kept it says what to do', async () => {
    const history = await tempDir();
    const data = await tempDir();
    const file = join(data, 'points.csv');
    await writeFile(file, CSV);
    const first = session(history, data);
    const ds = await first('dataset:open', { jobId: 'o', path: file });
    const rec = await first('kmeans:run', { jobId: 'k', datasetId: ds.id, params: { k: 2, workers: 1 } });
    await unlink(file);
    expect((await session(history, data)('dataset:reopen', { jobId: 'r', recordId: rec.id })).hash).toBe(ds.hash);

    const history2 = await tempDir();
    await writeFile(file, CSV);
    const noCopies = session(history2, data, { inputCopyLimitBytes: 0 });
    const ds2 = await noCopies('dataset:open', { jobId: 'o', path: file });
    const rec2 = await noCopies('kmeans:run', { jobId: 'k', datasetId: ds2.id, params: { k: 2, workers: 1 } });
    await writeFile(file, CSV.replace('p0,0,0', 'p0,0,1')); // changed since the run
    const later = session(history2, data, { inputCopyLimitBytes: 0 });
    await expect(later('dataset:reopen', { jobId: 'r', recordId: rec2.id })).rejects.toMatchObject({ code: 'not-available', message: expect.stringMatching(/changed since the run.*Open the file again/) });
    await unlink(file);
    await expect(later('dataset:reopen', { jobId: 'r2', recordId: rec2.id })).rejects.toThrow(/no longer exists/);
    await expect(later('report:render', { recordId: rec2.id, format: 'data' })).rejects.toThrow(/not available/);
  });

  it('finds the dataset when it is loaded already (no second load)', async () => {
    const history = await tempDir();
    const data = await tempDir();
    const call = session(history, data);
    const ds = await call('dataset:openText', { jobId: 'u', name: 'u.csv', text: CSV });
    const rec = await call('kmeans:run', { jobId: 'k', datasetId: ds.id, params: { k: 2, workers: 1 } });
    expect((await call('dataset:reopen', { jobId: 'r', recordId: rec.id })).id).toBe(ds.id);
    expect((await call('dataset:list', {})).length).toBe(1);
  });
});

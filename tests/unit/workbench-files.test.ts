// Issue 12 "file access" and "resources": no channel writes a client-chosen path, dataset:open
// reads only granted paths, experiment sizes are bounded, failed history writes still return.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/contract/index.ts';
import { createDispatch } from '../../src/main/services/dispatch.ts';
import { Workbench } from '../../src/main/services/workbench.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');

describe('Workbench file access and bounds', () => {
  let dir: string;
  let wb: Workbench;
  let raw: (channel: string, payload: unknown) => Promise<Envelope<any>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-files-'));
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'web', poolSize: 2, recordsInMemory: 2 });
    const d = createDispatch(wb.handlers());
    raw = (c, p) => d(c, p, { emit: () => undefined });
  });
  afterAll(async () => {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  async function ok(channel: string, payload: unknown): Promise<any> {
    const env = await raw(channel, payload);
    if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
    return env.value;
  }

  it('refuses report:save: no file written at a chosen path, no history record overwritten', async () => {
    const ds = await ok('dataset:open', { jobId: 'l1', path: join(resources, 'blobs-400.csv') });
    const rec = await ok('kmeans:run', { jobId: 'k1', datasetId: ds.id, params: { k: 2, workers: 1 } });
    const home = join(dir, 'home');
    await mkdir(home);
    const env = await raw('report:save', { recordId: rec.id, format: 'json', path: join(home, '.bashrc') });
    expect(env.ok).toBe(false);
    expect(existsSync(join(home, '.bashrc'))).toBe(false);
    const histFile = (await ok('history:list', {})).entries[0].file as string;
    const before = await readFile(histFile, 'utf8');
    expect((await raw('report:save', { recordId: rec.id, format: 'html', path: histFile })).ok).toBe(false);
    expect(await readFile(histFile, 'utf8')).toBe(before);
  });

  it('opens only granted paths, and never quotes an unparsed file', async () => {
    const secret = join(dir, 'shadow');
    await writeFile(secret, 'root:$6$secretHASHvalue:19000:0:99999:7:::\n');
    const env = await raw('dataset:open', { jobId: 'l2', path: secret });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('forbidden');
      expect(env.error.message).not.toContain('secretHASH');
    }
  });

  it('never quotes a granted file that did not parse as CSV data, whatever the client asks', async () => {
    const cases: [string, string, object | undefined][] = [
      ['shadow-1', 'root:$6$secretHASHvalue:19000:0:99999:7:::\n', undefined], // header only
      ['shadow-2', 'root:$6$secretHASHvalue:19000:0:99999:7:::\ndaemon:*:secretTWO:0:99999:7:::\n', undefined], // no numeric column
      ['passwd', 'root,x,secretHOME\ndaemon,y,secretSHELL\n', { features: ['zzz'] }], // unknown feature: would list columns
      ['passwd2', 'root,x,secretHOME\ndaemon,y,secretSHELL\n', { features: ['root'] }], // text feature: would quote a cell
    ];
    for (const [name, text, options] of cases) {
      const file = join(dir, name);
      await writeFile(file, text);
      wb.readGrants.grant(file);
      const env = await raw('dataset:open', { jobId: `q-${name}`, path: file, options });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.message).not.toMatch(/secret|root|daemon/);
        expect(env.error.message.length).toBeGreaterThan(30);
        expect(['header-only', 'no-numeric-column', 'unknown-feature', 'not-numeric-feature']).toContain(env.error.code);
      }
    }
  });

  it('still names the columns when a loaded dataset is reopened with a wrong feature', async () => {
    const file = join(dir, 'good.csv');
    await writeFile(file, 'alpha,beta\n1,2\n3,4\n');
    wb.readGrants.grant(file);
    await ok('dataset:open', { jobId: 'g1', path: file });
    const env = await raw('dataset:open', { jobId: 'g2', path: file, options: { features: ['gamma'] } });
    expect(env.ok ? '' : env.error.message).toMatch(/Unknown feature "gamma".*"alpha"/);
  });

  it('History reopen reads a recorded path only where this host may read now (a web host: under --data-dir)', async () => {
    const data = join(dir, 'reopen-data');
    await mkdir(data);
    const file = join(data, 'points.csv');
    await writeFile(file, 'x,y\n0,0\n0,1\n5,5\n5,6\n');
    const history = join(dir, 'reopen-history');
    const host = (dataDirs: string[]) => {
      const w = new Workbench({ samplesDir: resources, historyDir: history, transport: 'web', poolSize: 1, dataDirs, inputCopyLimitBytes: 0 });
      const d = createDispatch(w.handlers());
      return { w, call: (c: string, p: unknown) => d(c, p, { emit: () => undefined }) as Promise<Envelope<any>> };
    };
    const first = host([data]);
    const second = host([]); // the same history, started without that --data-dir
    const third = host([data]);
    try {
      const ds = await first.call('dataset:open', { jobId: 'o', path: file });
      const rec = await first.call('kmeans:run', { jobId: 'k', datasetId: ds.ok ? ds.value.id : '', params: { k: 2, workers: 1 } });
      const recordId = rec.ok ? rec.value.id : '';
      const refused = await second.call('dataset:reopen', { jobId: 'r1', recordId });
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'not-available', message: expect.stringMatching(/this host may not read .*points\.csv/) });
      expect((await second.call('report:render', { recordId, format: 'data' })).ok).toBe(false);
      const reopened = await third.call('dataset:reopen', { jobId: 'r2', recordId });
      expect(reopened.ok && reopened.value.rows).toBe(4);
    } finally {
      await Promise.all([first.w.dispose(), second.w.dispose(), third.w.dispose()]);
    }
  });

  it('refuses huge experiment sizes quickly, quoting the limit', async () => {
    const ds = await ok('dataset:open', { jobId: 'l4', path: join(resources, 'blobs-400.csv') });
    for (const n of [3_000_000_000, 1e8]) {
      const env = await raw('experiment:run', { jobId: `e${n}`, datasetId: ds.id, spec: { algorithm: 'kmeans', kmeans: { k: 2 }, workers: [1], sizes: [n], withReplacement: true, repeats: 1 } });
      expect(env.ok).toBe(false);
      if (!env.ok) expect(env.error.message).toMatch(/too large: at most [\d,]+ rows/);
    }
  });

  it('returns a finished run whose history write failed, with a warning; keeps at most N records in memory', async () => {
    const ds = await ok('dataset:open', { jobId: 'l5', path: join(resources, 'blobs-400.csv') });
    for (let i = 0; i < 4; i++) await ok('kmeans:run', { jobId: `m${i}`, datasetId: ds.id, params: { k: 2, workers: 1, seed: i } });
    expect(wb.recordsHeld()).toBe(2);
    // History under a regular file: mkdir/write fail with ENOTDIR for every user, root included.
    const notADir = join(dir, 'plain-file');
    await writeFile(notADir, 'not a folder');
    const broken = new Workbench({ samplesDir: resources, historyDir: join(notADir, 'history'), transport: 'web', poolSize: 1 });
    try {
      const d = createDispatch(broken.handlers());
      const call = async (c: string, p: unknown) => {
        const env = await d(c, p, { emit: () => undefined });
        if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
        return env.value as any;
      };
      const bds = await call('dataset:open', { jobId: 'b1', path: join(resources, 'blobs-400.csv') });
      const rec = await call('kmeans:run', { jobId: 'ro', datasetId: bds.id, params: { k: 2, workers: 1 } });
      expect(rec.result.algorithm).toBe('kmeans');
      expect(rec.result.clusterSizes.reduce((a: number, b: number) => a + b, 0)).toBe(400);
      expect(rec.saveWarning).toMatch(/Not saved to history/);
      // The run is still there for this session (reports, the charts), though not on disk.
      expect((await call('history:load', { recordId: rec.id })).id).toBe(rec.id);
      const exp = await call('experiment:run', { jobId: 'ex', datasetId: bds.id, spec: { algorithm: 'kmeans', kmeans: { k: 2 }, workers: [1], sizes: [100], repeats: 1 } });
      expect(exp.saveWarning).toMatch(/Not saved to history/);
    } finally {
      await broken.dispose();
    }
  });
});

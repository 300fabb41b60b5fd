// Issue 12, web host file access: what a connected page can read and write, through the real
// Workbench over the WebSocket, and what `npm run serve` says it exposes.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseArgs } from '../../src/main/cli/args.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { exposureMessage } from '../../src/main/webhost/exposure.ts';
import { readHint, serveOptions } from '../../src/main/webhost/serve-options.ts';
import { startWebHost, type WebHost } from '../../src/main/webhost/server.ts';
import type { Envelope } from '../../src/shared/contract/index.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const SECRET = 'root:$6$secretHASHvalue:19000:0:99999:7:::';

let dir: string;
let dataDir: string;
let wb: Workbench;
let host: WebHost;

/** One contract call over a fresh socket, as a page would send it. */
function call(channel: string, payload: unknown): Promise<Envelope<any>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, channel, payload })));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; envelope?: Envelope<any> };
      if (msg.id !== 1 || !msg.envelope) return;
      resolve(msg.envelope);
      ws.close();
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'cb-webfiles-'));
  dataDir = join(dir, 'data');
  const staticDir = join(dir, 'static');
  await mkdir(dataDir);
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(dataDir, 'ok.csv'), 'a,b\n1,2\n3,4\n5,6\n');
  await writeFile(join(dir, 'shadow'), `${SECRET}\n`);
  await writeFile(join(dir, 'numbers.csv'), 'x,y\n11,12\n13,14\n');
  await symlink(join(dir, 'shadow'), join(dataDir, 'link-out.csv'));
  const o = serveOptions(parseArgs(['--data-dir', dataDir, '--history', join(dir, 'history')]), { samplesDir: resources, historyDir: '/nonexistent' });
  wb = new Workbench({ samplesDir: o.samplesDir, historyDir: o.historyDir, transport: 'web', poolSize: 1, dataDirs: o.dataDirs, readHint: readHint(o.dataDirs) });
  host = await startWebHost({ port: 0, workbench: wb, staticDir });
});

afterAll(async () => {
  await host?.close();
  await wb?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('web host: a page reads only samples and --data-dir files, and writes nothing', () => {
  it('opens a sample and a file under --data-dir', async () => {
    expect((await call('dataset:open', { jobId: 'a', path: join(resources, 'blobs-400.csv') })).ok).toBe(true);
    const env = await call('dataset:open', { jobId: 'b', path: join(dataDir, 'ok.csv') });
    expect(env.ok && env.value.rows).toBe(3);
  });

  it('refuses /etc/shadow-like files outside it ("forbidden"), through "..", and through a symlink out of it, quoting nothing', async () => {
    for (const path of [join(dir, 'shadow'), join(dataDir, '..', 'shadow'), join(dataDir, 'link-out.csv'), '/etc/passwd']) {
      const env = await call('dataset:open', { jobId: `x${path}`, path });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('forbidden');
        expect(env.error.message).not.toContain('secretHASH');
        expect(env.error.message).toContain('--data-dir');
      }
    }
  });

  it('a numeric file outside the data folder leaks through neither the preview nor dataset:points', async () => {
    const env = await call('dataset:open', { jobId: 'n', path: join(dir, 'numbers.csv') });
    expect(env.ok).toBe(false);
    const listed = await call('dataset:list', {});
    expect(JSON.stringify(listed)).not.toContain('numbers.csv');
    // Nothing was loaded from it, so there is no id to ask points of; a guessed one is unknown.
    const points = await call('dataset:points', { datasetId: 'ds-1', x: 'x', y: 'y', maxPoints: 10 });
    expect(JSON.stringify(points)).not.toMatch(/\b1[1-4]\b/);
  });

  it('has no report:save channel: the path is never written', async () => {
    const target = join(dir, 'home', '.bashrc');
    const env = await call('report:save', { recordId: 'r', format: 'json', path: target });
    expect(env.ok).toBe(false);
    expect(existsSync(target)).toBe(false);
  });
});

describe('npm run serve flags and start-up message', () => {
  const defaults = { samplesDir: '/s', historyDir: '/h' };
  it('is strict about --data-dir, --allow-remote and unknown flags', () => {
    expect(serveOptions(parseArgs([]), defaults)).toMatchObject({ host: '127.0.0.1', allowRemote: false, dataDirs: [], allowedHosts: [] });
    expect(() => serveOptions(parseArgs(['--data-dir', join(os.tmpdir(), 'no-such-folder-cb')]), defaults)).toThrow('not a folder');
    expect(() => serveOptions(parseArgs(['--allow-remote=yes']), defaults)).toThrow('takes no value');
    expect(() => serveOptions(parseArgs(['--datadir', '/tmp']), defaults)).toThrow('Unknown flag(s): --datadir');
    expect(serveOptions(parseArgs(['--host', '0.0.0.0', '--allow-remote', '--allow-host', 'box.lan, proxy']), defaults)).toMatchObject({ allowRemote: true, allowedHosts: ['box.lan', 'proxy'] });
  });

  it('refuses a non-loopback bind without --allow-remote', async () => {
    await expect(startWebHost({ host: '0.0.0.0', port: 0, handlers: {} })).rejects.toThrow(/--allow-remote/);
  });

  it('says what is exposed: local or remote, which folders are readable, what is written', () => {
    const base = { url: 'http://127.0.0.1:1/?token=t', remote: false, allowedHosts: ['127.0.0.1'], samplesDir: '/s', dataDirs: [] as string[], historyDir: '/h' };
    const local = exposureMessage(base);
    expect(local).toContain('Local only');
    expect(local).toContain('only the samples in /s');
    expect(local).not.toContain('local only;'); // the old message's wording, printed even on 0.0.0.0
    const remote = exposureMessage({ ...base, remote: true, allowedHosts: ['127.0.0.1', 'box.lan'], dataDirs: ['/data'] });
    expect(remote).toContain('REACHABLE FROM OTHER MACHINES');
    expect(remote).toContain('box.lan');
    expect(remote).toContain('under: /data');
    expect(remote).not.toContain('Local only');
  });
});

// Issue 12, web host file access: what a connected page can read and write, through the real
// Workbench over the WebSocket, and what `npm run serve` says it exposes.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
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
import { parseHostMessage } from './webhost-client.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const SECRET = 'root:$6$secretHASHvalue:19000:0:99999:7:::';

let dir: string;
let dataDir: string;
let wb: Workbench;
let host: WebHost;

interface Client {
  call(channel: string, payload: unknown): Promise<Envelope<any>>;
  send(bytes: Buffer): void;
  /** Resolves with the close code and reason when the host ends the connection. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** A page's connection: contract calls by id, binary frames for uploads. */
function connectClient(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
    const waiting = new Map<number, (e: Envelope<any>) => void>();
    let nextId = 1;
    const closed = new Promise<{ code: number; reason: string }>((ok) => ws.on('close', (code, reason) => ok({ code, reason: String(reason) })));
    ws.on('error', reject);
    ws.on('message', (data, isBinary) => {
      const msg = parseHostMessage(data, isBinary) as { id?: number; envelope?: Envelope<any> };
      if (msg.id !== undefined && msg.envelope) waiting.get(msg.id)?.(msg.envelope);
    });
    ws.on('open', () =>
      resolve({
        call: (channel, payload) =>
          new Promise((ok) => {
            const id = nextId++;
            waiting.set(id, ok);
            ws.send(JSON.stringify({ id, channel, payload }));
          }),
        send: (bytes) => ws.send(bytes, { binary: true }),
        closed,
        close: () => ws.close(),
      }),
    );
  });
}

/** One contract call over a fresh connection. */
async function call(channel: string, payload: unknown): Promise<Envelope<any>> {
  const c = await connectClient();
  try {
    return await c.call(channel, payload);
  } finally {
    c.close();
  }
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

describe('web host: uploads (the browser sends bytes, the host decodes them like its own file)', () => {
  const latin1 = join(import.meta.dirname, '..', 'fixtures', 'csv', 'latin1.csv');

  it('a Latin-1 file sent in chunks loads with the encoding warning, its true size and SHA-256, and no host path', async () => {
    const bytes = await readFile(latin1);
    const c = await connectClient();
    try {
      const begun = await c.call('upload:begin', { jobId: 'up-1', name: 'latin1.csv', bytes: bytes.length });
      expect(begun.ok).toBe(true);
      const { uploadId } = begun.ok ? begun.value : { uploadId: '' };
      // Tiny chunks so the file spans several frames (the client uses chunkBytes; any split must work).
      for (let at = 0; at < bytes.length; at += 7) c.send(Buffer.concat([Buffer.from(uploadId), bytes.subarray(at, at + 7)]));
      const env = await c.call('dataset:openUpload', { jobId: 'up-1', uploadId });
      expect(env.ok).toBe(true);
      if (!env.ok) return;
      expect(env.value.name).toBe('latin1.csv');
      expect(env.value.path).toBe('');
      expect(env.value.bytes).toBe(bytes.length);
      expect(env.value.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(env.value.encoding).toBe('windows-1252');
      expect(env.value.warnings.join(' ')).toMatch(/not valid UTF-8; it was read as Latin-1/);
      // The temp file is gone once loaded: the same upload cannot be opened twice.
      const again = await c.call('dataset:openUpload', { jobId: 'up-2', uploadId });
      expect(again.ok ? '' : again.error.code).toBe('upload-unknown');
    } finally {
      c.close();
    }
  });

  it('an incomplete upload is refused with how much arrived; a frame for no upload closes only that connection (1008)', async () => {
    const c = await connectClient();
    const begun = await c.call('upload:begin', { jobId: 'up-3', name: 'x.csv', bytes: 10 });
    const uploadId = begun.ok ? begun.value.uploadId : '';
    c.send(Buffer.concat([Buffer.from(uploadId), Buffer.from('a,b\n')]));
    const env = await c.call('dataset:openUpload', { jobId: 'up-3', uploadId });
    expect(env.ok ? null : env.error).toMatchObject({ code: 'upload-incomplete', message: expect.stringMatching(/4 of 10 bytes arrived/) });
    c.send(Buffer.from('ffffffffffffffffjunk'));
    await expect(c.closed).resolves.toMatchObject({ code: 1008, reason: expect.stringMatching(/names no upload/) });
    // The host still serves everyone else.
    expect((await call('dataset:list', {})).ok).toBe(true);
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
    expect(local).toMatch(/writes run history in \/h and, while an upload loads, a private temp file; reports come back as downloads/);
    expect(local).not.toContain('local only;'); // the old message's wording, printed even on 0.0.0.0
    const remote = exposureMessage({ ...base, remote: true, allowedHosts: ['127.0.0.1', 'box.lan'], dataDirs: ['/data'] });
    expect(remote).toContain('REACHABLE FROM OTHER MACHINES');
    expect(remote).toContain('box.lan');
    expect(remote).toContain('under: /data');
    expect(remote).not.toContain('Local only');
  });
});

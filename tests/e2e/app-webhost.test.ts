// The web host as a transport: token on the page and the socket, static files without traversal,
// the contract over WebSocket (replies by id, events to the calling socket only, validation),
// and jobs cancelled when their socket goes away. Fake handlers: no engine needed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src/main/services/dispatch.ts';
import { resolveStaticPath } from '../../src/main/webhost/static.ts';
import { startWebHost, type WebHost } from '../../src/main/webhost/server.ts';
import { contractClient, httpGet as sharedHttpGet, type ContractClient } from './webhost-client.ts';

let staticDir: string;
let host: WebHost;
const cancelled: string[] = [];
/** Resolvers of fake jobs still running, by job id. */
const running = new Map<string, (v: unknown) => void>();

const handlers: Partial<Handlers> = {
  'dataset:samples': async () => [{ name: 'a.csv', path: '/x/a.csv', bytes: 3, description: 'fake' }],
  'kmeans:run': ({ jobId }, ctx) =>
    new Promise((resolve, reject) => {
      ctx.emit({ type: 'progress', progress: { jobId, phase: 'kmeans', fraction: 0.5, message: 'half', elapsedMs: 1, etaMs: 1 } });
      running.set(jobId, resolve as (v: unknown) => void);
      // A job that only ends when cancelled (or resolved by the test).
      running.set(`${jobId}:reject`, () => reject(Object.assign(new Error('cancelled'), { name: 'CancelledError' })));
    }),
  'job:cancel': async ({ jobId }) => {
    cancelled.push(jobId);
    running.get(`${jobId}:reject`)?.(undefined);
    return { cancelled: true };
  },
};

const httpGet = (path: string, headers: Record<string, string> = {}) => sharedHttpGet(host.port, path, headers);
const connect = (token = host.token, headers: Record<string, string> = {}): Promise<ContractClient> => contractClient(host.port, token, headers);

beforeAll(async () => {
  staticDir = await mkdtemp(join(os.tmpdir(), 'clusterbench-static-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
  host = await startWebHost({ port: 0, handlers, staticDir });
});

afterAll(async () => {
  await host?.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('web host: HTTP', () => {
  it('binds to loopback on a free port and prints a URL with a 64-hex-digit token', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the page only with the token, with a CSP header that forbids framing', async () => {
    expect((await httpGet('/')).status).toBe(401);
    expect((await httpGet('/?token=wrong')).status).toBe(401);
    // One character off (a fixed '0' would be the real token whenever it already ends in '0').
    const offByOne = host.token.slice(0, -1) + (host.token.endsWith('0') ? '1' : '0');
    expect((await httpGet(`/?token=${offByOne}`)).status).toBe(401);
    const ok = await httpGet(`/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('text/html; charset=utf-8');
    expect(ok.body).toContain('<title>t</title>');
    expect(String(ok.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('serves assets with their MIME types', async () => {
    const js = await httpGet('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.type).toBe('text/javascript; charset=utf-8');
    expect((await httpGet('/assets/app.css')).type).toBe('text/css; charset=utf-8');
    expect((await httpGet('/assets/missing.js')).status).toBe(404);
    expect((await httpGet('/assets')).status).toBe(404); // a directory is not a file
  });

  it('never serves files outside the build folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json', '/%00index.html', '/%E0%A4%A']) {
      const res = await httpGet(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('"name"');
    }
    expect(resolveStaticPath('/srv/web', '/a/../../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/web', '/assets/x.js')).toBe('/srv/web/assets/x.js');
  });

  it('refuses other host names (DNS rebinding) and other methods', async () => {
    expect((await httpGet(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
    const post = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(post).toBe(405);
  });
});

describe('web host: contract over WebSocket', () => {
  it('refuses a socket without the right token (401) or from another origin (403)', async () => {
    await expect(connect('nope')).rejects.toThrow('HTTP 401');
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(host.token, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const same = await connect(host.token, { Origin: `http://127.0.0.1:${host.port}` });
    same.ws.close();
  });

  it('answers calls by id in envelopes, including validation and unknown-channel errors', async () => {
    const c = await connect();
    try {
      const samples = await c.call('dataset:samples', {});
      expect(samples).toEqual({ ok: true, value: [{ name: 'a.csv', path: '/x/a.csv', bytes: 3, description: 'fake' }] });
      const bad = await c.call('kmeans:run', { jobId: 'j', datasetId: 'd', params: { k: 0 } });
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.error.code).toBe('invalid-payload');
      const unknown = await c.call('nope:channel', {});
      expect(!unknown.ok && unknown.error.code).toBe('unknown-channel');
      const unsupported = await c.call('dialog:openCsv', {});
      expect(!unsupported.ok && unsupported.error.code).toBe('unsupported');
    } finally {
      c.ws.close();
    }
  });

  it('sends progress events to the calling socket only, and cancellation ends the call as "cancelled"', async () => {
    const a = await connect();
    const b = await connect();
    try {
      const pending = a.call('kmeans:run', { jobId: 'job-a', datasetId: 'd', params: { k: 2 } });
      await expect.poll(() => a.events.length).toBe(1);
      expect(a.events[0]).toMatchObject({ type: 'progress', progress: { jobId: 'job-a', fraction: 0.5 } });
      // b cancels a's job by id (ids are the capability), but never sees a's events.
      const cancel = await b.call('job:cancel', { jobId: 'job-a' });
      expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
      const result = await pending;
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('cancelled');
      expect(b.events).toEqual([]);
    } finally {
      a.ws.close();
      b.ws.close();
    }
  });

  it('cancels the jobs of a socket that closes', async () => {
    const c = await connect();
    void c.call('kmeans:run', { jobId: 'job-orphan', datasetId: 'd', params: { k: 2 } });
    await expect.poll(() => c.events.length).toBe(1);
    c.ws.close();
    await expect.poll(() => cancelled.includes('job-orphan')).toBe(true);
  });

  it('closes the socket on a malformed message', async () => {
    const c = await connect();
    const closed = new Promise<number>((resolve) => c.ws.on('close', (code) => resolve(code)));
    c.ws.send('not json');
    expect(await closed).toBe(1007);
  });
});

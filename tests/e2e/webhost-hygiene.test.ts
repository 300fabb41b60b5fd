// Web host hygiene (issue 12): every spelling of the index path goes through the token check,
// symlinks cannot publish files outside the served folder, binding beyond loopback needs an
// explicit opt-in and keeps the Host allow-list, and the Electron trust check compares origins.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedUrlCheck } from '../../src/main/trusted-url.ts';
import { normaliseRequestPath } from '../../src/main/webhost/paths.ts';
import { startWebHost, type WebHost } from '../../src/main/webhost/server.ts';
import { httpGet } from './webhost-client.ts';

let root: string;
let staticDir: string;
let host: WebHost;
const SECRET = 'outside-secret-4f1c';

beforeAll(async () => {
  root = await mkdtemp(join(os.tmpdir(), 'clusterbench-hygiene-'));
  staticDir = join(root, 'web');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>index</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'outside', 'secret.txt'), SECRET);
  await symlink(join(root, 'outside', 'secret.txt'), join(staticDir, 'assets', 'leak.txt'));
  await symlink(join(root, 'outside'), join(staticDir, 'linked-dir'));
  host = await startWebHost({ port: 0, handlers: {}, staticDir });
});

afterAll(async () => {
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

const indexSpellings = ['/%69ndex.html', '/index.html/', '/index.html//', '/%2Findex.html', '/index%2ehtml', '//index.html', '/./index.html', '/assets/../index.html', '/INDEX.HTML'];

describe('web host: one canonical path before routing', () => {
  it('never serves the index page without the token, whatever the spelling', async () => {
    for (const path of indexSpellings) {
      const res = await httpGet(host.port, path);
      expect(res.status, path).not.toBe(200);
      expect(res.body, path).not.toContain('<title>index</title>');
    }
  });

  it('every page it does serve carries the CSP and framing headers', async () => {
    for (const path of indexSpellings) {
      const res = await httpGet(host.port, `${path}?token=${host.token}`);
      if (res.status !== 200) continue;
      expect(String(res.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
    }
    expect((await httpGet(host.port, `/%69ndex.html?token=${host.token}`)).status).toBe(200);
  });

  it('normalises paths to one form and refuses encoded separators', () => {
    expect(normaliseRequestPath('/%69ndex.html')).toBe('/index.html');
    expect(normaliseRequestPath('/index.html//')).toBe('/index.html');
    expect(normaliseRequestPath('/%2Findex.html')).toBeNull();
    expect(normaliseRequestPath('/a%5cb')).toBeNull();
    expect(normaliseRequestPath('/a/../b')).toBeNull();
    expect(normaliseRequestPath('/%E0%A4%A')).toBeNull();
    expect(normaliseRequestPath('/assets/x.js?v=1')).toBe('/assets/x.js');
  });
});

describe('web host: symlinks', () => {
  it('does not follow a symlink out of the served folder', async () => {
    for (const path of ['/assets/leak.txt', '/linked-dir/secret.txt']) {
      const res = await httpGet(host.port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain(SECRET);
    }
    expect((await httpGet(host.port, '/assets/app.js')).status).toBe(200);
  });
});

describe('web host: binding beyond loopback', () => {
  it('refuses a wildcard or LAN bind without the explicit opt-in', async () => {
    await expect(startWebHost({ port: 0, host: '0.0.0.0', handlers: {}, staticDir })).rejects.toThrow(/allow-remote/);
    await expect(startWebHost({ port: 0, host: '::', handlers: {}, staticDir })).rejects.toThrow(/allow-remote/);
  });

  it('with the opt-in, still refuses Host names that are not this machine (DNS rebinding)', async () => {
    const remote = await startWebHost({ port: 0, host: '0.0.0.0', allowRemote: true, handlers: {}, staticDir });
    try {
      expect(remote.remote).toBe(true);
      expect((await httpGet(remote.port, `/?token=${remote.token}`, { Host: `evil.example:${remote.port}` })).status).toBe(403);
      expect((await httpGet(remote.port, `/?token=${remote.token}`, { Host: `127.0.0.1:${remote.port}` })).status).toBe(200);
      expect((await httpGet(remote.port, `/?token=${remote.token}`)).status).toBe(200);
    } finally {
      await remote.close();
    }
  });

  it('a loopback bind is not remote', () => {
    expect(host.remote).toBe(false);
  });
});

describe('Electron trust check', () => {
  it('compares the dev server origin exactly, not as a prefix', () => {
    const trusted = trustedUrlCheck('http://localhost:5173', 'http://localhost:5173');
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/index.html?x=1#y')).toBe(true);
    expect(trusted('http://localhost:51730/')).toBe(false);
    expect(trusted('http://localhost:5173.evil.example/')).toBe(false);
    expect(trusted('http://localhost:5173@evil.example/')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted('not a url')).toBe(false);
  });

  it('in a packaged app trusts only the renderer file itself', () => {
    const page = pathToFileURL('/opt/app/out/renderer/index.html').href;
    const trusted = trustedUrlCheck(page);
    expect(trusted(page)).toBe(true);
    expect(trusted(`${page}?q=1#h`)).toBe(true);
    expect(trusted(pathToFileURL('/opt/app/out/renderer/other.html').href)).toBe(false);
    expect(trusted(pathToFileURL('/tmp/index.html').href)).toBe(false);
    expect(trusted('http://localhost:5173/')).toBe(false);
  });
});

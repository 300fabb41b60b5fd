// Issue 12, Electron edge: the real ipc.ts over a stand-in for Electron's ipcMain and dialog.
// What the renderer can reach: no channel writes a path it names; dataset:open reads only what the
// user chose (main's open dialog, a drop reported by the preload from the app's own frame).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/contract/index.ts';

type Frame = { url: string; parent: Frame | null };
type InvokeHandler = (e: unknown, payload: unknown) => Promise<Envelope<any>>;
type SyncHandler = (e: { senderFrame: Frame | null; returnValue?: unknown }, arg: unknown) => void;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, InvokeHandler>(),
  listeners: new Map<string, SyncHandler>(),
  openPaths: [] as string[],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: InvokeHandler) => electron.handlers.set(channel, fn),
    on: (channel: string, fn: SyncHandler) => electron.listeners.set(channel, fn),
  },
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: [electron.openPaths.shift()!] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
}));

const { bindIpc } = await import('../../src/main/ipc.ts');
const { Workbench } = await import('../../src/main/services/workbench.ts');

const APP_URL = 'file:///app/out/renderer/index.html';
const resources = join(import.meta.dirname, '..', '..', 'resources');
const appFrame: Frame = { url: APP_URL, parent: null };
const sender = { isDestroyed: () => false, send: () => undefined };

describe('ipc.ts: read grants and the channels it binds', () => {
  let dir: string;
  let wb: InstanceType<typeof Workbench>;
  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-ipc-'));
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'electron', poolSize: 1, grantsFile: join(dir, 'grants.json') });
    bindIpc(wb, () => null, (url) => url === APP_URL);
  });
  afterAll(async () => {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const invoke = (channel: string, payload: unknown, frame: Frame = appFrame) => {
    const h = electron.handlers.get(`clusterbench:${channel}`);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frame, sender }, payload);
  };
  const dropGrant = (path: unknown, frame: Frame | null = appFrame) => {
    const e: { senderFrame: Frame | null; returnValue?: unknown } = { senderFrame: frame };
    electron.listeners.get('clusterbench:grant:dropped')!(e, path);
    return e.returnValue;
  };
  const csv = async (name: string) => {
    const p = join(dir, name);
    await writeFile(p, 'a,b\n1,2\n3,4\n5,6\n');
    return p;
  };

  it('binds no channel that writes a path the renderer names (report:save)', () => {
    expect([...electron.handlers.keys()].some((c) => c.includes('report:save'))).toBe(false);
    expect(electron.handlers.has('clusterbench:dialog:saveReport')).toBe(true);
    // Uploads are the web host's (a page has no paths); the window gets paths from main instead.
    expect(electron.handlers.has('clusterbench:upload:begin')).toBe(false);
    expect(electron.handlers.has('clusterbench:dataset:samples')).toBe(false); // the window gets samples from app:info
    expect(electron.handlers.has('clusterbench:dataset:openUpload')).toBe(false);
    expect(electron.handlers.has('clusterbench:dataset:open')).toBe(true);
  });

  it('opens samples, refuses other paths with "forbidden", opens the file chosen in main\'s dialog', async () => {
    expect((await invoke('dataset:open', { jobId: 's', path: join(resources, 'blobs-400.csv') })).ok).toBe(true);
    const chosen = await csv('chosen.csv');
    const refused = await invoke('dataset:open', { jobId: 'r', path: chosen });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    electron.openPaths.push(chosen);
    expect(await invoke('dialog:openCsv', {})).toEqual({ ok: true, value: { path: chosen } });
    const opened = await invoke('dataset:open', { jobId: 'o', path: chosen });
    expect(opened.ok && opened.value.rows).toBe(3);
  });

  it('grants a dropped file reported from the app frame only; remembers grants for the next session', async () => {
    const dropped = await csv('dropped.csv');
    expect(dropGrant(dropped, { url: 'https://evil.example/', parent: null })).toBe(false);
    expect(dropGrant(dropped, { url: APP_URL, parent: appFrame })).toBe(false); // a subframe of the app
    expect(dropGrant(dropped, null)).toBe(false);
    expect(dropGrant('relative/path.csv')).toBe(false);
    expect(dropGrant({ path: dropped })).toBe(false);
    expect((await invoke('dataset:open', { jobId: 'd0', path: dropped })).ok).toBe(false);
    expect(dropGrant(dropped)).toBe(true);
    expect((await invoke('dataset:open', { jobId: 'd1', path: dropped })).ok).toBe(true);
    // The recent list of the next session: main's own grants file, read by a new Workbench.
    await vi.waitFor(async () => {
      const next = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'electron', poolSize: 1, grantsFile: join(dir, 'grants.json') });
      try {
        expect(next.readGrants.allows(dropped)).toBe(true);
      } finally {
        await next.dispose();
      }
    }, { timeout: 15_000, interval: 100 }); // the grants file is written in the background; a loaded CI machine is slow
  });

  it('refuses an /etc/shadow-like file ("forbidden"), quoting none of it, and loads nothing from it', async () => {
    const shadow = join(dir, 'shadow');
    await writeFile(shadow, 'root:$6$secretHASHvalue:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n');
    for (const path of [shadow, join(dir, '.', 'x', '..', 'shadow'), '/etc/shadow']) {
      const env = await invoke('dataset:open', { jobId: `sh-${path}`, path });
      expect(env.ok ? null : env.error.code).toBe('forbidden');
      expect(JSON.stringify(env)).not.toContain('secretHASH');
    }
    const listed = await invoke('dataset:list', {});
    expect(JSON.stringify(listed)).not.toContain('shadow');
  });

  it('refuses every call from a frame that is not the app', async () => {
    const env = await invoke('history:list', {}, { url: 'https://evil.example/', parent: null });
    expect(env.ok ? null : env.error.code).toBe('forbidden');
  });
});

// The preload (the renderer's only door to main), over a stand-in for Electron: it exposes the
// contract's channels minus the web host's upload channels, never raw IPC, and tells main about a
// dropped file only with the path Electron resolved from a real File.
import { describe, expect, it, vi } from 'vitest';
import type { ClusterbenchApi } from '../../src/shared/contract/index.ts';
import { REQUEST_CHANNELS, WEB_ONLY_CHANNELS, WINDOW_CHANNELS } from '../../src/shared/contract/index.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as string[],
  syncSent: [] as [string, unknown][],
  paths: new Map<unknown, string>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (channel: string) => {
      electron.invoked.push(channel);
      return { ok: true, value: null };
    },
    sendSync: (channel: string, arg: unknown) => {
      electron.syncSent.push([channel, arg]);
      return true;
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
  webUtils: { getPathForFile: (file: unknown) => electron.paths.get(file) ?? '' },
}));

await import('../../src/preload/index.ts');
const api = electron.exposed.get('clusterbench') as ClusterbenchApi;

describe('preload', () => {
  it('exposes one object, the contract api, and nothing that reaches ipcRenderer directly', () => {
    expect([...electron.exposed.keys()]).toEqual(['clusterbench']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'pathForFile', 'transport']);
  });

  it('forwards the window channels, refuses unknown ones, report:save, the web-only upload channels and dataset:samples', async () => {
    expect(WINDOW_CHANNELS.length).toBe(REQUEST_CHANNELS.length - WEB_ONLY_CHANNELS.length - 1);
    for (const channel of WINDOW_CHANNELS) await api.invoke(channel, {} as never);
    expect(electron.invoked).toEqual(WINDOW_CHANNELS.map((c) => `clusterbench:${c}`));
    electron.invoked.length = 0;
    for (const channel of ['report:save', 'upload:begin', 'dataset:openUpload', 'dataset:samples', 'grant:dropped', '__proto__']) {
      await expect(api.invoke(channel as never, {} as never)).rejects.toThrow(/Unknown channel/);
    }
    expect(electron.invoked).toEqual([]);
  });

  it('grants a dropped file with the path Electron resolved; a File the page made (no path) grants nothing', () => {
    const dropped = { name: 'real.csv' };
    electron.paths.set(dropped, '/home/u/real.csv');
    expect(api.pathForFile!(dropped as never)).toBe('/home/u/real.csv');
    expect(api.pathForFile!({ name: 'made-by-page.csv' } as never)).toBe('');
    expect(electron.syncSent).toEqual([['clusterbench:grant:dropped', '/home/u/real.csv']]);
  });
});

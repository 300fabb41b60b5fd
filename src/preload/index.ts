// Electron edge #3: exposes exactly the contract as window.clusterbench — no raw ipcRenderer,
// and listeners never see the IpcRendererEvent. Bundled into one CommonJS file (sandbox: true).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ClusterbenchApi, WorkbenchEvent } from '../shared/contract/api.ts';
import { CHANNEL_PREFIX, EVENT_CHANNEL, isRequestChannel } from '../shared/contract/channels.ts';
import { unwrapEnvelope } from '../shared/contract/envelope.ts';

const api: ClusterbenchApi = {
  transport: 'electron',
  async invoke(channel, payload) {
    if (!isRequestChannel(channel)) throw new Error(`Unknown channel "${String(channel)}"`);
    return unwrapEnvelope(await ipcRenderer.invoke(CHANNEL_PREFIX + channel, payload));
  },
  onEvent(listener) {
    const handler = (_e: unknown, event: WorkbenchEvent) => listener(event);
    ipcRenderer.on(CHANNEL_PREFIX + EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(CHANNEL_PREFIX + EVENT_CHANNEL, handler);
    };
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('clusterbench', api);

// Electron edge #3: exposes exactly the contract as window.clusterbench — no raw ipcRenderer,
// and listeners never see the IpcRendererEvent. Bundled into one CommonJS file (sandbox: true).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ClusterbenchApi, WorkbenchEvent } from '../shared/contract/api.ts';
import { CHANNEL_PREFIX, DROP_GRANT_CHANNEL, EVENT_CHANNEL, isRequestChannel, WINDOW_CHANNELS } from '../shared/contract/channels.ts';
import { unwrapEnvelope } from '../shared/contract/envelope.ts';

const api: ClusterbenchApi = {
  transport: 'electron',
  async invoke(channel, payload) {
    if (!isRequestChannel(channel) || !WINDOW_CHANNELS.includes(channel)) throw new Error(`Unknown channel "${String(channel)}"`);
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
    // Only a File the user dropped or picked has a path (a File the page builds itself has ''), so
    // the page cannot name a path here. Synchronous: main has granted it before the page's next call.
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.sendSync(CHANNEL_PREFIX + DROP_GRANT_CHANNEL, path);
    return path;
  },
};

contextBridge.exposeInMainWorld('clusterbench', api);

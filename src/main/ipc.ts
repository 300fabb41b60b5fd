// Electron edge #2: binds the contract to ipcMain. Checks the sender, then hands the raw payload
// to the transport-free dispatcher, which validates it. Nothing else lives here.
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, EVENT_CHANNEL, REQUEST_CHANNELS, type Envelope, type WorkbenchEvent } from '../shared/contract/index.ts';
import { createDispatch } from './services/dispatch.ts';
import type { Workbench } from './services/workbench.ts';

export function bindIpc(workbench: Workbench, window: () => BrowserWindow | null, isTrustedUrl: (url: string) => boolean): void {
  const dispatch = createDispatch({
    ...workbench.handlers(),
    'dialog:openCsv': async () => {
      const win = window();
      const opts = { properties: ['openFile' as const], filters: [{ name: 'CSV', extensions: ['csv', 'tsv', 'txt'] }] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return { path: r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0] };
    },
    'dialog:saveReport': async ({ recordId, format }) => {
      const rec = await workbench.record(recordId);
      const { fileName } = await workbench.renderReport(rec, format);
      const win = window();
      const opts = { defaultPath: fileName, filters: [{ name: format.toUpperCase(), extensions: [format] }] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return { path: null };
      return { path: await workbench.saveReport(rec, format, r.filePath) };
    },
  });

  const trusted = (e: IpcMainInvokeEvent): boolean => {
    const frame = e.senderFrame;
    return frame !== null && frame.parent === null && isTrustedUrl(frame.url);
  };

  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(CHANNEL_PREFIX + channel, async (e, payload: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused' } };
      const emit = (ev: WorkbenchEvent) => {
        if (!e.sender.isDestroyed()) e.sender.send(CHANNEL_PREFIX + EVENT_CHANNEL, ev);
      };
      return dispatch(channel, payload, { emit });
    });
  }
}

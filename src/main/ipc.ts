// Electron edge #2: binds the contract to ipcMain. Checks the sender, then hands the raw payload
// to the transport-free dispatcher, which validates it. Also where main grants read access to the
// files the user chose (open dialog, drop): nothing else may be opened besides samples.
import { dialog, ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isAbsolute } from 'node:path';
import { CHANNEL_PREFIX, DROP_GRANT_CHANNEL, EVENT_CHANNEL, REQUEST_CHANNELS, WINDOW_CHANNELS, type Envelope, type WorkbenchEvent } from '../shared/contract/index.ts';
import { createDispatch } from './services/dispatch.ts';
import type { Workbench } from './services/workbench.ts';

export function bindIpc(workbench: Workbench, window: () => BrowserWindow | null, isTrustedUrl: (url: string) => boolean): void {
  const dispatch = createDispatch({
    ...workbench.handlers(),
    'dialog:openCsv': async () => {
      const win = window();
      const opts = { properties: ['openFile' as const], filters: [{ name: 'CSV', extensions: ['csv', 'tsv', 'txt'] }] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      if (r.canceled || r.filePaths.length === 0) return { path: null };
      workbench.readGrants.grant(r.filePaths[0]); // the user chose it in main's own dialog
      return { path: r.filePaths[0] };
    },
    'dialog:saveReport': async (req) => {
      const format = req.format;
      const subject = await workbench.reportSubject(req);
      const { fileName } = await workbench.renderSubject(subject, format);
      const win = window();
      const opts = { defaultPath: fileName, filters: [{ name: format.toUpperCase(), extensions: [format] }] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return { path: null };
      return { path: await workbench.saveReport(subject, format, r.filePath) };
    },
  });

  const trusted = (e: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const frame = e.senderFrame;
    return frame !== null && frame.parent === null && isTrustedUrl(frame.url);
  };

  for (const channel of REQUEST_CHANNELS) {
    if (!WINDOW_CHANNELS.includes(channel)) continue; // uploads are for browser pages; see WINDOW_CHANNELS
    ipcMain.handle(CHANNEL_PREFIX + channel, async (e, payload: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused' } };
      const emit = (ev: WorkbenchEvent) => {
        if (!e.sender.isDestroyed()) e.sender.send(CHANNEL_PREFIX + EVENT_CHANNEL, ev);
      };
      return dispatch(channel, payload, { emit });
    });
  }

  // The preload's word that the user dropped or picked this file (see DROP_GRANT_CHANNEL). The page
  // itself cannot send raw IPC (contextIsolation); a frame that is not the app's is ignored.
  ipcMain.on(CHANNEL_PREFIX + DROP_GRANT_CHANNEL, (e, path: unknown) => {
    const ok = trusted(e) && typeof path === 'string' && isAbsolute(path);
    if (ok) workbench.readGrants.grant(path);
    e.returnValue = ok; // a sync message must be answered or the renderer blocks
  });
}

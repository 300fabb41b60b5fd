// Saving the record on screen as a report: a native dialog in Electron, a download in the browser.
import type { ReportFormat } from '../../../shared/contract/api.ts';
import { errorInfo, type StoreContext } from './context.ts';

export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createReport({ state, api, call }: StoreContext) {
  /** Electron: native save dialog. Web: render on the host, download through a Blob link. */
  async function saveReport(format: ReportFormat = 'html'): Promise<string | null> {
    const recordId = state.currentRecordId;
    if (!recordId) {
      state.notice = { kind: 'info', text: 'Nothing to save yet: run something or reopen a record from History.' };
      return null;
    }
    try {
      if (api().transport === 'electron') {
        const { path } = await call('dialog:saveReport', { recordId, format });
        if (path) state.notice = { kind: 'info', text: `Report saved to ${path}` };
        return path;
      }
      const report = await call('report:render', { recordId, format });
      downloadText(report.fileName, report.mime, report.text);
      state.notice = { kind: 'info', text: `Report downloaded as ${report.fileName}` };
      return report.fileName;
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not save the report: ${errorInfo(err).message}` };
      return null;
    }
  }

  return { saveReport };
}

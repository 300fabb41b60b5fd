// Saving the record on screen as a report: a native dialog in Electron, a download in the browser.
import type { ReportFormat } from '../../../shared/contract/api.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { StoreState } from './state.ts';

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

/**
 * What "Save report" saves: the record on screen; with a k sweep on the same data, the HTML report
 * gets the sweep as a section; a sweep newer than the record (or with no record) is saved alone.
 */
export function reportTarget(state: Pick<StoreState, 'currentRecordId' | 'run' | 'experiment' | 'sweep' | 'sweepIsLatest'>, format: ReportFormat): { recordId?: string; sweepId?: string } | null {
  const rec = [state.run, state.experiment].find((r) => r && r.id === state.currentRecordId) ?? null;
  const sweep = state.sweep?.id && (format === 'html' || format === 'json') ? state.sweep : null;
  if (rec && sweep && format === 'html' && sweep.dataset.hash === rec.dataset.hash) return { recordId: rec.id, sweepId: sweep.id };
  if (sweep && (!rec || state.sweepIsLatest)) return { sweepId: sweep.id };
  if (state.currentRecordId) return { recordId: state.currentRecordId };
  return null;
}

export function createReport({ state, api, call }: StoreContext) {
  /** Electron: native save dialog. Web: render on the host, download through a Blob link. */
  async function saveReport(format: ReportFormat = 'html'): Promise<string | null> {
    const target = reportTarget(state, format);
    if (!target) {
      state.notice = { kind: 'info', text: 'Nothing to save yet: run something, sweep k, or reopen a record from History.' };
      return null;
    }
    try {
      if (api().transport === 'electron') {
        const { path } = await call('dialog:saveReport', { ...target, format });
        if (path) state.notice = { kind: 'info', text: `Report saved to ${path}` };
        return path;
      }
      const report = await call('report:render', { ...target, format });
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

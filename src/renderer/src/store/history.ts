// Saved records: the History list, reopening or deleting one, and which record is on screen.
import type { HistoryEntry } from '../../../shared/contract/api.ts';
import type { RecordView } from '../../../shared/types.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { Dataset } from './dataset.ts';

export function historyState() {
  return {
    history: [] as HistoryEntry[],
    historyWarnings: [] as string[],
    /** The record "Save report" writes: the last one produced or reopened. */
    currentRecordId: null as string | null,
    /** A k sweep was run or opened after the record on screen: "Save report" saves the sweep (see report.ts). */
    sweepIsLatest: false,
  };
}

export function createHistory({ state, call }: StoreContext, { refreshScatter, ensureDatasetFor }: Pick<Dataset, 'refreshScatter' | 'ensureDatasetFor'>) {
  async function refreshHistory(): Promise<void> {
    try {
      const { entries, warnings } = await call('history:list', {});
      state.history = entries;
      state.historyWarnings = warnings;
    } catch (err) {
      state.historyWarnings = [errorInfo(err).message];
    }
  }

  /** Puts a new or reopened record on screen, on the tab that shows it. */
  async function showRecord(rec: RecordView): Promise<void> {
    state.currentRecordId = rec.id;
    state.sweepIsLatest = false;
    // The host returns a finished run even when its history write failed: say it is not on disk.
    if (rec.saveWarning) state.notice = { kind: 'error', text: rec.saveWarning };
    if (rec.kind === 'run') {
      state.run = rec;
      state.tab = rec.result.algorithm === 'ekm' ? 'ekm' : 'clusters';
      await refreshScatter();
    } else {
      state.experiment = rec;
      state.tab = 'scaling';
    }
    void refreshHistory();
  }

  /** A k sweep from History: its data reopened, the sweep on the Choose k tab. */
  async function openSweep(sweepId: string): Promise<void> {
    try {
      const doc = await call('sweep:load', { sweepId });
      await ensureDatasetFor({ id: sweepId, dataset: doc.dataset }).catch(() => undefined);
      state.sweep = doc;
      state.sweepIsLatest = true;
      state.tab = 'sweep';
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not open this sweep: ${errorInfo(err).message}` };
    }
  }

  async function openRecord(recordId: string): Promise<void> {
    if (state.history.find((e) => e.id === recordId)?.kind === 'sweep') return openSweep(recordId);
    try {
      const rec = await call('history:load', { recordId });
      if (rec.kind === 'run') {
        state.run = rec;
        await ensureDatasetFor(rec).catch(() => undefined);
      }
      await showRecord(rec);
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not open this record: ${errorInfo(err).message}` };
    }
  }

  async function deleteRecord(recordId: string): Promise<void> {
    try {
      await call('history:delete', { recordId });
      state.compareSelection = state.compareSelection.filter((id) => id !== recordId);
      if (state.run?.id === recordId) state.run = null;
      if (state.experiment?.id === recordId) state.experiment = null;
      if (state.sweep?.id === recordId) state.sweep = null;
      if (state.currentRecordId === recordId) state.currentRecordId = state.run?.id ?? state.experiment?.id ?? null;
      if (state.scatter && !state.run) await refreshScatter();
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not delete: ${errorInfo(err).message}` };
    }
    await refreshHistory();
  }

  return { refreshHistory, showRecord, openRecord, deleteRecord };
}

export type History = ReturnType<typeof createHistory>;

// The app's k sweeps: kept in history beside the runs (sweep-history.ts), so History lists them,
// opens them and restores their settings, and a report saved after a sweep can include it (the
// page names the sweep by id): a run's HTML report with the sweep section added, or the sweep's
// own report when there is no run.
import type { HistoryEntry, ReportFormat, ReportText } from '../../shared/contract/api.ts';
import type { SweepDocument } from '../../shared/analysis.ts';
import type { WorkbenchRecord } from '../../shared/types.ts';
import { renderSweepHtml } from '../report/html/sweep.ts';
import { notSavedWarning } from './records.ts';
import { newSweepId, SweepHistory } from './sweep-history.ts';

/** Sweeps held in memory (the newest; the rest are read back from history). */
export const SWEEPS_IN_MEMORY = 16;

export class SweepStore {
  private readonly docs = new Map<string, SweepDocument>();
  readonly history: SweepHistory;

  constructor(dir: string) {
    this.history = new SweepHistory(dir);
  }

  /** Gives the sweep an id, keeps it and saves it; a failed write is a warning on the sweep, not an error. */
  async keep(doc: SweepDocument): Promise<SweepDocument> {
    const kept: SweepDocument = { ...doc, id: newSweepId() };
    this.remember(kept);
    try {
      await this.history.save(kept);
    } catch (err) {
      kept.saveWarning = notSavedWarning(err);
    }
    return kept;
  }

  private remember(doc: SweepDocument): void {
    this.docs.delete(doc.id!);
    this.docs.set(doc.id!, doc);
    for (const oldest of this.docs.keys()) {
      if (this.docs.size <= SWEEPS_IN_MEMORY) break;
      this.docs.delete(oldest);
    }
  }

  async get(id: string): Promise<SweepDocument> {
    const known = this.docs.get(id);
    if (known) return known;
    const doc = await this.history.load(id);
    this.remember(doc);
    return doc;
  }

  async delete(id: string): Promise<void> {
    this.docs.delete(id);
    await this.history.delete(id);
  }
}

/** What a report is of: a record, a sweep, or a record with the sweep run on its data. */
export interface ReportSubject {
  rec: WorkbenchRecord | null;
  sweep: SweepDocument | null;
}

/** Refuses a sweep on other data than the record it would be reported with. */
export function checkReportSubject({ rec, sweep }: ReportSubject, format: ReportFormat): void {
  if (!rec && !sweep) throw new Error('Nothing to report: name a record or a sweep');
  if (rec && sweep) {
    if (format !== 'html') throw new Error(`A sweep goes into the HTML report only; the ${format} export is of the record alone`);
    if (sweep.dataset.hash !== rec.dataset.hash) {
      throw new Error(`The sweep was run on ${sweep.dataset.name} (SHA-256 ${sweep.dataset.hash.slice(0, 12)}…), the record on ${rec.dataset.name} (${rec.dataset.hash.slice(0, 12)}…): one report cannot hold both`);
    }
  }
}

/** The report of a sweep alone: its HTML page, or its JSON document. */
export function sweepReport(doc: SweepDocument, format: ReportFormat): ReportText {
  const r = doc.sweep;
  const base = `k-sweep-${r.params.kFrom}-${r.params.kTo}-${doc.dataset.name}`.replace(/[^\w.-]+/g, '_').slice(0, 80);
  if (format === 'html') return { fileName: `${base}.html`, mime: 'text/html', text: renderSweepHtml(doc) };
  if (format === 'json') return { fileName: `${base}.json`, mime: 'application/json', text: JSON.stringify(doc, null, 2) + '\n' };
  throw new Error(`A sweep has no per-row labels, so there is no ${format === 'csv' ? 'labels CSV' : 'labelled data'} of it; save it as HTML or JSON, or run one k and export that run`);
}

/** Runs, experiments and sweeps in one History list, newest first. */
export function mergeHistory(records: HistoryEntry[], warnings: string[], sweeps: { entries: HistoryEntry[]; warnings: string[] }): { entries: HistoryEntry[]; warnings: string[] } {
  const entries = [...records, ...sweeps.entries].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? 1 : -1));
  return { entries, warnings: [...warnings, ...sweeps.warnings] };
}

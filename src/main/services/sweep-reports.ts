// The k sweeps of this session, kept in main so a report saved after a sweep can include it
// (the page names the sweep by id): a run's HTML report with the sweep section added, or the
// sweep's own report when there is no run. Sweeps are not history records; they live as long as
// the session (the newest few), and the CLI writes them to files with --json / --report.
import { randomUUID } from 'node:crypto';
import type { ReportFormat, ReportText } from '../../shared/contract/api.ts';
import type { SweepDocument } from '../../shared/analysis.ts';
import type { WorkbenchRecord } from '../../shared/types.ts';
import { renderSweepHtml } from '../report/html/sweep.ts';

/** Sweeps kept per session (each holds one small point per k). */
export const SWEEPS_IN_MEMORY = 16;

export class SweepStore {
  private readonly docs = new Map<string, SweepDocument>();

  /** Gives the sweep an id and keeps it (dropping the oldest beyond the bound). */
  keep(doc: SweepDocument): SweepDocument {
    const kept: SweepDocument = { ...doc, id: `sweep-${randomUUID()}` };
    this.docs.set(kept.id!, kept);
    for (const oldest of this.docs.keys()) {
      if (this.docs.size <= SWEEPS_IN_MEMORY) break;
      this.docs.delete(oldest);
    }
    return kept;
  }

  get(id: string): SweepDocument {
    const doc = this.docs.get(id);
    if (!doc) throw Object.assign(new Error(`No sweep "${id}" in this session (sweeps are kept until the app closes, the newest ${SWEEPS_IN_MEMORY}); run the sweep again to report it.`), { code: 'not-found' });
    return doc;
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

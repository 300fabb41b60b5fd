// Writes a record's reports (HTML, JSON, labels CSV) atomically, never over the input data.
import type { WorkbenchRecord } from '../../shared/types.ts';
import { assertNotProtected, sameFile, writeFileAtomic, type AtomicIo } from './atomic.ts';
import { labelsCsv, type LabelsCsvOptions } from './csv.ts';
import type { HtmlReportExtras } from './html.ts';

export interface ReportTargets {
  html?: string;
  json?: string;
  csv?: string;
}

export interface WriteReportOptions {
  /** Never overwrite these (the input CSV). The record's own dataset.path is always protected too. */
  protect?: string[];
  extras?: HtmlReportExtras;
  csv?: LabelsCsvOptions;
  io?: Partial<AtomicIo>;
}

/** Renders everything first, checks every target, then writes; returns the paths written. */
export async function writeReportFiles(rec: WorkbenchRecord, targets: ReportTargets, opts: WriteReportOptions = {}): Promise<string[]> {
  const protect = [...(opts.protect ?? []), ...(rec.dataset.path ? [rec.dataset.path] : [])];
  const jobs: { path: string; text: string }[] = [];
  if (targets.csv !== undefined) {
    if (rec.kind !== 'run') throw new Error('A labels CSV exists only for single runs, not for experiments');
    jobs.push({ path: targets.csv, text: labelsCsv(rec, opts.csv) });
  }
  if (targets.json !== undefined) {
    // Lazy like the HTML writer below: json.ts carries the zod schema (~30 ms to import) for loading.
    const { toJsonReport } = await import('./json.ts');
    jobs.push({ path: targets.json, text: toJsonReport(rec) });
  }
  if (targets.html !== undefined) {
    // Loaded only here: the HTML writer pulls in ECharts (~1-2 s to import), which no other path needs.
    const { renderHtmlReport } = await import('./html.ts');
    jobs.push({ path: targets.html, text: renderHtmlReport(rec, opts.extras) });
  }
  for (let i = 0; i < jobs.length; i++) {
    await assertNotProtected(jobs[i].path, protect);
    for (let j = 0; j < i; j++) {
      if (await sameFile(jobs[i].path, jobs[j].path)) throw new Error(`Two reports would be written to the same file ${jobs[i].path}`);
    }
  }
  const written: string[] = [];
  for (const job of jobs) {
    await writeFileAtomic(job.path, job.text, { protect, io: opts.io });
    written.push(job.path);
  }
  return written;
}

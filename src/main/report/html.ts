// Self-contained HTML report: inline CSS, charts as inline SVG rendered by ECharts in Node,
// no scripts, no network. Every user-provided string is escaped (html/parts.ts). The first screen
// is the answer (html/run.ts, html/experiment.ts); provenance comes after.
import type { ClusterScatterInput } from '../../shared/charts/index.ts';
import type { MachineFacts, WorkbenchRecord } from '../../shared/types.ts';
import { renderExperiment } from './html/experiment.ts';
import { ALGORITHM_NAMES } from './html/params.ts';
import { escapeHtml, notes, warnings } from './html/parts.ts';
import { machineSection } from './html/provenance.ts';
import { renderRun } from './html/run.ts';
import { CSS } from './html/style.ts';

export { escapeHtml } from './html/parts.ts';

export interface HtmlReportExtras {
  /** Points for the cluster scatter (the record holds labels only); see prepareClusterScatter. */
  scatter?: ClusterScatterInput;
  /** Sentences shown near the top (e.g. why a chart is missing). */
  notes?: string[];
  /** Show the dataset's absolute path (off by default: reports get shared, paths name users and folders). */
  includePath?: boolean;
  /** Medoids' row numbers in the file (1 = first data row, as the app numbers rows), when the data is at hand. */
  medoidRows?: number[];
  /** Sections rendered elsewhere (safe HTML), placed after the report's own: e.g. the k sweep on the same data. */
  sections?: string[];
}

export function renderHtmlReport(rec: WorkbenchRecord, extras: HtmlReportExtras = {}): string {
  const { lead, body, warnings: warn } = rec.kind === 'run' ? renderRun(rec, extras) : renderExperiment(rec, extras);
  const kindText = rec.kind === 'run' ? `${ALGORITHM_NAMES[rec.result.algorithm]} run` : 'scaling experiment';
  const all = [body, ...(extras.sections ?? [])].join('\n');
  return htmlPage({ title: rec.title, kindText, createdAt: rec.createdAt, id: rec.id, machine: rec.machine, warnings: warn, lead, notes: extras.notes, body: all, footerNote: 'The JSON report of the same record holds every number shown here.' });
}

export interface HtmlPageParts {
  title: string;
  kindText: string;
  createdAt: string;
  /** Record id, when the page shows a record. */
  id?: string;
  machine: MachineFacts;
  warnings: string[];
  lead: string;
  notes?: string[];
  body: string;
  footerNote: string;
}

/** The page every report shares: head (strict CSP, inline CSS), header, answer first, machine last. */
export function htmlPage(p: HtmlPageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Clusterbench ${escapeHtml(p.machine.appVersion)}">
<title>${escapeHtml(p.title)} — Clusterbench report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(p.title)}</h1>
<div class="meta">Clusterbench ${escapeHtml(p.kindText)} · created ${escapeHtml(p.createdAt)}${p.id ? ` · record <code>${escapeHtml(p.id)}</code>` : ''}</div>
</header>
${warnings(p.warnings)}
${p.lead}
${notes(p.notes)}
${p.body}
${machineSection(p.machine)}
<footer>Self-contained report written by Clusterbench ${escapeHtml(p.machine.appVersion)}; charts are inline SVG, no scripts or network access. ${escapeHtml(p.footerNote)}</footer>
</main>
</body>
</html>
`;
}

// Self-contained HTML report: inline CSS, charts as inline SVG rendered by ECharts in Node,
// no scripts, no network. Every user-provided string is escaped.
import {
  clusterScatter,
  convergence,
  efficiencyChart,
  ekmTimeline,
  exactVsHeuristic,
  formatCount,
  optimalityGapPercent,
  runtimeVsN,
  speedupChart,
  speedupTables,
  workersName,
  type ClusterScatterInput,
} from '../../shared/charts/index.ts';
import { ceilingDefinition, formatOfCeiling, hasCeiling } from '../../shared/ceiling.ts';
import type { ExperimentCell, ExperimentRecord, MachineFacts, RunRecord, StoredEkmResult, StoredKMeansResult, WorkbenchRecord } from '../../shared/types.ts';
import { renderChartSvg } from './svg.ts';

export interface HtmlReportExtras {
  /** Points for the cluster scatter (the record holds labels only); see prepareClusterScatter. */
  scatter?: ClusterScatterInput;
  /** Sentences shown near the top (e.g. why a chart is missing). */
  notes?: string[];
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Marker type for HTML that is already safe; everything else passed to the helpers is escaped. */
class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
const raw = (html: string) => new Html(html);
type Cell = string | number | boolean | null | undefined | Html;

function cellHtml(v: Cell): string {
  if (v instanceof Html) return v.html;
  if (v === null || v === undefined) return '—';
  return escapeHtml(v);
}

function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

function ms(v: number): string {
  if (!Number.isFinite(v)) return fmt(v);
  if (v < 1000) return `${fmt(v, 4)} ms`;
  return `${fmt(v / 1000, 4)} s`;
}

function table(headers: Cell[], rows: Cell[][], opts: { caption?: string; className?: string; rowHeaders?: boolean } = {}): string {
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${cellHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 && opts.rowHeaders ? `<th scope="row">${cellHtml(c)}</th>` : `<td>${cellHtml(c)}</td>`)).join('')}</tr>`)
    .join('\n');
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : '';
  return `<table class="${opts.className ?? 'data'}">${caption}${head}<tbody>${body}</tbody></table>`;
}

function keyValues(pairs: [string, Cell][]): string {
  return `<table class="kv"><tbody>${pairs.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${cellHtml(v)}</td></tr>`).join('\n')}</tbody></table>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function chart(name: string, option: Parameters<typeof renderChartSvg>[0], height = 440): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${renderChartSvg(option, { width: 860, height })}</figure>`;
}

function warnings(items: string[]): string {
  if (items.length === 0) return '';
  return `<div class="warn" role="alert"><strong>Warning</strong><ul>${items.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`;
}

function notes(items: string[] | undefined): string {
  if (!items?.length) return '';
  return `<div class="note">${items.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>`;
}

function datasetSection(rec: WorkbenchRecord): string {
  const ds = rec.dataset;
  return section(
    'dataset',
    'Dataset',
    keyValues([
      ['Name', ds.name],
      ['Path', raw(`<code>${escapeHtml(ds.path)}</code>`)],
      ['SHA-256', raw(`<code class="hash">${escapeHtml(ds.hash)}</code>`)],
      ['Rows', fmt(ds.rows)],
      ['Features', `${ds.d}: ${ds.features.join(', ')}`],
      ['Scaling', ds.scaling],
    ]),
  );
}

function machineSection(m: MachineFacts): string {
  return section(
    'machine',
    'Machine',
    keyValues([
      ['CPU', m.cpuModel],
      ['Logical cores', m.logicalCores],
      ['Memory', `${fmt(m.totalMemoryBytes / 2 ** 30, 3)} GiB`],
      ['OS', m.os],
      ['Node', m.node],
      ['V8', m.v8],
      ['Electron', m.electron ?? 'none (Node)'],
      ['Clusterbench', m.appVersion],
    ]),
  );
}

const ALGORITHM_NAMES = { kmeans: 'k-means (Lloyd)', ekm: 'Exact K-medoids (EKM)', pam: 'PAM (heuristic K-medoids)' } as const;

function stopReasonText(r: StoredKMeansResult): string {
  switch (r.stopReason) {
    case 'changed-fraction':
      return `fewer than ${fmt(r.params.changedFraction * 100)}% of points changed cluster`;
    case 'tolerance':
      return `centroids moved less than the tolerance ${fmt(r.params.tolerance)}`;
    case 'max-iterations':
      return `reached the iteration limit (${r.params.maxIterations}) before converging`;
    case 'converged':
      return 'no point changed cluster';
  }
}

function paramRows(params: object): [string, Cell][] {
  return Object.entries(params).map(([key, value]) => {
    if (key === 'initialCentroids' && Array.isArray(value)) return [key, `given (${value.length} centroids)`];
    return [key, typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as Cell)];
  });
}

function clusterTable(labels: number[], centers: number[][], features: string[], centreName: string, medoids?: number[]): string {
  const k = centers.length;
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) if (l >= 0 && l < k) sizes[l]++;
  const showCoords = features.length <= 12;
  const headers: Cell[] = ['cluster', 'size', 'share'];
  if (medoids) headers.push('medoid row');
  if (showCoords) headers.push(...features.map((f) => `${centreName} ${f}`));
  const rows = centers.map((c, i) => {
    const row: Cell[] = [i, fmt(sizes[i]), labels.length ? `${((sizes[i] / labels.length) * 100).toFixed(1)}%` : '—'];
    if (medoids) row.push(medoids[i]);
    if (showCoords) row.push(...c.map((v) => fmt(v, 5)));
    return row;
  });
  return table(headers, rows, { caption: `Clusters (${k})`, rowHeaders: true });
}

function runSummary(rec: RunRecord): string {
  const r = rec.result;
  const pairs: [string, Cell][] = [['Algorithm', ALGORITHM_NAMES[r.algorithm]]];
  if (r.algorithm === 'kmeans') {
    pairs.push(
      ['Seed', r.params.seed],
      ['Inertia (sum of squared distances)', fmt(r.inertia, 8)],
      ['Iterations', r.iterations],
      ['Stop reason', `${r.stopReason}: ${stopReasonText(r)}`],
      ['Workers', r.workers === 0 ? 'serial driver' : r.workers],
      ['Best restart', `${r.bestRestart + 1} of ${r.params.nInit}`],
    );
  } else {
    pairs.push(
      ['Seed', '— (exact search is deterministic)'],
      ['Cost', fmt(r.cost, 8)],
      ['Medoids (row indices)', r.medoids.join(', ')],
      ['Combinations evaluated', fmt(r.combinationsEvaluated)],
      ['Stop reason', 'exhaustive search finished (globally optimal)'],
    );
    if (rec.heuristic) {
      const gap = optimalityGapPercent(r.cost, rec.heuristic.cost);
      pairs.push([`${ALGORITHM_NAMES[rec.heuristic.algorithm]} cost`, fmt(rec.heuristic.cost, 8)], ['Optimality gap of the heuristic', gap === null ? 'undefined (exact cost 0)' : `${gap.toFixed(3)}%`]);
    }
  }
  return section('summary', 'Run', keyValues(pairs)) + section('parameters', 'Parameters', keyValues(paramRows(r.params)));
}

function runTimings(rec: RunRecord): string {
  const r = rec.result;
  const rows: [string, Cell][] =
    r.algorithm === 'kmeans'
      ? [
          ['Total', ms(r.timings.totalMs)],
          ['Initialisation', ms(r.timings.initMs)],
          ['Iterations', ms(r.timings.iterateMs)],
          ['Per iteration', ms(r.timings.perIterationMs)],
        ]
      : [['Total', ms(r.timings.totalMs)]];
  if (rec.heuristic) rows.push([`${ALGORITHM_NAMES[rec.heuristic.algorithm]} total`, ms(rec.heuristic.timings.totalMs)]);
  return section('timings', 'Timings', keyValues(rows));
}

function renderRun(rec: RunRecord, extras: HtmlReportExtras): { body: string; warnings: string[] } {
  const r = rec.result;
  const warn: string[] = [];
  if (r.labels.length !== rec.dataset.rows) warn.push(`The record has ${r.labels.length} labels but the dataset has ${rec.dataset.rows} rows.`);
  if (r.algorithm === 'kmeans' && r.stopReason === 'max-iterations') warn.push(`k-means stopped at the iteration limit (${r.params.maxIterations}) without converging.`);
  const centerKind = r.algorithm === 'kmeans' ? 'centroid' : 'medoid';
  const centers = r.algorithm === 'kmeans' ? r.centroids : r.medoidCoordinates;
  const charts: string[] = [];
  if (extras.scatter) {
    charts.push(chart('scatter', clusterScatter({ ...extras.scatter, title: extras.scatter.title ?? `${ALGORITHM_NAMES[r.algorithm]}, k = ${extras.scatter.k}` }), 520));
  } else {
    charts.push(`<p class="muted">No cluster scatter: the data points were not available when this report was written (the record stores labels only).</p>`);
  }
  if (r.algorithm === 'kmeans' && r.history.length > 0) charts.push(chart('convergence', convergence(r.history, { changedFractionThreshold: r.params.changedFraction })));
  if (r.algorithm !== 'kmeans' && r.timeline.length > 0) charts.push(chart('ekm-timeline', ekmTimeline(r.timeline), 120 + 40 * new Set(r.timeline.map((t) => t.workerId)).size + 100));
  if (r.algorithm !== 'kmeans' && rec.heuristic) charts.push(chart('exact-vs-heuristic', exactVsHeuristicOption(r, rec.heuristic), 380));
  const body = [
    runSummary(rec),
    datasetSection(rec),
    section('clusters', 'Clusters', clusterTable(r.labels, centers, rec.dataset.features, centerKind, r.algorithm === 'kmeans' ? undefined : r.medoids)),
    section('charts', 'Charts', charts.join('\n')),
    runTimings(rec),
  ].join('\n');
  return { body, warnings: warn };
}

function exactVsHeuristicOption(exact: StoredEkmResult, heuristic: StoredEkmResult) {
  return exactVsHeuristic({
    exactCost: exact.cost,
    heuristicCost: heuristic.cost,
    exactMs: exact.timings.totalMs,
    heuristicMs: heuristic.timings.totalMs,
    exactName: `exact (${exact.algorithm.toUpperCase()})`,
    heuristicName: `heuristic (${heuristic.algorithm.toUpperCase()})`,
  });
}

function renderExperiment(rec: ExperimentRecord): { body: string; warnings: string[] } {
  const e = rec.experiment;
  // The engine words its own mismatch sentences; fall back to the cells when it left none.
  const badCells = e.cells.filter((c) => !c.answerMatches);
  const warn: string[] =
    e.mismatches.length > 0
      ? [...e.mismatches]
      : badCells.map((c) => `N=${formatCount(c.n)}, k=${c.k}, ${workersName(c.workers)}: answer differs from serial${c.answerNote ? ` (${c.answerNote})` : ''}`);
  if (e.cancelled) warn.unshift('The experiment was cancelled; only the cells measured before cancelling are shown.');
  const spec = e.spec;
  const params = spec.algorithm === 'kmeans' ? spec.kmeans : spec.ekm;
  const specPairs: [string, Cell][] = [
    ['Algorithm', ALGORITHM_NAMES[spec.algorithm]],
    ['Worker counts', spec.workers.map(workersName).join(', ')],
    ['Sizes N', spec.sizes.length ? spec.sizes.map(formatCount).join(', ') : 'whole dataset'],
    ['k', spec.ks.length ? spec.ks.join(', ') : String(params?.k ?? '—')],
    ['Repeats per cell', spec.repeats],
    ['Warm-up run', spec.warmup ? 'yes' : 'no'],
    ['Seed', spec.seed],
    ['Total time', ms(e.totalMs)],
    ['Speedup', 'serial median time / parallel median time, measured in the same run'],
  ];
  if (spec.ceiling) specPairs.push(['Machine ceiling', ceilingDefinition(spec.algorithm)]);
  if (e.fitWorkerCap !== undefined) specPairs.push(['Fit worker cap', `worker counts above ${e.fitWorkerCap} (logical cores) capped in the Amdahl/Gustafson fits`]);
  const parts: string[] = [section('summary', 'Experiment', keyValues(specPairs))];
  if (params) parts.push(section('parameters', 'Parameters', keyValues(paramRows(params).filter(([key]) => key !== 'workers'))));
  parts.push(datasetSection(rec));

  const tables = speedupTables(e);
  const ns = new Set(e.cells.map((c) => c.n));
  tables.forEach((t, i) => {
    const headers: Cell[] = ['Processes', ...t.sizes.map((n) => raw(`Speedup N = ${escapeHtml(formatCount(n))}`))];
    const rows = t.workers.map((w, r) => [w, ...t.speedups[r].map((s) => (s === null ? null : s.toFixed(5)))] as Cell[]);
    const body = [
      table(headers, rows, { caption: `Table ${i + 1}. Speedups for k = ${t.k}.`, className: 'data speedup', rowHeaders: true }),
      chart(`speedup-k${t.k}`, speedupChart(e, { k: t.k, title: `Speedup, k = ${t.k}` })),
      chart(`efficiency-k${t.k}`, efficiencyChart(e, { k: t.k, title: `Efficiency, k = ${t.k}` }), 400),
      ns.size > 1 ? chart(`runtime-k${t.k}`, runtimeVsN(e, { k: t.k, title: `Runtime vs N, k = ${t.k}` })) : '',
    ].join('\n');
    parts.push(section(`scaling-k${t.k}`, `Scaling, k = ${t.k}`, body));
  });

  const fitRows = [...e.fits]
    .sort((a, b) => a.k - b.k || a.n - b.n)
    .map((f) => [formatCount(f.n), f.k, fmt(f.amdahl?.parallelFraction, 4), fmt(f.amdahl?.rmse, 3), fmt(f.gustafson?.serialFraction, 4), fmt(f.gustafson?.rmse, 3)] as Cell[]);
  const modelRows = e.runtimeModels.map((m) => [
    m.k,
    workersName(m.workers),
    m.linear ? `t = ${fmt(m.linear.a, 4)}·N + ${fmt(m.linear.b, 4)} ms (R² ${fmt(m.linear.r2, 4)})` : null,
    m.power ? `t = ${fmt(m.power.a, 4)}·N^${fmt(m.power.b, 4)} ms (R² ${fmt(m.power.r2, 4)})` : null,
  ]);
  parts.push(
    section(
      'models',
      'Fitted models',
      [
        table(['N', 'k', 'Amdahl parallel fraction p', 'RMSE', 'Gustafson serial fraction s', 'RMSE'], fitRows, {
          caption: 'Amdahl S(P) = 1 / ((1 − p) + p / P); Gustafson S(P) = P − s (P − 1)',
        }),
        modelRows.length ? table(['k', 'workers', 'linear model', 'power model'], modelRows, { caption: 'Runtime models' }) : '',
      ].join('\n'),
    ),
  );
  const withCeiling = hasCeiling(e);
  const ceilingColumns = (c: ExperimentCell): Cell[] => (withCeiling ? [c.ceilingSpeedup === undefined ? null : c.ceilingSpeedup.toFixed(5), formatOfCeiling(c.ofCeiling)] : []);
  const cellRows = [...e.cells]
    .sort((a, b) => a.k - b.k || a.n - b.n || a.workers - b.workers)
    .map((c) => [
      formatCount(c.n),
      c.k,
      workersName(c.workers),
      c.timesMs.length,
      ms(c.medianMs),
      ms(c.minMs),
      ms(c.maxMs),
      c.speedup.toFixed(5),
      c.efficiency.toFixed(3),
      ...ceilingColumns(c),
      c.answerMatches ? 'yes' : raw(`<span class="bad">no${c.answerNote ? ` — ${escapeHtml(c.answerNote)}` : ''}</span>`),
    ] as Cell[]);
  parts.push(
    section(
      'measurements',
      'All measurements',
      table(['N', 'k', 'workers', 'repeats', 'median', 'min', 'max', 'speedup', 'efficiency', ...(withCeiling ? ['machine ceiling', 'of ceiling'] : []), 'same answer as serial'], cellRows),
    ),
  );
  return { body: parts.join('\n'), warnings: warn };
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d1f23; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; min-height: 100vh; }
header h1 { margin: 0 0 4px; font-size: 1.6rem; }
header .meta { color: #5b6270; font-size: 0.9rem; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #e1e4e8; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; color: #30343b; }
th, td { padding: 4px 10px; border-bottom: 1px solid #eceef1; text-align: left; vertical-align: top; }
table.data th[scope=col] { background: #f0f2f5; }
table.data td, table.speedup td { text-align: right; }
table.kv th { font-weight: 600; color: #3c424b; white-space: nowrap; padding-right: 18px; }
code { font: 0.85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
figure.chart { margin: 16px 0; border: 1px solid #e6e8eb; border-radius: 6px; padding: 6px; background: #fff; }
figure.chart svg { display: block; width: 100%; height: auto; }
.warn { border: 1px solid #e0b252; background: #fff7e0; border-radius: 6px; padding: 10px 14px; margin: 16px 0; }
.warn ul { margin: 6px 0 0; padding-left: 20px; }
.note { border-left: 3px solid #6b8fc7; background: #f1f5fb; padding: 6px 12px; margin: 12px 0; }
.note p { margin: 4px 0; }
.muted { color: #6b7280; }
.bad { color: #b3261e; font-weight: 600; }
footer { margin-top: 40px; color: #7a808a; font-size: 0.85rem; }
@media print { body { background: #fff; } main { padding: 0; } figure.chart { break-inside: avoid; } }
`;

export function renderHtmlReport(rec: WorkbenchRecord, extras: HtmlReportExtras = {}): string {
  const { body, warnings: warn } = rec.kind === 'run' ? renderRun(rec, extras) : renderExperiment(rec);
  const kindText = rec.kind === 'run' ? `${ALGORITHM_NAMES[rec.result.algorithm]} run` : 'scaling experiment';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Clusterbench ${escapeHtml(rec.machine.appVersion)}">
<title>${escapeHtml(rec.title)} — Clusterbench report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(rec.title)}</h1>
<div class="meta">Clusterbench ${escapeHtml(kindText)} · created ${escapeHtml(rec.createdAt)} · record <code>${escapeHtml(rec.id)}</code></div>
</header>
${warnings(warn)}
${notes(extras.notes)}
${body}
${machineSection(rec.machine)}
<footer>Self-contained report written by Clusterbench ${escapeHtml(rec.machine.appVersion)}; charts are inline SVG, no scripts or network access. The JSON report of the same record holds every number shown here.</footer>
</main>
</body>
</html>
`;
}

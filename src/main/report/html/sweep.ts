// The report of a k sweep: the answer first (best k per score, the elbow and score charts), then
// the table, the parameters, the dataset and the machine. The same parts, in one section, go into
// a run's report when the app saves it after a sweep on that data (sweepSection).
import { sweepChart } from '../../../shared/charts/index.ts';
import type { SweepDocument, SweepResult } from '../../../shared/analysis.ts';
import { htmlPage } from '../html.ts';
import { chart, escapeHtml, fmt, keyValues, ms, raw, section, table, type Cell } from './parts.ts';
import { datasetSection } from './provenance.ts';

const ALGORITHMS = { kmeans: 'k-means', pam: 'PAM', ekm: 'exact K-medoids (EKM)' } as const;

function bestSentence(doc: SweepDocument): string {
  const { best, params } = doc.sweep;
  const picks = [best.silhouette, best.daviesBouldin, best.calinskiHarabasz].filter((k): k is number => k !== null);
  const agree = picks.length === 3 && picks.every((k) => k === picks[0]);
  const algo = ALGORITHMS[params.algorithm];
  const on = `${doc.dataset.name} (${fmt(doc.sweep.n)} rows × ${doc.sweep.d} features)`;
  const range = `k = ${params.kFrom}…${params.kTo}`;
  const skipped = doc.sweep.skipped?.length ? ` (${doc.sweep.skipped.length} k value${doc.sweep.skipped.length === 1 ? '' : 's'} not run, each listed with its estimate and the reason)` : '';
  if (doc.sweep.points.length === 0) return `Over ${range}, ${algo} on ${on}: no k was run${skipped}.`;
  if (agree) return `Over ${range}, ${algo} on ${on} fits best with k = ${picks[0]}: the silhouette, Davies–Bouldin and Calinski–Harabasz scores all pick it${best.elbow === picks[0] ? ', and the cost curve bends there too' : ''}${skipped}.`;
  return `Over ${range}, ${algo} on ${on}: the scores disagree — silhouette picks k = ${best.silhouette ?? '—'}, Davies–Bouldin k = ${best.daviesBouldin ?? '—'}, Calinski–Harabasz k = ${best.calinskiHarabasz ?? '—'}; the cost curve bends at k = ${best.elbow ?? '—'}${skipped}.`;
}

function costName(r: SweepResult): string {
  return r.params.algorithm === 'kmeans' ? 'inertia' : 'cost (sum of distances)';
}

function bestValues(r: SweepResult): string {
  const b = r.best;
  return keyValues([
    ['Best k by silhouette', b.silhouette],
    ['Best k by Davies–Bouldin', b.daviesBouldin],
    ['Best k by Calinski–Harabasz', b.calinskiHarabasz],
    ['Elbow of the cost curve (heuristic)', b.elbow],
    ['Total time', ms(r.totalMs)],
  ]);
}

function otherCharts(r: SweepResult): string {
  const b = r.best;
  return [
    chart('sweep-elbow', sweepChart(r.points, 'cost', { markK: b.elbow, markName: 'elbow (heuristic)', costName: costName(r) }), 340),
    chart('sweep-davies-bouldin', sweepChart(r.points, 'daviesBouldin', { markK: b.daviesBouldin }), 340),
    chart('sweep-calinski-harabasz', sweepChart(r.points, 'calinskiHarabasz', { markK: b.calinskiHarabasz }), 340),
  ].join('\n');
}

function everyK(r: SweepResult): string {
  const b = r.best;
  const mark = (k: number, best: number | null, v: string): Cell => (k === best ? raw(`<strong>${escapeHtml(v)}</strong> ★`) : v);
  const rows = r.points.map((p) => [
    p.k,
    mark(p.k, b.elbow, fmt(p.cost, 6)),
    mark(p.k, b.silhouette, p.silhouetteExact ? fmt(p.silhouette, 4) : `${fmt(p.silhouette, 4)} (95% CI ${fmt(p.silhouetteCi95![0], 3)}–${fmt(p.silhouetteCi95![1], 3)})`),
    mark(p.k, b.daviesBouldin, fmt(p.daviesBouldin, 4)),
    mark(p.k, b.calinskiHarabasz, fmt(p.calinskiHarabasz, 6)),
    ms(p.clusterMs),
    ms(p.qualityMs),
  ] as Cell[]);
  const skipped = (r.skipped ?? []).map((s) => [s.k, raw(`<em>not run</em>: ${escapeHtml(s.reason)}`), '', '', '', '', ''] as Cell[]);
  const all = [...rows, ...skipped].sort((x, y) => (x[0] as number) - (y[0] as number));
  return table(['k', costName(r), 'silhouette', 'Davies–Bouldin', 'Calinski–Harabasz', 'clustering time', 'scoring time'], all, { caption: '★ best k per score (bold)', rowHeaders: true });
}

function parameters(r: SweepResult): string {
  const p = r.params;
  const algorithm = { kmeans: 'k-means (k-means++ start)', pam: 'PAM (BUILD + SWAP, Euclidean)', ekm: 'exact K-medoids (EKM fused, Euclidean, one worker per k)' }[p.algorithm];
  return keyValues([
    ['Algorithm', algorithm],
    ['k range', `${p.kFrom} to ${p.kTo}`],
    ['Restarts per k', p.algorithm === 'kmeans' ? p.nInit : `— (${ALGORITHMS[p.algorithm]} is deterministic)`],
    ...(p.algorithm === 'ekm' ? ([['Time budget per k (runtime estimate, an upper bound)', `${fmt(p.ekmBudgetS ?? NaN)} s`]] as [string, Cell][]) : []),
    ['Seed', p.seed],
    ['Workers (k values spread over them)', p.workers],
    ['Silhouette', r.points.every((pt) => pt.silhouetteExact) ? 'exact' : `estimated from ${fmt(r.points[0].silhouetteSample)} sampled rows per k`],
  ]);
}

function sweepWarnings(r: SweepResult): string[] {
  return [
    ...r.points.filter((p) => p.clusters !== p.k).map((p) => `k = ${p.k}: the result has only ${p.clusters} non-empty clusters.`),
    ...(r.skipped ?? []).map((s) => `k = ${s.k} was not run: ${s.reason}.`),
  ];
}

/** The whole sweep as one section of another report (a run's, saved after a sweep on its data). */
export function sweepSection(doc: SweepDocument): string {
  const r = doc.sweep;
  const warn = sweepWarnings(r);
  return section(
    'sweep',
    `Choosing k: sweep ${r.params.kFrom}–${r.params.kTo} (${ALGORITHMS[r.params.algorithm]})`,
    [
      `<p class="lead">${escapeHtml(bestSentence(doc))}</p>`,
      warn.length ? `<div class="note">${warn.map((w) => `<p>${escapeHtml(w)}</p>`).join('')}</div>` : '',
      bestValues(r),
      chart('sweep-silhouette', sweepChart(r.points, 'silhouette', { markK: r.best.silhouette }), 340),
      otherCharts(r),
      everyK(r),
      parameters(r),
      `<p class="note">Swept ${escapeHtml(doc.createdAt)} on the same data (SHA-256 <code class="hash">${escapeHtml(doc.dataset.hash)}</code>).</p>`,
    ].join('\n'),
  );
}

export function renderSweepHtml(doc: SweepDocument, opts: { includePath?: boolean } = {}): string {
  const r = doc.sweep;
  const lead = [
    `<section id="summary"><p class="lead">${escapeHtml(bestSentence(doc))}</p>`,
    bestValues(r),
    chart('sweep-silhouette', sweepChart(r.points, 'silhouette', { markK: r.best.silhouette }), 340),
    '</section>',
  ].join('\n');
  const body = [section('charts', 'Scores vs k', otherCharts(r)), section('table', 'Every k', everyK(r)), section('parameters', 'Parameters', parameters(r)), datasetSection(doc, opts.includePath === true)].join('\n');
  return htmlPage({
    title: `k sweep ${r.params.kFrom}–${r.params.kTo} on ${doc.dataset.name}`,
    kindText: 'k sweep',
    createdAt: doc.createdAt,
    machine: doc.machine,
    warnings: sweepWarnings(r),
    lead,
    body,
    footerNote: 'The JSON output of the same sweep (--json) holds every number shown here.',
  });
}

// The report of a k sweep: the answer first (best k per score, the elbow and score charts), then
// the table, the parameters, the dataset and the machine.
import { sweepChart } from '../../../shared/charts/index.ts';
import type { SweepDocument } from '../../../shared/analysis.ts';
import { htmlPage } from '../html.ts';
import { chart, escapeHtml, fmt, keyValues, ms, raw, section, table, type Cell } from './parts.ts';
import { datasetSection } from './provenance.ts';

function bestSentence(doc: SweepDocument): string {
  const { best, params } = doc.sweep;
  const picks = [best.silhouette, best.daviesBouldin, best.calinskiHarabasz].filter((k): k is number => k !== null);
  const agree = picks.length === 3 && picks.every((k) => k === picks[0]);
  const algo = params.algorithm === 'kmeans' ? 'k-means' : 'PAM';
  const on = `${doc.dataset.name} (${fmt(doc.sweep.n)} rows × ${doc.sweep.d} features)`;
  const range = `k = ${params.kFrom}…${params.kTo}`;
  if (agree) return `Over ${range}, ${algo} on ${on} fits best with k = ${picks[0]}: the silhouette, Davies–Bouldin and Calinski–Harabasz scores all pick it${best.elbow === picks[0] ? ', and the cost curve bends there too' : ''}.`;
  return `Over ${range}, ${algo} on ${on}: the scores disagree — silhouette picks k = ${best.silhouette ?? '—'}, Davies–Bouldin k = ${best.daviesBouldin ?? '—'}, Calinski–Harabasz k = ${best.calinskiHarabasz ?? '—'}; the cost curve bends at k = ${best.elbow ?? '—'}.`;
}

export function renderSweepHtml(doc: SweepDocument, opts: { includePath?: boolean } = {}): string {
  const r = doc.sweep;
  const b = r.best;
  const costName = r.params.algorithm === 'kmeans' ? 'inertia' : 'cost (sum of distances)';
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
  const lead = [
    `<section id="summary"><p class="lead">${escapeHtml(bestSentence(doc))}</p>`,
    keyValues([
      ['Best k by silhouette', b.silhouette],
      ['Best k by Davies–Bouldin', b.daviesBouldin],
      ['Best k by Calinski–Harabasz', b.calinskiHarabasz],
      ['Elbow of the cost curve (heuristic)', b.elbow],
      ['Total time', ms(r.totalMs)],
    ]),
    chart('sweep-silhouette', sweepChart(r.points, 'silhouette', { markK: b.silhouette }), 340),
    '</section>',
  ].join('\n');
  const body = [
    section(
      'charts',
      'Scores vs k',
      [
        chart('sweep-elbow', sweepChart(r.points, 'cost', { markK: b.elbow, markName: 'elbow (heuristic)', costName }), 340),
        chart('sweep-davies-bouldin', sweepChart(r.points, 'daviesBouldin', { markK: b.daviesBouldin }), 340),
        chart('sweep-calinski-harabasz', sweepChart(r.points, 'calinskiHarabasz', { markK: b.calinskiHarabasz }), 340),
      ].join('\n'),
    ),
    section('table', 'Every k', table(['k', costName, 'silhouette', 'Davies–Bouldin', 'Calinski–Harabasz', 'clustering time', 'scoring time'], rows, { caption: '★ best k per score (bold)', rowHeaders: true })),
    section(
      'parameters',
      'Parameters',
      keyValues([
        ['Algorithm', r.params.algorithm === 'kmeans' ? 'k-means (k-means++ start)' : 'PAM (BUILD + SWAP, Euclidean)'],
        ['k range', `${r.params.kFrom} to ${r.params.kTo}`],
        ['Restarts per k', r.params.algorithm === 'kmeans' ? r.params.nInit : '— (PAM is deterministic)'],
        ['Seed', r.params.seed],
        ['Workers (k values spread over them)', r.params.workers],
        ['Silhouette', r.points.every((p) => p.silhouetteExact) ? 'exact' : `estimated from ${fmt(r.points[0].silhouetteSample)} sampled rows per k`],
      ]),
    ),
    datasetSection(doc, opts.includePath === true),
  ].join('\n');
  return htmlPage({
    title: `k sweep ${r.params.kFrom}–${r.params.kTo} on ${doc.dataset.name}`,
    kindText: 'k sweep',
    createdAt: doc.createdAt,
    machine: doc.machine,
    warnings: r.points.filter((p) => p.clusters !== p.k).map((p) => `k = ${p.k}: the result has only ${p.clusters} non-empty clusters.`),
    lead,
    body,
    footerNote: 'The JSON output of the same sweep (--json) holds every number shown here.',
  });
}

// The report of one run. It leads with the answer — a sentence, the key numbers, the cluster
// picture — and keeps how it was computed (parameters, timings, dataset, machine) for after.
import { clusterScatter, convergence, ekmTimeline, exactVsHeuristic, formatCount, optimalityGapPercent } from '../../../shared/charts/index.ts';
import type { RunRecord, StoredEkmResult, StoredKMeansResult } from '../../../shared/types.ts';
import type { HtmlReportExtras } from '../html.ts';
import { analysisKeyNumbers, analysisSections, analysisSentence } from './analysis.ts';
import { ALGORITHM_NAMES, paramRows } from './params.ts';
import { profilesSection } from './profiles.ts';
import { chart, escapeHtml, fmt, keyValues, ms, section, table, type Cell } from './parts.ts';
import { datasetSection } from './provenance.ts';

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

function clusterSizes(labels: number[], k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) if (l >= 0 && l < k) sizes[l]++;
  return sizes;
}

/** `medoidRows`: the medoids' numbers in the file; without them, their positions among the loaded rows (from 1). */
function clusterTable(labels: number[], centers: number[][], features: string[], centreName: string, medoids?: number[], medoidRows?: number[]): string {
  const k = centers.length;
  const sizes = clusterSizes(labels, k);
  const showCoords = features.length <= 12;
  const headers: Cell[] = ['cluster', 'size', 'share'];
  if (medoids) headers.push(medoidRows ? 'medoid (row in the file, from 1)' : 'medoid (loaded row, from 1)');
  if (showCoords) headers.push(...features.map((f) => `${centreName} ${f}`));
  const rows = centers.map((c, i) => {
    const row: Cell[] = [i, fmt(sizes[i]), labels.length ? `${((sizes[i] / labels.length) * 100).toFixed(1)}%` : '—'];
    if (medoids) row.push(medoidRows ? medoidRows[i] : medoids[i] + 1);
    if (showCoords) row.push(...c.map((v) => fmt(v, 5)));
    return row;
  });
  return table(headers, rows, { caption: `Clusters (${k})`, rowHeaders: true });
}

/** One or two sentences that answer "what did this run find?". */
function leadSentence(rec: RunRecord): string {
  const r = rec.result;
  const ds = rec.dataset;
  const k = r.algorithm === 'kmeans' ? r.centroids.length : r.medoids.length;
  const sizes = clusterSizes(r.labels, k);
  const range = sizes.length ? `${formatCount(Math.min(...sizes))}–${formatCount(Math.max(...sizes))} rows each` : '';
  const on = `${ds.name} (${formatCount(ds.rows)} rows × ${ds.d} feature${ds.d === 1 ? '' : 's'})`;
  if (r.algorithm === 'kmeans') {
    return `k-means split ${on} into ${k} clusters of ${range}: inertia ${fmt(r.inertia, 6)} after ${r.iterations} iteration${r.iterations === 1 ? '' : 's'} (stopped because ${stopReasonText(r)}).`;
  }
  if (r.algorithm === 'pam') {
    return `PAM chose ${k} medoids of ${on}, clusters of ${range}: cost ${fmt(r.cost, 6)}. PAM is a heuristic: this cost is not proven optimal.`;
  }
  let text = `Exact K-medoids found the optimal ${k} medoids of ${on}, clusters of ${range}: cost ${fmt(r.cost, 6)}, proven by checking all ${formatCount(r.combinationsEvaluated)} medoid sets.`;
  if (rec.heuristic) {
    const gap = optimalityGapPercent(r.cost, rec.heuristic.cost);
    text += ` PAM reached cost ${fmt(rec.heuristic.cost, 6)}${gap === null ? '' : gap === 0 ? ', the optimum' : `, ${gap.toFixed(3)}% above the optimum`}.`;
  }
  return text;
}

function keyNumbers(rec: RunRecord): [string, Cell][] {
  const r = rec.result;
  const pairs: [string, Cell][] = [['Algorithm', ALGORITHM_NAMES[r.algorithm]]];
  if (r.algorithm === 'kmeans') {
    pairs.push(
      ['Inertia (sum of squared distances)', fmt(r.inertia, 8)],
      ['Iterations', r.iterations],
      ['Stop reason', `${r.stopReason}: ${stopReasonText(r)}`],
      ['Best restart', `${r.bestRestart + 1} of ${r.params.nInit}`],
      ['Workers', r.workers === 0 ? 'serial driver' : r.workers],
      ['Time', ms(r.timings.totalMs)],
    );
  } else {
    pairs.push(
      ['Cost (sum of distances to the nearest medoid)', fmt(r.cost, 8)],
      ['Medoids (loaded rows, counting from 1)', r.medoids.map((m) => m + 1).join(', ')],
    );
    if (r.algorithm === 'ekm') pairs.push(['Medoid sets evaluated', fmt(r.combinationsEvaluated)], ['Proof', 'exhaustive search finished: globally optimal']);
    if (rec.heuristic) {
      const gap = optimalityGapPercent(r.cost, rec.heuristic.cost);
      pairs.push([`${ALGORITHM_NAMES[rec.heuristic.algorithm]} cost`, fmt(rec.heuristic.cost, 8)], ['Optimality gap of the heuristic', gap === null ? 'undefined (exact cost 0)' : `${gap.toFixed(3)}%`]);
    }
    pairs.push(['Time', ms(r.timings.totalMs)]);
  }
  return pairs;
}

function timingsSection(rec: RunRecord): string {
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

export function renderRun(rec: RunRecord, extras: HtmlReportExtras): { lead: string; body: string; warnings: string[] } {
  const r = rec.result;
  const warn: string[] = [];
  if (r.labels.length !== rec.dataset.rows) warn.push(`The record has ${r.labels.length} labels but the dataset has ${rec.dataset.rows} rows.`);
  if (r.algorithm === 'kmeans' && r.stopReason === 'max-iterations') warn.push(`k-means stopped at the iteration limit (${r.params.maxIterations}) without converging.`);
  const centerKind = r.algorithm === 'kmeans' ? 'centroid' : 'medoid';
  const centers = r.algorithm === 'kmeans' ? r.centroids : r.medoidCoordinates;
  const mainChart = extras.scatter
    ? chart('scatter', clusterScatter({ ...extras.scatter, title: extras.scatter.title ?? `${ALGORITHM_NAMES[r.algorithm]}, k = ${extras.scatter.k}` }), 520)
    : `<p class="muted">No cluster scatter: the data points were not available when this report was written (the record stores labels only).</p>`;
  const more: string[] = [];
  if (r.algorithm === 'kmeans' && r.history.length > 0) more.push(chart('convergence', convergence(r.history, { changedFractionThreshold: r.params.changedFraction })));
  if (r.algorithm !== 'kmeans' && r.timeline.length > 0) more.push(chart('ekm-timeline', ekmTimeline(r.timeline), 120 + 40 * new Set(r.timeline.map((t) => t.workerId)).size + 100));
  if (r.algorithm !== 'kmeans' && rec.heuristic) more.push(chart('exact-vs-heuristic', exactVsHeuristicOption(r, rec.heuristic), 380));
  const lead = `<section id="summary"><p class="lead">${escapeHtml(leadSentence(rec) + analysisSentence(rec))}</p>\n${keyValues([...keyNumbers(rec), ...analysisKeyNumbers(rec)])}\n${mainChart}\n</section>`;
  const body = [
    section('clusters', 'Clusters', clusterTable(r.labels, centers, rec.dataset.features, centerKind, r.algorithm === 'kmeans' ? undefined : r.medoids, extras.medoidRows)),
    analysisSections(rec),
    profilesSection(rec),
    more.length ? section('charts', 'More charts', more.join('\n')) : '',
    section('parameters', 'Parameters', keyValues([...paramRows(r.params), ...(r.algorithm === 'kmeans' ? [] : [['Seed', '— (exact search is deterministic)'] as [string, Cell]])])),
    timingsSection(rec),
    datasetSection(rec, extras.includePath === true),
  ].join('\n');
  return { lead, body, warnings: warn };
}

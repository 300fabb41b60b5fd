// A run's quality scores and its validation against known classes, in the run report: key
// numbers for the summary, then the silhouette plot and the classes-to-clusters table.
import type { QualitySummary, ValidationSummary } from '../../../shared/analysis.ts';
import { silhouettePlot } from '../../../shared/charts/index.ts';
import type { RunRecord } from '../../../shared/types.ts';
import { chart, fmt, keyValues, ms, raw, section, table, type Cell } from './parts.ts';

function silhouetteText(q: QualitySummary): string {
  const s = q.silhouette;
  return s.exact ? `${fmt(s.mean, 4)} (exact)` : `${fmt(s.mean, 4)} (estimated from ${fmt(s.sampleSize)} rows, 95% CI ${fmt(s.ci95![0], 4)} to ${fmt(s.ci95![1], 4)})`;
}

/** Key numbers the summary shows beside the algorithm's own. */
export function analysisKeyNumbers(rec: RunRecord): [string, Cell][] {
  const pairs: [string, Cell][] = [];
  if (rec.quality) {
    pairs.push(
      ['Silhouette (higher is better, −1 to 1)', silhouetteText(rec.quality)],
      ['Davies–Bouldin (lower is better)', fmt(rec.quality.daviesBouldin, 4)],
      ['Calinski–Harabasz (higher is better)', fmt(rec.quality.calinskiHarabasz, 5)],
    );
  }
  if (rec.validation) {
    const v = rec.validation;
    pairs.push(
      [`Adjusted Rand index vs "${v.classColumn}"`, fmt(v.ari, 4)],
      ['Misassigned rows (best one-to-one matching)', `${fmt(v.confusion.misassigned)} of ${fmt(v.n)} (${((100 * v.confusion.misassigned) / v.n).toFixed(1)}%)`],
    );
  }
  return pairs;
}

/** A sentence for the lead, or '' when the record has neither. */
export function analysisSentence(rec: RunRecord): string {
  const parts: string[] = [];
  if (rec.quality) parts.push(`mean silhouette ${fmt(rec.quality.silhouette.mean, 3)}`);
  if (rec.validation) {
    const v = rec.validation;
    parts.push(`agreement with the known classes in "${v.classColumn}": ARI ${fmt(v.ari, 3)}, ${fmt(v.confusion.misassigned)} of ${fmt(v.n)} rows misassigned`);
  }
  return parts.length ? ` Quality: ${parts.join('; ')}.` : '';
}

function qualitySection(q: QualitySummary): string {
  const s = q.silhouette;
  const rows = s.perCluster.map((c) => [c.label, fmt(c.size), s.exact ? fmt(c.size) : fmt(c.evaluated), fmt(c.mean, 4)] as Cell[]);
  const how = s.exact
    ? `Exact: every row's silhouette against all ${fmt(s.n)} rows (${ms(s.ms)} on ${s.workers || 'the calling thread'} worker${s.workers === 1 ? '' : 's'}).`
    : `Estimated: ${fmt(s.sampleSize)} rows drawn with seed ${s.seed}, each evaluated exactly against all ${fmt(s.n)} rows; 95% confidence interval of the mean ${fmt(s.ci95![0], 4)} to ${fmt(s.ci95![1], 4)} (${ms(s.ms)}).`;
  return section(
    'quality',
    'Cluster quality',
    [
      keyValues([
        ['Silhouette', silhouetteText(q)],
        ['Davies–Bouldin', `${fmt(q.daviesBouldin, 6)} (lower is better; 0 = compact, far-apart clusters)`],
        ['Calinski–Harabasz', `${fmt(q.calinskiHarabasz, 6)} (higher is better)`],
      ]),
      `<p class="muted">${how}</p>`,
      table(['cluster', 'size', 'rows evaluated', 'mean silhouette'], rows, { caption: 'Silhouette per cluster', rowHeaders: true }),
      chart('silhouette', silhouettePlot(s), 480),
    ].join('\n'),
  );
}

function validationSection(v: ValidationSummary): string {
  const c = v.confusion;
  const headers: Cell[] = ['class \\ cluster', ...c.clusters.map((k) => `cluster ${k}`), 'rows'];
  const rows: Cell[][] = c.classes.map((name, r) => [
    name,
    ...c.counts[r].map((n, j) => (c.classOfCluster[j] === r ? raw(`<strong>${fmt(n)}</strong>`) : fmt(n))),
    fmt(c.counts[r].reduce((a, b) => a + b, 0)),
  ]);
  rows.push(['matched class', ...c.classOfCluster.map((r) => (r < 0 ? '(none)' : c.classes[r])), '']);
  return section(
    'validation',
    `Validation against "${v.classColumn}"`,
    [
      keyValues([
        ['Adjusted Rand index', fmt(v.ari, 6)],
        ['Normalised mutual information (arithmetic)', fmt(v.nmi, 6)],
        ['Homogeneity', fmt(v.homogeneity, 6)],
        ['Completeness', fmt(v.completeness, 6)],
        ['V-measure', fmt(v.vMeasure, 6)],
        ['Purity', fmt(v.purity, 6)],
        ['Rows compared', `${fmt(v.n)}${v.leftOut ? ` (${fmt(v.leftOut)} without a class left out)` : ''}`],
      ]),
      table(headers, rows, { caption: 'Classes to clusters (bold: the one-to-one matching with the most rows in agreement, Hungarian algorithm)', rowHeaders: true }),
      `<p>Misassigned: <strong>${fmt(c.misassigned)}</strong> of ${fmt(v.n)} rows (${((100 * c.misassigned) / v.n).toFixed(1)}%) are not in the cluster matched to their class.</p>`,
    ].join('\n'),
  );
}

export function analysisSections(rec: RunRecord): string {
  return [rec.quality ? qualitySection(rec.quality) : '', rec.validation ? validationSection(rec.validation) : ''].filter(Boolean).join('\n');
}

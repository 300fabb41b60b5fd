// "Cluster profiles" in the run report: the rows per cluster, one table per feature (whole data
// beside each cluster), and a box plot per feature with its numbers as a caption.
import { PROFILE_CHARTS_MAX, boxplotSentences, profileBoxplot } from '../../../shared/charts/index.ts';
import { emptyClustersNote, PROFILE_STATS, profileTable } from '../../../shared/profile-table.ts';
import { PROFILE_DEFINITIONS, profileUnitsNote, type ClusterProfiles } from '../../../shared/profiles.ts';
import type { RunRecord } from '../../../shared/types.ts';
import { chart, escapeHtml, fmt, ms, section, table, type Cell } from './parts.ts';

const cell = (v: number | null): Cell => (v === null ? '—' : fmt(v, 5));

function profilesBody(p: ClusterProfiles): string {
  const t = profileTable(p);
  const count = t.rows.find((r) => r.kind === 'count')!;
  const share = t.rows.find((r) => r.kind === 'share')!;
  const sizes = table(['', ...t.columns], [['rows', ...count.cells.map(cell)], ['% of rows', ...share.cells.map((v) => `${v!.toFixed(1)}%`)]], { caption: 'Rows per cluster', rowHeaders: true });
  const perFeature = p.features.map((f, j) =>
    table(
      ['statistic', ...t.columns],
      t.rows.filter((r) => r.kind === 'stat' && r.feature === j).map((r) => [r.label, ...r.cells.map(cell)]),
      { caption: f.feature, rowHeaders: true },
    ),
  );
  const drawn = p.features.slice(0, PROFILE_CHARTS_MAX).map((_, j) => chart(`profile-box-${j}`, profileBoxplot(p, j), 340, boxplotSentences(p, j)));
  const empty = emptyClustersNote(p);
  return [
    `<p><strong>Values in the original units of the CSV.</strong> ${escapeHtml(profileUnitsNote(p))} ${escapeHtml(PROFILE_DEFINITIONS)}</p>`,
    empty ? `<p class="muted">${escapeHtml(empty)}</p>` : '',
    sizes,
    ...perFeature,
    ...drawn,
    p.features.length > PROFILE_CHARTS_MAX ? `<p class="muted">Box plots of the first ${PROFILE_CHARTS_MAX} of ${p.features.length} features; the tables above have every feature.</p>` : '',
    `<p class="muted">Computed over ${fmt(p.n)} rows, ${PROFILE_STATS.length} statistics per feature, in ${ms(p.ms)} on ${p.workers || 'the calling thread'}${p.workers ? ` worker${p.workers === 1 ? '' : 's'}` : ''}.</p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function profilesSection(rec: RunRecord): string {
  return rec.profiles ? section('profiles', 'Cluster profiles', profilesBody(rec.profiles)) : '';
}

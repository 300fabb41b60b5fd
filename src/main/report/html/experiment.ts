// The report of a scaling experiment. It leads with the answer (the best speedup, how far from the
// machine ceiling, whether every answer matched serial) and the main speedup chart; tables,
// fitted models, every measurement and the provenance follow.
import { efficiencyChart, formatCount, runtimeVsN, speedupChart, speedupTables, workersName } from '../../../shared/charts/index.ts';
import { ceilingDefinition, formatOfCeiling, hasCeiling } from '../../../shared/ceiling.ts';
import type { ExperimentCell, ExperimentRecord } from '../../../shared/types.ts';
import type { HtmlReportExtras } from '../html.ts';
import { ALGORITHM_NAMES, paramRows } from './params.ts';
import { chart, escapeHtml, fmt, keyValues, ms, raw, section, table, type Cell } from './parts.ts';
import { datasetSection } from './provenance.ts';

/** Speedups and ratios are measurements with a few percent of noise: three decimals say enough. */
const ratio = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v.toFixed(3));

function bestCell(cells: ExperimentCell[]): ExperimentCell | null {
  let best: ExperimentCell | null = null;
  for (const c of cells) if (c.workers > 0 && Number.isFinite(c.speedup) && (best === null || c.speedup > best.speedup)) best = c;
  return best;
}

function leadSentence(rec: ExperimentRecord): string {
  const e = rec.experiment;
  const algo = ALGORITHM_NAMES[e.spec.algorithm];
  const best = bestCell(e.cells);
  const sentences: string[] = [];
  if (best === null) sentences.push(`${algo} on ${rec.dataset.name}: no parallel cell was measured${e.cancelled ? ' before the experiment was cancelled' : ''}.`);
  else {
    let s = `Best speedup ${best.speedup.toFixed(2)}× with ${workersName(best.workers)} at N = ${formatCount(best.n)}, k = ${best.k} (efficiency ${(best.efficiency * 100).toFixed(0)}%)`;
    if (best.ofCeiling !== undefined && best.ofCeiling !== null) s += `, ${formatOfCeiling(best.ofCeiling)} of this machine's ceiling`;
    sentences.push(`${algo} on ${rec.dataset.name}. ${s}.`);
  }
  const mismatched = e.cells.filter((c) => !c.answerMatches).length;
  sentences.push(mismatched === 0 ? `Every parallel answer equals the serial one.` : `${mismatched} cell${mismatched === 1 ? '' : 's'} gave a different answer from serial (see the warning above).`);
  const repeats = e.cells.map((c) => c.timesMs.length);
  const fewest = repeats.length ? Math.min(...repeats) : 0;
  sentences.push(`${e.cells.length} cells, ${fewest === e.spec.repeats ? `${e.spec.repeats} timed repeats each` : `${fewest}–${Math.max(...repeats)} timed repeats per cell`}${e.cancelled ? '; cancelled before the end' : ''}.`);
  return sentences.join(' ');
}

export function renderExperiment(rec: ExperimentRecord, extras: HtmlReportExtras): { lead: string; body: string; warnings: string[] } {
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

  const tables = speedupTables(e);
  const ns = new Set(e.cells.map((c) => c.n));
  const mainChart = tables.length ? chart(`speedup-k${tables[0].k}`, speedupChart(e, { k: tables[0].k, title: `Speedup, k = ${tables[0].k}` })) : '';
  const lead = `<section id="summary"><p class="lead">${escapeHtml(leadSentence(rec))}</p>\n${mainChart}\n</section>`;

  const parts: string[] = [];
  tables.forEach((t, i) => {
    const headers: Cell[] = ['Processes', ...t.sizes.map((n) => raw(`Speedup N = ${escapeHtml(formatCount(n))}`))];
    const rows = t.workers.map((w, r) => [w, ...t.speedups[r].map(ratio)] as Cell[]);
    const body = [
      table(headers, rows, { caption: `Table ${i + 1}. Speedups for k = ${t.k}.`, className: 'data speedup', rowHeaders: true }),
      i === 0 ? '' : chart(`speedup-k${t.k}`, speedupChart(e, { k: t.k, title: `Speedup, k = ${t.k}` })),
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
  const ceilingColumns = (c: ExperimentCell): Cell[] => (withCeiling ? [ratio(c.ceilingSpeedup), formatOfCeiling(c.ofCeiling)] : []);
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
      ratio(c.speedup),
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
  parts.push(section('experiment', 'How it was measured', keyValues(specPairs)));
  if (params) parts.push(section('parameters', 'Parameters', keyValues(paramRows(params).filter(([key]) => !key.endsWith('(workers)')))));
  parts.push(datasetSection(rec, extras.includePath === true));
  return { lead, body: parts.join('\n'), warnings: warn };
}

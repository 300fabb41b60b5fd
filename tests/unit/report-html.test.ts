import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtmlReport } from '../../src/main/report/html.ts';
import { pointsFromData } from '../../src/main/report/points.ts';
import { ekmFixture, experimentFixture, kmeansFixture } from './report-fixtures.ts';

const EVIL = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

/** Every <figure data-chart> with its inline SVG. */
function charts(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<figure class="chart" data-chart="([^"]+)">(<svg[\s\S]*?<\/svg>)<\/figure>/g)) out.set(m[1], m[2]);
  return out;
}

function assertSelfContained(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:|\/\/)/i);
  expect(html).not.toMatch(/url\(\s*["']?(https?:|\/\/)/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i); // no inline event handler attributes in any tag
}

describe('HTML report: k-means run', () => {
  const { record, dataset } = kmeansFixture({ n: 400, k: 3, name: `blobs ${EVIL}.csv`, features: [`x${EVIL}`, 'y'] });
  record.title = `Run ${EVIL}`;
  const points = pointsFromData(record, { values: dataset.values, n: dataset.n, d: dataset.d, columns: dataset.columns }, { maxPoints: 300 });
  const html = renderHtmlReport(record, { ...points.extras, notes: ['note <b>bold</b>'] });

  it('is one self-contained document with escaped user strings', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    assertSelfContained(html);
    expect(html).toContain(escapeHtml(`blobs ${EVIL}.csv`));
    expect(html).toContain(`<title>${escapeHtml(`Run ${EVIL}`)} — Clusterbench report</title>`);
    expect(html).toContain('note &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('has the scatter and convergence charts as inline SVG', () => {
    const c = charts(html);
    expect([...c.keys()]).toEqual(['scatter', 'convergence']);
    expect(c.get('scatter')).toContain('showing 300 of 400 points (sampled)');
    expect(c.get('convergence')).toContain('stop threshold 0.01');
    // Feature names reach the SVG axis names escaped.
    expect(c.get('scatter')).not.toContain('<script');
  });

  it('summarises dataset, parameters, stop reason, clusters, timings and machine', () => {
    const r = record.result;
    if (r.algorithm !== 'kmeans') throw new Error('fixture');
    for (const text of [record.dataset.hash, 'Scaling', 'k-means++', 'Restarts (best one kept) (nInit)', 'changed-fraction: fewer than 1% of points changed cluster', 'Test CPU @ 3.0GHz', '12.5\u00a0ms']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<th scope="row">Random seed \(seed\)<\/th><td>42<\/td>/);
    // Cluster sizes table: sizes recomputed from the labels.
    for (let c = 0; c < 3; c++) {
      const size = r.labels.filter((l) => l === c).length;
      expect(html).toMatch(new RegExp(`<th scope="row">${c}</th><td>${size}</td>`));
    }
  });

  it('says why the scatter is missing when no points were given', () => {
    const bare = renderHtmlReport(record, { notes: ['No cluster scatter or distances: the data file /x.csv no longer exists.'] });
    expect(charts(bare).has('scatter')).toBe(false);
    expect(bare).toContain('no longer exists');
    expect(bare).toContain('No cluster scatter');
  });
});

describe('HTML report: EKM run', () => {
  it('has the tree timeline and exact-vs-heuristic charts with the gap', () => {
    const { record } = ekmFixture();
    const html = renderHtmlReport(record);
    assertSelfContained(html);
    const c = charts(html);
    expect(c.has('ekm-timeline')).toBe(true);
    expect(c.has('exact-vs-heuristic')).toBe(true);
    expect(c.get('exact-vs-heuristic')).toContain('optimality gap 5.00%');
    expect(html).toContain('5.000%');
    expect(html).toContain('exhaustive search finished');
    expect(c.get('ekm-timeline')).toContain('worker 1');
  });
});

describe('HTML report: experiment', () => {
  const rec = experimentFixture({ mismatch: true });
  const html = renderHtmlReport(rec);

  it('has the seed-paper speedup table per k with 3 decimals', () => {
    assertSelfContained(html);
    for (const k of [10, 20]) {
      const m = html.match(new RegExp(`<table class="data speedup"><caption>Table \\d\\. Speedups for k = ${k}\\.</caption>([\\s\\S]*?)</table>`));
      expect(m, `table for k=${k}`).not.toBeNull();
      const body = m![1];
      expect(body).toContain('<th scope="col">Processes</th><th scope="col">Speedup N = 1e4</th><th scope="col">Speedup N = 1e5</th><th scope="col">Speedup N = 1e6</th>');
      for (const w of [1, 2, 4, 8]) {
        const expected = [10_000, 100_000, 1_000_000].map((n) => rec.experiment.cells.find((c) => c.k === k && c.n === n && c.workers === w)!.speedup.toFixed(3));
        expect(body).toContain(`<tr><th scope="row">${w}</th>${expected.map((s) => `<td>${s}</td>`).join('')}</tr>`);
      }
      expect(body).not.toContain('<th scope="row">0</th>'); // the serial reference is not a row
    }
  });

  it('has speedup, efficiency and runtime charts per k and the fits', () => {
    const c = charts(html);
    expect([...c.keys()]).toEqual(['speedup-k10', 'efficiency-k10', 'runtime-k10', 'speedup-k20', 'efficiency-k20', 'runtime-k20']);
    const p = rec.experiment.fits.find((f) => f.n === 1_000_000 && f.k === 10)!.amdahl!.parallelFraction;
    expect(html).toContain(`<td>${Number(p.toPrecision(4))}</td>`);
    expect(html).toContain('Amdahl S(P) = 1 / ((1 − p) + p / P)');
  });

  it('warns about answers that differ from serial', () => {
    expect(html).toMatch(/<div class="warn" role="alert">[\s\S]*3 labels differ from serial/);
    expect(html).toContain('<span class="bad">no — 3 labels differ from serial</span>');
    const clean = renderHtmlReport(experimentFixture());
    expect(clean).not.toContain('class="warn"');
  });

  it('shows the machine ceiling and the share of it used only when measured', () => {
    expect(html).not.toContain('machine ceiling');
    const withCeiling = experimentFixture({ ceiling: true });
    const h = renderHtmlReport(withCeiling);
    assertSelfContained(h);
    expect(h).toContain('<th scope="col">machine ceiling</th><th scope="col">of ceiling</th>');
    const two = withCeiling.experiment.cells.find((c) => c.workers === 2 && c.k === 10 && c.n === 10_000)!;
    expect(h).toContain(`<td>${two.efficiency.toFixed(3)}</td><td>${two.ceilingSpeedup!.toFixed(3)}</td><td>${(two.ofCeiling! * 100).toFixed(1)} %</td>`);
    expect(h).toMatch(/<th scope="row">Machine ceiling<\/th><td>ceiling = P × median\(serial\) \/ median\(P serial runs/);
    expect(charts(h).get('speedup-k10')).toContain('dashed ▲: machine ceiling');
  });

  it('builds its own warning from cells when the engine listed none, and flags cancelled runs', () => {
    const r2 = experimentFixture({ mismatch: true });
    r2.experiment.mismatches = [];
    r2.experiment.cancelled = true;
    const h = renderHtmlReport(r2);
    expect(h).toMatch(/N=1e4, k=10, 4 workers: answer differs from serial \(3 labels differ from serial\)/);
    expect(h).toContain('The experiment was cancelled');
  });
});

describe('HTML report: leads with the answer (issue 13)', () => {
  const order = (h: string, ...ids: string[]) => ids.map((id) => h.indexOf(`id="${id}"`));

  it('a run report opens with the answer, the key numbers and the scatter; parameters and provenance come after', () => {
    const { record, dataset } = kmeansFixture({ n: 400, k: 3 });
    const h = renderHtmlReport(record, pointsFromData(record, { values: dataset.values, n: dataset.n, d: dataset.d, columns: dataset.columns }, { maxPoints: 300 }).extras);
    const [summary, clusters, parameters, ds, machine] = order(h, 'summary', 'clusters', 'parameters', 'dataset', 'machine');
    expect(summary).toBeGreaterThan(0);
    expect([summary, clusters, parameters, ds, machine]).toEqual([...[summary, clusters, parameters, ds, machine]].sort((a, b) => a - b));
    expect(h.indexOf('data-chart="scatter"')).toBeGreaterThan(summary);
    expect(h.indexOf('data-chart="scatter"')).toBeLessThan(clusters);
    const r = record.result;
    if (r.algorithm !== 'kmeans') throw new Error('fixture');
    const sizes = [0, 1, 2].map((c) => r.labels.filter((l) => l === c).length);
    const lead = /<p class="lead">([^<]*)<\/p>/.exec(h)![1];
    expect(lead).toContain(`into 3 clusters of ${Math.min(...sizes)}–${Math.max(...sizes)} rows each`);
    expect(lead).toContain(`after ${r.iterations} iteration`);
  });

  it('leaves out the absolute path unless asked for it', () => {
    const { record } = kmeansFixture();
    expect(renderHtmlReport(record)).not.toContain(record.dataset.path);
    expect(renderHtmlReport(record)).toContain(record.dataset.hash);
    expect(renderHtmlReport(record, { includePath: true })).toContain(record.dataset.path);
  });

  it('an EKM report says the cost is proven optimal and how far PAM was', () => {
    const { record } = ekmFixture();
    const h = renderHtmlReport(record);
    const lead = /<p class="lead">([^<]*)<\/p>/.exec(h)![1];
    expect(lead).toMatch(/^Exact K-medoids found the optimal \d+ medoids/);
    if (record.result.algorithm === 'kmeans' || !record.heuristic) throw new Error('fixture');
    expect(lead).toContain(`checking all ${record.result.combinationsEvaluated.toLocaleString('en-US')} medoid sets`);
    expect(lead).toContain('PAM reached cost');
  });

  it('an experiment report opens with the best speedup, found independently from the cells', () => {
    const rec = experimentFixture();
    const h = renderHtmlReport(rec);
    let best = rec.experiment.cells[0];
    for (const c of rec.experiment.cells) if (c.workers > 0 && (best.workers === 0 || c.speedup > best.speedup)) best = c;
    const lead = /<p class="lead">([^<]*)<\/p>/.exec(h)![1];
    expect(lead).toContain(`Best speedup ${best.speedup.toFixed(2)}×`);
    expect(lead).toContain(`k = ${best.k}`);
    const [summary, firstTable, how, ds] = order(h, 'summary', `scaling-k${rec.experiment.cells[0].k}`, 'experiment', 'dataset');
    expect(summary).toBeLessThan(firstTable);
    expect(firstTable).toBeLessThan(how);
    expect(how).toBeLessThan(ds);
  });
});

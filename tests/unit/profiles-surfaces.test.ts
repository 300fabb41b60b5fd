// Cluster profiles where users meet them: the analysis:run channel (kept with the record), the
// CLI's --profiles (printed table, JSON record), the HTML report's section, and the box plot
// builder with its text version. Numbers are checked against the CSV read independently here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { ekmCommand } from '../../src/main/cli/ekm.ts';
import { kmeansCommand } from '../../src/main/cli/kmeans.ts';
import { renderHtmlReport } from '../../src/main/report/html.ts';
import { loadJsonReport } from '../../src/main/report/json.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';
import { describeChart, profileBoxplot } from '../../src/shared/charts/index.ts';
import { profileTable } from '../../src/shared/profile-table.ts';
import type { ClusterProfiles } from '../../src/shared/profiles.ts';
import type { RunRecord } from '../../src/shared/types.ts';

const resources = resolve(import.meta.dirname, '../../resources');
const IRIS = join(resources, 'iris.csv');
const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** iris.csv read by hand: four numeric columns, row order. */
const irisColumns: number[][] = (() => {
  const rows = readFileSync(IRIS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 4).map(Number));
  return [0, 1, 2, 3].map((j) => rows.map((r) => r[j]));
})();

/** Mean and the extremes of each cluster's rows, straight from the CSV. */
function checkAgainstCsv(p: ClusterProfiles, labels: number[]): void {
  p.features.forEach((f, j) => {
    p.clusters.forEach((c) => {
      const xs = irisColumns[j].filter((_, i) => labels[i] === c.label);
      expect(c.count).toBe(xs.length);
      const s = f.clusters[c.label]!;
      expect(s.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 12);
      expect(s.min).toBeCloseTo(Math.min(...xs), 12);
      expect(s.max).toBeCloseTo(Math.max(...xs), 12);
    });
  });
}

describe('profiles over the contract', () => {
  let wb: Workbench;
  let call: ContractCall;
  beforeAll(() => {
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'direct', poolSize: 2 });
    call = contractCaller(wb);
  });
  afterAll(() => wb.dispose());

  it('computes them on request, in original units of z-scored data, keeps quality, and saves them', async () => {
    const iris = await call('dataset:open', { jobId: 'l', path: IRIS, options: { scaling: 'zscore' } });
    const run = await call('kmeans:run', { jobId: 'r', datasetId: iris.id, params: { k: 3, seed: 2, workers: 2 } });
    const scored = await call('analysis:run', { jobId: 'q', recordId: run.id, datasetId: iris.id });
    expect(scored.profiles).toBeUndefined(); // not unless asked
    const profiled = await call('analysis:run', { jobId: 'p', recordId: run.id, datasetId: iris.id, quality: false, profiles: true });
    expect(profiled.quality).toEqual(scored.quality);
    const p = profiled.profiles!;
    expect(p).toMatchObject({ n: 150, units: 'original', scaling: 'zscore', imputedValues: 0, workers: 2 });
    const saved = JSON.parse(readFileSync(join(dir, 'history', `${run.id}.json`), 'utf8')) as RunRecord;
    expect(saved.profiles!.features).toEqual(p.features);
    checkAgainstCsv(p, saved.result.labels);
  });
});

describe('--profiles on the CLI', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('kmeans prints the table and the JSON record carries the profiles', async () => {
    const json = join(dir, 'k.json');
    expect(await kmeansCommand.run(parseArgs([IRIS, '--k', '3', '--seed', '1', '--scaling', 'minmax', '--profiles', '--json', json, '--quiet']))).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^cluster profiles \(150 rows; original units of the CSV\):$/m);
    expect(text).toMatch(/^ +whole data +cluster 0 +cluster 1 +cluster 2$/m);
    expect(text).toMatch(/^rows +150 +\d+ +\d+ +\d+$/m);
    expect(text).toMatch(/^sepal_length$/m);
    // whole-data column of sepal_length: the CSV's own min, median and max
    expect(text).toMatch(/^ {2}min +4\.3 /m);
    expect(text).toMatch(/^ {2}max +7\.9 /m);
    expect(text).toMatch(/min-max scaled features; the profile undoes that scaling/);
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    if (rec.kind !== 'run') throw new Error('expected a run record');
    checkAgainstCsv(rec.profiles!, rec.result.labels);
  });

  it('says how many imputed cells count as the column mean', async () => {
    const csv = join(dir, 'gap.csv');
    writeFileSync(csv, 'a,b\n1,10\n2,\n3,30\n10,40\n11,50\n12,60\n');
    const json = join(dir, 'gap.json');
    await kmeansCommand.run(parseArgs([csv, '--k', '2', '--missing', 'mean-impute', '--profiles', '--json', json, '--quiet']));
    expect(out.join('\n')).toMatch(/1 missing value was replaced by the column mean at load and counts as that mean/);
    const rec = loadJsonReport(readFileSync(json, 'utf8')) as RunRecord;
    expect(rec.profiles!.imputedValues).toBe(1);
    expect(rec.profiles!.n).toBe(6);
    expect(rec.profiles!.features[1].whole.mean).toBeCloseTo(38, 12); // 10, 38, 30, 40, 50, 60
  });

  it('ekm takes --profiles too, and refuses a value for it', async () => {
    const json = join(dir, 'e.json');
    await ekmCommand.run(parseArgs([join(resources, 'blobs-400.csv'), '--k', '3', '--profiles', '--json', json, '--quiet']));
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    if (rec.kind !== 'run') throw new Error('expected a run record');
    expect(rec.profiles!.clusters.map((c) => c.count).reduce((a, b) => a + b, 0)).toBe(400);
    await expect(kmeansCommand.run(parseArgs([IRIS, '--k', '3', '--profiles=yes', '--quiet']))).rejects.toThrow(/--profiles takes no value/);
  });
});

describe('profiles in the report and the box plots', () => {
  const profiles: ClusterProfiles = {
    n: 5,
    clusters: [
      { label: 0, count: 3, share: 0.6 },
      { label: 1, count: 0, share: 0 },
      { label: 2, count: 2, share: 0.4 },
    ],
    features: [
      {
        feature: 'len<gth>',
        whole: { mean: 3, sd: 1.5, min: 1, q1: 2, median: 3, q3: 4, max: 9, lowerWhisker: 1, upperWhisker: 5, outliersBelow: 0, outliersAbove: 1 },
        clusters: [
          { mean: 2, sd: 1, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3, lowerWhisker: 1, upperWhisker: 3, outliersBelow: 0, outliersAbove: 0 },
          null,
          { mean: 6.5, sd: null, min: 4, q1: 5.25, median: 6.5, q3: 7.75, max: 9, lowerWhisker: 4, upperWhisker: 9, outliersBelow: 0, outliersAbove: 0 },
        ],
      },
    ],
    units: 'original',
    scaling: 'none',
    imputedValues: 2,
    workers: 1,
    ms: 1,
  };

  it('the table lists whole data then every cluster, empty ones as no value', () => {
    const t = profileTable(profiles);
    expect(t.columns).toEqual(['whole data', 'cluster 0', 'cluster 1', 'cluster 2']);
    expect(t.rows.find((r) => r.label === 'Q3')!.cells).toEqual([4, 2.5, null, 7.75]);
    expect(t.rows.find((r) => r.label === 'sd (n − 1)')!.cells).toEqual([1.5, 1, null, null]);
  });

  it('the box plot draws whole data and the non-empty clusters, the max beyond the whisker as a point, and reads out', () => {
    const option = profileBoxplot(profiles, 0);
    expect((option.xAxis as { data: string[] }).data).toEqual(['whole data', 'cluster 0', 'cluster 2']);
    const [boxes, points] = option.series as { data: unknown[] }[];
    expect((boxes.data as { value: number[] }[]).map((d) => d.value)).toEqual([[1, 2, 3, 4, 5], [1, 1.5, 2, 2.5, 3], [4, 5.25, 6.5, 7.75, 9]]);
    expect(points.data).toEqual([[0, 9]]);
    expect(describeChart(option).join('\n')).toContain('whole data: median 3, box 2 to 4, whiskers 1 to 5; cluster 0: median 2, box 1.5 to 2.5, whiskers 1 to 3');
  });

  it('the report has a Cluster profiles section with escaped tables, box plots and their text', () => {
    const base = loadJsonReport(readFileSync(join(dir, 'k.json'), 'utf8')) as RunRecord;
    const html = renderHtmlReport({ ...base, profiles });
    const section = html.slice(html.indexOf('<section id="profiles">'), html.indexOf('</section>', html.indexOf('<section id="profiles">')));
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="profiles">'));
    expect(section).toContain('<h2>Cluster profiles</h2>');
    expect(section).toContain('<caption>len&lt;gth&gt;</caption>');
    expect(section).not.toContain('len<gth>');
    expect(section).toContain('Cluster 1 is empty (0 rows)');
    expect(section).toContain('2 missing values were replaced by the column mean');
    expect(section).toMatch(/<figure class="chart" data-chart="profile-box-0"><svg[\s\S]*<\/svg><figcaption>whole data \(5 rows\): median 3, box 2 to 4, whiskers 1 to 5, min 1, max 9, 1 beyond the whiskers\.<br>cluster 0 \(3 rows\): median 2/);
  });
});

// kmeans/ekm --class-column and --quality: printed scores, the confusion table, the JSON record.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { ekmCommand } from '../../src/main/cli/ekm.ts';
import { kmeansCommand } from '../../src/main/cli/kmeans.ts';
import { externalScores } from '../../src/main/engine/metrics/index.ts';
import { loadJsonReport } from '../../src/main/report/json.ts';

const IRIS = resolve(import.meta.dirname, '../../resources/iris.csv');
const BLOBS = resolve(import.meta.dirname, '../../resources/blobs-400.csv');
const dir = mkdtempSync(join(tmpdir(), 'analysis-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--class-column and --quality', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('kmeans prints the validation and the quality and stores both in the record', async () => {
    const json = join(dir, 'iris.json');
    const code = await kmeansCommand.run(parseArgs([IRIS, '--k', '3', '--seed', '1', '--n-init', '5', '--workers', '2', '--class-column', 'species', '--quality', '--json', json, '--quiet']));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/validation against class column "species" \(150 rows\)/);
    expect(text).toMatch(/^class \\ cluster/m);
    expect(text).toMatch(/^setosa +\d+ +\d+ +\d+$/m);
    expect(text).toMatch(/misassigned: \d+ of 150 rows/);
    expect(text).toMatch(/silhouette: 0\.\d{3} \(exact over 150 rows/);
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    if (rec.kind !== 'run') throw new Error('expected a run record');
    // the record's ARI is that of its own labels against the species
    const species = readFileSync(IRIS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    const codes = species.map((s) => ['setosa', 'versicolor', 'virginica'].indexOf(s));
    expect(rec.validation!.ari).toBe(externalScores(codes, rec.result.labels).ari);
    expect(rec.validation!.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(150);
    expect(rec.quality!.silhouette.exact).toBe(true);
    expect(rec.quality!.silhouette.profile.map((p) => p.values.length).reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('takes a numeric class column out of the default features', async () => {
    const csv = join(dir, 'coded.csv');
    const rows = readFileSync(BLOBS, 'utf8').trim().split('\n').slice(1).map((l) => l.replace(/c(\d+)$/, (_, d) => String(Number(d) - 1)));
    writeFileSync(csv, ['x,y,true_cluster', ...rows].join('\n'));
    const json = join(dir, 'coded.json');
    await ekmCommand.run(parseArgs([csv, '--k', '3', '--class-column', 'true_cluster', '--json', json, '--quiet']));
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    if (rec.kind !== 'run') throw new Error('expected a run record');
    expect(rec.dataset.features).toEqual(['x', 'y']);
    expect(rec.validation!.ari).toBe(1);
    expect(rec.validation!.confusion.misassigned).toBe(0);
    expect(rec.quality).toBeUndefined();
  });

  it('says which columns exist when the class column is not there', async () => {
    await expect(kmeansCommand.run(parseArgs([IRIS, '--k', '3', '--class-column', 'kind', '--quiet']))).rejects.toThrow(/no column "kind".*species/);
  });
});

describe('run report with quality and validation', () => {
  it('leads with the scores and shows the silhouette plot and the confusion table', async () => {
    const html = join(dir, 'iris.html');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await kmeansCommand.run(parseArgs([IRIS, '--k', '3', '--seed', '1', '--class-column', 'species', '--quality', '--report', html, '--quiet']));
    vi.restoreAllMocks();
    const page = readFileSync(html, 'utf8');
    const summary = page.slice(page.indexOf('<section id="summary">'), page.indexOf('</section>', page.indexOf('<section id="summary">')));
    expect(summary).toMatch(/Quality: mean silhouette 0\.\d+; agreement with the known classes in &quot;species&quot;: ARI 0\.\d+, \d+ of 150 rows misassigned/);
    expect(summary).toContain('Silhouette (higher is better');
    expect(page).toContain('data-chart="silhouette"><svg');
    expect(page).toMatch(/<section id="validation">[\s\S]*<caption>Classes to clusters/);
    expect(page).toMatch(/<th scope="row">setosa<\/th>/);
  });
});

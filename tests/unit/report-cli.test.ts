import Papa from 'papaparse';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { reportCommand } from '../../src/main/cli/report.ts';
import { loadCsv } from '../../src/main/engine/dataset/csv.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { toJsonReport } from '../../src/main/report/json.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { experimentFixture, kmeansFixture, sqDist, tinyLloyd } from './report-fixtures.ts';
import { useTempDir } from './tmpdir.ts';

const dir = useTempDir('cb-report-cli-');
let log: string[];
beforeEach(() => {
  log = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void log.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void log.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const run = (argv: string[]) => reportCommand.run(parseArgs(argv));

/** A CSV on disk and a run record computed on exactly what the loader reads from it. */
async function recordOnDisk(): Promise<{ rec: RunRecord; csvPath: string; recPath: string }> {
  const blobs = makeBlobs({ n: 240, centers: 3, d: 3, seed: 4 });
  const rows = Array.from({ length: 240 }, (_, i) => Array.from(blobs.dataset.values.subarray(i * 3, i * 3 + 3)));
  const csvPath = join(dir(), 'points.csv');
  await writeFile(csvPath, Papa.unparse({ fields: ['a', 'b', 'c'], data: rows }));
  const { summary, dataset } = await loadCsv(csvPath, { scaling: 'none' });
  const fit = tinyLloyd(dataset, 3);
  const { record } = kmeansFixture({ n: 10, k: 3 });
  if (record.result.algorithm !== 'kmeans') throw new Error('fixture');
  const rec: RunRecord = {
    ...record,
    dataset: { name: summary.name, path: csvPath, hash: summary.hash, rows: dataset.n, d: 3, features: summary.features, scaling: 'none' },
    result: { ...record.result, params: { ...record.result.params, k: 3 }, labels: fit.labels, centroids: fit.centroids, history: fit.history, iterations: fit.history.length },
  };
  const recPath = join(dir(), 'run.json');
  await writeFile(recPath, toJsonReport(rec));
  return { rec, csvPath, recPath };
}

describe('report CLI', () => {
  it('reloads the data: HTML with a PCA scatter, CSV with distances', async () => {
    const { rec, csvPath, recPath } = await recordOnDisk();
    const html = join(dir(), 'out.html');
    const csv = join(dir(), 'labels.csv');
    expect(await run([recPath, '--html', html, '--csv', csv])).toBe(0);
    expect(log).toContain(`wrote ${html}`);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('data-chart="scatter"');
    expect(page).toContain('PC1 (');
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('row,cluster,distance_to_center');
    expect(lines).toHaveLength(241);
    // Oracle: distance of row 5 to its centroid, recomputed from the CSV values.
    const { dataset } = await loadCsv(csvPath, { scaling: 'none' });
    const [row, cluster, dist] = lines[6].split(',');
    expect(Number(row)).toBe(6); // the 6th data row: rows are numbered from 1, as in the app
    expect(Number(cluster)).toBe(rec.result.labels[5]);
    expect(Number(dist)).toBeCloseTo(Math.sqrt(sqDist(dataset.values, 5, 3, (rec.result as { centroids: number[][] }).centroids[Number(cluster)])), 12);
  });

  it('writes the report without a scatter, with a note, when the data file is gone or changed', async () => {
    const { csvPath, recPath } = await recordOnDisk();
    await writeFile(csvPath, 'a,b,c\n1,2,3\n'); // changed since the run
    const html = join(dir(), 'changed.html');
    expect(await run([recPath, '--html', html])).toBe(0);
    expect(await readFile(html, 'utf8')).toMatch(/changed since the run/);
    expect(log.join('\n')).toMatch(/Note: No cluster scatter/);
    await rm(csvPath);
    const html2 = join(dir(), 'gone.html');
    expect(await run([recPath, '--html', html2])).toBe(0);
    const page = await readFile(html2, 'utf8');
    expect(page).toMatch(/no longer exists/);
    expect(page).not.toContain('data-chart="scatter"');
  });

  it('shows the absolute path only with --include-path', async () => {
    const { csvPath, recPath } = await recordOnDisk();
    const html = join(dir(), 'out.html');
    expect(await run([recPath, '--html', html, '--no-data'])).toBe(0);
    expect(await readFile(html, 'utf8')).not.toContain(csvPath);
    expect(await run([recPath, '--html', html, '--no-data', '--include-path'])).toBe(0);
    expect(await readFile(html, 'utf8')).toContain(csvPath);
  });

  it('refuses to overwrite the input CSV and explains bad input', async () => {
    const { csvPath, recPath } = await recordOnDisk();
    const before = await readFile(csvPath, 'utf8');
    await expect(run([recPath, '--csv', csvPath])).rejects.toThrow(/Refusing to write/);
    expect(await readFile(csvPath, 'utf8')).toBe(before);
    expect(await run([recPath])).toBe(2);
    await expect(run([join(dir(), 'missing.json'), '--html', join(dir(), 'x.html')])).rejects.toThrow(/cannot read/);
    await expect(run([csvPath, '--html', join(dir(), 'x.html')])).rejects.toThrow(/not valid JSON/);
    const exp = join(dir(), 'exp.json');
    await writeFile(exp, toJsonReport(experimentFixture()));
    await expect(run([exp, '--csv', join(dir(), 'x.csv')])).rejects.toThrow(/experiment; labels exist only for runs/);
    expect(await run([exp, '--html', join(dir(), 'exp.html'), '--json', join(dir(), 'exp2.json')])).toBe(0);
    expect(await readFile(join(dir(), 'exp2.json'), 'utf8')).toBe(await readFile(exp, 'utf8'));
  });
});

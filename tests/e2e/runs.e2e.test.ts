// Keeping and reusing work in a real browser (Chromium over the web host, real engine), issue 13:
// a CSV picked through the file chooser gets its class column, ARI and the classes-to-clusters
// table; two k-means runs with different k are compared in History (ARI between the labelings);
// "Re-run with these settings" puts an EKM run's settings back in the side panel.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, isSerious } from './axe.ts';
import { type AppSession, REPO_ROOT, runAndWait, screenshot, setField, startAppSession } from './helpers.ts';

let session: AppSession;
let page: Page;
let errors: string[];

/** Saves the record on screen in `format` through the header's Save report; returns the downloaded text. */
async function download(format: 'html' | 'data'): Promise<string> {
  await page.getByTestId('report-format').selectOption(format);
  const file = page.waitForEvent('download');
  await page.getByTestId('save-report').click();
  return readFile((await (await file).path())!, 'utf8');
}

/** The History row of the newest record whose title contains `text`. */
function historyRow(text: string) {
  return page.getByTestId('history-row').filter({ hasText: text }).first();
}

beforeAll(async () => {
  session = await startAppSession();
  ({ page, errors } = session);
}, 240_000);

afterAll(async () => {
  await session?.close();
});

describe('uploads, comparing runs and re-running in Chromium', () => {
  it('a browser-picked CSV offers its class column; scoring shows ARI and the confusion table', async () => {
    const bytes = await readFile(join(REPO_ROOT, 'resources/iris.csv'));
    await runAndWait(page, () => page.getByTestId('file-input').setInputFiles({ name: 'flowers.csv', mimeType: 'text/csv', buffer: bytes }), 'done');
    await expect(page.getByTestId('dataset-path').textContent()).resolves.toMatch(/flowers\.csv, sent from the browser/);
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-quality').click();
    await expect.poll(() => page.getByTestId('class-column').inputValue()).toBe('species');
    await expect(page.getByTestId('class-column-unavailable').count()).resolves.toBe(0);
    const status = await runAndWait(page, () => page.getByTestId('score-run').click(), 'done');
    expect(status).toMatch(/ARI 0\.\d{3}/);
    expect(Number(await page.getByTestId('validation-ari').textContent())).toBeGreaterThan(0.5);
    const rows = await page.getByTestId('confusion-table').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['setosa', 'versicolor', 'virginica', 'matched class']);
    expect(rows.slice(0, 3).flatMap((r) => r.split('\t').slice(1).map(Number)).reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('compares two k-means runs with different k: the ARI between their labelings', async () => {
    await setField(page, 'param-k', 5);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-history').click();
    await historyRow('k-means k=3').getByTestId('history-compare').check();
    await historyRow('k-means k=5').getByTestId('history-compare').check();
    await page.getByTestId('compare-runs').click();
    const view = page.getByTestId('compare-view');
    await view.waitFor();
    const ari = Number(await page.getByTestId('compare-ari').textContent());
    expect(ari).toBeGreaterThan(0.2);
    expect(ari).toBeLessThan(1);
    const params = await page.getByTestId('compare-params').locator('tbody tr[data-differs]').allInnerTexts();
    expect(params.some((r) => /^Clusters \(k\) \(differs\)\t3\t5$/.test(r))).toBe(true);
    // 3 clusters of A × 5 of B, every one of the 150 rows counted once
    const table = await page.getByTestId('compare-table').locator('tbody tr').allInnerTexts();
    expect(table).toHaveLength(3);
    expect(table.flatMap((r) => r.split('\t').slice(1).map(Number)).reduce((a, b) => a + b, 0)).toBe(150);
    await expect(page.getByTestId('compare-results').textContent()).resolves.toMatch(/ARI against the known classes0\.\d+ \(species\)/);
    await page.getByTestId('compare-agreement').scrollIntoViewIfNeeded();
    await screenshot(page, 'compare.png');
    // the compare view, its tables and the History checkboxes pass axe (no serious or critical violation)
    expect((await axeViolations(page)).filter(isSerious)).toEqual([]);
  });

  it('refuses to compare runs on different datasets, saying why', async () => {
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-history').click();
    await historyRow('blobs-400.csv').getByTestId('history-compare').check(); // replaces the oldest tick
    await page.getByTestId('compare-runs').click();
    await expect(page.getByTestId('compare-error').textContent()).resolves.toMatch(/different data: A on flowers\.csv \(SHA-256 [0-9a-f]{12}…\), B on blobs-400\.csv/);
    await expect(page.getByTestId('compare-view').count()).resolves.toBe(0);
  });

  it('reopens the browser-picked run from History, exports its labelled data, and the re-opened export agrees with it (ARI 1)', async () => {
    await page.getByTestId('tab-button-history').click();
    await runAndWait(page, () => page.getByTestId('history-row').filter({ hasText: 'k-means k=3' }).filter({ hasText: 'flowers.csv' }).getByTestId('history-open').click(), 'done');
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('flowers.csv');
    const text = await download('data');
    const table = text.trim().split('\n').map((l) => l.split(','));
    expect(table[0]).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species', 'cluster', 'distance_to_center']);
    expect(table).toHaveLength(151);
    // the export, picked in the browser again: its cluster column as the known classes
    await runAndWait(page, () => page.getByTestId('file-input').setInputFiles({ name: 'flowers-labelled.csv', mimeType: 'text/csv', buffer: Buffer.from(text) }), 'done');
    await page.getByTestId('feature-cluster').uncheck();
    await page.getByTestId('feature-distance_to_center').uncheck();
    await runAndWait(page, () => page.getByTestId('reload').click(), 'done');
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-quality').click();
    await expect.poll(async () => (await page.getByTestId('class-column').locator('option').allTextContents()).join('|')).toContain('cluster');
    await page.getByTestId('class-column').selectOption('cluster');
    await runAndWait(page, () => page.getByTestId('score-run').click(), 'done');
    // the same rows and settings give the same clustering: it reproduces its own exported labels
    await expect(page.getByTestId('validation-ari').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('validation-misassigned').textContent()).resolves.toBe('0');
  });

  it('sweeps k with EKM within a time budget (the rest listed as not run); the saved HTML report holds the sweep', async () => {
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await page.getByTestId('tab-button-sweep').click();
    await page.getByTestId('sweep-algorithm').selectOption('ekm');
    await setField(page, 'sweep-kfrom', 2);
    await setField(page, 'sweep-kto', 4);
    await setField(page, 'sweep-ekm-budget', 20);
    await runAndWait(page, () => page.getByTestId('sweep-run').click(), 'done', 120_000);
    // k = 4: C(400, 4) ≈ 1e9 medoid sets of 400 terms, far above 20 s; k = 2 far below
    await expect(page.getByTestId('sweep-skipped').textContent()).resolves.toMatch(/k = 4 not run: estimated at ~[\d.]+ s unpruned on one worker .* above the budget of 20\.0 s per k/);
    const ks = (await page.getByTestId('sweep-table').locator('tbody th').allTextContents()).map(Number);
    expect(ks[0]).toBe(2);
    expect(ks).not.toContain(4);
    // no run on this data yet: the sweep is saved alone
    const alone = await download('html');
    expect(alone).toMatch(/<title>k sweep 2–4 on blobs-400\.csv/);
    expect(alone).toContain('k = 4 was not run');
    // a run on the same data: its report, with the sweep as a section (charts, table, best k)
    await page.getByTestId('algorithm-kmeans').click();
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    const both = await download('html');
    expect(both).toMatch(/<title>k-means k=3 .* on blobs-400\.csv/);
    expect(both).toContain('<section id="sweep"><h2>Choosing k: sweep 2–4 (exact K-medoids (EKM))</h2>');
    for (const name of ['sweep-silhouette', 'sweep-elbow', 'sweep-davies-bouldin', 'sweep-calinski-harabasz']) expect(both).toContain(`data-chart="${name}"><svg`);
    expect(both).toMatch(/Best k by silhouette<\/th><td>\d/);
  });

  it('keeps the sweep in History: Re-run restores its form and data, Open shows it again', async () => {
    await page.getByTestId('tab-button-sweep').click();
    await page.getByTestId('sweep-algorithm').selectOption('kmeans');
    await setField(page, 'sweep-kfrom', 3);
    await setField(page, 'sweep-kto', 9);
    await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done');
    await page.getByTestId('tab-button-history').click();
    const row = historyRow('k sweep 2–4 (EKM) on blobs-400.csv');
    await expect(row.locator('.type-badge').textContent()).resolves.toBe('sweep');
    await expect(row.getByTestId('history-compare').count()).resolves.toBe(0); // only runs are compared
    await row.getByTestId('history-rerun').click();
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 }).toMatch(/Settings of the k sweep 2–4 on blobs-400\.csv are in the Choose k tab/);
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('blobs-400.csv');
    await expect.poll(() => page.getByTestId('tab-button-sweep').getAttribute('aria-selected')).toBe('true');
    await expect(page.getByTestId('sweep-algorithm').inputValue()).resolves.toBe('ekm');
    await expect(page.getByTestId('sweep-kfrom').inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('sweep-kto').inputValue()).resolves.toBe('4');
    await expect(page.getByTestId('sweep-ekm-budget').inputValue()).resolves.toBe('20');
    // Open, from another dataset: the sweep and its data come back
    await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done');
    await page.getByTestId('tab-button-history').click();
    await historyRow('k sweep 2–4 (EKM) on blobs-400.csv').getByTestId('history-open').click();
    await expect.poll(() => page.getByTestId('tab-button-sweep').getAttribute('aria-selected'), { timeout: 60_000 }).toBe('true');
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('blobs-400.csv');
    await expect(page.getByTestId('sweep-skipped').textContent()).resolves.toMatch(/k = 4 not run/);
    await expect(page.getByTestId('sweep-table').locator('tbody th').first().textContent()).resolves.toBe('2');
  });

  it('"Re-run with these settings" restores an EKM run: algorithm, every parameter, class column, features, scaling', async () => {
    // a browser-picked file with two class-like columns; the run is validated against the one
    // that is NOT suggested first, so restoring it cannot pass by accident
    const lines = (await readFile(join(REPO_ROOT, 'resources/iris.csv'), 'utf8')).trim().split('\n');
    const csv = lines.map((l, i) => { const c = l.split(','); return [...c.slice(0, 4), i === 0 ? 'group' : `g${i % 2}`, c[4]].join(','); }).join('\n') + '\n';
    await runAndWait(page, () => page.getByTestId('file-input').setInputFiles({ name: 'flowers-groups.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }), 'done');
    // features and scaling of the run: three of the four measurements, z-scored
    await page.getByTestId('feature-petal_width').uncheck();
    await page.getByTestId('scaling').selectOption('zscore');
    await runAndWait(page, () => page.getByTestId('reload').click(), 'done');
    await page.getByTestId('algorithm-ekm').click();
    await setField(page, 'param-k', 3);
    await page.getByTestId('param-variant').selectOption('tree');
    await page.getByTestId('param-distance').selectOption('manhattan');
    await page.getByTestId('param-workers').selectOption('2');
    await page.getByTestId('param-withpam').uncheck();
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 120_000);
    await page.getByTestId('tab-button-quality').click();
    await expect.poll(() => page.getByTestId('class-column').inputValue()).toBe('species'); // the suggestion
    await page.getByTestId('class-column').selectOption('group');
    await runAndWait(page, () => page.getByTestId('score-run').click(), 'done');
    await expect(page.getByTestId('validation-ari').count()).resolves.toBe(1);

    // everything changed: another dataset, another algorithm and parameters
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await page.getByTestId('algorithm-kmeans').click();
    await setField(page, 'param-k', 7);
    await page.getByTestId('param-workers').selectOption('1');

    await page.getByTestId('tab-button-history').click();
    await historyRow('EKM tree k=3').getByTestId('history-rerun').click(); // reopens the upload from main's kept copy
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 }).toMatch(/Settings of "EKM tree k=3 .*" are in the side panel, known classes: group\./);
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('flowers-groups.csv');
    await expect.poll(() => page.getByTestId('algorithm-ekm').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.getByTestId('param-k').inputValue()).toBe('3');
    await expect(page.getByTestId('param-variant').inputValue()).resolves.toBe('tree');
    await expect(page.getByTestId('param-distance').inputValue()).resolves.toBe('manhattan');
    await expect(page.getByTestId('param-workers').inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('param-withpam').isChecked()).resolves.toBe(false);
    await expect(page.getByTestId('scaling').inputValue()).resolves.toBe('zscore');
    for (const f of ['sepal_length', 'sepal_width', 'petal_length']) await expect(page.getByTestId(`feature-${f}`).isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('feature-petal_width').isChecked()).resolves.toBe(false);
    // it runs as restored, and the Quality tab validates against the restored column
    const status = await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 120_000);
    expect(status).toMatch(/^EKM done/);
    await page.getByTestId('tab-button-quality').click();
    await expect.poll(() => page.getByTestId('class-column').inputValue()).toBe('group');
  });

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});

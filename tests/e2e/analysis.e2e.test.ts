// Analysis in a real browser (Chromium over the web host, real engine): mark the class column
// and read ARI and the classes-to-clusters table; run a k sweep and read the best k.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, chartSummary, runAndWait, screenshot, setField, startAppSession } from './helpers.ts';

let session: AppSession;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  session = await startAppSession();
  ({ page, errors: pageErrors } = session);
}, 240_000);

afterAll(async () => {
  await session?.close();
});

describe('analysis in Chromium', () => {
  it('scores a k-means run of iris against its species: ARI and the confusion table', async () => {
    await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done');
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-quality').click();
    const select = page.getByTestId('class-column');
    await expect.poll(() => select.inputValue()).toBe('species');
    const status = await runAndWait(page, () => page.getByTestId('score-run').click(), 'done');
    expect(status).toMatch(/silhouette 0\.\d{3}, ARI 0\.\d{3}/);
    const ari = Number(await page.getByTestId('validation-ari').textContent());
    expect(ari).toBeGreaterThan(0.5);
    expect(ari).toBeLessThanOrEqual(1);
    const rows = await page.getByTestId('confusion-table').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['setosa', 'versicolor', 'virginica', 'matched class']);
    // every one of the 150 rows is counted once
    const counts = rows.slice(0, 3).flatMap((r) => r.split('\t').slice(1).map(Number));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(150);
    const misassigned = Number(await page.getByTestId('validation-misassigned').textContent());
    expect(misassigned).toBeGreaterThanOrEqual(0);
    expect(misassigned).toBeLessThan(150);
    const plot = await chartSummary(page, 'silhouette');
    expect(plot?.title).toBe('Silhouette plot');
    expect(plot?.series).toHaveLength(3);
    await screenshot(page, 'quality.png');
    await page.getByTestId('confusion-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'confusion.png');
  });

  it('runs a k sweep on the blobs and shows the best k', async () => {
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await page.getByTestId('tab-button-sweep').click();
    await setField(page, 'sweep-kfrom', 2);
    await setField(page, 'sweep-kto', 6);
    await setField(page, 'sweep-ninit', 3);
    const status = await runAndWait(page, () => page.getByTestId('sweep-run').click(), 'done', 120_000);
    expect(status).toMatch(/best k: silhouette 3/);
    expect(await page.getByTestId('sweep-best-silhouette').textContent()).toBe('3');
    expect(await page.getByTestId('sweep-table').locator('tbody tr').count()).toBe(5);
    const elbow = await chartSummary(page, 'sweep-cost');
    expect(elbow?.series[0].points).toBe(5);
    await screenshot(page, 'sweep.png');
    expect(pageErrors).toEqual([]);
  });
});

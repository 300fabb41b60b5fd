// Cluster profiles in a real browser (Chromium over the web host, real engine): run k-means on
// iris, open Profiles, compute them with the keyboard, and check every number shown against an
// independent computation from the CSV and the run's labels (read from the saved record); box
// plots with their text versions; axe finds nothing serious in either theme.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, isSerious } from './axe.ts';
import { type AppSession, chartSummary, REPO_ROOT, runAndWait, screenshot, startAppSession } from './helpers.ts';

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

/** R type 7 on a sorted copy, from the textbook formula. */
function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
}

/** The rows of the table the app shows, in its order: mean, sd, min, Q1, median, Q3, max. */
function oracle(xs: number[]): number[] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return [mean, sd, Math.min(...xs), quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75), Math.max(...xs)];
}

/** The shown text is the value to five significant digits (half a unit in the fifth digit, plus float slack). */
function expectShown(text: string, value: number, what: string): void {
  const shown = Number(text.replace(/,/g, ''));
  const unit = value === 0 ? 1e-5 : 10 ** (Math.floor(Math.log10(Math.abs(value))) - 4);
  expect(Math.abs(shown - value), `${what}: shown ${text}, computed ${value}`).toBeLessThanOrEqual(0.5 * unit * (1 + 1e-9));
}

describe('cluster profiles in Chromium', () => {
  it('shows for k-means on iris the numbers an independent computation from the CSV gives', async () => {
    await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done');
    await page.getByTestId('param-k').fill('3');
    await page.getByTestId('param-k').dispatchEvent('change');
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-profiles').click();
    await expect(page.getByTestId('tab-profiles').textContent()).resolves.toMatch(/Not computed yet/);
    // keyboard: the button is reachable and Enter computes
    await page.getByTestId('profiles-compute').focus();
    const status = await runAndWait(page, () => page.keyboard.press('Enter'), 'done');
    expect(status).toMatch(/cluster profiles of 4 features/);
    await expect(page.getByTestId('profiles-units').textContent()).resolves.toMatch(/Original units of the CSV\..*no scaling/);

    // the oracle's inputs: the CSV itself and the labels of the record the run saved
    const files = (await readdir(session.testHost.historyDir)).filter((f) => f.endsWith('.json'));
    const records = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(session.testHost.historyDir, f), 'utf8'))));
    const rec = records.filter((r) => r.kind === 'run' && r.profiles).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const labels: number[] = rec.result.labels;
    const lines = (await readFile(join(REPO_ROOT, 'resources/iris.csv'), 'utf8')).trim().split('\n');
    const header = lines[0].split(',').slice(0, 4);
    const rows = lines.slice(1).map((l) => l.split(',').slice(0, 4).map(Number));

    const sizes = await page.getByTestId('profiles-sizes').locator('tbody tr').allInnerTexts();
    expect(sizes[0].split('\t')).toEqual(['whole data', '150', '100.0%']);
    for (let c = 0; c < 3; c++) {
      const count = labels.filter((l) => l === c).length;
      expect(sizes[c + 1].split('\t')).toEqual([`cluster ${c}`, String(count), `${((100 * count) / 150).toFixed(1)}%`]);
    }

    for (let j = 0; j < 4; j++) {
      await expect(page.getByTestId(`profile-feature-${j}`).locator('h3').textContent()).resolves.toBe(header[j]);
      const table = page.getByTestId(`profile-table-${j}`);
      expect((await table.locator('thead tr').innerText()).split('\t')).toEqual(['Statistic', 'whole data', 'cluster 0', 'cluster 1', 'cluster 2']);
      const shown = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t'));
      expect(shown.map((r) => r[0])).toEqual(['mean', 'sd (n − 1)', 'min', 'Q1', 'median', 'Q3', 'max']);
      const col = rows.map((r) => r[j]);
      const groups = [col, ...[0, 1, 2].map((c) => col.filter((_, i) => labels[i] === c))];
      groups.forEach((xs, g) => oracle(xs).forEach((v, s) => expectShown(shown[s][g + 1], v, `${header[j]} ${shown[s][0]} column ${g}`)));
    }

    const box = await chartSummary(page, 'profile-box-0');
    expect(box?.title).toBe(header[0]);
    expect(box?.series[0]).toMatchObject({ type: 'boxplot', points: 4 });
    await expect(page.getByTestId('chart-text-profile-box-0').textContent()).resolves.toMatch(/whole data: median 5\.8, box 5\.1 to 6\.4/);
    await screenshot(page, 'profiles.png');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('has no serious or critical axe violation in the light and the dark theme', async () => {
    for (const theme of ['light', 'dark']) {
      await page.getByTestId('theme').selectOption(theme);
      await page.waitForTimeout(400); // charts redraw in the new theme
      const serious = (await axeViolations(page)).filter(isSerious);
      expect(serious, theme).toEqual([]);
    }
    await page.getByTestId('theme').selectOption('light');
  });
});

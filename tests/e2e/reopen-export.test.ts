// Keeping and reusing work in the real UI (issue 13): a CSV picked through the browser's file
// chooser (it has no path on the host) is exported as labelled data, then — after another dataset
// replaced it — reopened from History with its clusters drawn again. Before, Open said "could not
// be reopened from ." and the page showed another dataset.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, chartSummary, runAndWait, startAppSession } from './helpers.ts';

let session: AppSession;
let page: Page;
let errors: string[];

const rows = [['city', 'lat', 'lon'], ...Array.from({ length: 60 }, (_, i) => [`"Town ${i}, Region ${i % 3}"`, String((i % 2) * 20 + i / 10), String((i % 2) * 20 - i / 20)])];
const CSV = rows.map((r) => r.join(',')).join('\n') + '\n';

beforeAll(async () => {
  session = await startAppSession();
  ({ page, errors } = session);
}, 240_000);

afterAll(async () => {
  await session?.close();
});

describe('labelled data and History → Open for a browser-picked file', () => {
  it('runs on an uploaded CSV and exports it back with every column plus the clusters', async () => {
    await runAndWait(page, () => page.getByTestId('file-input').setInputFiles({ name: 'towns.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }), 'done');
    await page.getByTestId('algorithm-kmeans').click();
    const k = page.getByTestId('param-k');
    await k.fill('2');
    await k.dispatchEvent('change');
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('report-format').selectOption('data');
    const download = page.waitForEvent('download');
    await page.getByTestId('save-report').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/-data\.csv$/);
    const table = Papa.parse<string[]>((await readFile((await file.path())!, 'utf8')).trim()).data;
    expect(table[0]).toEqual(['city', 'lat', 'lon', 'cluster', 'distance_to_center']);
    expect(table.slice(1).map((r) => r.slice(0, 3))).toEqual(Papa.parse<string[]>(CSV.trim()).data.slice(1));
    // The two halves (lat ≈ 0 and lat ≈ 20) are the two clusters.
    const byHalf = new Map<string, Set<string>>();
    table.slice(1).forEach((r, i) => byHalf.set(String(i % 2), (byHalf.get(String(i % 2)) ?? new Set()).add(r[3])));
    expect([...byHalf.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(byHalf.get('0')).not.toEqual(byHalf.get('1'));
  });

  it('reopens that record from History after another dataset replaced it', async () => {
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('blobs-400.csv');
    await page.getByTestId('tab-button-history').click();
    const row = page.getByTestId('history-row').filter({ hasText: 'towns.csv' });
    await runAndWait(page, () => row.getByTestId('history-open').click(), 'done');
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('towns.csv');
    await expect.poll(() => page.getByTestId('tab-button-clusters').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await chartSummary(page, 'clusters'))?.series.filter((s) => s.name.startsWith('cluster ')).reduce((n, s) => n + s.points, 0)).toBe(60);
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/could not be reopened|not available/);
  });

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});

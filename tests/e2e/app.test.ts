// The workbench in a real browser: Debian's Chromium (playwright-core) drives the built renderer
// served by the web host, over the real Workbench and engine. Scenarios run in order on one page,
// like an analyst's session: open a sample, run, compare, EKM, cancel, bad file, history, report.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, chartSummary, FIXTURES_DIR, type PageGlobals, REPO_ROOT, runAndWait, screenshot, setField, startAppSession, waitForStatus } from './helpers.ts';

let session: AppSession;
let page: Page;
let pageErrors: string[];
let scratch: string;

/** Collects this page's progress events (through the real window.clusterbench) from now on. */
async function recordProgress(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__off?.();
    const log: NonNullable<PageGlobals['__progress']> = (w.__progress = []);
    w.__off = w.clusterbench!.onEvent((e) => {
      if (e.type === 'progress') log.push({ phase: e.progress.phase, fraction: e.progress.fraction, message: e.progress.message });
    });
  });
}

async function recordedProgress(p: Page): Promise<{ phase: string; fraction: number | null; message: string }[]> {
  return p.evaluate(() => (globalThis as unknown as PageGlobals).__progress ?? []);
}

async function centersTableText(p: Page): Promise<string[]> {
  return p.getByTestId('centers-table').locator('tbody tr').allInnerTexts();
}

beforeAll(async () => {
  scratch = await mkdtemp(join(os.tmpdir(), 'clusterbench-e2e-'));
  // Typed paths open only under the host's data folders (--data-dir): the fixtures and this scratch folder.
  session = await startAppSession({ dataDirs: [FIXTURES_DIR, scratch] });
  ({ page, errors: pageErrors } = session);
}, 240_000);

afterAll(async () => {
  await session?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('workbench in Chromium over the web host', () => {
  it('refuses the page without the token', async () => {
    const res = await fetch(session.testHost.host.url.replace(/\?token=.*/, ''));
    expect(res.status).toBe(401);
  });

  it('starts on an empty, working screen with the samples one click away', async () => {
    await expect(page.getByTestId('samples').locator('button').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('empty-state').first().textContent()).resolves.toContain('No dataset open');
    await expect(page.getByTestId('status-text').textContent()).resolves.toBe('Ready');
  });

  it('opens the blobs sample by clicking it: summary, column report, preview', async () => {
    const status = await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    expect(status).toMatch(/Loaded blobs-400\.csv: 400 rows × 2 features/);
    await expect(page.getByTestId('dataset-meta').textContent()).resolves.toContain('400 rows × 2 features');
    const columns = await page.getByTestId('column-row').allInnerTexts();
    expect(columns).toHaveLength(3);
    expect(columns[0]).toMatch(/x\s+numeric/);
    expect(columns[2]).toMatch(/true_cluster\s+text/);
    await expect(page.getByTestId('feature-true_cluster').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('preview-table').locator('tbody tr').count()).resolves.toBeGreaterThan(5);
    await screenshot(page, 'data.png');

    // Before any run the Clusters tab shows the raw points in one series.
    await page.getByTestId('tab-button-clusters').click();
    await page.getByTestId('chart-clusters').waitFor();
    await expect.poll(async () => (await chartSummary(page, 'clusters'))?.series.map((s) => s.name)).toEqual(['points']);
    await expect(page.getByTestId('scatter-count').textContent()).resolves.toBe('showing all 400 points');
  });

  it('runs k-means serial and parallel: progress, k cluster series, k centroid markers, same answer', async () => {
    await setField(page, 'param-k', 3);
    await recordProgress(page);
    const serialStatus = await runAndWait(page, () => page.getByTestId('run-serial').click(), 'done');
    expect(serialStatus).toMatch(/^k-means done in [\d.]+ ms: \d+ iterations/);
    const events = await recordedProgress(page);
    expect(events.length).toBeGreaterThan(0);
    // k-means++ seeding reports its own phase before the iterations (#14)
    expect(events.every((e) => e.phase === 'kmeans' || e.phase === 'seeding')).toBe(true);
    expect(events.some((e) => /iteration \d+/.test(e.message))).toBe(true);

    const chart = await chartSummary(page, 'clusters');
    expect(chart).not.toBeNull();
    const clusterSeries = chart!.series.filter((s) => s.name.startsWith('cluster '));
    expect(clusterSeries.map((s) => s.name)).toEqual(['cluster 0', 'cluster 1', 'cluster 2']);
    expect(clusterSeries.reduce((sum, s) => sum + s.points, 0)).toBe(400);
    const centroids = chart!.series.find((s) => s.name === 'centroids');
    expect(centroids?.points).toBe(3);
    expect(centroids?.symbol).toBe('diamond');
    const serialCenters = await centersTableText(page);
    expect(serialCenters).toHaveLength(3);
    await screenshot(page, 'clusters-serial.png');

    await page.getByTestId('param-workers').selectOption('2');
    const parallelStatus = await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    expect(parallelStatus).toMatch(/^k-means done/);
    await expect(page.getByTestId('status-text').textContent()).resolves.not.toBe(serialStatus);
    // Parallelism changes time, never answers.
    expect(await centersTableText(page)).toEqual(serialCenters);
    await screenshot(page, 'clusters.png');
  });

  it('shows convergence of the last k-means run', async () => {
    await page.getByTestId('tab-button-convergence').click();
    await page.getByTestId('chart-convergence').waitFor();
    const chart = await chartSummary(page, 'convergence');
    expect(chart?.series.map((s) => s.name)).toEqual(['inertia', 'changed fraction']);
    expect(chart!.series[0].points).toBeGreaterThanOrEqual(1);
    expect(chart!.subtitle).toMatch(/\d+ iterations?/);
    await screenshot(page, 'convergence.png');
  });

  it('compares serial vs parallel: progress moves to the end, scaling charts and the speedup table', async () => {
    await page.getByTestId('grid-workers').fill('0,1,2');
    await setField(page, 'grid-repeats', 2);
    await page.getByTestId('grid-sizes').fill('200,400');
    await recordProgress(page);
    const status = await runAndWait(page, () => page.getByTestId('compare').click(), 'done', 120_000);
    expect(status).toMatch(/^Experiment done: 6 cells/);
    const fractions = (await recordedProgress(page)).filter((e) => e.phase === 'experiment' && e.fraction !== null).map((e) => e.fraction!);
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(fractions[fractions.length - 1]).toBeGreaterThan(fractions[0]);

    await expect(page.getByTestId('tab-button-scaling').getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByTestId('chart-speedup').waitFor();
    const speedup = await chartSummary(page, 'speedup');
    expect(speedup?.series.some((s) => s.name === 'ideal (S = P)')).toBe(true);
    expect(speedup?.series.some((s) => s.name === 'N=400')).toBe(true);
    expect(await chartSummary(page, 'efficiency')).not.toBeNull();
    expect(await chartSummary(page, 'runtime')).not.toBeNull();
    const table = await page.getByTestId('speedup-table').first().innerText();
    expect(table).toMatch(/N = 200/);
    expect(table).toMatch(/N = 400/);
    await expect(page.getByTestId('answers-match').isVisible()).resolves.toBe(true);
    await screenshot(page, 'scaling.png');
  });

  it('runs EKM (fused) on the small sample with the estimate first, and compares with PAM', async () => {
    await page.getByTestId('algorithm-ekm').click();
    await page.getByTestId('param-variant').selectOption('fused');
    await expect.poll(() => page.getByTestId('ekm-estimate').textContent(), { timeout: 20_000 }).toMatch(/10,586,800\s+combinations/);
    const status = await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 180_000);
    expect(status).toMatch(/^EKM done in [\d.]+ ms: cost [\d.]+ · PAM cost [\d.]+/);
    await expect(page.getByTestId('tab-button-ekm').getAttribute('aria-selected')).resolves.toBe('true');
    const exact = Number(await page.getByTestId('ekm-cost').textContent().then((t) => t!.replace(/,/g, '')));
    const pam = Number(await page.getByTestId('pam-cost').textContent().then((t) => t!.replace(/,/g, '')));
    expect(exact).toBeGreaterThan(0);
    expect(exact).toBeLessThanOrEqual(pam * (1 + 1e-9)); // the exact optimum is never worse than the heuristic
    const vs = await chartSummary(page, 'exactVsHeuristic');
    expect(vs?.title).toMatch(/optimality gap/);
    expect(vs?.series.map((s) => `${s.name}:${s.points}`)).toEqual(['exact (EKM):1', 'heuristic (PAM):1', 'exact (EKM):1', 'heuristic (PAM):1']);
    expect(await chartSummary(page, 'ekmTimeline')).not.toBeNull();
    await screenshot(page, 'ekm-tree.png');

    // The same run's medoids on the scatter: k cluster series and k medoid markers.
    await page.getByTestId('tab-button-clusters').click();
    await page.getByTestId('chart-clusters').waitFor();
    const chart = await chartSummary(page, 'clusters');
    expect(chart?.series.filter((s) => s.name.startsWith('cluster '))).toHaveLength(3);
    expect(chart?.series.find((s) => s.name === 'medoids')?.points).toBe(3);
  });

  it('asks before forcing a refused EKM run, and does nothing when told not to', async () => {
    await setField(page, 'param-k', 5);
    await expect.poll(() => page.getByTestId('ekm-refuse').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('run-parallel').click();
    await page.getByTestId('ekm-force-prompt').waitFor();
    await page.getByRole('button', { name: "Don't run" }).click();
    await expect(page.getByTestId('ekm-force-prompt').count()).resolves.toBe(0);
    await expect(page.getByTestId('status-bar').getAttribute('data-status')).resolves.toBe('done');
  });

  it('cancels a long EKM run from the status bar', async () => {
    // C(400, 8) ≈ 1.6e15 medoid sets, forced past the refusal: long even with the Lagrangian subtree
    // bounds, which finish k = 5 and 6 on these 3 blobs in under 3 s but had not finished k = 8 after 40 s.
    await setField(page, 'param-k', 8);
    await expect.poll(() => page.getByTestId('ekm-refuse').count(), { timeout: 20_000 }).toBe(1);
    await recordProgress(page);
    await page.getByTestId('run-parallel').click();
    await page.getByTestId('ekm-force').click();
    await page.getByTestId('progress-bar').waitFor();
    // Progress must arrive (and move) before we cancel.
    await expect.poll(async () => (await recordedProgress(page)).filter((e) => (e.fraction ?? 0) > 0).length, { timeout: 60_000 }).toBeGreaterThan(1);
    await expect(page.getByTestId('cancel').isEnabled()).resolves.toBe(true);
    const t0 = Date.now();
    await page.getByTestId('cancel').click();
    const status = await waitForStatus(page, 'cancelled', 30_000);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(status).toMatch(/cancelled/);
    await expect(page.getByTestId('cancel').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'cancelled.png');
  });

  it('shows a clear error panel for a bad CSV given by path, and for a bad dropped file', async () => {
    await page.getByTestId('path-input').fill(join(REPO_ROOT, 'tests/fixtures/csv/text-only.csv'));
    await runAndWait(page, () => page.getByTestId('path-open').click(), 'error');
    const panel = page.getByTestId('dataset-error');
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toContain('Could not open text-only.csv');
    expect((await page.getByTestId('dataset-error-message').textContent())!.length).toBeGreaterThan(10);
    // The previous dataset stays open and usable.
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('blobs-400.csv');
    await screenshot(page, 'bad-csv.png');

    const bad = join(scratch, 'broken.csv');
    await writeFile(bad, 'a,b\n1,2\n3\n"unterminated,4\n');
    await runAndWait(page, () => page.getByTestId('file-input').setInputFiles(bad), 'error');
    await expect(page.getByTestId('dataset-error').textContent()).resolves.toContain('Could not open broken.csv');
  });

  it('opens a CSV dropped anywhere on the window (its bytes uploaded to the host)', async () => {
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a,b\n1,2\n3,4\n5,6\n'], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.dispatchEvent('.app', 'dragenter', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor();
    const status = await runAndWait(page, () => page.dispatchEvent('.app', 'drop', { dataTransfer: transfer }), 'done');
    expect(status).toMatch(/^Loaded dropped\.csv: 3 rows × 2 features/);
    await expect(page.getByTestId('drop-overlay').count()).resolves.toBe(0);
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('dropped.csv');
    await expect(page.getByTestId('dataset-error').count()).resolves.toBe(0);
  });

  it('samples large data for display and says so on the chart', async () => {
    const rows = ['u,v'];
    for (let i = 0; i < 25_000; i++) rows.push(`${(i % 100) + (i % 2) * 500},${Math.floor(i / 100)}`);
    const big = join(scratch, 'big.csv');
    await writeFile(big, rows.join('\n'));
    await page.getByTestId('path-input').fill(big);
    await runAndWait(page, () => page.getByTestId('path-open').click(), 'done');
    await page.getByTestId('algorithm-kmeans').click();
    await setField(page, 'param-k', 2);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await expect(page.getByTestId('scatter-count').textContent()).resolves.toBe('showing 20,000 of 25,000 points (sampled for display)');
    // The count above comes with the dataset; the chart is drawn when the run's points arrive, a moment later.
    await expect.poll(async () => (await chartSummary(page, 'clusters'))?.subtitle, { timeout: 30_000 }).toBe('showing 20,000 of 25,000 points (sampled)');
    const chart = await chartSummary(page, 'clusters');
    const shown = chart!.series.filter((x) => x.name.startsWith('cluster ')).reduce((sum, x) => sum + x.points, 0);
    expect(shown).toBe(20_000);
    // The two well-separated halves (u < 100 and u ≥ 500) are the two clusters, of 12,500 rows each.
    const sizes = (await centersTableText(page)).map((r) => r.split('\t')[1]);
    expect(sizes).toEqual(['12,500', '12,500']);
  });

  it('reopens a run from history and shows its charts; deletes another', async () => {
    await page.getByTestId('tab-button-history').click();
    await page.getByTestId('history-row').first().waitFor();
    const rows = page.getByTestId('history-row');
    const titles = await rows.allInnerTexts();
    // k-means serial and parallel, the experiment, EKM, k-means on big.csv (the cancelled run is not saved)
    expect(titles.length).toBe(5);
    await screenshot(page, 'history.png');

    const serial = rows.filter({ hasText: 'k-means k=3 (serial)' });
    await serial.getByTestId('history-open').click();
    await expect.poll(() => page.getByTestId('tab-button-clusters').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await chartSummary(page, 'clusters'))?.series.find((s) => s.name === 'centroids')?.points).toBe(3);
    // The run's own dataset was reopened for it (big.csv was loaded before).
    await expect(page.getByTestId('header-dataset').textContent()).resolves.toContain('blobs-400.csv');
    await page.getByTestId('tab-button-convergence').click();
    await expect.poll(async () => (await chartSummary(page, 'convergence'))?.title).toMatch(/k-means, k = 3/);

    await page.getByTestId('tab-button-history').click();
    await rows.filter({ hasText: 'speedup' }).getByTestId('history-delete').click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
  });

  it('saves the current record as an HTML report (a download in the browser) with Ctrl+S', async () => {
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.html$/);
    const path = join(scratch, file.suggestedFilename());
    await file.saveAs(path);
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(path, 'utf8');
    expect(html).toMatch(/<html/i);
    expect(html).toContain('k-means');
  });

  it('runs serial with Ctrl+Shift+R', async () => {
    await setField(page, 'param-k', 2);
    const status = await runAndWait(page, () => page.keyboard.press('Control+Shift+R'), 'done');
    expect(status).toMatch(/^k-means done/);
    await expect.poll(async () => (await chartSummary(page, 'clusters'))?.series.filter((s) => s.name.startsWith('cluster ')).length).toBe(2);
  });

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

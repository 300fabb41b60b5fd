// Regenerates docs/screenshots/*.png from a real session: the web host over the real engine,
// driven through Debian's Chromium. Every view at 1280×800 (name.png) and at the window's minimum
// 900×600 (name-900.png); light theme, dark variants with --dark (name-dark.png).
//   npx tsx tests/e2e/screenshots.ts [--out docs/screenshots] [--dark] [--only-clusters]
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildRendererOnce, chartPixel, drag, launchChromium, openApp, type PageGlobals, REPO_ROOT, runAndWait, screenshot, setField, startTestHost, VIEWPORT } from './helpers.ts';

const SMALL = { width: 900, height: 600 };

/** The view at 1280×800 as `name.png` and at 900×600 as `name-900.png`. */
async function shots(page: Page, name: string, outDir: string, side?: 'top' | 'run'): Promise<void> {
  await screenshot(page, `${name}.png`, outDir, side);
  await page.setViewportSize(SMALL);
  await screenshot(page, `${name}-900.png`, outDir, side);
  await page.setViewportSize(VIEWPORT);
}

/** A rectangle selection around cluster 0's centre, the tab scrolled so the chart and its rows table both show. */
async function selectAroundFirstCentre(page: Page): Promise<void> {
  await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).__clusterbenchCharts?.clusters?.getOption() as { series?: { name?: string; data?: unknown[] }[] } | undefined)?.series?.some((s) => s.name === 'centroids' && (s.data?.length ?? 0) > 0));
  const centre = await page.evaluate(() => {
    const series = ((globalThis as unknown as PageGlobals).__clusterbenchCharts!.clusters.getOption() as { series: { name?: string; data: { value: number[] }[] }[] }).series;
    return series.find((s) => s.name === 'centroids')!.data[0].value;
  });
  const [cx, cy] = await chartPixel(page, 'clusters', centre[0], centre[1]);
  await page.getByTestId('scatter-mode-rect').click();
  await drag(page, [cx - 45, cy - 30], [cx + 45, cy + 30]);
  await page.getByTestId('selection-table').waitFor({ timeout: 60_000 });
  await page.mouse.move(5, 5);
  await page.getByTestId('tab-panel').evaluate((el) => (el.scrollTop = 135));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? argv[outIndex + 1] : join(REPO_ROOT, 'docs/screenshots');
  const dark = argv.includes('--dark');
  const suffix = dark ? '-dark' : '';

  await buildRendererOnce();
  const testHost = await startTestHost();
  const browser = await launchChromium();
  try {
    const { page, errors } = await openApp(browser, testHost.host.url, dark ? 'dark' : 'light');

    // k-means on the 10k blobs: clusters + convergence.
    await runAndWait(page, () => page.getByTestId('sample-blobs-10k.csv').click(), 'done');
    await setField(page, 'param-k', 6);
    await page.getByTestId('param-init').selectOption('random');
    await setField(page, 'param-seed', 3);
    await setField(page, 'param-ninit', 4);
    await setField(page, 'param-changed', 0);
    await page.getByTestId('param-workers').selectOption('2');
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await selectAroundFirstCentre(page);
    await shots(page, `clusters${suffix}`, outDir, 'run');
    if (argv.includes('--only-clusters')) return;
    await page.getByTestId('tab-button-convergence').click();
    await shots(page, `convergence${suffix}`, outDir, 'run');

    // EKM on the small blobs, compared with PAM.
    await runAndWait(page, () => page.getByTestId('sample-blobs-400.csv').click(), 'done');
    await page.getByTestId('algorithm-ekm').click();
    await setField(page, 'param-k', 3);
    await page.getByTestId('param-variant').selectOption(process.env.EKM_VARIANT ?? 'tree');
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 300_000);
    await page.getByTestId('tab-button-ekm').click();
    await shots(page, `ekm-tree${suffix}`, outDir, 'run');

    // Scaling: exact K-medoids is compute-bound, so it shows real speedup even on a small machine.
    await page.getByTestId('param-variant').selectOption('fused');
    await page.getByTestId('grid-workers').fill('0,1,2');
    await setField(page, 'grid-repeats', 5);
    await page.getByTestId('grid-sizes').fill('200,300,400');
    await page.getByTestId('grid-ceiling').check(); // the machine ceiling line beside the speedups
    await runAndWait(page, () => page.getByTestId('compare').click(), 'done', 600_000);
    await shots(page, `scaling${suffix}`, outDir, 'run');

    await page.getByTestId('tab-button-history').click();
    await page.getByTestId('history-row').first().waitFor();
    await shots(page, `history${suffix}`, outDir, 'top');

    await page.getByTestId('tab-button-data').click();
    await shots(page, `data${suffix}`, outDir, 'top');

    // Cluster profiles of k-means on iris (last, so the History shot above is unchanged).
    await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done');
    await setField(page, 'param-k', 3);
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done');
    await page.getByTestId('tab-button-profiles').click();
    await runAndWait(page, () => page.getByTestId('profiles-compute').click(), 'done');
    await shots(page, `profiles${suffix}`, outDir, 'run');

    if (errors.length) console.warn(`Page errors:\n${errors.join('\n')}`);
    console.log(`Screenshots written to ${outDir}`);
  } finally {
    await browser.close();
    await testHost.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

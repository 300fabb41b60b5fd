// Issue 13.5, exploring the scatter, in Chromium over the real engine: wheel zoom and its reset,
// a tooltip with the point's row number, cluster and feature values, and a rectangle selection
// whose table lists the selected rows with their cells exactly as the CSV has them. Oracles: the
// CSV written here (by row number), and the drawn points the page itself holds (which ones lie in
// the dragged rectangle, in which cluster series).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, isSerious } from './axe.ts';
import { buildRendererOnce, chartPixel, drag, drawnSeries, launchChromium, openApp, runAndWait, startTestHost, type PageGlobals, type TestHost } from './helpers.ts';

const ROWS = 1500;
let testHost: TestHost;
let browser: Browser;
let page: Page;
let errors: string[];
let scratch: string;
/** Data lines of the CSV by 1-based row number: [x, y, tag]. */
const csv: string[][] = [[]];

interface ChartApi {
  getOption(): { dataZoom?: { start?: number; end?: number }[] };
  convertToPixel(finder: unknown, value: number[]): number[];
  convertFromPixel(finder: unknown, value: number[]): number[];
  getDom(): { getBoundingClientRect(): { left: number; top: number } };
}

/** Viewport coordinates of a data point on the clusters chart. */
const pixelOf = (p: Page, x: number, y: number) => chartPixel(p, 'clusters', x, y);

beforeAll(async () => {
  browser = await launchChromium();
  await buildRendererOnce();
  scratch = await mkdtemp(join(os.tmpdir(), 'clusterbench-explore-'));
  const lines = ['x,y,tag'];
  for (let i = 0; i < ROWS; i++) {
    const c = i % 3;
    const cells = [(c * 10 + ((i * 7919) % 1000) / 250).toFixed(3), (c * 6 + ((i * 104729) % 1000) / 300).toFixed(3), `t${i}`];
    csv.push(cells);
    lines.push(cells.join(','));
  }
  await writeFile(join(scratch, 'explore.csv'), lines.join('\n') + '\n');
  testHost = await startTestHost(2, [scratch]);
  ({ page, errors } = await openApp(browser, testHost.host.url));
  await page.getByTestId('path-input').fill(join(scratch, 'explore.csv'));
  await runAndWait(page, () => page.getByTestId('path-open').click(), 'done', 120_000);
  await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 120_000);
  await page.getByTestId('chart-clusters').waitFor();
  // The clustered points are drawn (three cluster series with points).
  await page.waitForFunction(
    () => {
      const opt = (globalThis as unknown as PageGlobals).__clusterbenchCharts?.clusters?.getOption() as { series?: { name?: string; data?: ArrayLike<number> }[] } | undefined;
      return opt?.series?.filter((s) => String(s.name).startsWith('cluster ') && (s.data?.length ?? 0) > 0).length === 3;
    },
    undefined,
    { timeout: 60_000 },
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await testHost?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const zoomWindow = () =>
  page.evaluate(() => {
    const dz = ((globalThis as unknown as PageGlobals).__clusterbenchCharts!.clusters as unknown as ChartApi).getOption().dataZoom ?? [];
    return dz.map((d) => [d.start ?? 0, d.end ?? 100]);
  });

describe('exploring the cluster scatter', () => {
  it('zooms with the mouse wheel and resets', async () => {
    expect(await zoomWindow()).toEqual([[0, 100], [0, 100]]);
    const [cx, cy] = await pixelOf(page, 14, 9);
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => (await zoomWindow()).every(([s, e]) => e - s < 100), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('scatter-reset-zoom').click();
    await expect.poll(zoomWindow, { timeout: 30_000 }).toEqual([[0, 100], [0, 100]]);
  });

  it('shows a tooltip with the row number, cluster, coordinates and the row\'s feature values', async () => {
    // The first point of the first cluster series; the tooltip shows the point under the mouse,
    // which may be another point drawn on top of it, so it is checked on its own row.
    const point = (await drawnSeries(page, 'clusters'))[0].points[0];
    const [px, py] = await pixelOf(page, point[0], point[1]);
    await page.mouse.move(px - 30, py - 30);
    await page.mouse.move(px, py, { steps: 5 });
    const tip = page.getByTestId('point-tooltip').filter({ hasText: 'Features' });
    await tip.waitFor({ timeout: 30_000 });
    const text = (await tip.innerText()).replace(/\s+/g, ' ');
    const row = Number(/Row ([\d,]+)/.exec(text)![1].replace(/,/g, ''));
    const cluster = Number(/cluster (\d+)/.exec(text)![1]);
    const [x, y] = csv[row];
    // Coordinates on the plot (x and y are the features here) and the features: the row's own CSV values.
    expect(text).toContain(`x: ${Number(x)} y: ${Number(y)}`);
    expect(text).toContain(`x = ${Number(x)}`);
    expect(text).toContain(`y = ${Number(y)}`);
    // The point is drawn at those coordinates in that cluster's series.
    const drawn = (await drawnSeries(page, 'clusters')).find((s) => s.name === `cluster ${cluster}`)!.points;
    expect(drawn.some((p) => p[0] === Number(x) && p[1] === Number(y))).toBe(true);
    await page.mouse.move(5, 5);
  });

  it('lists the rows of a rectangle selection with their CSV cells and clusters', async () => {
    await page.getByTestId('scatter-mode-rect').click();
    await expect(page.getByTestId('scatter-mode-rect').getAttribute('aria-pressed')).resolves.toBe('true');
    // A rectangle over part of the middle blob (x 10–14, y 6–9.3).
    const [x0, y0] = await pixelOf(page, 10.5, 8.5);
    const [x1, y1] = await pixelOf(page, 12.5, 7);
    await drag(page, [x0, y0], [x1, y1]);
    const table = page.getByTestId('selection-table');
    await table.waitFor({ timeout: 60_000 });

    // Oracle from the page's own drawn points and the rectangle as data coordinates.
    // The rectangle the app selected with, in data coordinates; it must be the one dragged (to a pixel).
    const areas = JSON.parse((await page.getByTestId('selection').getAttribute('data-areas')) ?? '[]') as { brushType: string; coordRange: number[][] }[];
    expect(areas).toHaveLength(1);
    expect(areas[0].brushType).toBe('rect');
    const [[ax0, ax1], [ay0, ay1]] = areas[0].coordRange;
    const [cx0, cy0] = await pixelOf(page, Math.min(ax0, ax1), Math.max(ay0, ay1));
    const [cx1, cy1] = await pixelOf(page, Math.max(ax0, ax1), Math.min(ay0, ay1));
    for (const [got, want] of [[cx0, Math.min(x0, x1)], [cy0, Math.min(y0, y1)], [cx1, Math.max(x0, x1)], [cy1, Math.max(y0, y1)]]) expect(Math.abs(got - want)).toBeLessThan(2.5);
    // Oracle: the drawn points inside that rectangle, from the chart's own series.
    const expected = { inside: [] as { x: number; y: number; cluster: number }[] };
    for (const s of await drawnSeries(page, 'clusters')) {
      const m = /^cluster (\d+)$/.exec(s.name);
      if (!m) continue;
      for (const p of s.points) {
        if (p[0] >= Math.min(ax0, ax1) && p[0] <= Math.max(ax0, ax1) && p[1] >= Math.min(ay0, ay1) && p[1] <= Math.max(ay0, ay1)) expected.inside.push({ x: p[0], y: p[1], cluster: Number(m[1]) });
      }
    }
    expect(expected.inside.length).toBeGreaterThan(5);
    const count = await page.getByTestId('selection-count').innerText();
    expect(count).toMatch(new RegExp(`^Showing ${expected.inside.length} of ${expected.inside.length} selected points`));

    const head = await table.locator('thead th').allInnerTexts();
    expect(head).toEqual(['Row', 'Cluster', 'x', 'y', 'tag']);
    const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(rows).toHaveLength(expected.inside.length);
    const byCoords = new Map(expected.inside.map((p) => [`${p.x},${p.y}`, p.cluster]));
    for (const [row, cluster, x, y, tag] of rows) {
      expect([x, y, tag]).toEqual(csv[Number(row)]); // the file's own cells, by row number
      expect(byCoords.get(`${Number(x)},${Number(y)}`)).toBe(Number(cluster)); // drawn there, in that cluster
    }
    expect(errors).toEqual([]);
  });

  it('selects with a lasso: the points inside the drawn polygon, by an independent point-in-polygon test', async () => {
    await page.getByTestId('scatter-mode-polygon').click();
    // A diamond around the right-hand blob's lower part (x 20–24, y 12–15.3).
    const corners: [number, number][] = [[22, 12.5], [23.5, 13.5], [22, 14.5], [20.5, 13.5]];
    const pixels = await Promise.all(corners.map(([cx, cy]) => pixelOf(page, cx, cy)));
    await page.mouse.move(...pixels[0]);
    await page.mouse.down();
    for (const p of [...pixels.slice(1), pixels[0]]) await page.mouse.move(p[0], p[1], { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => JSON.parse((await page.getByTestId('selection').getAttribute('data-areas')) ?? '[]')[0]?.brushType, { timeout: 60_000 }).toBe('polygon');
    await page.getByTestId('selection-table').waitFor({ timeout: 60_000 });
    const polygon = (JSON.parse((await page.getByTestId('selection').getAttribute('data-areas'))!) as { coordRange: [number, number][] }[])[0].coordRange;
    const points = (await drawnSeries(page, 'clusters')).filter((s) => /^cluster \d+$/.test(s.name)).flatMap((s) => s.points);
    // Oracle: crossing number with the half-open rule, written here independently of the app's.
    const inside = (x: number, y: number) => {
      let odd = false;
      for (let i = 0; i < polygon.length; i++) {
        const [ax, ay] = polygon[i];
        const [bx, by] = polygon[(i + 1) % polygon.length];
        if ((ay <= y && by > y) || (by <= y && ay > y)) if (x < ax + ((y - ay) / (by - ay)) * (bx - ax)) odd = !odd;
      }
      return odd;
    };
    const want = points.filter(([x, y]) => inside(x, y)).length;
    expect(want).toBeGreaterThan(5);
    await expect(page.getByTestId('selection-count').innerText()).resolves.toMatch(new RegExp(`^Showing ${want} of ${want} selected points`));
    const rows = await page.getByTestId('selection-table').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(want);
    for (const r of rows) {
      const [row, , x, y, tag] = r.split('\t').map((c) => c.trim());
      expect([x, y, tag]).toEqual(csv[Number(row)]);
      expect(inside(Number(x), Number(y))).toBe(true);
    }
  });

  it('pages through a selection of more than 1,000 rows, 1,000 per request, and leaves hidden clusters out', async () => {
    await page.getByTestId('scatter-mode-rect').click();
    // The whole plotting area, 2 px inside the grid's edges.
    const grid = await page.evaluate(() => {
      const chart = (globalThis as unknown as PageGlobals).__clusterbenchCharts!.clusters as unknown as ChartApi & { getModel(): { getComponent(t: string, i: number): { coordinateSystem: { getRect(): { x: number; y: number; width: number; height: number } } } } };
      const r = chart.getModel().getComponent('grid', 0).coordinateSystem.getRect();
      const box = chart.getDom().getBoundingClientRect();
      return { x0: box.left + r.x + 2, y0: box.top + r.y + 2, x1: box.left + r.x + r.width - 2, y1: box.top + r.y + r.height - 2 };
    });
    await drag(page, [grid.x0, grid.y0], [grid.x1, grid.y1]);
    await expect.poll(() => page.getByTestId('selection-count').innerText(), { timeout: 60_000 }).toMatch(/^Showing 1,000 of [\d,]+ selected points, numbers 1–1,000$/);
    const total = Number(/of ([\d,]+) selected/.exec(await page.getByTestId('selection-count').innerText())![1].replace(/,/g, ''));
    expect(total).toBeGreaterThan(1000);
    const firstPage = await page.getByTestId('selection-table').locator('tbody tr').allInnerTexts();
    expect(firstPage).toHaveLength(1000);
    await expect(page.getByTestId('selection-previous').isDisabled()).resolves.toBe(true);
    await page.getByTestId('selection-next').click();
    const rest = total - 1000;
    await expect.poll(() => page.getByTestId('selection-count').innerText(), { timeout: 60_000 }).toBe(`Showing ${rest} of ${total.toLocaleString('en-US')} selected points, numbers 1,001–${total.toLocaleString('en-US')}`);
    await expect.poll(() => page.getByTestId('selection-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(rest);
    const secondPage = await page.getByTestId('selection-table').locator('tbody tr').allInnerTexts();
    // Pages follow the row order and do not overlap; every row is the CSV's.
    const rowOf = (r: string) => Number(r.split('\t')[0]);
    expect(rowOf(secondPage[0])).toBeGreaterThan(rowOf(firstPage[999]));
    for (const r of [...firstPage, ...secondPage]) {
      const [row, , x, y, tag] = r.split('\t').map((c) => c.trim());
      expect([x, y, tag]).toEqual(csv[Number(row)]);
    }
    await expect(page.getByTestId('selection-next').isDisabled()).resolves.toBe(true);

    // A cluster hidden through the legend is left out of the next selection.
    await page.evaluate(() => ((globalThis as unknown as PageGlobals).__clusterbenchCharts!.clusters as unknown as { dispatchAction(a: unknown): void }).dispatchAction({ type: 'legendUnSelect', name: 'cluster 0' }));
    await drag(page, [grid.x0, grid.y0], [grid.x1, grid.y1]);
    const areas = JSON.parse((await page.getByTestId('selection').getAttribute('data-areas')) ?? '[]') as { coordRange: number[][] }[];
    const [[ax0, ax1], [ay0, ay1]] = areas[0].coordRange;
    const shown = (await drawnSeries(page, 'clusters'))
      .filter((s) => /^cluster \d+$/.test(s.name) && s.name !== 'cluster 0')
      .flatMap((s) => s.points)
      .filter((p) => p[0] >= Math.min(ax0, ax1) && p[0] <= Math.max(ax0, ax1) && p[1] >= Math.min(ay0, ay1) && p[1] <= Math.max(ay0, ay1)).length;
    expect(shown).toBeLessThan(total);
    await expect.poll(() => page.getByTestId('selection-count').innerText(), { timeout: 60_000 }).toMatch(new RegExp(`^Showing ${shown.toLocaleString('en-US')} of ${shown.toLocaleString('en-US')} selected points$`));
    const clusters = new Set((await page.getByTestId('selection-table').locator('tbody tr').allInnerTexts()).map((r) => r.split('\t')[1].trim()));
    expect(clusters.has('0')).toBe(false);
    await page.evaluate(() => ((globalThis as unknown as PageGlobals).__clusterbenchCharts!.clusters as unknown as { dispatchAction(a: unknown): void }).dispatchAction({ type: 'legendSelect', name: 'cluster 0' }));
  });

  it('has no serious or critical axe violation with a selection shown, in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId('theme').selectOption(theme);
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
      await page.getByTestId('selection-table').waitFor();
      const serious = (await axeViolations(page)).filter(isSerious);
      expect(serious, `${theme}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
    }
  });
});

// Issue 14, accessibility, in Chromium over the real engine: axe-core over every tab with results
// on it, in the light and the dark theme, finds no serious or critical violation; plus what axe
// cannot see: focus after Enter, arrow keys in tabs and the algorithm radio group, the live
// status region, chart text alternatives, and the remembered theme choice.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, isSerious, type AxeViolation } from './axe.ts';
import { type AppSession, ARTIFACTS_DIR, runAndWait, setField, startAppSession } from './helpers.ts';

const TABS = ['data', 'clusters', 'quality', 'profiles', 'sweep', 'convergence', 'scaling', 'ekm', 'history'] as const;

let session: AppSession;
let page: Page;

/** data-testid (or tag name) of the focused element. */
function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(n: string): string | null } | null } }).document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? 'none';
  });
}

/** Serious/critical violations per tab; every violation goes to test-artifacts/axe-<theme>.json. */
async function scanTabs(theme: string): Promise<Record<string, AxeViolation[]>> {
  const found: Record<string, AxeViolation[]> = {};
  const all: Record<string, AxeViolation[]> = {};
  for (const tab of TABS) {
    await page.getByTestId(`tab-button-${tab}`).click();
    await page.waitForTimeout(400); // charts finish their first render
    const v = await axeViolations(page);
    all[tab] = v;
    const serious = v.filter(isSerious);
    if (serious.length) found[tab] = serious;
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(join(ARTIFACTS_DIR, `axe-${theme}.json`), JSON.stringify(all, null, 2));
  return found;
}

beforeAll(async () => {
  session = await startAppSession();
  ({ page } = session);
}, 240_000);

afterAll(async () => {
  await session?.close();
});

describe('keyboard: focus stays where the user pressed Enter', () => {
  it('on a sample', async () => {
    await page.getByTestId('sample-blobs-400.csv').focus();
    await runAndWait(page, () => page.keyboard.press('Enter'), 'done');
    expect(await focused(page)).toBe('sample-blobs-400.csv');
  });

  it('on Run, and the live region announces the outcome', async () => {
    await page.getByTestId('run-serial').focus();
    const status = await runAndWait(page, () => page.keyboard.press('Enter'), 'done');
    expect(await focused(page)).toBe('run-serial');
    await expect(page.getByTestId('status-live').textContent()).resolves.toBe(status);
    await expect(page.getByTestId('status-live').getAttribute('role')).resolves.toBe('status');
  });
});

describe('axe-core: no serious or critical violation', () => {
  it('with results on every tab (k-means, Compare, EKM)', async () => {
    await page.getByTestId('grid-workers').fill('0,1');
    await setField(page, 'grid-repeats', 1);
    await page.getByTestId('grid-sizes').fill('200,400');
    await runAndWait(page, () => page.getByTestId('compare').click(), 'done', 120_000);
    await page.getByTestId('algorithm-ekm').click();
    await page.getByTestId('param-variant').selectOption('fused');
    await runAndWait(page, () => page.getByTestId('run-parallel').click(), 'done', 180_000);
  }, 320_000);

  it('on every tab in the light theme', async () => {
    await page.getByTestId('theme').selectOption('light');
    expect(await scanTabs('light')).toEqual({});
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('on every tab in the dark theme (chosen in the header)', async () => {
    await page.getByTestId('theme').selectOption('dark');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    expect(await scanTabs('dark')).toEqual({});
  });
});

describe('WAI-ARIA keyboard patterns', () => {
  it('tabs: one tab in the Tab order; arrows, Home and End move and select', async () => {
    await page.getByTestId('tab-button-data').click();
    await expect(page.locator('[role="tab"][tabindex="0"]').count()).resolves.toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('tab-button-clusters');
    await expect(page.getByTestId('tab-button-clusters').getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByTestId('tab-panel').getAttribute('aria-labelledby')).resolves.toBe('tab-clusters');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('tab-button-history');
    await page.keyboard.press('ArrowRight'); // wraps
    expect(await focused(page)).toBe('tab-button-data');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('tab-button-history');
    await page.keyboard.press('Home');
    await expect(page.getByTestId('tab-button-data').getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('algorithm radio group: arrows move the choice and the focus', async () => {
    await page.getByTestId('algorithm-kmeans').click();
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('algorithm-ekm');
    await expect(page.getByTestId('algorithm-ekm').getAttribute('aria-checked')).resolves.toBe('true');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // wraps to the last
    expect(await focused(page)).toBe('algorithm-pam');
    await expect(page.locator('[role="radio"][tabindex="0"]').count()).resolves.toBe(1);
    await page.getByTestId('algorithm-kmeans').click();
  });
});

describe('text alternatives and the theme', () => {
  it('every chart is an image named by its title and described in text', async () => {
    await page.getByTestId('tab-button-clusters').click();
    const chart = page.getByTestId('chart-clusters');
    await chart.waitFor();
    await expect(chart.getAttribute('role')).resolves.toBe('img');
    await expect(chart.getAttribute('aria-label')).resolves.toMatch(/\S/);
    await expect(page.getByTestId('chart-text-clusters').textContent()).resolves.toMatch(/cluster 0 \(scatter\): \d+ points/);
    await page.getByTestId('tab-button-scaling').click();
    await expect(page.getByTestId('chart-text-speedup').textContent()).resolves.toMatch(/N=400 \(line/);
  });

  it('remembers the dark theme over a reload, and "system" follows the OS again', async () => {
    await page.getByTestId('theme').selectOption('dark');
    await page.reload();
    await page.getByTestId('status-bar').waitFor();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.getByTestId('theme').inputValue()).resolves.toBe('dark');
    await page.getByTestId('theme').selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
  });
});

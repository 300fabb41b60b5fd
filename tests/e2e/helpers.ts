// Shared pieces of the real-browser tests: build the renderer if stale, start the web host on a
// free port over the real Workbench, launch Debian's Chromium through playwright-core, and read
// chart state from the page.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../src/main/webhost/build.ts';
import { startWebHost, type WebHost } from '../../src/main/webhost/server.ts';
import type { Workbench } from '../../src/main/services/workbench.ts';
import type { ClusterbenchApi } from '../../src/shared/contract/index.ts';

/**
 * What the page's global object holds that tests read inside page.evaluate (typed here because the
 * node-side tsconfig has no DOM lib; use `globalThis as unknown as PageGlobals`).
 */
export interface PageGlobals {
  clusterbench?: ClusterbenchApi;
  __clusterbenchCharts?: Record<string, { getOption(): unknown }>;
  __progress?: { phase: string; fraction: number | null; message: string }[];
  __off?: () => void;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM_PATH = process.env.CLUSTERBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts');
export const VIEWPORT = { width: 1280, height: 800 };

const LOCK_DIR = join(REPO_ROOT, 'out', '.web-build.lock');

/** Builds out/web when stale; a directory lock keeps parallel test files from building twice. */
export async function buildRendererOnce(): Promise<void> {
  await mkdir(join(REPO_ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the renderer build lock ${LOCK_DIR} (remove it if no build runs)`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await ensureRendererBuilt();
  } finally {
    await rmdir(LOCK_DIR).catch(() => undefined);
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium (or set CLUSTERBENCH_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestHost {
  host: WebHost;
  workbench: Workbench;
  historyDir: string;
  close(): Promise<void>;
}

/** The folder the test hosts open typed paths under by default (like `npm run serve -- --data-dir`). */
export const FIXTURES_DIR = join(REPO_ROOT, 'tests/fixtures');

/**
 * The real Workbench and engine over the repo's samples, with a throwaway history folder. Typed
 * paths open only under `dataDirs` (the web host's `--data-dir`), tests/fixtures by default.
 */
export async function startTestHost(poolSize = 2, dataDirs: string[] = [FIXTURES_DIR]): Promise<TestHost> {
  const historyDir = await mkdtemp(join(os.tmpdir(), 'clusterbench-e2e-history-'));
  const { Workbench } = await import('../../src/main/services/workbench.ts');
  const workbench = new Workbench({ samplesDir: join(REPO_ROOT, 'resources'), historyDir, transport: 'web', poolSize, dataDirs });
  const host = await startWebHost({ port: 0, workbench });
  return {
    host,
    workbench,
    historyDir,
    async close() {
      await host.close();
      await workbench.dispose();
      await rm(historyDir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

export async function openApp(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  await page.getByTestId('status-bar').waitFor();
  // app:info answered: the machine facts show in the status bar.
  await page.locator('.status-machine').waitFor({ timeout: 30_000 });
  return { page, errors };
}

/** What the tests check about a chart, read from the live ECharts instance (functions dropped). */
export interface ChartSummary {
  title: string;
  subtitle: string;
  series: { name: string; type: string; symbol?: string; points: number }[];
}

export async function chartSummary(page: Page, name: string): Promise<ChartSummary | null> {
  return page.evaluate((chartName) => {
    const chart = (globalThis as unknown as PageGlobals).__clusterbenchCharts?.[chartName];
    if (!chart) return null;
    const opt = chart.getOption() as {
      title?: { text?: string; subtext?: string }[];
      series?: { name?: string; type?: string; symbol?: string; data?: unknown[] | Float64Array; dimensions?: unknown[] }[];
    };
    // Packed scatter data (a typed array, dimensions.length values per point) or one item per point.
    const count = (s: { data?: unknown[] | Float64Array; dimensions?: unknown[] }) => (s.data instanceof Float64Array ? s.data.length / (s.dimensions?.length ?? 1) : (s.data?.length ?? 0));
    return {
      title: opt.title?.[0]?.text ?? '',
      subtitle: opt.title?.[0]?.subtext ?? '',
      series: (opt.series ?? []).map((s) => ({ name: String(s.name ?? ''), type: String(s.type ?? ''), symbol: s.symbol, points: count(s) })),
    };
  }, name);
}

/** A chart's series as drawn: its name and points, each as its values ([x, y, position] for packed scatter data). */
export async function drawnSeries(page: Page, name: string): Promise<{ name: string; points: number[][] }[]> {
  return page.evaluate((chartName) => {
    const chart = (globalThis as unknown as PageGlobals).__clusterbenchCharts?.[chartName];
    const opt = (chart?.getOption() ?? {}) as { series?: { name?: string; data?: unknown[] | Float64Array; dimensions?: unknown[] }[] };
    return (opt.series ?? []).map((s) => {
      const d = s.data;
      let points: number[][];
      if (d instanceof Float64Array) {
        const stride = s.dimensions?.length ?? 1;
        points = Array.from({ length: d.length / stride }, (_, j) => Array.from(d.subarray(j * stride, (j + 1) * stride)));
      } else points = (d ?? []).map((item) => (Array.isArray(item) ? item : [(item as { value?: number[] })?.value ?? item].flat()) as number[]);
      return { name: String(s.name ?? ''), points };
    });
  }, name);
}

/** Chromium, a test host over the real engine, and the app opened in a page: how most e2e files start. */
export interface AppSession extends OpenedPage {
  browser: Browser;
  testHost: TestHost;
  /** Closes the browser and the host (and the host's history folder). */
  close(): Promise<void>;
}

export async function startAppSession(opts: { poolSize?: number; dataDirs?: string[] } = {}): Promise<AppSession> {
  const browser = await launchChromium(); // first: a missing Chromium fails fast, with the install command
  try {
    await buildRendererOnce();
    const testHost = await startTestHost(opts.poolSize ?? 2, opts.dataDirs);
    try {
      const opened = await openApp(browser, testHost.host.url);
      return {
        ...opened,
        browser,
        testHost,
        async close() {
          await browser.close();
          await testHost.close();
        },
      };
    } catch (err) {
      await testHost.close();
      throw err;
    }
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Types a value into a field and commits it (the app validates on change). */
export async function setField(page: Page, testId: string, value: number | string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(String(value));
  await input.dispatchEvent('change');
}

export type JobOutcome = 'done' | 'cancelled' | 'error';

/** Waits until the status bar reports `status` for a job other than `notJob`; returns its text. */
export async function waitForStatus(page: Page, status: JobOutcome, timeout = 60_000, notJob = ''): Promise<string> {
  await page.locator(`[data-testid="status-bar"][data-status="${status}"]:not([data-job="${notJob}"])`).waitFor({ timeout });
  return (await page.getByTestId('status-text').textContent()) ?? '';
}

/**
 * Performs `action` (a click or a key press that starts a job) and waits for THAT job to end with
 * `status` — never for the previous job's status still on screen.
 */
export async function runAndWait(page: Page, action: () => Promise<unknown>, status: JobOutcome = 'done', timeout = 60_000): Promise<string> {
  const before = (await page.getByTestId('status-bar').getAttribute('data-job')) ?? '';
  await action();
  return waitForStatus(page, status, timeout, before);
}

/**
 * Saves a 1280×800 screenshot. `side` scrolls the left panel first: 'top' (dataset) or 'run'
 * (the algorithm panel in view); default leaves it where the test left it.
 */
export async function screenshot(page: Page, name: string, dir = ARTIFACTS_DIR, side?: 'top' | 'run'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  if (side) {
    await page.evaluate((where) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number; offsetTop: number } | null } }).document;
      const panel = doc.querySelector('.side-panel');
      const run = doc.querySelector('[data-testid="run-panel"]');
      if (panel) panel.scrollTop = where === 'run' && run ? run.offsetTop - 120 : 0;
    }, side);
  }
  // Let ECharts finish its entry animation.
  await page.waitForTimeout(900);
  await page.screenshot({ path: file });
  return file;
}

/** Viewport coordinates of a data point on a chart's grid (for mouse moves onto it). */
export async function chartPixel(page: Page, name: string, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(
    ([chartName, px, py]) => {
      const chart = (globalThis as unknown as PageGlobals).__clusterbenchCharts![chartName as string] as unknown as {
        convertToPixel(finder: unknown, value: number[]): number[];
        getDom(): { getBoundingClientRect(): { left: number; top: number } };
      };
      const [cx, cy] = chart.convertToPixel({ gridIndex: 0 }, [px as number, py as number]);
      const box = chart.getDom().getBoundingClientRect();
      return [box.left + cx, box.top + cy] as [number, number];
    },
    [name, x, y] as const,
  );
}

/** Drags the mouse from one viewport point to another (a brush or a pan), in small steps. */
export async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps: 8 });
  await page.mouse.up();
}

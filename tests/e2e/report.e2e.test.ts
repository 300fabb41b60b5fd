// Opens generated HTML reports in Debian's Chromium: no network requests, no console errors,
// charts and tables render. Saves screenshots to test-artifacts/ for a human look.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/main/report/html.ts';
import { pointsFromData } from '../../src/main/report/points.ts';
import { ekmFixture, experimentFixture, kmeansFixture } from '../unit/report-fixtures.ts';

const CHROMIUM = process.env.CLUSTERBENCH_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
const EVIL = '<script>window.__pwned = 1</script><img src="https://example.invalid/x.png">';

interface MiniElement {
  getAttribute(name: string): string | null;
  querySelector(sel: string): MiniElement | null;
  querySelectorAll(sel: string): ArrayLike<MiniElement>;
  getBoundingClientRect(): { width: number; height: number };
  caption?: { textContent: string | null } | null;
  rows: ArrayLike<unknown>;
}
interface MiniWindow {
  document: MiniElement & { scripts: ArrayLike<unknown>; images: ArrayLike<unknown>; title: string; documentElement: { scrollWidth: number } };
  innerWidth: number;
  __pwned?: number;
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  // CI installs Chromium; a missing binary is a failure to fix, not a reason to skip.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  dir = await mkdtemp(join(tmpdir(), 'cb-report-e2e-'));
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openReport(name: string, html: string, screenshot: string) {
  const path = join(dir, `${name}.html`);
  await writeFile(path, html);
  const url = pathToFileURL(path).href;
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  const facts = await page.evaluate(() => {
    // The node-side tsconfig has no DOM lib: type the little of the page this test reads.
    const w = globalThis as unknown as MiniWindow;
    const doc = w.document;
    return {
      charts: Array.from(doc.querySelectorAll('figure.chart')).map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { name: f.getAttribute('data-chart'), shapes: svg ? svg.querySelectorAll('path, rect, circle').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
      tables: Array.from(doc.querySelectorAll('table')).map((t) => ({ caption: t.caption?.textContent ?? '', rows: t.rows.length })),
      scripts: doc.scripts.length,
      images: doc.images.length,
      title: doc.title,
      pwned: w.__pwned ?? 0,
      overflowX: doc.documentElement.scrollWidth > w.innerWidth,
    };
  });
  await page.close();
  return { url, requests, problems, facts };
}

function expectOffline(r: { url: string; requests: string[] }) {
  const foreign = r.requests.filter((u) => u !== r.url && !u.startsWith('data:'));
  expect(foreign, 'the report must load nothing but itself').toEqual([]);
}

describe('HTML report in Chromium', () => {
  it('run report: scatter + convergence render, no network, no errors, user strings inert', async () => {
    const { record, dataset } = kmeansFixture({ n: 3000, k: 4, d: 3, name: `blobs ${EVIL}.csv`, features: ['sepal length', 'sepal width', `petal ${EVIL}`] });
    record.title = `k-means k=4 ${EVIL}`;
    const points = pointsFromData(record, { values: dataset.values, n: dataset.n, d: dataset.d, columns: dataset.columns }, { maxPoints: 2500 });
    const r = await openReport('run', renderHtmlReport(record, points.extras), 'report.png');
    expectOffline(r);
    expect(r.problems).toEqual([]);
    expect(r.facts.scripts).toBe(0);
    expect(r.facts.images).toBe(0);
    expect(r.facts.pwned).toBe(0);
    expect(r.facts.title).toContain('<script>');
    expect(r.facts.charts.map((c) => c.name)).toEqual(['scatter', 'convergence']);
    for (const c of r.facts.charts) {
      expect(c.shapes, c.name!).toBeGreaterThan(10);
      expect(c.width, c.name!).toBeGreaterThan(500);
      expect(c.height, c.name!).toBeGreaterThan(250);
    }
    expect(r.facts.tables.some((t) => t.caption === 'Clusters (4)' && t.rows === 5)).toBe(true);
    expect(r.facts.overflowX).toBe(false);
  });

  it('experiment report: speedup tables and scaling charts render', async () => {
    const r = await openReport('experiment', renderHtmlReport(experimentFixture({ mismatch: true })), 'report-experiment.png');
    expectOffline(r);
    expect(r.problems).toEqual([]);
    expect(r.facts.charts.map((c) => c.name)).toEqual(['speedup-k10', 'efficiency-k10', 'runtime-k10', 'speedup-k20', 'efficiency-k20', 'runtime-k20']);
    for (const c of r.facts.charts) expect(c.shapes, c.name!).toBeGreaterThan(10);
    const speedupTables = r.facts.tables.filter((t) => t.caption.startsWith('Table '));
    expect(speedupTables.map((t) => [t.caption, t.rows])).toEqual([
      ['Table 1. Speedups for k = 10.', 5],
      ['Table 2. Speedups for k = 20.', 5],
    ]);
    expect(r.facts.overflowX).toBe(false);
  });

  it('EKM report: tree timeline and exact-vs-heuristic render', async () => {
    const r = await openReport('ekm', renderHtmlReport(ekmFixture().record), 'report-ekm.png');
    expectOffline(r);
    expect(r.problems).toEqual([]);
    expect(r.facts.charts.map((c) => c.name)).toEqual(['ekm-timeline', 'exact-vs-heuristic']);
  });
});

// CLI start-up: commands that draw no chart must never load ECharts (1-2 s to import under tsx),
// and commands that read or write no record file never load zod (its schema: ~30 ms even bundled).
// Each case runs the real CLI in a child process with a loader hook that lists every module loaded.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './tmpdir.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/main/cli.ts');
const TRACE = join(ROOT, 'tests/unit/support/trace-imports.mjs');
const SAMPLE = join(ROOT, 'resources/blobs-400.csv');

/** Runs the CLI under tsx with the trace hook; returns its exit code, output and loaded module URLs. */
function tracedCli(dir: string, args: string[]): { code: number | null; stdout: string; stderr: string; loaded: string[] } {
  const file = join(dir, 'trace.txt');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', TRACE, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TRACE_IMPORTS_FILE: file },
  });
  let loaded: string[] = [];
  try {
    loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    // no module loaded at all: leave the list empty, the assertions below say so
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}

const fromPackages = (urls: string[], names: string[]) => urls.filter((u) => names.some((n) => u.includes(`/node_modules/${n}/`)));
const fromEcharts = (urls: string[]) => fromPackages(urls, ['echarts', 'zrender']);

describe('CLI loads ECharts and zod only in the commands that use them', () => {
  const dir = useTempDir('cli-lazy-');

  it.each([
    ['--help', ['--help'], ['echarts', 'zrender', 'zod']],
    ['kmeans --help', ['kmeans', '--help'], ['echarts', 'zrender', 'zod']],
    ['inspect', ['inspect', SAMPLE, '--quiet'], ['echarts', 'zrender', 'zod']],
    ['kmeans', ['kmeans', SAMPLE, '--k', '3', '--workers', '1', '--seed', '1', '--quiet'], ['echarts', 'zrender', 'zod']],
    ['kmeans (JSON report)', ['kmeans', SAMPLE, '--k', '3', '--workers', '1', '--seed', '1', '--quiet', '--json', 'JSON'], ['echarts', 'zrender']],
  ])('%s loads none of its heavy packages', (_, args, heavy) => {
    const r = tracedCli(dir(), args.map((a) => (a === 'JSON' ? join(dir(), 'run.json') : a)));
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.loaded.some((u) => u.endsWith('/src/main/cli.ts'))).toBe(true);
    expect(fromPackages(r.loaded, heavy)).toEqual([]);
  });

  // The control: the hook does see ECharts when a command really renders a chart.
  it('a JSON record loads zod and an HTML report loads ECharts (the trace is not blind)', () => {
    const json = join(dir(), 'run.json');
    const run = tracedCli(dir(), ['kmeans', SAMPLE, '--k', '3', '--workers', '1', '--seed', '1', '--quiet', '--json', json]);
    expect(run.code).toBe(0);
    expect(fromPackages(run.loaded, ['zod']).length).toBeGreaterThan(0);
    const r = tracedCli(dir(), ['report', json, '--html', join(dir(), 'run.html')]);
    expect(r.code).toBe(0);
    expect(fromEcharts(r.loaded).length).toBeGreaterThan(0);
  });
});

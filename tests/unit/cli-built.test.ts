// The built CLI (scripts/build-cli.mjs → one bundle for the command line and one for the pool
// worker) prints the same numbers as the TypeScript sources run under tsx, and runs without
// compiling any TypeScript, in the main thread or in its workers. Built once, into .tmp/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from './tmpdir.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, `.tmp/cli-built-test-${process.pid}`);
const TRACE = join(ROOT, 'tests/unit/support/trace-imports.mjs');
const SAMPLE = 'resources/blobs-400.csv';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Timings differ run to run; everything else printed must be equal. */
function withoutTimes(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('time:'))
    .join('\n')
    .replace(/[\d.]+ (ms|s)\b/g, 'T');
}

/** Runs the built CLI under the import trace; returns its output and the loaded module URLs. */
function tracedBuilt(dir: string, args: string[]): Run & { loaded: string[] } {
  const file = join(dir, 'trace.txt');
  const r = node(['--import', TRACE, join(OUT, 'cli.js'), ...args], { TRACE_IMPORTS_FILE: file });
  return { ...r, loaded: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

/** esbuild's unminified output names each bundled file in a comment: find ECharts' code by it. */
const holdsEcharts = (url: string) => url.startsWith('file:') && /\/\/ node_modules\/(echarts|zrender)\//.test(readFileSync(fileURLToPath(url), 'utf8'));

beforeAll(() => {
  const r = node(['scripts/build-cli.mjs', '--outdir', OUT]);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('built CLI', () => {
  const dir = useTempDir('cli-built-');

  it.each([
    ['kmeans', ['kmeans', SAMPLE, '--k', '3', '--workers', '2', '--seed', '1', '--quiet']],
    ['ekm + PAM', ['ekm', SAMPLE, '--k', '3', '--workers', '2', '--pam', '--quiet']],
  ])('%s on the sample prints what the tsx path prints, loading no TypeScript', (_, args) => {
    const built = tracedBuilt(dir(), args);
    const dev = node(['--import', 'tsx', 'src/main/cli.ts', ...args]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(dev.code).toBe(0);
    expect(built.stdout).toMatch(/^(cluster|medoid) +(size|row)/m);
    expect(withoutTimes(built.stdout)).toBe(withoutTimes(dev.stdout));
    // The worker ran from the bundle (the trace sees worker threads too), and nothing was compiled.
    expect(built.loaded).toContain(`file://${OUT}/worker.js`);
    expect(built.loaded.filter((u) => /\.(ts|tsx|mts)$/.test(u) || u.includes('/node_modules/tsx/'))).toEqual([]);
    expect(built.loaded.filter(holdsEcharts)).toEqual([]);
  });

  it('--help and inspect load no ECharts code; an HTML report does', () => {
    for (const args of [['--help'], ['inspect', 'iris', '--quiet']]) {
      const r = tracedBuilt(dir(), args);
      expect(r.code).toBe(0);
      expect(r.loaded.filter(holdsEcharts)).toEqual([]);
    }
    const json = join(dir(), 'run.json');
    expect(node([join(OUT, 'cli.js'), 'kmeans', SAMPLE, '--k', '3', '--workers', '1', '--quiet', '--json', json]).code).toBe(0);
    const report = tracedBuilt(dir(), ['report', json, '--html', join(dir(), 'run.html')]);
    expect(report.code).toBe(0);
    expect(report.loaded.filter(holdsEcharts).length).toBeGreaterThan(0);
    expect(readFileSync(join(dir(), 'run.html'), 'utf8')).toMatch(/<svg/);
  });

  // `npm install` (prepare) builds out/cli/; a packed or git-installed package must carry it, although
  // .gitignore excludes out/. --ignore-scripts: listing the files must not rebuild the bundle.
  it.skipIf(!existsSync(join(ROOT, 'out/cli/cli.js')))('npm pack ships the bin and its worker, not node_modules', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toContain(pkg.bin.clusterbench);
    expect(files).toContain('out/cli/worker.js');
    expect(files).toContain('resources/iris.csv');
    expect(files.filter((f) => f.startsWith('node_modules/') || f.startsWith('.tmp/') || f.startsWith('out/main/'))).toEqual([]);
  });
});

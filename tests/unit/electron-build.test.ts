// The Electron bundles that `electron-vite build` produces: the main process's worker entry runs
// the real engine under plain Node, and the sandboxed preload is one CommonJS file that needs
// nothing but electron. (The window itself needs the Electron binary, which CI cannot download.)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';

const root = join(import.meta.dirname, '..', '..');
const out = (...p: string[]) => join(root, 'out', ...p);

describe('electron-vite build output', () => {
  let bundled: WorkerPool;
  let source: WorkerPool;

  beforeAll(() => {
    // `npm test` builds first; a bare `vitest run` builds here.
    if (!existsSync(out('main', 'worker.js'))) {
      execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
    }
    bundled = new WorkerPool({ size: 2, script: out('main', 'worker.js') });
    source = new WorkerPool({ size: 2 });
  }, 180_000);
  afterAll(async () => {
    await bundled?.destroy();
    await source?.destroy();
  });

  it('bundles main, worker, preload and renderer', () => {
    for (const f of [out('main', 'index.js'), out('main', 'worker.js'), out('preload', 'index.cjs'), out('renderer', 'index.html')]) {
      expect(existsSync(f), f).toBe(true);
    }
  });

  it('the bundled worker computes the same k-means as the source worker', async () => {
    const { dataset } = makeBlobs({ n: 5000, centers: 4, seed: 11 });
    const params = resolveKMeansParams({ k: 4, seed: 3, workers: 2 }, dataset.n);
    const a = await runKMeans(dataset, params, { pool: bundled });
    const b = await runKMeans(dataset, params, { pool: source });
    expect(a.centroids).toEqual(b.centroids);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it('the preload is a single CommonJS file that requires only electron (sandbox: true)', () => {
    const code = readFileSync(out('preload', 'index.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('the renderer page carries a strict Content-Security-Policy', () => {
    const html = readFileSync(out('renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});

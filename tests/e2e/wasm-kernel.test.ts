// The WebAssembly k-means kernel runs in a browser too: the real loader module
// (src/main/engine/wasm/kmeans-wasm.ts with its base64 bytes), compiled TS → JS by vite's esbuild
// transform and loaded into Debian's Chromium, assigns rows exactly as the JavaScript kernel does
// in Node (labels and every partial record bit for bit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { transformWithEsbuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChunks } from '../../src/main/engine/kmeans/chunks.ts';
import { assignChunks, createScratch } from '../../src/main/engine/kmeans/kernel.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import { launchChromium, REPO_ROOT } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function moduleScript(): Promise<string> {
  const js = async (file: string) => (await transformWithEsbuild(readFileSync(join(REPO_ROOT, file), 'utf8'), file, { loader: 'ts', format: 'esm' })).code;
  const bytes = await js('src/main/engine/wasm/kmeans-wasm-bytes.ts');
  // The loader's one import is the bytes module, inlined above it.
  const loader = (await js('src/main/engine/wasm/kmeans-wasm.ts')).replace(/^import .*kmeans-wasm-bytes.*$/m, '');
  return `${bytes.replace(/^export /gm, '')}\n${loader}\nwindow.kernelModule = { WasmAssignKernel, kmeansWasmModule };`;
}

describe('wasm k-means kernel in Chromium', () => {
  it('assigns like the JS kernel in Node, bit for bit (random shapes, both forms)', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ type: 'module', content: await moduleScript() });
    await page.waitForFunction(() => 'kernelModule' in window);
    const rng = createRng(4);
    for (let trial = 0; trial < 12; trial++) {
      const d = [1, 2, 3, 16, 17, 40][trial % 6];
      const k = [1, 3, 8, 9, 13, 40][randInt(rng, 6)];
      const n = 1 + randInt(rng, 600);
      const values = Array.from({ length: n * d }, () => randInt(rng, 7) - 3 + (trial % 2 ? rng() : 0));
      const centroids = Array.from({ length: k * d }, () => randInt(rng, 7) - 3 + (trial % 2 ? rng() : 0));
      const prev = Array.from({ length: n }, () => randInt(rng, k + 1) - 1);
      const plan = planChunks(n, k, d);
      const state = { values: Float64Array.from(values), n, d, k, plan, centroids: Float64Array.from(centroids), labels: Int32Array.from(prev), partials: new Float64Array(plan.numChunks * plan.stride) };
      expect(assignChunks(state, createScratch(k, d, plan.stride, 'js'), 0, plan.numChunks, () => false)).toBe(true);
      for (const mode of ['distance', 'dot'] as const) {
        const fromBrowser = await page.evaluate(
          ({ values, centroids, prev, n, d, k, plan, mode }) => {
            // The page's copy of the loader module (its types stay on the Node side).
            type Kernel = {
              prepare(k: number, chunkSize: number, stride: number): void;
              loadCentroids(c: Float64Array, mode: string): void;
              assign(labels: Int32Array, start: number, stop: number, partials: Float64Array, at: number): void;
              passMode: string;
            };
            type LoaderModule = { WasmAssignKernel: new (module: unknown, values: Float64Array, n: number, d: number) => Kernel; kmeansWasmModule: () => unknown };
            const { WasmAssignKernel, kmeansWasmModule } = (window as unknown as { kernelModule: LoaderModule }).kernelModule;
            const kernel = new WasmAssignKernel(kmeansWasmModule(), Float64Array.from(values), n, d);
            kernel.prepare(k, plan.chunkSize, plan.stride);
            kernel.loadCentroids(Float64Array.from(centroids), mode);
            const labels = Int32Array.from(prev);
            const partials = new Float64Array(plan.numChunks * plan.stride);
            for (let c = 0; c < plan.numChunks; c++) kernel.assign(labels, c * plan.chunkSize, Math.min(n, (c + 1) * plan.chunkSize), partials, c * plan.stride);
            // Bit patterns survive the trip as hex; numbers through JSON would lose -0 and NaN.
            const hex = Array.from(new Uint8Array(partials.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
            return { labels: Array.from(labels), hex, mode: kernel.passMode };
          },
          { values, centroids, prev, n, d, k, plan, mode },
        );
        expect(fromBrowser.mode).toBe(mode);
        expect(fromBrowser.labels).toEqual(Array.from(state.labels));
        expect(fromBrowser.hex).toBe(Buffer.from(state.partials.buffer).toString('hex'));
      }
    }
    await page.close();
  });
});

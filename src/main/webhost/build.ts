// Builds only the renderer (Vue) for the web host: faster than a full electron-vite build and
// independent of the Electron main bundle. Same root and plugin as electron.vite.config.ts.
import vue from '@vitejs/plugin-vue';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_STATIC_DIR } from './server.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCES = [join(repoRoot, 'src/renderer'), join(repoRoot, 'src/shared')];

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

/** True when `outDir` has no index.html or a renderer/shared source is newer than it. */
export async function rendererBuildIsStale(outDir = DEFAULT_STATIC_DIR): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(join(outDir, 'index.html'))).mtimeMs;
  } catch {
    return true;
  }
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  return newest > built;
}

/**
 * Builds into a fresh temp folder, then swaps it in, so a server (or a parallel test file)
 * never serves a half-written build.
 */
export async function buildRenderer(outDir = DEFAULT_STATIC_DIR): Promise<void> {
  const { build } = await import('vite');
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(dirname(outDir), { recursive: true });
  try {
    await build({
      configFile: false,
      root: join(repoRoot, 'src/renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [vue()],
      build: { outDir: tmp, emptyOutDir: true, chunkSizeWarningLimit: 2000, reportCompressedSize: false },
    });
    const old = `${outDir}.old-${process.pid}-${Date.now()}`;
    await rename(outDir, old).catch(() => undefined);
    await rename(tmp, outDir);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Builds when stale; returns whether it built. */
export async function ensureRendererBuilt(outDir = DEFAULT_STATIC_DIR): Promise<boolean> {
  if (!(await rendererBuildIsStale(outDir))) return false;
  await buildRenderer(outDir);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const t0 = performance.now();
  const built = force ? (await buildRenderer(), true) : await ensureRendererBuilt();
  console.log(built ? `Renderer built into ${DEFAULT_STATIC_DIR} in ${((performance.now() - t0) / 1000).toFixed(1)} s` : `Renderer build is up to date (${DEFAULT_STATIC_DIR})`);
}

// Bundles the command line (src/main/cli.ts) and the pool's worker entry into plain ESM files,
// so a CLI run compiles no TypeScript, in the main thread or in a worker:
//   out/cli/cli.js      the `clusterbench` bin (and what `npm run cli` starts)
//   out/cli/worker.js   found by pool.ts next to itself (new URL('./worker.js', import.meta.url))
//   out/cli/chunk-*.js  code shared by both, and lazily imported parts (the HTML writer with ECharts)
// Chunks stay in the same folder as worker.js: pool code may land in a chunk and looks beside itself.
// Usage: node scripts/build-cli.mjs [--outdir DIR]   (default out/cli; replaced as a whole)
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points of the bundle: the files the CLI's run-time paths need, nothing from Electron. */
export const CLI_ENTRIES = {
  cli: 'src/main/cli.ts',
  worker: 'src/main/engine/pool/worker.ts',
};

/** Builds into a fresh folder beside `outdir`, then swaps it in: a CLI started meanwhile never sees half a bundle. */
export async function buildCli(outdir = resolve(root, 'out/cli')) {
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: CLI_ENTRIES,
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled CommonJS dependencies (papaparse, ws) call require() for Node built-ins.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cbRequire } from 'node:module';\nconst require = __cbRequire(import.meta.url);" },
    // The CLI never reaches Electron; keep it out so a stray import fails loudly instead of bundling it.
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--outdir');
  const out = await buildCli(i >= 0 ? resolve(process.argv[i + 1]) : undefined);
  console.error(`CLI bundle written to ${out}`);
}

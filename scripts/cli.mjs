// `npm run cli -- …`: starts the built CLI (out/cli/cli.js), rebuilding it first when a source
// file is newer than the bundle, so edits show up without a manual build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/cli/cli.js');
/** Everything the bundle is built from (esbuild follows imports only into these and node_modules). */
const INPUTS = ['src/main', 'src/shared', 'package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

function newestMtimeMs(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows as a newer folder
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

function isStale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return INPUTS.some((p) => newestMtimeMs(join(root, p)) > built);
}

if (isStale()) {
  process.stderr.write('Building the CLI bundle (out/cli/) because sources changed…\n');
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
// The bundle reads process.argv itself; its argv[1] is this script, as it would be its own path.
await import(pathToFileURL(bundle).href);

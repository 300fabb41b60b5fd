// `npm run cli -- …`: starts the built CLI (out/cli/cli.js), rebuilding it first when a source
// file is newer than the bundle, so edits show up without a manual build step.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIsStale } from './cli-stale.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/cli/cli.js');
/** Everything the bundle is built from (esbuild follows imports only into these and node_modules). */
const INPUTS = ['src/main', 'src/shared', 'package.json', 'package-lock.json', 'scripts/build-cli.mjs'].map((p) => join(root, p));

if (bundleIsStale(bundle, INPUTS)) {
  process.stderr.write('Building the CLI bundle (out/cli/) because sources changed…\n');
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
// The bundle reads process.argv itself; its argv[1] is this script, as it would be its own path.
await import(pathToFileURL(bundle).href);

// `npm start`: build, make sure the Electron binary is there (download it if npm skipped the
// install script), then launch the desktop app. Where Electron cannot be downloaded, say so and
// point to the browser workbench, which runs the same engine and UI.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function electronBinary() {
  try {
    const p = require('electron'); // the package's index.js returns the binary path
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit', cwd: root });

let binary = electronBinary();
if (!binary && existsSync(join(root, 'node_modules/electron/install.js'))) {
  console.log('[clusterbench] downloading the Electron binary…');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'inherit', cwd: join(root, 'node_modules/electron') });
  } catch {
    /* reported below */
  }
  binary = electronBinary();
}
if (!binary) {
  console.error(
    '\n[clusterbench] The Electron binary is not available (it is downloaded from GitHub on first start, which this machine cannot reach).\n' +
      'Everything else works here: `npm run serve` opens the same workbench in your browser, and `npm run demo` runs the comparison headless.',
  );
  process.exit(1);
}
const child = spawn(binary, [root], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

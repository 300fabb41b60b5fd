// Electron ships its binary through a download from GitHub in its install script. Where that
// download is impossible (offline CI, sandboxes) npm drops the optional `electron` package, and
// with it the type definitions and version that `electron-vite build` and the typecheck need.
// This restores the package *without* the binary from the npm registry so everything except
// actually launching the desktop window keeps working. On a normal machine it does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'node_modules', 'electron');
const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies.electron;

if (existsSync(join(target, 'package.json'))) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const file = execFileSync(npm, ['pack', `electron@${wanted}`, '--silent'], { cwd: work, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', join(work, file), '-C', target, '--strip-components=1']);
  console.log(`[clusterbench] electron ${wanted} package restored without its binary (download unavailable); ` +
    'build, typecheck and tests work, launching the desktop app needs the binary.');
} catch (err) {
  // Never fail the install over this: only the Electron typecheck depends on it.
  console.warn('[clusterbench] could not restore the electron package:', err.message);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Where our package.json lives. Modules sit a different number of folders below it in the source
// tree (src/main/…), the Electron build (out/main/) and the CLI bundle (out/cli/), so walk up.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageRoot {
  dir: string;
  version: string;
}

let cached: PackageRoot | null | undefined;

/** The nearest folder at or above this module holding clusterbench's package.json; null if none. */
export function packageRoot(): PackageRoot | null {
  if (cached !== undefined) return cached;
  cached = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 8; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'clusterbench') {
        cached = { dir, version: pkg.version ?? 'unknown' };
        break;
      }
    } catch {
      /* no package.json here, or not JSON: look one folder up */
    }
  }
  return cached;
}

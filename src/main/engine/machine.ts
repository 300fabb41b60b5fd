// Facts about the machine that produced a timing; recorded with every result.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MachineFacts } from '../../shared/types.ts';

let appVersion: string | null = null;

/** Our package.json sits a different number of folders up in the source tree and in the bundle. */
function readAppVersion(): string {
  if (appVersion !== null) return appVersion;
  appVersion = process.env.npm_package_version ?? 'unknown';
  let dir = new URL('./', import.meta.url);
  for (let up = 0; up < 6; up++, dir = new URL('../', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'clusterbench' && pkg.version) {
        appVersion = pkg.version;
        break;
      }
    } catch {
      /* not in this folder */
    }
  }
  return appVersion;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    logicalCores: os.availableParallelism?.() ?? cpus.length,
    totalMemoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    v8: process.versions.v8,
    electron: process.versions.electron ?? null,
    appVersion: readAppVersion(),
  };
}

// Facts about the machine that produced a timing; recorded with every result.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MachineFacts } from '../../shared/types.ts';

let appVersion: string | null = null;

function readAppVersion(): string {
  if (appVersion !== null) return appVersion;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    appVersion = pkg.version;
  } catch {
    appVersion = process.env.npm_package_version ?? 'unknown';
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

// Facts about the machine that produced a timing; recorded with every result.
import os from 'node:os';
import type { MachineFacts } from '../../shared/types.ts';
import { packageRoot } from '../package-root.ts';

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
    appVersion: packageRoot()?.version ?? process.env.npm_package_version ?? 'unknown',
  };
}

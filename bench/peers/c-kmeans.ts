// The C reference Lloyd (bench/c/kmeans-ref.c) as a benchmark peer: compiled by the bench with the
// machine's compiler (`cc -O3 -march=native`, pthreads), never part of the app.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineRunner } from './line-runner.ts';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../c/kmeans-ref.c');
export const C_FLAGS = ['-O3', '-march=native'];

export interface CFit {
  msPerPass: number;
  passes: number;
  inertia: number;
  /** Labels hashed as h = h·31 + label (mod 2^32). */
  labelHash: number;
}

/** Builds the reference into dir; the binary's path, or a note saying why not. */
export function buildCReference(dir: string): { binary: string; compiler: string } | { note: string } {
  const cc = process.env.CC ?? 'cc';
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { note: `C reference skipped: no C compiler (${cc})` };
  const binary = join(dir, 'kmeans-ref');
  const r = spawnSync(cc, [...C_FLAGS, '-o', binary, SOURCE, '-lpthread', '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) return { note: `C reference skipped: ${cc} failed: ${r.stderr.trim().split('\n')[0]}` };
  return { binary, compiler: `${version.stdout.split('\n')[0]} ${C_FLAGS.join(' ')}` };
}

/** One process per cell (data loaded once); `fit(threads)` runs the fixed iterations. */
export class CKMeans {
  private readonly runner: LineRunner<CFit>;

  constructor(binary: string, dir: string, X: Float64Array, n: number, d: number, init: Float64Array, k: number, iterations: number) {
    const xPath = join(dir, 'X.f64');
    const cPath = join(dir, 'C.f64');
    writeFileSync(xPath, new Uint8Array(X.buffer, X.byteOffset, n * d * 8));
    writeFileSync(cPath, new Uint8Array(init.buffer, init.byteOffset, k * d * 8));
    this.runner = new LineRunner('C reference', binary, [xPath, cPath, String(n), String(d), String(k), String(iterations)]);
  }

  fit(threads = 1): Promise<CFit> {
    return this.runner.request(`run ${threads}`);
  }

  close(): void {
    this.runner.close();
  }
}

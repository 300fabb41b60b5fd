// `npm run cli` rebuilds the bundle exactly when it is missing or older than something it is built from.
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleIsStale, newestMtimeMs } from '../../scripts/cli-stale.mjs';
import { useTempDir } from './tmpdir.ts';

/** Sets a path's modification time to `t` seconds (since 1970). */
const touch = (path: string, t: number) => utimesSync(path, t, t);

describe('CLI bundle staleness', () => {
  const dir = useTempDir('cli-stale-');

  function tree() {
    const src = join(dir(), 'src');
    mkdirSync(join(src, 'deep'), { recursive: true });
    for (const f of ['a.ts', 'deep/b.ts']) writeFileSync(join(src, f), '');
    const pkg = join(dir(), 'package.json');
    writeFileSync(pkg, '{}');
    const bundle = join(dir(), 'cli.js');
    writeFileSync(bundle, '');
    for (const p of [join(src, 'a.ts'), join(src, 'deep/b.ts'), join(src, 'deep'), src, pkg]) touch(p, 1000);
    touch(bundle, 2000);
    return { src, pkg, bundle, inputs: [src, pkg] };
  }

  it('is fresh when the bundle is newer than every input, stale when it is missing', () => {
    const t = tree();
    expect(bundleIsStale(t.bundle, t.inputs)).toBe(false);
    rmSync(t.bundle);
    expect(bundleIsStale(t.bundle, t.inputs)).toBe(true);
  });

  it('is stale when a nested file, a top-level file or a folder (file deleted) is newer', () => {
    const t = tree();
    touch(join(t.src, 'deep/b.ts'), 3000);
    expect(bundleIsStale(t.bundle, t.inputs)).toBe(true);
    touch(join(t.src, 'deep/b.ts'), 1000);
    touch(t.pkg, 3000);
    expect(bundleIsStale(t.bundle, t.inputs)).toBe(true);
    touch(t.pkg, 1000);
    touch(join(t.src, 'deep'), 3000);
    expect(bundleIsStale(t.bundle, t.inputs)).toBe(true);
  });

  it('treats a missing input as never modified and reports the newest time in a tree', () => {
    const t = tree();
    expect(bundleIsStale(t.bundle, [...t.inputs, join(dir(), 'absent')])).toBe(false);
    touch(join(t.src, 'a.ts'), 1500);
    expect(newestMtimeMs(t.src)).toBe(1_500_000);
  });
});

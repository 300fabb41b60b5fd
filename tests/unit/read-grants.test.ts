// Grants remembered across sessions: every grant reaches the grants file, in order, even when
// several arrive faster than the file can be written (each grant used to start its own write).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadGrants } from '../../src/main/services/read-grants.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'cb-grants-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ReadGrants', () => {
  it('writes the grants file once per grant, in order: the last list written holds every grant', async () => {
    const file = join(dir, 'grants.json');
    const paths: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = join(dir, `f${i}.csv`);
      await writeFile(p, 'x\n1\n');
      paths.push(p);
    }
    const grants = new ReadGrants({ roots: [], file });
    for (const p of paths) grants.grant(p); // no await between grants: their writes overlap
    await grants.saved();
    const stored = JSON.parse(await readFile(file, 'utf8')) as string[];
    expect(stored[0]).toBe(paths[paths.length - 1]); // newest first
    const next = new ReadGrants({ roots: [], file });
    for (const p of paths.slice(-20)) expect(next.allows(p), p).toBe(true);
    expect(next.allows(join(dir, 'never-granted.csv'))).toBe(false);
  });
});

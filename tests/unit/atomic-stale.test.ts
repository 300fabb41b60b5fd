// Temp files left by an atomic write that was cut short (the process killed mid-write) are swept:
// by the next write of the same file and by the history store when it lists its folder. Only our
// own name pattern, only when the writer is gone or the file is a day old. The sweep history does the same.
import { spawn, spawnSync } from 'node:child_process';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from '../../src/main/report/atomic.ts';
import { HistoryStore } from '../../src/main/services/history.ts';
import { SweepHistory } from '../../src/main/services/sweep-history.ts';
import { useTempDir } from './tmpdir.ts';

const dir = useTempDir('clusterbench-stale-');

/** A pid that has just exited (reuse within the test is vanishingly unlikely). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 999_999;
}

/** Starts a real writeFileAtomic in a child process whose write never finishes, then kills it. */
async function killMidWrite(target: string): Promise<void> {
  const code = `
    import { writeFileAtomic } from ${JSON.stringify(new URL('../../src/main/report/atomic.ts', import.meta.url).href)};
    void writeFileAtomic(${JSON.stringify(target)}, 'x', { io: { write: async () => { console.log('writing'); await new Promise(() => setInterval(() => {}, 1000)); } } });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => String(d).includes('writing') && resolve());
    child.on('exit', () => reject(new Error('child exited before writing')));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

describe('stale temp files of atomic writes', () => {
  it('a write killed mid-way leaves its temp file; the history store sweeps it when listing', async () => {
    const history = new HistoryStore(dir());
    await killMidWrite(join(dir(), 'rec-1.json'));
    const left = (await readdir(dir())).filter((n) => n.endsWith('.tmp'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.rec-1\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(await history.list()).toEqual([]);
    expect(await readdir(dir())).toEqual([]);
  });

  it('a sweep save killed mid-way leaves its temp file; the sweep history sweeps it when listing', async () => {
    const sweeps = new SweepHistory(dir());
    await killMidWrite(join(dir(), 'sweep-1.json'));
    expect((await readdir(dir())).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    expect(await sweeps.list()).toEqual({ entries: [], warnings: [] });
    expect(await readdir(dir())).toEqual([]);
  });

  it('the next write of the same file removes its stale temp files, not those of other files', async () => {
    const pid = deadPid();
    await writeFile(join(dir(), `.report.html.${pid}.0badc0de.tmp`), 'half');
    await writeFile(join(dir(), `.other.csv.${pid}.0badc0de.tmp`), 'half');
    await writeFileAtomic(join(dir(), 'report.html'), 'done');
    expect((await readdir(dir())).sort()).toEqual([`.other.csv.${pid}.0badc0de.tmp`, 'report.html']);
  });

  it('keeps files of a live writer, files not of our pattern, and removes day-old ones', async () => {
    const live = process.ppid; // alive for the whole test
    const fresh = `.a.json.${live}.00000001.tmp`;
    const old = `.b.json.${live}.00000002.tmp`;
    const dead = `.c.json.${deadPid()}.00000003.tmp`;
    const foreign = ['.notes.tmp', 'data.csv', '.c.json.123.xyz.tmp', '.c.json.tmp'];
    for (const name of [fresh, old, dead, ...foreign]) await writeFile(join(dir(), name), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(join(dir(), old), twoDaysAgo, twoDaysAgo);
    expect((await removeStaleTempFiles(dir())).sort()).toEqual([old, dead].sort());
    expect((await readdir(dir())).sort()).toEqual([fresh, ...foreign].sort());
  });

  it('never removes the temp file of a write still in progress in this process', async () => {
    let release: () => void = () => {};
    const writing = writeFileAtomic(join(dir(), 'slow.json'), 'x', {
      io: { write: (h, d) => new Promise<void>((r) => (release = () => void h.writeFile(d).then(r))) },
    });
    await expect.poll(async () => (await readdir(dir())).length).toBe(1);
    expect(await removeStaleTempFiles(dir())).toEqual([]);
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const [temp] = await readdir(dir());
    await utimes(join(dir(), temp), old, old);
    expect(await removeStaleTempFiles(dir())).toEqual([]);
    release();
    await writing;
    expect(await readdir(dir())).toEqual(['slow.json']);
  });
});

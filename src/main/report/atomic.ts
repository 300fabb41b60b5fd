// Atomic file writes for reports and the run history: a temp file in the target's directory, fsync,
// rename, then fsync of the directory. A crash or error never leaves a half-written file, and an
// existing file keeps its old content until the rename. The one implementation in the app: use it
// for anything the user may need to read back.
import { randomBytes } from 'node:crypto';
import { open, readdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The steps a test can replace to simulate failures mid-write. */
export interface AtomicIo {
  write(handle: FileHandle, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

const defaultIo: AtomicIo = {
  async write(handle, data) {
    await handle.writeFile(data); // loops until every byte is written (short writes included)
  },
  rename,
};

export interface AtomicWriteOptions {
  /** Paths that must never be overwritten (the input CSV). */
  protect?: string[];
  io?: Partial<AtomicIo>;
}

async function canonical(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    // Not there yet: resolve the directory (symlinked folders) and keep the name.
    try {
      return join(await realpath(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Whether two paths name the same file: same canonical path, or same inode (hard links). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if ((await canonical(a)) === (await canonical(b))) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

export async function assertNotProtected(path: string, protect: string[] = []): Promise<void> {
  for (const p of protect) {
    if (await sameFile(path, p)) throw new Error(`Refusing to write ${path}: it is the input data file ${p}; choose another name`);
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Our temp names: `.<target>.<pid>.<8 hex>.tmp`. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** Temp files this process is writing right now (absolute paths): never swept. */
const inProgress = new Set<string>();
/** A temp file older than this is stale even if its pid is alive again (pid reuse). */
const STALE_AGE_MS = 24 * 3600 * 1000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Deletes the temp files an atomic write left in `dir` when its process died mid-write (crash,
 * power loss, kill -9): only names of our own pattern, only when the writing process is gone (or
 * the file is a day old), never one this process is still writing. With `target`, only the temp
 * files of that one file. Returns the names removed; errors are ignored (best effort).
 */
export async function removeStaleTempFiles(dir: string, target?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || (target !== undefined && m[1] !== basename(target))) continue;
    const full = join(dir, name);
    if (inProgress.has(full)) continue;
    const pid = Number(m[2]);
    let stale = pid !== process.pid && !processAlive(pid);
    if (!stale) {
      try {
        const info = await stat(full);
        stale = info.isFile() && Date.now() - info.mtimeMs > STALE_AGE_MS;
      } catch {
        continue;
      }
    }
    if (stale) {
      try {
        await unlink(full);
        removed.push(name);
      } catch {
        /* gone already or not ours to remove */
      }
    }
  }
  return removed;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  await assertNotProtected(path, opts.protect);
  const io: AtomicIo = { ...defaultIo, ...opts.io };
  const target = resolve(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | null = null;
  inProgress.add(temp);
  await removeStaleTempFiles(dir, target);
  try {
    handle = await open(temp, 'wx');
    await io.write(handle, data);
    await handle.sync();
    await handle.close();
    handle = null;
    await io.rename(temp, target);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw new Error(`Could not write ${path}: ${reason(err)}`, { cause: err });
  } finally {
    inProgress.delete(temp);
  }
  // Persist the rename itself; best effort (not every platform lets you fsync a directory).
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    /* ignore */
  }
}

// Atomic file writes for reports and the run history: a temp file in the target's directory, fsync,
// rename, then fsync of the directory. A crash or error never leaves a half-written file, and an
// existing file keeps its old content until the rename. The one implementation in the app: use it
// for anything the user may need to read back.
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
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

export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  await assertNotProtected(path, opts.protect);
  const io: AtomicIo = { ...defaultIo, ...opts.io };
  const target = resolve(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | null = null;
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

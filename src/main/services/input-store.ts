// Content-addressed copies of the CSVs runs were computed on, so History → Open works for every
// record: also for files that came through the browser's file chooser (they have no path on this
// machine) and for files moved or deleted since. Only main writes here; a copy is named by the
// SHA-256 of its bytes, and every reopen checks that hash again.
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/atomic.ts';

/** Inputs larger than this are not copied (a reopen then needs the original file). */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 2 ** 20;

const HASH = /^[0-9a-f]{64}$/;

export class InputStore {
  constructor(
    readonly dir: string,
    private readonly maxBytes = DEFAULT_MAX_INPUT_BYTES,
  ) {}

  private fileFor(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`not a SHA-256 hex digest: ${JSON.stringify(hash).slice(0, 80)}`);
    return join(this.dir, `${hash}.csv`);
  }

  /** The kept copy of the input with this hash, or null. */
  async pathFor(hash: string): Promise<string | null> {
    if (!HASH.test(hash)) return null;
    try {
      return (await stat(this.fileFor(hash))).isFile() ? this.fileFor(hash) : null;
    } catch {
      return null;
    }
  }

  /**
   * Keeps a copy of bytes (an upload) or of a file on disk, once per hash. Returns whether a copy
   * is kept; false (never an error) when it is too large or cannot be written: keeping inputs is a
   * convenience, the run itself is unaffected.
   */
  async keep(hash: string, input: { bytes: Uint8Array } | { path: string; size: number }): Promise<boolean> {
    try {
      if ((await this.pathFor(hash)) !== null) return true;
      const size = 'bytes' in input ? input.bytes.length : input.size;
      if (size > this.maxBytes) return false;
      await mkdir(this.dir, { recursive: true });
      if ('bytes' in input) await writeFileAtomic(this.fileFor(hash), input.bytes);
      else {
        // Copy to a temp name, then rename: a half-copied file must never carry a valid hash name.
        const temp = `${this.fileFor(hash)}.${process.pid}.partial`;
        await copyFile(input.path, temp);
        await rename(temp, this.fileFor(hash));
      }
      return true;
    } catch {
      return false;
    }
  }
}
// Every reopen loads the copy and compares its SHA-256 with the record's, so a copy that changed
// (or a file that changed while it was copied) is never taken for the record's data.

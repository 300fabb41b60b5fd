// Run history: one JSON file per record (run or experiment) in the user's data folder.
//
// Files are written atomically (temp file in the same folder, fsync, rename), so a crash or a full
// disk never leaves a half-written record under its real name and an older version stays intact.
// Reading is forgiving: list() skips unreadable files with a warning instead of failing the page.
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { HistoryEntry } from '../../shared/contract/api.ts';
import type { WorkbenchRecord } from '../../shared/types.ts';

export type { HistoryEntry };

/** The file operations an atomic write needs; injectable so tests can fail a write half-way. */
export interface AtomicWriteFs {
  open(path: string, flags: string): Promise<{
    write(data: Uint8Array, offset: number, length: number): Promise<unknown>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

const nodeFs: AtomicWriteFs = {
  open: (path, flags) => fsp.open(path, flags),
  rename: fsp.rename,
  rm: fsp.rm,
};

const CHUNK_BYTES = 1 << 20;

/**
 * Writes `text` to `target` atomically: a uniquely named temp file next to it (same file system, so
 * rename is atomic), flushed to disk, then renamed over the target. On any failure the temp file is
 * removed and the target is left as it was.
 */
export async function writeFileAtomic(target: string, text: string, fs: AtomicWriteFs = nodeFs): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    const fh = await fs.open(tmp, 'wx');
    try {
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
        await fh.write(bytes, offset, Math.min(CHUNK_BYTES, bytes.length - offset));
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(target));
}

/** Makes the rename itself durable where the platform allows it (not on Windows: best effort). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Directories cannot be opened for fsync on every platform; the data itself is already synced.
  }
}

/** Record ids become file names, so they are restricted to a safe alphabet (no path tricks). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function isSafeRecordId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..');
}

export function newRecordId(kind: WorkbenchRecord['kind'], date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${kind === 'run' ? 'run' : 'exp'}-${stamp}-${randomUUID().slice(0, 8)}`;
}

// Shape check of stored records: enough to trust what the app reads, loose about extra fields so
// newer files with added fields still load.
const measured = z.number().nullable(); // JSON turns NaN/Infinity into null
const datasetRefSchema = z.looseObject({
  name: z.string(),
  path: z.string(),
  hash: z.string(),
  rows: z.number(),
  d: z.number(),
  features: z.array(z.string()),
  scaling: z.string(),
});
const machineSchema = z.looseObject({ cpuModel: z.string(), logicalCores: z.number(), node: z.string() });
const base = {
  schemaVersion: z.literal(1),
  id: z.string().refine(isSafeRecordId, 'id must be a safe file name'),
  createdAt: z.string(),
  title: z.string(),
  dataset: datasetRefSchema,
  machine: machineSchema,
};
const storedResult = z.looseObject({ algorithm: z.enum(['kmeans', 'ekm', 'pam']), labels: z.array(z.number()) });
const cellSchema = z.looseObject({
  n: z.number(),
  k: z.number(),
  workers: z.number(),
  timesMs: z.array(measured),
  medianMs: measured,
  minMs: measured,
  maxMs: measured,
  speedup: measured,
  efficiency: measured,
  answerMatches: z.boolean(),
});
const experimentSchema = z.looseObject({
  spec: z.looseObject({ algorithm: z.enum(['kmeans', 'ekm']), workers: z.array(z.number()) }),
  cells: z.array(cellSchema),
  fits: z.array(z.looseObject({ n: z.number(), k: z.number() })),
  runtimeModels: z.array(z.looseObject({ k: z.number(), workers: z.number() })),
  mismatches: z.array(z.string()),
  totalMs: measured,
  cancelled: z.boolean(),
});
export const workbenchRecordSchema = z.discriminatedUnion('kind', [
  z.looseObject({ ...base, kind: z.literal('run'), result: storedResult, heuristic: storedResult.optional() }),
  z.looseObject({ ...base, kind: z.literal('experiment'), experiment: experimentSchema }),
]);

/** Throws an Error naming the first problem when `value` is not a record of schema version 1. */
export function validateRecord(value: unknown): WorkbenchRecord {
  const parsed = workbenchRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'record';
    throw new Error(`not a Clusterbench record (${where}: ${issue.message})`);
  }
  return value as WorkbenchRecord;
}

/** JSON with typed arrays (labels) written as plain arrays. */
function recordJson(rec: WorkbenchRecord): string {
  return JSON.stringify(rec, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Int32Array) : v));
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

export class HistoryStore {
  /** Problems met by the latest list(): files skipped and why. */
  warnings: string[] = [];
  private readonly fs: AtomicWriteFs;

  constructor(
    readonly dir: string,
    options: { fs?: AtomicWriteFs } = {},
  ) {
    this.fs = options.fs ?? nodeFs;
  }

  private fileFor(id: string): string {
    if (!isSafeRecordId(id)) throw new Error(`"${id}" is not a valid history record id`);
    return join(this.dir, `${id}.json`);
  }

  /** Validates and writes the record (replacing one with the same id); returns the file path. */
  async save(rec: WorkbenchRecord): Promise<string> {
    const text = recordJson(rec);
    validateRecord(JSON.parse(text));
    const file = this.fileFor(rec.id);
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, text, this.fs);
    return file;
  }

  /** Every readable record, newest first. Never throws for bad files: they are skipped with a warning. */
  async list(): Promise<HistoryEntry[]> {
    const warnings: string[] = [];
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      this.warnings = isMissing(err) ? [] : [`cannot read the history folder ${this.dir}: ${(err as Error).message}`];
      return [];
    }
    const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
    const entries = await Promise.all(
      files.map(async (name): Promise<HistoryEntry | null> => {
        const file = join(this.dir, name);
        try {
          const rec = validateRecord(JSON.parse(await fsp.readFile(file, 'utf8')));
          if (`${rec.id}.json` !== name) throw new Error(`it holds record "${rec.id}" under another file name`);
          return { id: rec.id, kind: rec.kind, title: rec.title, createdAt: rec.createdAt, dataset: rec.dataset.name, file };
        } catch (err) {
          warnings.push(`skipped ${name}: ${(err as Error).message}`);
          return null;
        }
      }),
    );
    this.warnings = warnings;
    return entries
      .filter((e): e is HistoryEntry => e !== null)
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? 1 : -1));
  }

  async load(id: string): Promise<WorkbenchRecord> {
    const file = this.fileFor(id);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if (isMissing(err)) throw new Error(`no history record "${id}"`);
      throw err;
    }
    try {
      return validateRecord(JSON.parse(text));
    } catch (err) {
      throw new Error(`history record "${id}" cannot be read: ${(err as Error).message}`);
    }
  }

  async delete(id: string): Promise<void> {
    try {
      await fsp.unlink(this.fileFor(id));
    } catch (err) {
      if (isMissing(err)) throw new Error(`no history record "${id}"`);
      throw err;
    }
  }
}

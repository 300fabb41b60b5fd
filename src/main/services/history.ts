// Run history: one JSON file per record (run or experiment) in the user's data folder.
//
// A stored record is exactly a JSON report (report/json.ts: same schema, same NaN/Infinity handling),
// written with the same atomic write as the reports (report/atomic.ts), so a crash or a full disk
// never leaves a half-written record under its real name and an older version stays intact.
// Reading is forgiving: list() skips unreadable files with a warning instead of failing the page.
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from '../../shared/contract/api.ts';
import type { WorkbenchRecord } from '../../shared/types.ts';
import { removeStaleTempFiles, writeFileAtomic, type AtomicIo } from '../report/atomic.ts';
import { loadJsonReport, toJsonReport } from '../report/json.ts';

export type { HistoryEntry };

/** Record ids become file names, so they are restricted to a safe alphabet (no path tricks). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function isSafeRecordId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..');
}

/** `prefix-20261203T081500Z-1a2b3c4d`: sorts by time, unique, and a safe file name. */
export function newStampedId(prefix: string, date = new Date()): string {
  return `${prefix}-${date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
}

export function newRecordId(kind: WorkbenchRecord['kind'], date = new Date()): string {
  return newStampedId(kind === 'run' ? 'run' : 'exp', date);
}

/** A record as history stores it: a valid JSON report whose id is also a safe file name. */
function parseStoredRecord(text: string): WorkbenchRecord {
  const rec = loadJsonReport(text, 'the file');
  assertSafeRecordId(rec.id);
  return rec;
}

function assertSafeRecordId(id: string): void {
  if (!isSafeRecordId(id)) {
    throw new Error(`"${id}" is not a valid history record id (ids must be safe file names: letters, digits, ".", "_", "-")`);
  }
}

export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

export class HistoryStore {
  /** Problems met by the latest list(): files skipped and why. */
  warnings: string[] = [];
  private readonly io: Partial<AtomicIo> | undefined;

  constructor(
    readonly dir: string,
    /** `io` replaces steps of the atomic write (tests use it to fail a write half-way). */
    options: { io?: Partial<AtomicIo> } = {},
  ) {
    this.io = options.io;
  }

  private fileFor(id: string): string {
    assertSafeRecordId(id);
    return join(this.dir, `${id}.json`);
  }

  /** Validates and writes the record (replacing one with the same id); returns the file path. */
  async save(rec: WorkbenchRecord): Promise<string> {
    const file = this.fileFor(rec.id);
    const text = toJsonReport(rec);
    loadJsonReport(text, `record "${rec.id}"`); // never store what could not be read back
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, text, { io: this.io });
    return file;
  }

  /** Every readable record, newest first. Never throws for bad files: they are skipped with a warning. */
  async list(): Promise<HistoryEntry[]> {
    const warnings: string[] = [];
    // Temp files of saves cut short by a crash: each record id is written once, so sweep them all.
    await removeStaleTempFiles(this.dir);
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
          const rec = parseStoredRecord(await fsp.readFile(file, 'utf8'));
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
      return parseStoredRecord(text);
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

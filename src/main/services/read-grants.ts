// Which files a client may ask main to read (`dataset:open`). A client (renderer, web page) never
// names an arbitrary path: main grants read access to the path the native open dialog returned, to
// a file the user dropped (the preload resolves it and tells main), to the samples, to what it
// granted in earlier sessions (the recent-files list, persisted by main itself, never by the
// client), and to files under folders the operator named (`--data-dir` of the web host).
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { writeFileAtomic } from '../report/atomic.ts';

/** How many granted paths are remembered across sessions (the renderer's recent list is shorter). */
export const MAX_REMEMBERED_GRANTS = 50;

export class ReadForbiddenError extends Error {
  readonly code = 'forbidden';
  constructor(path: string, hint: string) {
    super(`Refusing to read ${path}: this host only opens files you chose (${hint}).`);
    this.name = 'ReadForbiddenError';
  }
}

export interface ReadGrantsOptions {
  /** Folders whose files (at any depth, symlinks resolved) may be read: samples, `--data-dir`. */
  roots: string[];
  /** Where granted paths are remembered across sessions; none: this session only. */
  file?: string;
  /** Says how this host lets a user choose a file, for the refusal message. */
  hint?: string;
}

/** Resolves symlinks so a link inside a root cannot point out of it; a missing file keeps its path. */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export class ReadGrants {
  private readonly roots: string[];
  private readonly granted: string[] = [];
  /**
   * The grants file's writes, one after another: two grants in quick succession started two
   * concurrent writes, and the older list could land last (losing the newer grant).
   */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: ReadGrantsOptions) {
    this.roots = options.roots.map(canonical);
    if (options.file) this.granted.push(...readRemembered(options.file));
  }

  /** Grants one file (the dialog's answer, a dropped file, a CLI argument). */
  grant(path: string): void {
    const c = canonical(path);
    const i = this.granted.indexOf(c);
    if (i >= 0) this.granted.splice(i, 1);
    this.granted.unshift(c);
    this.granted.length = Math.min(this.granted.length, MAX_REMEMBERED_GRANTS);
    const file = this.options.file;
    if (file) {
      const snapshot = [...this.granted];
      this.saving = this.saving.then(() => remember(file, snapshot)).catch(() => undefined); // a convenience: never fails an open
    }
  }

  /** Resolves once every grant so far is in the grants file (or its write failed). */
  saved(): Promise<void> {
    return this.saving;
  }

  allows(path: string): boolean {
    const c = canonical(path);
    return this.granted.includes(c) || this.roots.some((r) => inside(r, c));
  }

  /** Throws a ReadForbiddenError unless the path was granted or lies under a root. */
  check(path: string): void {
    if (!this.allows(path)) throw new ReadForbiddenError(path, this.options.hint ?? 'a sample, or a file granted by main');
  }
}

function readRemembered(file: string): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, MAX_REMEMBERED_GRANTS) : [];
  } catch {
    return []; // first start or unreadable: nothing remembered
  }
}

async function remember(file: string, paths: string[]): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(paths));
}

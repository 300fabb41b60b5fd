// Loaded datasets of one app session, shared by Electron IPC, the web host and the CLI.
// Keeps each Dataset (shared memory) in memory under its summary id until closed.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSummary, LoadOptions } from '../../shared/types.ts';
import { loadCsv, parseCsvText, type LoadHooks, type LoadResult } from '../engine/dataset/csv.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { SAMPLES, sampleDescription } from '../engine/dataset/samples.ts';

export interface SampleFile {
  name: string;
  path: string;
  bytes: number;
  description: string;
}

export class DatasetService {
  private readonly samplesDir: string;
  private readonly loaded = new Map<string, LoadResult>();
  /** The options each dataset was loaded with, so its file can be read the same way again (data-rows.ts). */
  private readonly loadedWith = new Map<string, LoadOptions>();
  private readonly closeListeners = new Set<(id: string) => void>();

  constructor(opts: { samplesDir: string }) {
    this.samplesDir = opts.samplesDir;
  }

  /** CSV files in the samples folder, known samples first in their listed order. */
  async listSamples(): Promise<SampleFile[]> {
    let names: string[];
    try {
      names = (await readdir(this.samplesDir)).filter((f) => f.toLowerCase().endsWith('.csv'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const rank = (f: string): number => {
      const i = SAMPLES.findIndex((s) => s.file === f);
      return i < 0 ? SAMPLES.length : i;
    };
    names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const out: SampleFile[] = [];
    for (const name of names) {
      const path = join(this.samplesDir, name);
      const st = await stat(path);
      if (st.isFile()) out.push({ name, path, bytes: st.size, description: sampleDescription(name) });
    }
    return out;
  }

  /**
   * Loads a CSV file and keeps its Dataset; rejects with a CsvError for bad files. `displayName`
   * replaces the file's own name (a kept copy of an upload is named by its hash).
   */
  async open(path: string, options: LoadOptions | undefined, hooks?: LoadHooks, displayName?: string): Promise<DatasetSummary> {
    const result = await loadCsv(path, options ?? {}, hooks ?? {});
    if (displayName !== undefined) result.summary.name = displayName;
    return this.keep(result, options);
  }

  /** Same, from text already in memory (small dropped or pasted files). */
  async openText(text: string, name: string, options?: LoadOptions, hooks?: LoadHooks): Promise<DatasetSummary> {
    return this.keep(await parseCsvText(text, options ?? {}, name, hooks ?? {}), options);
  }

  /**
   * Loads a file the host holds for a client that uploaded it (a temp file): the summary carries
   * the client's file name and no host path (the temp file is deleted after this).
   */
  async openUploaded(path: string, name: string, options: LoadOptions | undefined, hooks?: LoadHooks): Promise<DatasetSummary> {
    const result = await loadCsv(path, options ?? {}, hooks ?? {});
    return this.keep({ ...result, summary: { ...result.summary, name, path: '' } }, options);
  }

  private keep(result: LoadResult, options: LoadOptions | undefined): DatasetSummary {
    this.loaded.set(result.summary.id, result);
    this.loadedWith.set(result.summary.id, { ...(options ?? {}) });
    return result.summary;
  }

  /** The load options a dataset was opened with. */
  loadOptions(id: string): LoadOptions {
    this.entry(id);
    return { ...(this.loadedWith.get(id) ?? {}) };
  }

  get(id: string): Dataset {
    return this.entry(id).dataset;
  }

  summary(id: string): DatasetSummary {
    return this.entry(id).summary;
  }

  /** Summaries of the open datasets, oldest first. */
  list(): DatasetSummary[] {
    return [...this.loaded.values()].map((r) => r.summary);
  }

  /** Forgets a dataset (closing one that is not open does nothing). */
  close(id: string): void {
    if (!this.loaded.delete(id)) return;
    this.loadedWith.delete(id);
    for (const fn of this.closeListeners) fn(id);
  }

  /** Called with the id of every closed dataset (e.g. to drop it from a worker pool). */
  onClose(fn: (id: string) => void): () => void {
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  private entry(id: string): LoadResult {
    const e = this.loaded.get(id);
    if (!e) {
      const open = this.list().map((s) => `${s.id} (${s.name})`);
      throw new Error(`Unknown dataset id "${id}": it was never opened or has been closed. Open datasets: ${open.length ? open.join(', ') : 'none'}.`);
    }
    return e;
  }
}

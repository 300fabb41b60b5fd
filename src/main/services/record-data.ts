// A record's own data again, after the session that made it: for History → Open (the dataset is
// reloaded so the clusters can be drawn) and for the labelled-data export. Sources, in order: a
// dataset loaded now with the same SHA-256, features and scaling; the content-addressed copy main
// kept (input-store.ts); the path main recorded when the run was made. Each candidate is checked
// against the record's SHA-256; nothing else is ever read.
import { existsSync } from 'node:fs';
import type { DatasetSummary, LoadOptions, RunRecord, WorkbenchRecord } from '../../shared/types.ts';
import type { LoadHooks } from '../engine/dataset/csv.ts';
import type { DatasetService } from './datasets.ts';
import type { InputStore } from './input-store.ts';

/** What names the data: a record, or a k sweep (both carry the dataset's name, hash, features and scaling). */
export type DataOwner = Pick<WorkbenchRecord, 'dataset'>;

export class RecordDataUnavailable extends Error {
  readonly code = 'not-available';
  constructor(rec: DataOwner, why: string) {
    super(
      `The data of this record (${rec.dataset.name}, SHA-256 ${rec.dataset.hash.slice(0, 12)}…) is not available: ${why}. ` +
        'Open the file again to draw its clusters; the record is matched to it by its SHA-256.',
    );
    this.name = 'RecordDataUnavailable';
  }
}

function sameData(s: DatasetSummary, rec: DataOwner, options: LoadOptions): boolean {
  const features = options.features ?? rec.dataset.features;
  return s.hash === rec.dataset.hash && s.features.join('\u0000') === features.join('\u0000') && s.scaling === (options.scaling ?? rec.dataset.scaling);
}

/** What record-data needs; `mayRead` (main's read grants) limits the recorded paths it may open. */
export interface RecordDataDeps {
  datasets: DatasetService;
  inputs: InputStore;
  mayRead?(path: string): boolean;
}

/** Files that may hold the record's bytes, best first (existence checked, contents not yet). */
export async function candidateFiles(rec: DataOwner, deps: Pick<RecordDataDeps, 'inputs' | 'mayRead'>): Promise<string[]> {
  const out: string[] = [];
  const kept = await deps.inputs.pathFor(rec.dataset.hash);
  if (kept) out.push(kept);
  // The recorded path only if this host may read it now (a web host: under --data-dir; issue 12).
  if (rec.dataset.path && existsSync(rec.dataset.path) && (deps.mayRead?.(rec.dataset.path) ?? true)) out.push(rec.dataset.path);
  return out;
}

/**
 * Loads the record's dataset (or finds it loaded) with the record's features and scaling unless
 * `options` says otherwise. Rejects with RecordDataUnavailable when no source holds those bytes.
 */
export async function reopenRecordData(
  rec: DataOwner,
  deps: RecordDataDeps,
  options: LoadOptions = {},
  hooks: LoadHooks = {},
): Promise<DatasetSummary> {
  const loaded = deps.datasets.list().find((s) => sameData(s, rec, options));
  if (loaded) return loaded;
  const files = await candidateFiles(rec, deps);
  if (files.length === 0) {
    const path = rec.dataset.path;
    const why = !path
      ? 'it came from the browser and no copy was kept (larger than the copy limit)'
      : !existsSync(path)
        ? `no copy was kept and ${path} no longer exists`
        : `no copy was kept and this host may not read ${path} (only files you chose, samples, or files under --data-dir)`;
    throw new RecordDataUnavailable(rec, why);
  }
  const load: LoadOptions = { ...options, features: options.features ?? rec.dataset.features, scaling: options.scaling ?? rec.dataset.scaling };
  for (const file of files) {
    const summary = await deps.datasets.open(file, load, hooks, rec.dataset.name);
    if (summary.hash === rec.dataset.hash) return summary;
    deps.datasets.close(summary.id); // changed since the run: not this record's data
  }
  throw new RecordDataUnavailable(rec, 'the file at its path changed since the run (its SHA-256 differs)');
}

/** A file holding exactly the run's bytes, for exports that re-read it (labelled data). */
export async function recordDataFile(rec: RunRecord, deps: RecordDataDeps): Promise<string> {
  const loaded = deps.datasets.list().find((s) => s.hash === rec.dataset.hash && s.path && existsSync(s.path));
  if (loaded) return loaded.path;
  const files = await candidateFiles(rec, deps);
  if (files.length === 0) throw new RecordDataUnavailable(rec, 'no copy was kept and the original file is gone');
  return files[0]; // the export itself checks the SHA-256 (labelled.ts)
}

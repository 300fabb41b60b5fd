// k sweeps on disk, beside the run history: one JSON file per sweep in <history>/sweeps/, written
// atomically, read back with validation (a hand-edited or foreign file fails with the reason).
// Non-finite numbers (a NaN score) are written as "NaN"/"Infinity" strings and read back only
// where a number is expected, as the run records do (report/json.ts).
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HistoryEntry } from '../../shared/contract/api.ts';
import type { SweepDocument } from '../../shared/analysis.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../report/atomic.ts';
import { storedNumber } from '../report/json.ts';
import { isMissing, newStampedId } from './history.ts';

const SWEEP_ID = /^sweep-[0-9TZ]+-[0-9a-f]{8}$/;

export function isSweepId(id: string): boolean {
  return SWEEP_ID.test(id);
}

export function newSweepId(date = new Date()): string {
  return newStampedId('sweep', date);
}

const num = storedNumber;
const int = z.number().int();
const obj = z.looseObject;

const sweepSchema = obj({
  kind: z.literal('sweep'),
  id: z.string().regex(SWEEP_ID),
  createdAt: z.string(),
  dataset: obj({ name: z.string(), path: z.string(), hash: z.string(), rows: int, d: int, features: z.array(z.string()), scaling: z.enum(['none', 'zscore', 'minmax']) }),
  machine: obj({ cpuModel: z.string(), logicalCores: int, appVersion: z.string() }),
  sweep: obj({
    params: obj({ algorithm: z.enum(['kmeans', 'pam', 'ekm']), kFrom: int, kTo: int, nInit: int, seed: int, workers: int, silhouetteSample: int.optional(), ekmBudgetS: num.optional() }),
    skipped: z.array(obj({ k: int, combinations: num, estimatedMs: num, reason: z.string() })).optional(),
    n: int,
    d: int,
    points: z.array(
      obj({
        k: int,
        clusters: int,
        cost: num,
        iterations: int,
        silhouette: num,
        silhouetteExact: z.boolean(),
        silhouetteSample: int,
        silhouetteCi95: z.tuple([num, num]).optional(),
        daviesBouldin: num,
        calinskiHarabasz: num,
        clusterMs: num,
        qualityMs: num,
        worker: int,
      }),
    ),
    best: obj({ silhouette: int.nullable(), daviesBouldin: int.nullable(), calinskiHarabasz: int.nullable(), elbow: int.nullable() }),
    totalMs: num,
  }),
});

function finiteOrText(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

export function sweepTitle(doc: SweepDocument): string {
  const p = doc.sweep.params;
  return `k sweep ${p.kFrom}–${p.kTo} (${{ kmeans: 'k-means', pam: 'PAM', ekm: 'EKM' }[p.algorithm]}) on ${doc.dataset.name}`;
}

export class SweepHistory {
  constructor(readonly dir: string) {}

  private fileFor(id: string): string {
    if (!isSweepId(id)) throw new Error(`"${id}" is not a sweep id`);
    return join(this.dir, `${id}.json`);
  }

  async save(doc: SweepDocument): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.fileFor(doc.id!), JSON.stringify(doc, finiteOrText, 2) + '\n');
  }

  async load(id: string): Promise<SweepDocument> {
    let text: string;
    try {
      text = await fsp.readFile(this.fileFor(id), 'utf8');
    } catch (err) {
      if (isMissing(err)) throw Object.assign(new Error(`No sweep "${id}" in history`), { code: 'not-found' });
      throw err;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error(`The sweep file ${id}.json is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = sweepSchema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
      throw new Error(`The sweep file ${id}.json cannot be read: ${where.join('; ')}`);
    }
    if (parsed.data.id !== id) throw new Error(`The sweep file ${id}.json holds sweep "${parsed.data.id}"`);
    return parsed.data as unknown as SweepDocument;
  }

  /** History entries of the readable sweeps; unreadable files are skipped with a warning each. */
  async list(): Promise<{ entries: HistoryEntry[]; warnings: string[] }> {
    // Temp files of saves cut short by a crash: each sweep id is written once, so sweep them all.
    await removeStaleTempFiles(this.dir);
    let names: string[];
    try {
      names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && isSweepId(n.slice(0, -5)));
    } catch (err) {
      if (isMissing(err)) return { entries: [], warnings: [] };
      return { entries: [], warnings: [`cannot read the sweeps folder ${this.dir}: ${(err as Error).message}`] };
    }
    const entries: HistoryEntry[] = [];
    const warnings: string[] = [];
    for (const name of names.sort()) {
      try {
        const doc = await this.load(name.slice(0, -5));
        entries.push({ id: doc.id!, kind: 'sweep', title: sweepTitle(doc), createdAt: doc.createdAt, dataset: doc.dataset.name, file: join(this.dir, name) });
      } catch (err) {
        warnings.push(`skipped sweeps/${name}: ${(err as Error).message}`);
      }
    }
    return { entries, warnings };
  }

  async delete(id: string): Promise<void> {
    try {
      await fsp.unlink(this.fileFor(id));
    } catch (err) {
      if (isMissing(err)) throw new Error(`No sweep "${id}" in history`);
      throw err;
    }
  }
}

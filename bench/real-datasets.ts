// Public real datasets for the benches: the CSVs Debian's python3-sklearn ships (iris, wine,
// breast cancer, digits), found through a python that imports sklearn, parsed here and z-scored
// per column (population standard deviation; constant columns become 0), as a user would scale
// them before clustering. Missing sklearn → an empty list and a note.
//
// digits_jitter_5000 is NOT a real dataset: sklearn ships no numeric CSV near 5,000 rows, so it is
// digits (1,797 × 64, z-scored) with 3,203 more rows drawn from it with replacement, each copy
// moved by Gaussian noise of 0.25 standard deviations in every non-constant column (seeded), then
// z-scored again: realistic handwriting-like points at the size the issue asks for.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { datasetFromRows, type Dataset } from '../src/main/engine/dataset/dataset.ts';
import { createNormal, createRng, randInt } from '../src/main/engine/random.ts';
import { findSklearnPython } from './peers/kmedoids-peers.ts';

export interface RealDataset {
  name: string;
  /** Where it came from (file path). */
  source: string;
  ds: Dataset;
}

export const REAL_DATASETS = ['iris', 'wine', 'breast_cancer', 'digits', 'digits_jitter_5000'] as const;
export type RealDatasetName = (typeof REAL_DATASETS)[number];
type FileName = Exclude<RealDatasetName, 'digits_jitter_5000'>;

/** Rows, relative jitter and seed of the resampled digits (see the header). */
export const DIGITS_JITTER = { rows: 5000, relativeSd: 0.25, seed: 5000 } as const;

/** File name and layout: sklearn's "n,d,labels…" header line, or none (digits); the last column is the class. */
const FILES: Record<FileName, { file: string; header: boolean }> = {
  iris: { file: 'iris.csv', header: true },
  wine: { file: 'wine_data.csv', header: true },
  breast_cancer: { file: 'breast_cancer.csv', header: true },
  digits: { file: 'digits.csv.gz', header: false },
};

/** sklearn's datasets/data folder, or a note saying why there is none. */
export function sklearnDataDir(): { dir: string } | { note: string } {
  const py = findSklearnPython();
  if (!py) return { note: 'no python with scikit-learn (Debian: apt-get install python3-sklearn)' };
  const r = spawnSync(py, ['-c', 'import sklearn, os; print(os.path.dirname(sklearn.__file__))'], { encoding: 'utf8', timeout: 30_000 });
  const dir = join(r.stdout.trim(), 'datasets', 'data');
  return r.status === 0 && existsSync(dir) ? { dir } : { note: `scikit-learn has no datasets/data folder (${dir})` };
}

/** Column-wise z-scores in place (population sd; a constant column becomes all 0). */
export function zScore(rows: number[][]): number[][] {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (const r of rows) mean += r[j];
    mean /= n;
    let v = 0;
    for (const r of rows) v += (r[j] - mean) ** 2;
    const sd = Math.sqrt(v / n);
    for (const r of rows) r[j] = sd > 0 ? (r[j] - mean) / sd : 0;
  }
  return rows;
}

/** Numeric rows of one sklearn CSV, without its class column. */
export function parseSklearnCsv(text: string, header: boolean): number[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const body = header ? lines.slice(1) : lines;
  return body.map((line, i) => {
    const cells = line.split(',').map(Number);
    if (cells.some((v) => !Number.isFinite(v))) throw new Error(`line ${i + (header ? 2 : 1)} is not numeric`);
    return cells.slice(0, -1);
  });
}

/**
 * `rows` (z-scored) grown to n rows: the originals first, then draws with replacement, each
 * coordinate moved by N(0, relativeSd²) in every column that is not constant (z-scored columns
 * have sd 1), then z-scored again. Seeded: the same arguments give the same rows.
 */
export function resampleWithJitter(rows: number[][], n: number, relativeSd: number, seed: number): number[][] {
  const d = rows.length ? rows[0].length : 0;
  const varies = Array.from({ length: d }, (_, j) => rows.some((r) => r[j] !== rows[0][j]));
  const rng = createRng(seed);
  const normal = createNormal(rng);
  const out = rows.slice(0, n).map((r) => r.slice());
  while (out.length < n) {
    const src = rows[randInt(rng, rows.length)];
    out.push(src.map((v, j) => (varies[j] ? v + relativeSd * normal() : v)));
  }
  return zScore(out);
}

function readSklearnFile(dir: string, name: FileName): { path: string; rows: number[][] } | null {
  const { file, header } = FILES[name];
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  const raw = readFileSync(path);
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return { path, rows: zScore(parseSklearnCsv(text, header)) };
}

export function loadRealDatasets(names: readonly RealDatasetName[] = REAL_DATASETS): { sets: RealDataset[]; note?: string } {
  const where = sklearnDataDir();
  if ('note' in where) return { sets: [], note: where.note };
  const sets: RealDataset[] = [];
  for (const name of names) {
    if (name === 'digits_jitter_5000') {
      const digits = readSklearnFile(where.dir, 'digits');
      if (!digits) continue;
      const { rows, relativeSd, seed } = DIGITS_JITTER;
      const source = `${digits.path}, resampled to ${rows} rows with N(0, ${relativeSd}²) jitter (seed ${seed}); not a real dataset`;
      sets.push({ name, source, ds: datasetFromRows(resampleWithJitter(digits.rows, rows, relativeSd, seed), undefined, `real-${name}`) });
      continue;
    }
    const file = readSklearnFile(where.dir, name);
    if (file) sets.push({ name, source: file.path, ds: datasetFromRows(file.rows, undefined, `real-${name}`) });
  }
  return { sets };
}

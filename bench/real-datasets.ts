// Public real datasets for the benches: the CSVs Debian's python3-sklearn ships (iris, wine,
// breast cancer, digits), found through a python that imports sklearn, parsed here and z-scored
// per column (population standard deviation; constant columns become 0), as a user would scale
// them before clustering. Missing sklearn → an empty list and a note.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { datasetFromRows, type Dataset } from '../src/main/engine/dataset/dataset.ts';
import { findSklearnPython } from './peers/kmedoids-peers.ts';

export interface RealDataset {
  name: string;
  /** Where it came from (file path). */
  source: string;
  ds: Dataset;
}

export const REAL_DATASETS = ['iris', 'wine', 'breast_cancer', 'digits'] as const;
export type RealDatasetName = (typeof REAL_DATASETS)[number];

/** File name and layout: sklearn's "n,d,labels…" header line, or none (digits); the last column is the class. */
const FILES: Record<RealDatasetName, { file: string; header: boolean }> = {
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

export function loadRealDatasets(names: readonly RealDatasetName[] = REAL_DATASETS): { sets: RealDataset[]; note?: string } {
  const where = sklearnDataDir();
  if ('note' in where) return { sets: [], note: where.note };
  const sets: RealDataset[] = [];
  for (const name of names) {
    const { file, header } = FILES[name];
    const path = join(where.dir, file);
    if (!existsSync(path)) continue;
    const raw = readFileSync(path);
    const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    sets.push({ name, source: path, ds: datasetFromRows(zScore(parseSklearnCsv(text, header)), undefined, `real-${name}`) });
  }
  return { sets };
}

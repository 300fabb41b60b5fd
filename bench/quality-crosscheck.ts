// npm run bench:quality: scikit-learn's silhouette, Davies–Bouldin, Calinski–Harabasz, ARI, NMI,
// homogeneity, completeness, V-measure and purity on iris, wine and breast cancer, beside the
// engine's. Regenerates the kept sklearn numbers first when a python with scikit-learn is found
// (Debian's /usr/bin/python3 first); otherwise compares against the kept file and says so.
// Writes docs/measurements/quality-crosscheck.txt.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import { formatTable } from './bench-utils.ts';
import { findSklearnPython } from './peers/kmedoids-peers.ts';
import { crossCheck, KEPT_FILE, readKept } from './quality-sklearn-cases.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOLERANCE = 1e-9;

async function main(): Promise<void> {
  const notes: string[] = [];
  const python = findSklearnPython(['sklearn', 'scipy']);
  if (python) {
    const r = spawnSync(python, [join(ROOT, 'scripts/sklearn_quality.py')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`scripts/sklearn_quality.py failed (exit ${r.status})`);
    notes.push(`sklearn numbers regenerated now with ${python}`);
  } else {
    notes.push(`no python with scikit-learn found: compared against the kept ${KEPT_FILE}`);
  }
  const kept = readKept(ROOT);
  const pool = new WorkerPool({ size: 2 });
  try {
    const rows = await crossCheck(ROOT, { pool, workers: 2 });
    const worst = Math.max(...rows.map((r) => r.relative));
    const table = formatTable([
      ['dataset', 'labeling', 'score', 'scikit-learn', 'Clusterbench', 'relative diff'],
      ...rows.map((r) => [r.dataset, r.labeling, r.score, String(r.sklearn), String(r.ours), r.relative.toExponential(1)]),
    ]);
    const text = [
      '# Quality and validation scores: Clusterbench vs scikit-learn',
      `# command: npm run bench:quality   (${new Date().toISOString()})`,
      `# scikit-learn ${kept.sklearn}, numpy ${kept.numpy}, python ${kept.python}; ${notes.join('; ')}`,
      '# labelings: the known classes, and sklearn KMeans(k = classes, n_init=10, random_state=0) on the raw features',
      '# silhouette: ours exact on 2 pool workers; sklearn silhouette_score (default euclidean) and on cdist distances',
      '',
      table,
      '',
      `worst relative difference: ${worst.toExponential(2)} (tolerance ${TOLERANCE}): ${worst <= TOLERANCE ? 'PASS' : 'FAIL'}`,
      '',
    ].join('\n');
    writeFileSync(join(ROOT, 'docs/measurements/quality-crosscheck.txt'), text);
    process.stdout.write(text);
    if (worst > TOLERANCE) process.exitCode = 1;
  } finally {
    await pool.destroy();
  }
}

await main();

// The engine's quality and validation scores equal scikit-learn's, read from the numbers kept by
// scripts/sklearn_quality.py (npm run bench:quality): no python needed here.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { crossCheck, readKept } from '../../bench/quality-sklearn-cases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.destroy());

describe('scikit-learn cross-check (kept numbers)', () => {
  it('covers iris, wine and breast cancer', () => {
    expect(readKept(ROOT).datasets.map((d) => d.name)).toEqual(['iris', 'wine', 'breast_cancer']);
  });

  for (const [name, opts] of [
    ['in the calling thread', {}],
    ['on 2 pool workers', { pool, workers: 2 }],
  ] as const) {
    it(`every score is within 1e-9 relative, silhouette ${name}`, async () => {
      const rows = await crossCheck(ROOT, opts);
      expect(rows.length).toBeGreaterThan(60);
      for (const r of rows) {
        expect(Number.isFinite(r.ours), `${r.dataset} ${r.labeling} ${r.score}`).toBe(true);
        expect(r.relative, `${r.dataset} ${r.labeling} ${r.score}: ours ${r.ours}, sklearn ${r.sklearn}`).toBeLessThanOrEqual(1e-9);
      }
    });
  }
});

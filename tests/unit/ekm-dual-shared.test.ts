// The Lagrangian dual split across workers (dual-ascent.ts), distance rows on demand when the
// matrix exceeds its memory budget, and the phases a run reports (phase-progress.ts).
//  • The shared ascent must give exactly what the one-thread ascent gave before it was split: the
//    oracle below is that earlier loop, kept verbatim in spirit (plain arrays, one pass per step).
//  • Through the pool, 1, 2 and 4 workers must return the same set, the same dual bound and steps
//    (the certificate), and the brute force's optimum.
//  • A budget too small for the matrix must give the matrix path's optimum and dual.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { DistanceRows, summationOrder } from '../../src/main/engine/ekm/distance.ts';
import { allocateDualShare, cooperativeDual, solveDual } from '../../src/main/engine/ekm/dual-ascent.ts';
import { boundMargin, survivingSets, type LagrangianDual } from '../../src/main/engine/ekm/dual.ts';
import { estimateEkm, resolveEkmParams, runEkm, solveEkm, type EkmProgress } from '../../src/main/engine/ekm/index.ts';
import { EKM_PHASES, phaseRank } from '../../src/main/engine/ekm/phase-progress.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type { Distance, EkmResult } from '../../src/shared/types.ts';
import { bruteForce, dist } from './ekm-oracle.ts';

const DISTANCES: Distance[] = ['sqeuclidean', 'manhattan', 'euclidean'];

function cloud(rng: () => number, n: number, d: number, centres: number): number[][] {
  const c = Array.from({ length: centres }, () => Array.from({ length: d }, () => rng() * 6));
  return Array.from({ length: n }, (_, i) => c[i % centres].map((v) => v + (rng() - 0.5) * 3));
}

function rowsOf(points: number[][], distance: Distance, withMatrix: boolean): DistanceRows {
  const n = points.length;
  const perm = summationOrder(n);
  const values = Float64Array.from(points.flat());
  let matrix: Float64Array | null = null;
  if (withMatrix) {
    matrix = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let q = 0; q < n; q++) matrix[i * n + q] = dist(points[i], points[perm[q]], distance);
  }
  return new DistanceRows(n, points[0].length, values, perm, distance, matrix);
}

/** The one-thread subgradient ascent as it was before the split (the oracle). */
function oracleDual(rows: DistanceRows, k: number, upper0: number, start: number[] | null, maxIt: number): LagrangianDual {
  const n = rows.n;
  const D = Array.from({ length: n }, (_, j) => Array.from(rows.row(j, 0)));
  const lambda = new Array<number>(n).fill(Infinity);
  if (start) for (const s of start) for (let q = 0; q < n; q++) lambda[q] = Math.min(lambda[q], D[s][q]);
  else {
    for (let j = 0; j < n; j++) for (let q = 0; q < n; q++) if (D[j][q] > 0 && D[j][q] < lambda[q]) lambda[q] = D[j][q];
    for (let q = 0; q < n; q++) if (!Number.isFinite(lambda[q])) lambda[q] = 0;
  }
  const rhoOf = (lam: number[]) =>
    D.map((r) => {
      let s0 = 0;
      let s1 = 0;
      let q = 0;
      for (; q + 1 < n; q += 2) {
        const a = r[q] - lam[q];
        const b = r[q + 1] - lam[q + 1];
        if (a < 0) s0 += a;
        if (b < 0) s1 += b;
      }
      if (q < n && r[q] < lam[q]) s0 += r[q] - lam[q];
      return s0 + s1;
    });
  const kSmallest = (rho: number[]) => rho.map((v, j) => [v, j]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k).map((x) => x[1]);
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  let upper = upper0;
  let best = -Infinity;
  let bestLambda = lambda.slice();
  let factor = 2;
  let stale = 0;
  let it = 0;
  let incumbent: { cost: number; medoids: number[] } | null = null;
  for (; it < maxIt; it++) {
    const rho = rhoOf(lambda);
    const J = kSmallest(rho);
    const lSum = sum(lambda);
    let value = lSum;
    for (const j of J) value += rho[j];
    let improved = false;
    if (value > best) {
      best = value;
      bestLambda = lambda.slice();
      stale = 0;
      improved = true;
    } else if (++stale >= 8) {
      factor /= 2;
      stale = 0;
    }
    const c = rows.cost(J);
    if (c < upper) upper = c;
    if (incumbent === null || c < incumbent.cost) incumbent = { cost: c, medoids: J.slice() };
    const cheap = improved && survivingSets(Float64Array.from(rho), k, lSum, upper, (it + 1) * n) <= (it + 1) * n;
    if (best >= upper - boundMargin(n, k, lSum, upper) || factor < 1e-3 || cheap) {
      it++;
      break;
    }
    const g = new Array<number>(n).fill(1);
    for (const j of J) for (let q = 0; q < n; q++) if (D[j][q] < lambda[q]) g[q]--;
    const norm = sum(g.map((x) => x * x));
    if (norm === 0) {
      it++;
      break;
    }
    const step = (factor * (upper - value)) / norm;
    for (let q = 0; q < n; q++) lambda[q] = Math.max(0, lambda[q] + step * g[q]);
  }
  const rho = rhoOf(bestLambda);
  const lambdaSum = sum(bestLambda);
  let bound = lambdaSum;
  for (const j of kSmallest(rho)) bound += rho[j];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rho[a] - rho[b] || a - b);
  const scale = Number.isFinite(upper0) ? upper0 : upper;
  return {
    lambdaSum,
    rho: Float64Array.from(rho),
    order: Int32Array.from(order),
    bound,
    margin: boundMargin(n, k, lambdaSum, scale),
    iterations: it,
    incumbent: incumbent && { cost: incumbent.cost, medoids: Int32Array.from(incumbent.medoids) },
  };
}

describe('the Lagrangian dual, split into shared steps', () => {
  it('gives the one-thread ascent exactly, for any number of row blocks, with and without a start set', () => {
    const rng = createRng(2026_12_03);
    for (let t = 0; t < 40; t++) {
      const distance = DISTANCES[t % 3];
      const points = cloud(rng, 12 + Math.floor(rng() * 40), 1 + Math.floor(rng() * 12), 1 + (t % 4));
      const n = points.length;
      const k = 1 + (t % 4);
      const rows = rowsOf(points, distance, true);
      const start = t % 3 === 0 ? null : Array.from({ length: k }, (_, i) => (i * 7 + t) % n).filter((v, i, a) => a.indexOf(v) === i);
      const upper = start ? rows.cost(start) : Infinity;
      const maxIt = [1, 5, 200][t % 3];
      const want = oracleDual(rows, k, upper, start, maxIt);
      expect(solveDual(rows, k, { upper, start, maxIterations: maxIt }), `t=${t} serial`).toEqual(want);
      for (const blocks of [2, 3, 7]) {
        const got = cooperativeDual(rows, k, allocateDualShare(n, k, blocks, maxIt), { upper, start });
        expect(got, `t=${t} ${blocks} blocks`).toEqual(want);
      }
    }
  });

  it('rows computed on demand give the same dual as the matrix', () => {
    const rng = createRng(7);
    for (let t = 0; t < 12; t++) {
      const distance = DISTANCES[t % 3];
      const points = cloud(rng, 20 + t * 3, 2 + (t % 7), 3);
      const withMatrix = rowsOf(points, distance, true);
      const onDemand = rowsOf(points, distance, false);
      const start = [0, 5, 11];
      const upper = withMatrix.cost(start);
      expect(onDemand.cost(start)).toBe(upper);
      expect(cooperativeDual(onDemand, 3, allocateDualShare(points.length, 3, 3), { upper, start })).toEqual(solveDual(withMatrix, 3, { upper, start }));
    }
  });
});

/** What must not depend on the worker count: the answer and the certificate's bound. */
function certificate(r: EkmResult) {
  const p = r.proof!;
  return { cost: r.cost, medoids: r.medoids, dualBound: p.dualBound, dualIterations: p.dualIterations, lowerBound: p.lowerBound, gap: p.gap, complete: p.complete, totalSets: p.totalSets };
}

describe('shared dual and rows on demand through the pool', () => {
  const pool = new WorkerPool({ size: 4 });
  afterAll(() => pool.destroy());

  it('1, 2 and 4 workers, steps shared or not: the same set, dual bound and steps, equal to the brute force', async () => {
    await pool.ready();
    const rng = createRng(4242);
    for (let t = 0; t < 16; t++) {
      const distance = DISTANCES[t % 3];
      const points = t % 5 === 4 ? Array.from({ length: 36 }, (_, i) => [i % 4, (i * 5) % 3]) : cloud(rng, 30 + (t % 4) * 8, 2 + (t % 10), 2 + (t % 3));
      const k = 2 + (t % 3);
      const truth = bruteForce(points, k, distance);
      const ds = datasetFromRows(points);
      const certs: ReturnType<typeof certificate>[] = [];
      for (const workers of [1, 2, 4]) {
        for (const budget of [undefined, 0]) {
          const params = resolveEkmParams({ k, variant: 'fused', distance, workers, matrixBudgetBytes: budget }, points.length);
          if (budget === 0) expect(estimateEkm(ds, params).distanceMatrixBytes, 'no matrix under a zero budget').toBe(0);
          certs.push(certificate(await runEkm(ds, params, { pool, dualShareMinN: 0 })));
        }
        // Without sharing (small N by default), every worker solves the same dual itself.
        certs.push(certificate(await runEkm(ds, resolveEkmParams({ k, variant: 'fused', distance, workers }, points.length), { pool })));
      }
      const tol = 1e-12 * Math.max(1, truth.cost);
      expect(Math.abs(certs[0].cost - truth.cost), `t=${t}`).toBeLessThanOrEqual(tol);
      if (t % 5 === 4) expect(certs[0].medoids, 'ties: the lexicographically first optimum').toEqual(truth.medoids);
      expect(certs[0].dualBound).toBeDefined();
      for (const c of certs) expect(c, `t=${t}: every worker count and both memory paths`).toEqual(certs[0]);
      pool.dropDataset(ds.id);
    }
  });

  it('a budget below N² doubles (N = 120, 12-D): the on-demand path finds the matrix path’s optimum, also with 2 workers', async () => {
    await pool.ready();
    const points = cloud(createRng(12), 120, 12, 4);
    const ds = datasetFromRows(points);
    const budget = 120 * 120 * 8 - 1;
    const viaMatrix = await runEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 2 }, 120), { pool, dualShareMinN: 0 });
    for (const workers of [1, 2]) {
      const params = resolveEkmParams({ k: 3, variant: 'fused', workers, matrixBudgetBytes: budget }, 120);
      expect(estimateEkm(ds, params).distanceMatrixBytes).toBe(0);
      expect(certificate(await runEkm(ds, params, { pool, dualShareMinN: 0 })), `P=${workers}`).toEqual(certificate(viaMatrix));
    }
    expect(certificate(await solveEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 2, matrixBudgetBytes: budget }, 120), { parts: 2 }))).toEqual(certificate(viaMatrix));
    pool.dropDataset(ds.id);
  });
});

describe('run phases reported through the progress path', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.destroy());

  /** Phases in the order first reported; each must come with words saying where in it the run is. */
  function phasesOf(log: EkmProgress[]): string[] {
    const seen: string[] = [];
    for (const p of log) {
      if (p.phase !== 'search') expect(p.phaseDetail.length, p.phase).toBeGreaterThan(0);
      if (!seen.includes(p.phase)) seen.push(p.phase);
    }
    // The run's phase never moves backwards.
    for (let i = 1; i < log.length; i++) expect(phaseRank(log[i].phase)).toBeGreaterThanOrEqual(phaseRank(log[i - 1].phase));
    return seen;
  }

  it('fused on the pool and in-process: matrix, PAM bound, dual, search; the tree variant: matrix, bound, search', async () => {
    await pool.ready();
    const points = cloud(createRng(3), 80, 5, 3);
    const ds = datasetFromRows(points);
    const log: EkmProgress[] = [];
    await runEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 2 }, 80), { pool, dualShareMinN: 0, onProgress: (p) => log.push(p) });
    expect(phasesOf(log)).toEqual([...EKM_PHASES]);
    const bound = log.find((p) => p.phase === 'bound')!;
    expect(bound.phaseDetail).toMatch(/^BUILD step 1 of 3$/);
    expect(log.find((p) => p.phase === 'dual')!.phaseDetail).toMatch(/^step \d+/);

    const inProcess: EkmProgress[] = [];
    await solveEkm(ds, resolveEkmParams({ k: 3, variant: 'fused', workers: 2 }, 80), { parts: 2, onProgress: (p) => inProcess.push(p) });
    expect(phasesOf(inProcess)).toEqual([...EKM_PHASES]);

    const tree: EkmProgress[] = [];
    await runEkm(ds, resolveEkmParams({ k: 2, variant: 'tree', workers: 2 }, 80), { pool, onProgress: (p) => tree.push(p) });
    expect(phasesOf(tree)).toEqual(['matrix', 'bound', 'search']);
    pool.dropDataset(ds.id);
  });
});

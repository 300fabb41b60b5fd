// Exact and heuristic K-medoids peers for bench:ekm (issue 16), driven as external programs:
//  - the p-median integer program (the K-medoids problem stated as a MIP) solved by COIN-OR CBC
//    (Debian coinor-cbc) or GLPK (glpk-utils), the exact peer the EKM paper's Fig. 10b compares with;
//  - R's cluster::pam (Debian r-cran-cluster), the classic BUILD + SWAP heuristic.
// Each returns the medoid rows it chose; the bench recomputes their cost with one formula
// (medoidSetCost) so costs compare exactly, and a peer's own rounding never decides "equal".
// Missing programs give { available: false, note } so the bench prints the column as skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export type PeerDistance = 'sqeuclidean' | 'euclidean' | 'manhattan';

export interface Points {
  n: number;
  d: number;
  /** Row-major n × d. */
  values: Float64Array;
}

export interface PeerOutcome {
  available: boolean;
  /** Why it did not run or did not finish (missing program, time limit, solver status). */
  note?: string;
  /** Solver-side wall time in ms (see each peer for what it includes). */
  ms?: number;
  /** Model build time in ms (MIP only: writing the LP file). */
  buildMs?: number;
  /** 0-based medoid rows, sorted. */
  medoids?: number[];
  /** True when the solver proved optimality (MIP). */
  optimal?: boolean;
}

export function pairDistance(p: Points, i: number, j: number, distance: PeerDistance): number {
  let s = 0;
  for (let c = 0; c < p.d; c++) {
    const u = p.values[i * p.d + c] - p.values[j * p.d + c];
    s += distance === 'manhattan' ? Math.abs(u) : u * u;
  }
  return distance === 'euclidean' ? Math.sqrt(s) : s;
}

/** Σ over points of the distance to the nearest medoid: the K-medoids objective. */
export function medoidSetCost(p: Points, medoids: readonly number[], distance: PeerDistance): number {
  let total = 0;
  for (let i = 0; i < p.n; i++) {
    let best = Infinity;
    for (const m of medoids) best = Math.min(best, pairDistance(p, i, m, distance));
    total += best;
  }
  return total;
}

function programExists(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  return r.error === undefined && r.status !== null;
}

/**
 * The p-median MIP in CPLEX LP format: binary y_j (j is a medoid), x_ij ∈ [0, 1] (i is served by
 * j), min Σ d_ij x_ij subject to Σ_j x_ij = 1, x_ij ≤ y_j, Σ_j y_j = K. x needs no integrality:
 * with y integral an optimal x is too. Size: n² + n variables, n² + n + 1 constraints.
 */
export function pMedianLp(p: Points, k: number, distance: PeerDistance): string {
  const out: string[] = ['Minimize', ' obj:'];
  // Coefficients printed with 17 significant digits: the LP text holds the exact doubles.
  for (let i = 0; i < p.n; i++) {
    for (let j = 0; j < p.n; j++) if (i !== j) out.push(` + ${pairDistance(p, i, j, distance).toPrecision(17)} x_${i}_${j}`);
  }
  out.push('Subject To');
  for (let i = 0; i < p.n; i++) {
    const row: string[] = [];
    for (let j = 0; j < p.n; j++) row.push(`x_${i}_${j}`);
    out.push(` a${i}: ${row.join(' + ')} = 1`);
  }
  for (let i = 0; i < p.n; i++) for (let j = 0; j < p.n; j++) out.push(` l${i}_${j}: x_${i}_${j} - y_${j} <= 0`);
  out.push(` k: ${Array.from({ length: p.n }, (_, j) => `y_${j}`).join(' + ')} = ${k}`);
  out.push('Bounds');
  for (let i = 0; i < p.n; i++) for (let j = 0; j < p.n; j++) out.push(` 0 <= x_${i}_${j} <= 1`);
  out.push('Binaries', ` ${Array.from({ length: p.n }, (_, j) => `y_${j}`).join(' ')}`, 'End', '');
  return out.join('\n');
}

/** Medoids from a CBC `solution` file: the y_j at 1. Also its status line. */
export function parseCbcSolution(text: string): { status: string; medoids: number[] } {
  const lines = text.split('\n');
  const status = lines[0]?.trim() ?? '';
  const medoids: number[] = [];
  for (const line of lines.slice(1)) {
    const m = /^\s*\d+\s+y_(\d+)\s+(\S+)/.exec(line);
    if (m && Math.abs(Number(m[2]) - 1) < 1e-6) medoids.push(Number(m[1]));
  }
  return { status, medoids: medoids.sort((a, b) => a - b) };
}

/** Medoids from a GLPK `-o` report: the y_j whose activity is 1. Also its status line. */
export function parseGlpkReport(text: string): { status: string; medoids: number[] } {
  const status = /^Status:\s*(.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const medoids: number[] = [];
  for (const m of text.matchAll(/^\s*\d+\s+y_(\d+)\s+\*?\s+(\S+)/gm)) if (Math.abs(Number(m[2]) - 1) < 1e-6) medoids.push(Number(m[1]));
  return { status, medoids: medoids.sort((a, b) => a - b) };
}

export function solvePMedian(p: Points, k: number, distance: PeerDistance, opts: { solver?: 'cbc' | 'glpsol'; timeLimitS?: number } = {}): PeerOutcome {
  const solver = opts.solver ?? 'cbc';
  const timeLimit = opts.timeLimitS ?? 120;
  const probe = solver === 'cbc' ? programExists('cbc', ['-quit']) : programExists('glpsol', ['--version']);
  if (!probe) return { available: false, note: `${solver} not installed (apt-get install ${solver === 'cbc' ? 'coinor-cbc' : 'glpk-utils'})` };
  const dir = mkdtempSync(join(os.tmpdir(), 'clusterbench-mip-'));
  try {
    const t0 = performance.now();
    writeFileSync(join(dir, 'model.lp'), pMedianLp(p, k, distance));
    const buildMs = performance.now() - t0;
    const args =
      solver === 'cbc'
        ? [join(dir, 'model.lp'), 'sec', String(timeLimit), 'threads', '1', 'solve', 'solution', join(dir, 'out.txt')]
        : ['--lp', join(dir, 'model.lp'), '--tmlim', String(timeLimit), '-o', join(dir, 'out.txt')];
    const t1 = performance.now();
    const r = spawnSync(solver, args, { encoding: 'utf8', timeout: (timeLimit + 60) * 1000, maxBuffer: 64 * 2 ** 20 });
    const ms = performance.now() - t1;
    if (r.error) return { available: true, note: `${solver} failed: ${r.error.message}`, ms, buildMs };
    let text: string;
    try {
      text = readFileSync(join(dir, 'out.txt'), 'utf8');
    } catch {
      return { available: true, note: `${solver} wrote no solution (exit ${r.status})`, ms, buildMs };
    }
    const parsed = solver === 'cbc' ? parseCbcSolution(text) : parseGlpkReport(text);
    const optimal = solver === 'cbc' ? parsed.status.startsWith('Optimal') : /INTEGER OPTIMAL/.test(parsed.status);
    return { available: true, ms, buildMs, medoids: parsed.medoids, optimal, ...(optimal ? {} : { note: `${solver}: ${parsed.status}` }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * R's cluster::pam (BUILD + SWAP) on the same points. R supports euclidean and manhattan (not
 * squared euclidean). `ms` is pam() alone, timed inside R (R's start-up excluded).
 */
export function rPam(p: Points, k: number, distance: PeerDistance): PeerOutcome {
  if (distance === 'sqeuclidean') return { available: false, note: 'R pam has no squared-euclidean metric' };
  if (!programExists('Rscript', ['-e', 'library(cluster)'])) return { available: false, note: 'Rscript with library(cluster) not installed (apt-get install r-cran-cluster)' };
  const dir = mkdtempSync(join(os.tmpdir(), 'clusterbench-rpam-'));
  try {
    const rows: string[] = [];
    for (let i = 0; i < p.n; i++) rows.push(Array.from(p.values.subarray(i * p.d, (i + 1) * p.d), (v) => v.toPrecision(17)).join(','));
    writeFileSync(join(dir, 'x.csv'), rows.join('\n') + '\n');
    const script = `suppressMessages(library(cluster)); x <- as.matrix(read.csv(${JSON.stringify(join(dir, 'x.csv'))}, header = FALSE));
t <- system.time(fit <- pam(x, ${k}, metric = "${distance}", diss = FALSE))[["elapsed"]];
cat(t * 1000, "\\n"); cat(sort(fit$id.med) - 1, "\\n")`;
    const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 * 2 ** 20 });
    if (r.status !== 0) return { available: true, note: `Rscript failed: ${(r.stderr || '').trim().slice(0, 200)}` };
    const [msLine, medLine] = r.stdout.trim().split('\n');
    return { available: true, ms: Number(msLine), medoids: medLine.trim().split(/\s+/).map(Number) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A python that imports scikit-learn: Debian's /usr/bin/python3 first (python3 on PATH may be another). */
export function findSklearnPython(modules = ['sklearn']): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return py;
  }
  return null;
}

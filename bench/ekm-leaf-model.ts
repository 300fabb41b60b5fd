// The §5.4.1 leaf model: the best number of tree leaves m* (L = ⌈N / m*⌉) as a power law
//     m* = c · N^β · P^γ,   fitted by least squares on log m* = log c + β log N + γ log P,
// the form the tree variant's default uses (params.ts LEAF_COUNT_MODEL). Kept apart from the bench
// that measures m* so that the fit can be tested against known coefficients.

export interface LeafCell {
  n: number;
  p: number;
  /** Best leaf count measured at (n, p). */
  m: number;
}

export interface LeafModel {
  c: number;
  beta: number;
  gamma: number;
  /** On the log scale; null when every cell has the same m (nothing to explain). */
  r2: number | null;
  cells: number;
}

/** Solves the 3×3 system A·x = b (Gaussian elimination with partial pivoting); null when singular. */
function solve3(A: number[][], b: number[]): number[] | null {
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < 3; col++) {
    let piv = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(M[r][col]) > Math.abs(M[piv][col])) piv = r;
    if (Math.abs(M[piv][col]) < 1e-12) return null;
    [M[col], M[piv]] = [M[piv], M[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = M[r][col] / M[col][col];
      for (let c = col; c < 4; c++) M[r][c] -= f * M[col][c];
    }
  }
  return M.map((row, i) => row[3] / row[i]);
}

/**
 * Least squares for log m = log c + β log N + γ log P. With a single P (or a single N) that
 * direction cannot be fitted: its exponent is then 0 and only the other is fitted.
 */
export function fitLeafModel(cells: LeafCell[]): LeafModel | null {
  if (cells.length < 2) return null;
  const y = cells.map((c) => Math.log(c.m));
  const ln = cells.map((c) => Math.log(c.n));
  const lp = cells.map((c) => Math.log(c.p));
  const varies = (xs: number[]) => xs.some((x) => Math.abs(x - xs[0]) > 1e-12);
  const cols: number[][] = [cells.map(() => 1), varies(ln) ? ln : cells.map(() => 0), varies(lp) ? lp : cells.map(() => 0)];
  const use = [true, varies(ln), varies(lp)];
  // Normal equations; an unused direction gets the identity row (its coefficient becomes 0).
  const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (use[i] && use[j] ? cols[i].reduce((s, v, t) => s + v * cols[j][t], 0) : i === j ? 1 : 0)));
  const b = [0, 1, 2].map((i) => (use[i] ? cols[i].reduce((s, v, t) => s + v * y[t], 0) : 0));
  const x = solve3(A, b);
  if (!x) return null;
  const fitted = cells.map((_, t) => x[0] + x[1] * cols[1][t] + x[2] * cols[2][t]);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = y.reduce((s, v, t) => s + (v - fitted[t]) ** 2, 0);
  return { c: Math.exp(x[0]), beta: x[1], gamma: x[2], r2: ssTot > 0 ? 1 - ssRes / ssTot : null, cells: cells.length };
}

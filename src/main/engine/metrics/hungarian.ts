// Minimum-cost assignment (Hungarian algorithm, shortest augmenting paths with potentials,
// O(r²·c)). Rectangular matrices are fine: every row of the smaller side gets a distinct column.
// Written out here rather than taken from a package because it is ~50 lines and its ties must be
// broken the same way everywhere (first row, then lowest column index wins).

/**
 * assignment[i] = the column given to row i (or -1 when there are more rows than columns and row
 * i is left out). Minimises the sum of cost[i][assignment[i]] over assigned rows.
 */
export function minCostAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0].length;
  for (const r of cost) {
    if (r.length !== cols) throw new RangeError('cost matrix rows differ in length');
    for (const x of r) if (!Number.isFinite(x)) throw new RangeError(`cost ${x} is not finite`);
  }
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  if (rows > cols) {
    const transposed = Array.from({ length: cols }, (_, j) => cost.map((r) => r[j]));
    const colToRow = minCostAssignment(transposed);
    const out = new Array<number>(rows).fill(-1);
    colToRow.forEach((i, j) => (out[i] = j));
    return out;
  }
  // 1-based arrays as in the classic formulation; column 0 is the virtual start.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const owner = new Int32Array(cols + 1); // owner[j] = row matched to column j (0 = none)
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    owner[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(Infinity);
    const used = new Uint8Array(cols + 1);
    do {
      used[j0] = 1;
      const i0 = owner[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0];
      owner[j0] = owner[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (owner[j] !== 0) assignment[owner[j] - 1] = j - 1;
  return assignment;
}

/** The one-to-one matching of rows to columns with the largest total weight. */
export function maxWeightAssignment(weight: readonly (readonly number[])[]): number[] {
  return minCostAssignment(weight.map((r) => r.map((x) => -x)));
}

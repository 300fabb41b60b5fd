// Two-dimensional projection for scatter plots of d > 2 data: principal components by power
// iteration on the d×d covariance. Pure and deterministic (no random start vector).

export interface Projection2d {
  x: Float64Array;
  y: Float64Array;
  /** Column means subtracted before projecting. */
  mean: Float64Array;
  /** Unit principal axes (length d each); sign fixed so the largest-magnitude entry is positive. */
  components: [Float64Array, Float64Array];
  /** Variance along each component (eigenvalues of the covariance). */
  variances: [number, number];
  /** Fraction of total variance each component explains (0 when the data has no variance). */
  explained: [number, number];
  /** Projects another point (e.g. a centroid) onto the same two axes. */
  project(point: ArrayLike<number>): [number, number];
}

const MAX_POWER_ITERATIONS = 1000;
const POWER_TOLERANCE = 1e-12;

function covariance(values: ArrayLike<number>, n: number, d: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = values[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ca = centred[a];
      for (let b = a; b < d; b++) cov[a * d + b] += ca * centred[b];
    }
  }
  const denom = Math.max(1, n - 1);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= denom;
      cov[b * d + a] = cov[a * d + b];
    }
  }
  return cov;
}

function multiply(m: Float64Array, v: Float64Array, d: number, out: Float64Array): void {
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let b = 0; b < d; b++) s += m[a * d + b] * v[b];
    out[a] = s;
  }
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Fixes the sign ambiguity of eigenvectors so results never flip between runs. */
function canonicalSign(v: Float64Array): void {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  if (v[best] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

/** Dominant eigenpair of a symmetric PSD matrix; starts from its largest column (never a random vector). */
function dominantEigen(m: Float64Array, d: number): { vector: Float64Array; value: number } {
  let startCol = 0;
  let startNorm = -1;
  for (let c = 0; c < d; c++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += m[r * d + c] ** 2;
    if (s > startNorm) {
      startNorm = s;
      startCol = c;
    }
  }
  const v = new Float64Array(d);
  if (startNorm <= 0) {
    v[0] = 1; // zero matrix: any unit vector is an eigenvector with eigenvalue 0
    return { vector: v, value: 0 };
  }
  for (let r = 0; r < d; r++) v[r] = m[r * d + startCol];
  let len = norm(v);
  for (let r = 0; r < d; r++) v[r] /= len;
  const next = new Float64Array(d);
  for (let it = 0; it < MAX_POWER_ITERATIONS; it++) {
    multiply(m, v, d, next);
    len = norm(next);
    if (len === 0) break;
    let delta = 0;
    for (let r = 0; r < d; r++) {
      const x = next[r] / len;
      delta = Math.max(delta, Math.abs(x - v[r]));
      v[r] = x;
    }
    if (delta < POWER_TOLERANCE) break;
  }
  canonicalSign(v);
  multiply(m, v, d, next);
  let value = 0;
  for (let r = 0; r < d; r++) value += v[r] * next[r];
  return { vector: v, value: Math.max(0, value) };
}

/** Unit vector orthogonal to `u` (Gram–Schmidt on the first basis vector that is not parallel). */
function orthogonalTo(u: Float64Array): Float64Array {
  const d = u.length;
  for (let j = 0; j < d; j++) {
    const v = new Float64Array(d);
    v[j] = 1;
    const dot = u[j];
    for (let r = 0; r < d; r++) v[r] -= dot * u[r];
    const len = norm(v);
    if (len > 1e-8) {
      for (let r = 0; r < d; r++) v[r] /= len;
      canonicalSign(v);
      return v;
    }
  }
  return new Float64Array(d);
}

/** Projects row-major n×d `values` onto their first two principal components. */
export function pca2(values: ArrayLike<number>, n: number, d: number): Projection2d {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1) throw new RangeError(`pca2: invalid shape ${n}×${d}`);
  if (values.length < n * d) throw new RangeError(`pca2: expected ${n * d} values for ${n}×${d}, got ${values.length}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += values[i * d + j];
  if (n > 0) for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = covariance(values, n, d, mean);
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j];

  const first = dominantEigen(cov, d);
  // Deflate: remove the first component, then the dominant eigenvector of the rest is the second.
  const deflated = new Float64Array(cov);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) deflated[a * d + b] -= first.value * first.vector[a] * first.vector[b];
  let second = d > 1 ? dominantEigen(deflated, d) : { vector: new Float64Array(d), value: 0 };
  if (d > 1 && second.value <= total * 1e-14) second = { vector: orthogonalTo(first.vector), value: second.value };

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const u = first.vector;
  const w = second.vector;
  for (let i = 0; i < n; i++) {
    let px = 0;
    let py = 0;
    for (let j = 0; j < d; j++) {
      const c = values[i * d + j] - mean[j];
      px += c * u[j];
      py += c * w[j];
    }
    x[i] = px;
    y[i] = py;
  }
  const explained: [number, number] = total > 0 ? [first.value / total, second.value / total] : [0, 0];
  const projection: Projection2d = {
    x,
    y,
    mean,
    components: [u, w],
    variances: [first.value, second.value],
    explained,
    project: (point) => {
      const p = projectPoint(projection, point);
      return [p.x, p.y];
    },
  };
  return projection;
}

/** Projects extra points (e.g. centroids) with a projection computed by pca2. */
export function projectPoint(p: Pick<Projection2d, 'mean' | 'components'>, point: ArrayLike<number>): { x: number; y: number } {
  const [u, w] = p.components;
  let x = 0;
  let y = 0;
  for (let j = 0; j < p.mean.length; j++) {
    const c = point[j] - p.mean[j];
    x += c * u[j];
    y += c * w[j];
  }
  return { x, y };
}

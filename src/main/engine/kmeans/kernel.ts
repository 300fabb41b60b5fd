// The hot loop: assign every row of a chunk to its nearest centroid (squared Euclidean, ties go to
// the lowest cluster index) and accumulate the chunk's partial record in row order.
//
// Partial record layout (stride = k·d + k + 2 Float64 values):
//   [0, k·d)        per-cluster coordinate sums
//   [k·d, k·d + k)  per-cluster counts
//   k·d + k         rows whose label changed
//   k·d + k + 1     inertia (sum of squared distances to the nearest centroid)
import { kernelFor, wasmKernelFits, type WasmAssignKernel, type WasmMode } from '../wasm/kmeans-wasm.ts';
import type { ChunkPlan } from './chunks.ts';
import { hamerlyPass } from './hamerly.ts';
import { sqDistRow } from './sq-dist.ts';

/**
 * Which assignment kernel runs the passes. 'wasm': the WebAssembly SIMD kernel, distance form
 * (bit-identical to 'js'); 'wasm-dot': the same kernel choosing the nearest centroid by
 * ‖c‖² − 2·x·c (near-ties may go the other way; see assembly/kmeans.ts); 'js': the scalar loops
 * below; 'wasm-hamerly': the wasm kernel with Hamerly's bounds (rows whose previous centroid is
 * provably still the nearest, by more than rounding, skip the full scan; assembly/kmeans.ts).
 * 'auto' (default): 'wasm-hamerly' where d·k ≥ HAMERLY_MIN_DK, else 'wasm', where it runs; else 'js'. The wasm choices are an error where the runtime lacks SIMD128 or the dataset exceeds
 * the kernel's copy limit. Every choice gives the same answer for every worker count.
 */
export type KernelChoice = 'auto' | 'js' | 'wasm' | 'wasm-dot' | 'wasm-hamerly';

export interface PassState {
  values: Float64Array;
  n: number;
  d: number;
  k: number;
  plan: ChunkPlan;
  /** Shared centroids of the current pass (read only here). */
  centroids: Float64Array;
  labels: Int32Array;
  partials: Float64Array;
  /** 'wasm-hamerly' only: the previous pass's centroids (k·d) and every row's lower bound (n). */
  previous?: Float64Array | null;
  lower?: Float64Array | null;
}

/** Private per-worker buffers, allocated once per run so the hot loop never allocates. */
export interface PassScratch {
  centroids: Float64Array;
  /** Half the distance from each centroid to its nearest other one ('wasm-hamerly'). */
  half?: Float64Array;
  record: Float64Array;
  kernel: KernelChoice;
  /** The thread's wasm kernel for this dataset; undefined until the first pass, null for the JS kernel. */
  wasm?: WasmAssignKernel | null;
}

export function createScratch(k: number, d: number, stride: number, kernel: KernelChoice = 'auto'): PassScratch {
  return { centroids: new Float64Array(k * d), record: new Float64Array(stride), kernel };
}

/**
 * 'auto' takes Hamerly's bounds from this d·k on. Measured on a quiet machine (bench:kmeans --dims
 * 2,16,200 --ks 10,40 --hamerly, docs/measurements/bench-kmeans-dims-quiet-2.txt): Hamerly's pass
 * time ÷ the distance form's was 1.06 at d·k = 20 (d = 2, k = 10), 0.88 at 80 and 0.44–0.68 at
 * 160…8000. Same bits either way; it costs n + k·d more doubles per run.
 */
export const HAMERLY_MIN_DK = 64;

/** The concrete kernel a run uses for `kernel` ('auto' → Hamerly or the plain wasm/JS choice). */
export function resolveKernel(kernel: KernelChoice, n: number, d: number, k: number): KernelChoice {
  if (kernel !== 'auto') return kernel;
  return d * k >= HAMERLY_MIN_DK && wasmKernelFits(n, d) ? 'wasm-hamerly' : 'auto';
}

/** 'auto' takes the wasm kernel from this many dimensions on (measured in bench:kmeans: it beats the JS loops from d = 2). */
export const WASM_MIN_DIMS = 1;
/**
 * 'auto' keeps the distance form: the dot form gained only 0.98–1.4× in bench:kmeans on this
 * machine (more at large k·d), not enough to give up bit-equality with the JS kernel.
 */
function wasmMode(kernel: KernelChoice): WasmMode {
  return kernel === 'wasm-dot' ? 'dot' : kernel === 'wasm-hamerly' ? 'hamerly' : 'distance';
}

/** Picks the kernel on the first pass (lazily: a thread that never runs a pass never copies the dataset). */
function wasmKernel(s: PassState, scratch: PassScratch): WasmAssignKernel | null {
  if (scratch.wasm !== undefined) return scratch.wasm;
  const forced = scratch.kernel === 'wasm' || scratch.kernel === 'wasm-dot' || scratch.kernel === 'wasm-hamerly';
  const wanted = forced || (scratch.kernel === 'auto' && s.d >= WASM_MIN_DIMS);
  scratch.wasm = wanted ? kernelFor(s.values, s.n, s.d) : null;
  if (forced && !scratch.wasm) {
    throw new Error(`the WebAssembly k-means kernel cannot run here (no WebAssembly SIMD128, or ${s.n} × ${s.d} values exceed its 2 GiB copy limit)`);
  }
  return scratch.wasm;
}

/** Takes a private copy of the shared centroids (once per pass): the hot loop then reads plain memory. */
export function loadCentroids(s: PassState, scratch: PassScratch): void {
  scratch.centroids.set(s.centroids);
  const wasm = wasmKernel(s, scratch);
  if (wasm) {
    // Per pass, not per run: another run may have used this thread's kernel in between.
    wasm.prepare(s.k, s.plan.chunkSize, s.plan.stride);
    const mode = wasmMode(scratch.kernel);
    const hamerly = mode === 'hamerly' && s.lower ? hamerlyPass(s.previous ?? null, scratch.centroids, s.k, s.d, (scratch.half ??= new Float64Array(s.k))) : null;
    wasm.loadCentroids(scratch.centroids, mode, hamerly);
  }
}

/**
 * Readies this participant's wasm kernel for one k-means++ operation over `count` candidates
 * (args, count·d row-major); null when the JS loops run it (kmeanspp.ts, same bits either way).
 */
export function prepareKpp(s: PassState, scratch: PassScratch, args: Float64Array, count: number): WasmAssignKernel | null {
  const wasm = wasmKernel(s, scratch);
  if (!wasm) return null;
  wasm.prepare(s.k, s.plan.chunkSize, s.plan.stride);
  wasm.loadCandidates(args, count);
  return wasm;
}

/** Assigns the rows of chunk c and writes its partial record (call loadCentroids first). */
export function assignChunk(s: PassState, scratch: PassScratch, c: number): void {
  const { chunkSize, stride } = s.plan;
  const start = c * chunkSize;
  const stop = Math.min(s.n, start + chunkSize);
  if (scratch.wasm) return scratch.wasm.assign(s.labels, start, stop, s.partials, c * stride, s.lower ?? null);
  scratch.record.fill(0);
  if (s.d === 2) assignRows2(s.values, scratch.centroids, s.k, s.labels, scratch.record, start, stop);
  else assignRowsD(s.values, s.d, scratch.centroids, s.k, s.labels, scratch.record, start, stop);
  s.partials.set(scratch.record, c * stride);
}

/**
 * Runs chunks [first, end). Returns false if `shouldStop` asked to stop (polled between chunks),
 * in which case the partials are incomplete and must not be used.
 */
export function assignChunks(s: PassState, scratch: PassScratch, first: number, end: number, shouldStop: () => boolean): boolean {
  loadCentroids(s, scratch);
  for (let c = first; c < end; c++) {
    if (shouldStop()) return false;
    assignChunk(s, scratch, c);
  }
  return true;
}

/*
 * Both loops start from the row's previous cluster p (cluster 0 on the first pass). Most rows keep
 * their cluster from one pass to the next, so the running minimum is usually right from the start
 * and the "is this one closer?" branch is almost never taken: the CPU predicts it, instead of
 * mispredicting a few times per row. The answer is unchanged — the lowest index among the closest
 * centroids, whatever p is: clusters below p win ties against p (and against nothing else once one
 * of them leads), clusters above p need to be strictly closer. Distances are computed exactly as
 * before, so labels, sums and inertia are bit-identical to a plain scan from cluster 0.
 */

/** Specialised d = 2 (the seed paper's data): no inner dimension loop. */
function assignRows2(v: Float64Array, c: Float64Array, k: number, labels: Int32Array, rec: Float64Array, start: number, stop: number): void {
  const countBase = 2 * k;
  const len = c.length; // = 2k: the private centroid copy is exactly k·d long
  let changed = 0;
  let inertia = 0;
  for (let i = start; i < stop; i++) {
    const x0 = v[2 * i];
    const x1 = v[2 * i + 1];
    const prev = labels[i];
    const po = prev > 0 ? 2 * prev : 0;
    let a = x0 - c[po];
    let b = x1 - c[po + 1];
    let bestDist = a * a + b * b;
    let bestOffset = po;
    for (let o = 0; o < po; o += 2) {
      a = x0 - c[o];
      b = x1 - c[o + 1];
      const dist = a * a + b * b;
      if (dist <= bestDist && (dist < bestDist || bestOffset === po)) {
        bestDist = dist;
        bestOffset = o;
      }
    }
    // Offsets bounded by c.length (= 2k) let the compiler drop most bounds checks.
    for (let o = po + 2; o < len; o += 2) {
      a = x0 - c[o];
      b = x1 - c[o + 1];
      const dist = a * a + b * b;
      if (dist < bestDist) {
        bestDist = dist;
        bestOffset = o;
      }
    }
    const best = bestOffset >> 1;
    if (prev !== best) {
      labels[i] = best;
      changed++;
    }
    inertia += bestDist;
    rec[bestOffset] += x0;
    rec[bestOffset + 1] += x1;
    rec[countBase + best] += 1;
  }
  rec[countBase + k] = changed;
  rec[countBase + k + 1] = inertia;
}

/** Any d: distances accumulate dimension by dimension, left to right. */
function assignRowsD(v: Float64Array, d: number, c: Float64Array, k: number, labels: Int32Array, rec: Float64Array, start: number, stop: number): void {
  const countBase = k * d;
  let changed = 0;
  let inertia = 0;
  for (let i = start; i < stop; i++) {
    const xo = i * d;
    const prev = labels[i];
    const p = prev > 0 ? prev : 0;
    let best = p;
    let bestDist = sqDistRow(v, xo, c, p * d, d);
    for (let j = 0; j < p; j++) {
      const dist = sqDistRow(v, xo, c, j * d, d);
      if (dist <= bestDist && (dist < bestDist || best === p)) {
        bestDist = dist;
        best = j;
      }
    }
    for (let j = p + 1; j < k; j++) {
      const dist = sqDistRow(v, xo, c, j * d, d);
      if (dist < bestDist) {
        bestDist = dist;
        best = j;
      }
    }
    if (prev !== best) {
      labels[i] = best;
      changed++;
    }
    inertia += bestDist;
    const so = best * d;
    for (let t = 0; t < d; t++) rec[so + t] += v[xo + t];
    rec[countBase + best] += 1;
  }
  rec[countBase + k] = changed;
  rec[countBase + k + 1] = inertia;
}

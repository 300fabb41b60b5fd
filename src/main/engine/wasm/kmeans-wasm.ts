// The WebAssembly SIMD assignment kernel (assembly/kmeans.ts) behind a small class: one instance
// per worker thread and dataset, holding that worker's private copy of the dataset in its own
// wasm memory. Plain JavaScript + WebAssembly APIs only, so it runs in Node worker_threads,
// Electron's main process and a browser alike.
//
// Why a private copy: a wasm module reads one linear memory, and the dataset lives in a
// SharedArrayBuffer allocated by the loader, which cannot become a WebAssembly.Memory after the fact.
// The copy is made once per dataset and worker (n·d·8 bytes each), reused by every run and pass,
// and freed with the dataset (the cache is keyed by the worker's view of it, see kernelFor).
// Datasets are immutable once shared, so the copy cannot go stale.
import { kmeansWasmBase64 } from './kmeans-wasm-bytes.ts';

interface KMeansExports {
  assignRows(data: number, d: number, ct: number, k: number, kp: number, labels: number, rec: number, start: number, stop: number): void;
  assignRowsDot(data: number, d: number, ct: number, cn: number, crow: number, k: number, kp: number, labels: number, rec: number, start: number, stop: number, norms: number, cmax: number): void;
  assignRowsHamerly(data: number, d: number, ct: number, crow: number, k: number, kp: number, labels: number, lower: number, half: number, rec: number, start: number, stop: number, maxShift: number, eps: number): number;
  kppUpdate(data: number, d: number, ct: number, cp: number, closest: number, start: number, stop: number, first: number): number;
  kppTrials(data: number, d: number, ct: number, cp: number, closest: number, pots: number, start: number, stop: number): void;
}

/**
 * 'distance': Σ (x − c)² per centroid, the JS kernel's bits. 'dot': nearest by ‖c‖² − 2·x·c
 * (fewer operations), rows whose two best scores are within rounding of each other decided again
 * from exact distances, the winner's distance recomputed exactly: the same bits too.
 */
export type WasmMode = 'distance' | 'dot' | 'hamerly';

/**
 * Hamerly's bounds between passes (kernel 'wasm-hamerly'): the largest centroid move since the
 * previous pass (rounded up) and, per centroid, half the distance to its nearest other one
 * (rounded down); `eps` is the relative margin that covers the rounding of computed distances.
 */
export interface HamerlyPass {
  maxShift: number;
  half: Float64Array;
  eps: number;
}

/**
 * The dot mode's sums (‖c‖² and x·c over up to 2^28 terms) stay far from overflow below this
 * magnitude; beyond it a pass uses the distance mode.
 */
const DOT_SAFE_MAGNITUDE = 1e100;

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

const PAGE = 65536;
/** The kernel's transposed centroid rows hold a multiple of 2 centroids (one f64x2). */
const LANES = 2;
/** wasm32 addresses at most 4 GiB; keep the copy well inside it (larger datasets use the JS kernel). */
export const WASM_MAX_DATA_BYTES = 2 ** 31;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where this runtime lacks WebAssembly SIMD128 (compiled once per thread). */
export function kmeansWasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(kmeansWasmBase64), (ch) => ch.charCodeAt(0));
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** Whether the wasm kernel can hold this dataset (SIMD available, copy within the address limit). */
export function wasmKernelFits(n: number, d: number): boolean {
  return n * d * 8 <= WASM_MAX_DATA_BYTES && kmeansWasmModule() !== null;
}

const align16 = (x: number) => Math.ceil(x / 16) * 16;

/**
 * A worker's wasm kernel over one dataset. Layout of its memory: page 0 left to the module,
 * then the dataset copy, then the per-run areas (transposed centroids, one chunk's labels, one
 * partial record), grown when a run needs more.
 */
export class WasmAssignKernel {
  private readonly memory: WebAssembly.Memory;
  private readonly exports: KMeansExports;
  private readonly dataPtr = PAGE;
  /** ‖x_i‖ per row (rounded up), for the dot form's check; filled on its first use. */
  private readonly normsPtr: number;
  private normsReady = false;
  /** An upper bound on the current centroids' norms (dot form). */
  private cmax = 0;
  private readonly runBase: number;
  /** Largest |value| of the dataset (decides whether the dot mode is safe). */
  private readonly dataMagnitude: number;
  private k = 0;
  private kp = 0;
  private mode: WasmMode = 'distance';
  /** The form the current pass runs in (after the dot form's magnitude check). */
  get passMode(): WasmMode {
    return this.mode;
  }
  private ctPtr = 0;
  private cnPtr = 0;
  private crowPtr = 0;
  private labelsPtr = 0;
  private recPtr = 0;
  private lowerPtr = 0;
  private halfPtr = 0;
  private lower = new Float64Array(0);
  private half = new Float64Array(0);
  private hamerly: HamerlyPass | null = null;
  /** Rows the Hamerly mode scanned in full since the kernel was made (benches, tests). */
  scannedRows = 0;
  private ct = new Float64Array(0);
  private cn = new Float64Array(0);
  private crow = new Float64Array(0);
  private labels = new Int32Array(0);
  private rec = new Float64Array(0);
  // k-means++: candidates transposed (d × candMax), one chunk of `closest`, the candidates' potentials.
  private candMax = 0;
  private cp = 0;
  private candPtr = 0;
  private closestPtr = 0;
  private potsPtr = 0;
  private cand = new Float64Array(0);
  private closest = new Float64Array(0);
  private pots = new Float64Array(0);

  constructor(
    module: WebAssembly.Module,
    values: Float64Array,
    readonly n: number,
    readonly d: number,
  ) {
    this.normsPtr = align16(this.dataPtr + n * d * 8);
    this.runBase = align16(this.normsPtr + n * 8);
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(this.runBase / PAGE) + 1, maximum: 65536 });
    this.exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as KMeansExports;
    const copy = new Float64Array(this.memory.buffer, this.dataPtr, n * d);
    copy.set(values.subarray(0, n * d));
    this.dataMagnitude = maxAbs(copy);
  }

  /** Sizes the per-run areas for k clusters and chunks of up to chunkSize rows. */
  prepare(k: number, chunkSize: number, stride: number): void {
    const kp = Math.ceil(k / LANES) * LANES;
    this.ctPtr = this.runBase;
    this.cnPtr = align16(this.ctPtr + this.d * kp * 8);
    this.crowPtr = align16(this.cnPtr + kp * 8);
    this.labelsPtr = align16(this.crowPtr + k * this.d * 8);
    this.recPtr = align16(this.labelsPtr + chunkSize * 4);
    // k-means++ draws fewer than k + 3 candidates per step (buffers.ts kppTrials).
    this.candMax = Math.ceil((k + 3) / LANES) * LANES;
    this.candPtr = align16(this.recPtr + stride * 8);
    this.closestPtr = align16(this.candPtr + this.d * this.candMax * 8);
    this.potsPtr = align16(this.closestPtr + chunkSize * 8);
    this.lowerPtr = align16(this.potsPtr + this.candMax * 8);
    this.halfPtr = align16(this.lowerPtr + chunkSize * 8);
    const end = this.halfPtr + kp * 8;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    // Views are made after any grow (growing detaches the old buffer).
    this.ct = new Float64Array(this.memory.buffer, this.ctPtr, this.d * kp);
    this.cn = new Float64Array(this.memory.buffer, this.cnPtr, kp);
    this.crow = new Float64Array(this.memory.buffer, this.crowPtr, k * this.d);
    this.labels = new Int32Array(this.memory.buffer, this.labelsPtr, chunkSize);
    this.rec = new Float64Array(this.memory.buffer, this.recPtr, stride);
    this.cand = new Float64Array(this.memory.buffer, this.candPtr, this.d * this.candMax);
    this.closest = new Float64Array(this.memory.buffer, this.closestPtr, chunkSize);
    this.pots = new Float64Array(this.memory.buffer, this.potsPtr, this.candMax);
    this.lower = new Float64Array(this.memory.buffer, this.lowerPtr, chunkSize);
    this.half = new Float64Array(this.memory.buffer, this.halfPtr, kp);
    this.k = k;
    this.kp = kp;
  }

  /**
   * Copies the pass's centroids (k·d, row-major) in, in the layout `mode` reads (the dot mode falls
   * back to the distance mode for this pass when values are too large for it). Padding centroids
   * can never be nearest: at +Infinity (distance), or with score +Infinity (dot).
   */
  loadCentroids(centroids: Float64Array, mode: WasmMode, hamerly: HamerlyPass | null = null): void {
    const { k, kp, d, ct, cn } = this;
    this.mode = mode === 'dot' && Math.max(this.dataMagnitude, maxAbs(centroids)) <= DOT_SAFE_MAGNITUDE ? 'dot' : mode === 'hamerly' && hamerly ? 'hamerly' : 'distance';
    if (this.mode !== 'dot') {
      ct.fill(Infinity);
      for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) ct[t * kp + j] = centroids[j * d + t];
      if (this.mode === 'hamerly') {
        this.crow.set(centroids.subarray(0, k * d));
        this.half.set(hamerly!.half.subarray(0, k));
        this.hamerly = hamerly;
      }
      return;
    }
    ct.fill(0);
    cn.fill(Infinity);
    this.crow.set(centroids.subarray(0, k * d));
    let maxNorm = 0;
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let t = 0; t < d; t++) {
        const v = centroids[j * d + t];
        ct[t * kp + j] = -2 * v;
        norm += v * v;
      }
      cn[j] = norm;
      maxNorm = Math.max(maxNorm, norm);
    }
    // Rounded up: the check needs bounds, not exact norms (a relative 1e-12 covers every rounding here).
    this.cmax = Math.sqrt(maxNorm) * (1 + 1e-12);
    this.fillNorms();
  }

  /** ‖x_i‖ for every row, once per dataset copy (n·8 bytes, next to the copy). */
  private fillNorms(): void {
    if (this.normsReady) return;
    const { n, d } = this;
    const data = new Float64Array(this.memory.buffer, this.dataPtr, n * d);
    const norms = new Float64Array(this.memory.buffer, this.normsPtr, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += data[i * d + t] * data[i * d + t];
      norms[i] = Math.sqrt(s) * (1 + 1e-12);
    }
    this.normsReady = true;
  }

  /**
   * Assigns rows [start, stop): labels read from and written to `labels`, the chunk's record to
   * partials[at…]; the Hamerly mode also reads and writes the rows' lower bounds in `lower`.
   */
  assign(labels: Int32Array, start: number, stop: number, partials: Float64Array, at: number, lower: Float64Array | null = null): void {
    const rows = stop - start;
    this.labels.set(labels.subarray(start, stop));
    if (this.mode === 'hamerly') {
      if (!lower) throw new Error('internal error: the Hamerly kernel needs the run\'s lower bounds');
      const h = this.hamerly!;
      this.lower.set(lower.subarray(start, stop));
      this.scannedRows += this.exports.assignRowsHamerly(this.dataPtr, this.d, this.ctPtr, this.crowPtr, this.k, this.kp, this.labelsPtr, this.lowerPtr, this.halfPtr, this.recPtr, start, stop, h.maxShift, h.eps);
      lower.set(this.lower.subarray(0, rows), start);
    } else if (this.mode === 'dot') {
      this.exports.assignRowsDot(this.dataPtr, this.d, this.ctPtr, this.cnPtr, this.crowPtr, this.k, this.kp, this.labelsPtr, this.recPtr, start, stop, this.normsPtr, this.cmax);
    } else {
      this.exports.assignRows(this.dataPtr, this.d, this.ctPtr, this.k, this.kp, this.labelsPtr, this.recPtr, start, stop);
    }
    labels.set(this.labels.subarray(0, rows), start);
    partials.set(this.rec, at);
  }

  /** k-means++: copies `count` candidates (count·d, row-major) in, transposed, padding at +∞. */
  loadCandidates(args: Float64Array, count: number): void {
    if (count > this.candMax) throw new Error(`internal error: ${count} k-means++ candidates, room for ${this.candMax}`);
    const { d } = this;
    const cp = Math.ceil(count / LANES) * LANES;
    const ct = this.cand;
    ct.fill(Infinity, 0, d * cp);
    for (let j = 0; j < count; j++) for (let t = 0; t < d; t++) ct[t * cp + j] = args[j * d + t];
    this.cp = cp;
  }

  /** closest[i] for rows [start, stop) from candidate 0 (first: set, else lowered); returns their sum in row order. */
  kppUpdate(closest: Float64Array, start: number, stop: number, first: boolean): number {
    if (!first) this.closest.set(closest.subarray(start, stop));
    const sum = this.exports.kppUpdate(this.dataPtr, this.d, this.candPtr, this.cp, this.closestPtr, start, stop, first ? 1 : 0);
    closest.set(this.closest.subarray(0, stop - start), start);
    return sum;
  }

  /** pots[t] = Σ_i min(closest[i], d(x_i, candidate t)) over rows [start, stop), for the loaded candidates. */
  kppTrials(closest: Float64Array, start: number, stop: number, pots: Float64Array, count: number): void {
    this.closest.set(closest.subarray(start, stop));
    this.exports.kppTrials(this.dataPtr, this.d, this.candPtr, this.cp, this.closestPtr, this.potsPtr, start, stop);
    pots.set(this.pots.subarray(0, count));
  }
}

const kernels = new WeakMap<Float64Array, WasmAssignKernel>();

/**
 * This thread's wasm kernel for a dataset (made, and the dataset copied, on first use), or null
 * when the wasm kernel cannot run it. Keyed by the worker's view of the shared dataset: when the
 * pool drops the dataset the view becomes unreachable and so does the copy.
 */
export function kernelFor(values: Float64Array, n: number, d: number): WasmAssignKernel | null {
  const cached = kernels.get(values);
  if (cached && cached.n === n && cached.d === d) return cached;
  const module = kmeansWasmModule();
  if (!module || !wasmKernelFits(n, d)) return null;
  const kernel = new WasmAssignKernel(module, values, n, d);
  kernels.set(values, kernel);
  return kernel;
}

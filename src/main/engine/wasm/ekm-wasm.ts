// EKM's evaluation kernel in WebAssembly SIMD128 (assembly/ekm.ts): the sums of ekm/sums.ts, the
// same bits, without the JavaScript loop's branch on the running minimum.
//
// A wasm function reads only its module's own memory, so the rows it sums must live there. An
// arena is one fixed-size wasm memory per worker thread and run: the run's distance matrix copied
// in once (n²·8 bytes per worker, made when the thread first touches the run), then room for the
// run's scratch rows (running minima, bound-tree minima), handed out by taskRow and runRow. sums.ts sends a
// sum to wasm when every row it reads lies in the active arena, and runs its JavaScript loop
// otherwise (no arena, a full arena, rows made elsewhere): both give the same bits, so where a row
// was allocated never changes an answer. The memory never grows (growing would detach the views
// already handed out); an allocation that does not fit gets a plain Float64Array.
import { ekmWasmBase64 } from './ekm-wasm-bytes.ts';

export interface EkmWasmExports {
  sumMin(m: number, r: number, n: number, limit: number): number;
  sumMin2(m: number, r1: number, r2: number, n: number, limit: number): number;
  sumAll(m: number, n: number, limit: number): number;
  minInto(out: number, a: number, b: number, n: number): void;
  lastStop(): number;
}

const PAGE = 65536;
/**
 * Largest matrix copied into an arena (per worker): N ≤ 5792. Beyond it a run keeps the JavaScript
 * sums rather than hold another n²·8 bytes per worker.
 */
export const EKM_ARENA_MAX_MATRIX_BYTES = 256 * 2 ** 20;
/** Scratch room after the matrix: address space only until touched (pages are committed lazily). */
const SCRATCH_ROWS_MIN = 64;
const SCRATCH_MAX_BYTES = 256 * 2 ** 20;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where this runtime lacks WebAssembly SIMD128 (compiled once per thread). */
export function ekmWasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(ekmWasmBase64), (ch) => ch.charCodeAt(0));
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/**
 * One run's rows in one thread's wasm memory (see the header). Rows that live as long as the run
 * (the matrix copy, the bound tree's minima) are taken from the top down, a task's scratch rows
 * from the bottom up; startTask() gives the previous task's scratch back.
 */
export class EkmArena {
  readonly buffer: ArrayBuffer;
  readonly exports: EkmWasmExports;
  private readonly base: number;
  private bottom: number;
  private top: number;

  constructor(module: WebAssembly.Module, bytes: number) {
    // Page 0 is left to the module (it has no data, but keeps address 0 out of use).
    const pages = 1 + Math.ceil(bytes / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as EkmWasmExports;
    this.buffer = memory.buffer;
    this.base = PAGE;
    this.bottom = PAGE;
    this.top = pages * PAGE;
  }

  /** A row of `length` f64 for the rest of the run, or null when the arena is full. */
  allocForRun(length: number): Float64Array | null {
    const at = this.top - bytesFor(length);
    if (at < this.bottom) return null;
    this.top = at;
    return new Float64Array(this.buffer, at, length).fill(0);
  }

  /** A row of `length` f64 for the current task, or null when the arena is full. */
  allocForTask(length: number): Float64Array | null {
    const at = this.bottom;
    if (at + bytesFor(length) > this.top) return null;
    this.bottom = at + bytesFor(length);
    return new Float64Array(this.buffer, at, length).fill(0);
  }

  /** A new task starts: the previous task's scratch rows are no longer read by anything. */
  startTask(): void {
    this.bottom = this.base;
  }
}

/** Bytes a row takes in the arena: a multiple of 16, so every row starts on a vector boundary. */
const bytesFor = (length: number) => Math.ceil((length * 8) / 16) * 16;

/** Which sums may run in wasm: 'auto' (default) where SIMD128 is available, 'js' never (tests, benches). */
export type EkmKernelChoice = 'auto' | 'js';

/** The thread's active arena (its current run's), read by sums.ts on every sum; `opened` counts arenas made (tests, benches). */
export const ekmWasm: { arena: EkmArena | null; choice: EkmKernelChoice; opened: number } = { arena: null, choice: 'auto', opened: 0 };

/**
 * Makes an arena for a run with an n×n matrix and k medoids, copies the matrix in and activates it;
 * returns the copy (rows are views of it), or null when the run stays on the JavaScript sums
 * (no SIMD128, kernel 'js', matrix over EKM_ARENA_MAX_MATRIX_BYTES).
 */
export function openArena(matrix: Float64Array, n: number): Float64Array | null {
  ekmWasm.arena = null;
  const module = ekmWasm.choice === 'auto' ? ekmWasmModule() : null;
  const matrixBytes = n * n * 8;
  if (!module || matrixBytes > EKM_ARENA_MAX_MATRIX_BYTES) return null;
  const scratch = Math.min(SCRATCH_MAX_BYTES, Math.max(SCRATCH_ROWS_MIN * n * 8, 2 * matrixBytes));
  const arena = new EkmArena(module, matrixBytes + 16 + scratch);
  const copy = arena.allocForRun(n * n)!;
  copy.set(matrix.subarray(0, n * n));
  ekmWasm.arena = arena;
  ekmWasm.opened++;
  return copy;
}

/** Whether a run with an n×n matrix gets an arena (and so the wasm sums) in its workers. */
export function arenaServes(n: number): boolean {
  return ekmWasm.choice === 'auto' && n * n * 8 <= EKM_ARENA_MAX_MATRIX_BYTES && ekmWasmModule() !== null;
}

/**
 * Runs `body` on two zeroed rows of `length` that sums.ts will sum in wasm (a temporary arena,
 * active only during the call) — or plain rows (the JavaScript loops) when wasm is false or
 * unavailable: for calibrating the cost of a point-term as the run will pay it.
 */
export function withCalibrationRows<T>(length: number, wasm: boolean, body: (a: Float64Array, b: Float64Array) => T): T {
  const module = wasm ? ekmWasmModule() : null;
  if (!module) return body(new Float64Array(length), new Float64Array(length));
  const arena = new EkmArena(module, 2 * length * 8 + 64);
  const saved = ekmWasm.arena;
  ekmWasm.arena = arena;
  try {
    return body(arena.allocForRun(length)!, arena.allocForRun(length)!);
  } finally {
    ekmWasm.arena = saved;
  }
}

/** Drops the active arena (its run is over in this thread). */
export function closeArena(): void {
  ekmWasm.arena = null;
}

/** A zeroed row for the current task: in the active arena when there is room (wasm sums can read it), else plain. */
export function taskRow(length: number): Float64Array {
  return ekmWasm.arena?.allocForTask(length) ?? new Float64Array(length);
}

/** A zeroed row kept for the rest of the run, in the active arena when there is room, else plain. */
export function runRow(length: number): Float64Array {
  return ekmWasm.arena?.allocForRun(length) ?? new Float64Array(length);
}

/** A task of the active run starts (its previous task's scratch rows are free again). */
export function startArenaTask(): void {
  ekmWasm.arena?.startTask();
}

// The distance matrix's shared memory, kept from one run to the next. Allocating n²·8 zeroed bytes
// is main-thread time before any worker can start (about 0.1 ms at N = 200, more as n² grows), the
// part of a short run that no number of workers shortens. Every run writes all n rows of its
// matrix before reading any, so a finished run's buffer can serve the next run of the same size.

/** Largest buffer kept between runs: beyond it, holding memory costs more than allocating saves. */
export const KEEP_MAX_BYTES = 64 * 2 ** 20;

let kept: SharedArrayBuffer | null = null;

/** A buffer of exactly `bytes` bytes: the kept one when it fits, else a new one. Contents undefined. */
export function takeMatrixBuffer(bytes: number): SharedArrayBuffer {
  if (kept?.byteLength === bytes) {
    const buffer = kept;
    kept = null;
    return buffer;
  }
  return new SharedArrayBuffer(bytes);
}

/** Hands a buffer back once nothing of its run can touch it any more (every task settled). */
export function keepMatrixBuffer(buffer: SharedArrayBuffer): void {
  if (buffer.byteLength <= KEEP_MAX_BYTES) kept = buffer;
}

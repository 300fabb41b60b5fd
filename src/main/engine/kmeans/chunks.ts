// How the N rows are cut into chunks. Every chunk produces its own partial sums, and the partials
// are reduced in chunk order, so the floating-point answer depends on the chunk plan only — never
// on how many workers share the chunks. The plan is therefore a function of (n, k, d) alone.

export interface ChunkPlan {
  /** Rows per chunk (the last chunk may be shorter). */
  chunkSize: number;
  numChunks: number;
  /** Float64 slots per chunk partial: k·d sums, k counts, changed, inertia. */
  stride: number;
}

/** Aim for enough chunks that up to 64 workers get work, without tiny chunks. */
const TARGET_CHUNKS = 64;
const MIN_CHUNK = 256;
const MAX_CHUNK = 4096;
/** Upper bound on the partials buffer (Float64 values), so huge k·d does not exhaust memory. */
const MAX_PARTIAL_VALUES = 8 * 1024 * 1024;

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

export function partialStride(k: number, d: number): number {
  return k * d + k + 2;
}

export function planChunks(n: number, k: number, d: number): ChunkPlan {
  const stride = partialStride(k, d);
  // Multiples of 64 rows keep label ranges of different workers on separate cache lines.
  let chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, roundUp(Math.ceil(n / TARGET_CHUNKS), 64)));
  const maxChunks = Math.max(1, Math.floor(MAX_PARTIAL_VALUES / stride));
  if (Math.ceil(n / chunkSize) > maxChunks) chunkSize = roundUp(Math.ceil(n / maxChunks), 64);
  return { chunkSize, numChunks: Math.max(1, Math.ceil(n / chunkSize)), stride };
}

/** Contiguous block of whole chunks owned by participant `w` of `participants` ([start, end)). */
export function chunkRange(plan: ChunkPlan, participants: number, w: number): [number, number] {
  const start = Math.floor((w * plan.numChunks) / participants);
  const end = Math.floor(((w + 1) * plan.numChunks) / participants);
  return [start, end];
}

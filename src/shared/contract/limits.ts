// The bounds every request is held to, in one table beside the schemas. Static ones are used by the
// schemas; the memory bound depends on the machine and the data, so main checks it before running.
export const LIMITS = {
  /** Workers per run (the pool shrinks back when idle). */
  maxWorkers: 64,
  /** Rows one experiment size may ask for (resampling with replacement included). */
  maxRows: 2 ** 25,
  /** Share of the machine's memory one resampled copy (N × d × 8 bytes) may take. */
  memoryFraction: 0.25,
  /** Rows one `dataset:rows` request may ask for (a scatter selection shows "N of M selected"). */
  rowsPerRequest: 1000,
} as const;

/** Refuses, with the limit quoted, experiment sizes the machine cannot hold. */
export function assertExperimentFits(spec: { sizes: number[] }, rows: number, d: number, totalMemBytes: number): void {
  const byMemory = Math.floor((totalMemBytes * LIMITS.memoryFraction) / (Math.max(1, d) * 8));
  const max = Math.min(LIMITS.maxRows, byMemory);
  for (const n of spec.sizes) {
    if (n > max && n > rows) {
      throw Object.assign(
        new Error(
          `Experiment size N = ${n.toLocaleString('en-US')} is too large: at most ${max.toLocaleString('en-US')} rows ` +
            `(${LIMITS.maxRows.toLocaleString('en-US')} rows, and N × ${d} features × 8 bytes within ${LIMITS.memoryFraction * 100}% of this machine's memory)`,
        ),
        { code: 'too-large' },
      );
    }
  }
}

// Which experiment cells are too short or too thin to time reliably, in words the app and the
// report both print: a few-millisecond cell is dominated by start-up, JIT and scheduling noise,
// and one sample has no spread.
import type { ExperimentCell, ExperimentResult } from './types.ts';

/** Cells (or their serial reference) with a median under this are flagged as too short. */
export const MIN_RELIABLE_MS = 20;

/** Why this cell's time (and the speedup derived from it) is not reliable; [] when it is fine. */
export function cellTimingNotes(cell: ExperimentCell, result: ExperimentResult): string[] {
  const notes: string[] = [];
  const runs = cell.timesMs.length;
  if (runs < result.spec.repeats) notes.push(`${runs} of ${result.spec.repeats} repeats (cancelled)`);
  if (runs < 2) notes.push('one run: no spread');
  const serial = result.cells.find((c) => c.workers === 0 && c.n === cell.n && c.k === cell.k);
  if (cell.medianMs < MIN_RELIABLE_MS) notes.push(`under ${MIN_RELIABLE_MS} ms: too short to time reliably`);
  else if (cell !== serial && serial && serial.medianMs < MIN_RELIABLE_MS) notes.push(`serial reference under ${MIN_RELIABLE_MS} ms`);
  return notes;
}

/** One sentence for the whole experiment when some cells are flagged, with what to do; or null. */
export function experimentTimingAdvice(result: ExperimentResult): string | null {
  const flagged = result.cells.filter((c) => cellTimingNotes(c, result).length > 0).length;
  if (flagged === 0) return null;
  const short = result.cells.some((c) => c.medianMs < MIN_RELIABLE_MS);
  const thin = result.cells.some((c) => c.timesMs.length < 2);
  const todo = [short ? 'a larger N' : '', thin ? 'more repeats' : ''].filter(Boolean).join(' and ') || 'more repeats';
  return `${flagged} of ${result.cells.length} cells cannot be timed reliably (see Note): their speedups and shares of the ceiling may be far off. Use ${todo}.`;
}

/** "3 repeats each" when every cell has what was asked, else the real range, e.g. "1–3 of 3 repeats". */
export function repeatsSummary(result: ExperimentResult): string {
  const counts = result.cells.map((c) => c.timesMs.length);
  const asked = result.spec.repeats;
  if (counts.length === 0) return `no cell measured (${asked} repeats asked)`;
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  if (lo === asked && hi === asked) return `${asked} repeat${asked === 1 ? '' : 's'} each`;
  return `${lo === hi ? lo : `${lo}–${hi}`} of ${asked} repeats per cell`;
}

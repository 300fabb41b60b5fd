// Serial-vs-parallel experiments over a grid of (N, k, workers), measured like a scientist:
// a warm-up per (N, k), then R rounds that each run every worker count once, in an order rotated
// per round so machine drift hits all counts alike; medians with min/max; every answer checked
// against the serial driver's answer. Optionally, the machine ceiling (ceiling.ts) is timed in the
// same rounds: P single-worker runs at once, for each P ≥ 2.
//
// The algorithm is injected as a CellRunner, so the grid logic is testable without any engine.
//
// Cancellation: the experiment never rejects on cancel. It stops before the next run (a run in
// flight is cancelled through the same token) and resolves with the cells measured so far and
// `cancelled: true`: the UI shows partial results.
import type {
  ExperimentCell,
  ExperimentGroupFit,
  ExperimentResult,
  ExperimentRuntimeModels,
  ExperimentSpec,
} from '../../../shared/types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { CancelToken } from '../pool/cancel.ts';
import { compareAnswers, type CellAnswer } from './answers.ts';
import { ceilingCopyCounts, ceilingFields, roundEntries, type RoundEntry } from './ceiling.ts';
import { fitAmdahl, fitGustafson, fitLinearRuntime, fitPowerRuntime } from './fits.ts';
import { maxOf, median, minOf } from './stats.ts';
import { checkSizes, subsampleInSlices, SubsampleStopped } from './subsample.ts';

export type { CellAnswer } from './answers.ts';

export interface CellRunner {
  /** One timed run of the algorithm on `ds` with `k` and `workers` (0 = serial driver). */
  run(ds: Dataset, k: number, workers: number, token?: CancelToken): Promise<{ ms: number; answer: CellAnswer }>;
  /**
   * The machine ceiling's run: `copies` identical single-worker runs started at once on pool slots
   * 0..copies−1; `ms` is the time until the last one ends, one answer per copy. Needed for
   * spec.ceiling.
   */
  runCopies?(ds: Dataset, k: number, copies: number, token?: CancelToken): Promise<{ ms: number; answers: CellAnswer[] }>;
  /** Called once per dataset size before its runs (share data, start workers: kept out of timings). */
  prepare?(ds: Dataset, maxWorkers: number): Promise<void>;
  /** Called after a size's runs for subsamples the experiment created (never the caller's dataset). */
  release?(ds: Dataset): void;
  /** Relative cost of one run, for the ETA; default n·k. */
  workEstimate?(n: number, k: number): number;
}

export interface ExperimentProgress {
  /**
   * Cell of the run just finished, 0-based, in result order (size, k, workers ascending). A ceiling
   * run counts for the cell that shows it: P copies for the cell of P workers.
   */
  cellIndex: number;
  cellCount: number;
  /** Runs finished so far (warm-ups included) and the total. */
  runIndex: number;
  runCount: number;
  n: number;
  k: number;
  workers: number;
  /** Set when the run just finished was a ceiling run: how many single-worker runs went at once. */
  ceilingCopies?: number;
  /** Whether the run just finished was an untimed warm-up. */
  warmup: boolean;
  lastMs: number | null;
  elapsedMs: number;
  etaMs: number | null;
}

export interface ExperimentOptions {
  token?: CancelToken;
  onProgress?: (p: ExperimentProgress) => void;
  /** Each cell once its (N, k) group is complete (speedups need the whole group's serial median). */
  onCell?: (c: ExperimentCell) => void;
  /** Cap worker counts at this many (the machine's cores) in the Amdahl/Gustafson fits. */
  fitWorkerCap?: number;
}

export const MAX_EXPERIMENT_WORKERS = 64;

/** 0 (serial), then 1, 2, 4 … up to 2× cores (at most 16), plus the core count itself. */
export function defaultWorkerGrid(cores: number): number[] {
  const c = Math.max(1, Math.floor(cores));
  const cap = Math.min(2 * c, 16);
  const grid = new Set<number>([0]);
  for (let p = 1; p <= cap; p *= 2) grid.add(p);
  if (c <= cap) grid.add(c);
  return [...grid].sort((a, b) => a - b);
}

/** The spec with defaults filled in: serial included, lists sorted and de-duplicated. */
export function normalizeSpec(spec: ExperimentSpec, ds: Dataset): ExperimentSpec {
  const params = spec.algorithm === 'kmeans' ? spec.kmeans : spec.ekm;
  for (const w of spec.workers) {
    if (!Number.isInteger(w) || w < 0 || w > MAX_EXPERIMENT_WORKERS) {
      throw new RangeError(`worker count ${w} must be a whole number from 0 (serial) to ${MAX_EXPERIMENT_WORKERS}`);
    }
  }
  if (!Number.isInteger(spec.repeats) || spec.repeats < 1) {
    throw new RangeError(`repeats must be a whole number ≥ 1, got ${spec.repeats}`);
  }
  const ks = spec.ks.length ? spec.ks : params ? [params.k] : [];
  if (!ks.length) throw new RangeError(`no k given: set ks or the ${spec.algorithm} parameters`);
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k = ${k} must be a whole number ≥ 1`);
  }
  const sizes = spec.sizes.length ? spec.sizes : [ds.n];
  checkSizes(ds, sizes, spec.withReplacement);
  const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  return {
    ...spec,
    workers: sortedUnique([0, ...spec.workers]),
    sizes: sortedUnique(sizes),
    ks: sortedUnique(ks),
  };
}

/** Run order for round r: the list rotated by r, so each worker count (or ceiling run) leads once in a while. */
export function roundOrder<T>(entries: T[], round: number): T[] {
  const shift = round % entries.length;
  return [...entries.slice(shift), ...entries.slice(0, shift)];
}

function isCancellation(err: unknown, token?: CancelToken): boolean {
  return token?.cancelled === true || (err as { name?: unknown })?.name === 'CancelledError';
}

class Cancelled extends Error {}

/** Map key of a round entry: times and answer problems are kept per entry. */
function entryKey(e: RoundEntry): string {
  return e.kind === 'cell' ? `cell:${e.workers}` : `copies:${e.copies}`;
}

const cellKey = (workers: number) => entryKey({ kind: 'cell', workers });
const copiesKey = (copies: number) => entryKey({ kind: 'copies', copies });

/** The worker count of the cell a round entry's times and answers belong to. */
function cellOf(e: RoundEntry): number {
  return e.kind === 'cell' ? e.workers : e.copies;
}

interface Problem {
  note: string;
  runs: number;
}

interface GroupState {
  n: number;
  k: number;
  /** Timed wall times per round entry. */
  times: Map<string, number[]>;
  /** First answer difference seen per round entry, and how many runs differed. */
  problems: Map<string, Problem>;
  reference: CellAnswer | null;
}

function problemText(p: Problem): string {
  return p.runs > 1 ? `${p.note} (in ${p.runs} runs)` : p.note;
}

/** Answer problems shown on the cell of `workers`: its own runs', then its ceiling runs'. */
function cellProblems(g: GroupState, workers: number): string[] {
  return [cellKey(workers), copiesKey(workers)].flatMap((key) => {
    const p = g.problems.get(key);
    return p ? [problemText(p)] : [];
  });
}

function buildCells(g: GroupState, workers: number[]): ExperimentCell[] {
  const timesOf = (key: string) => g.times.get(key) ?? [];
  const serial = timesOf(cellKey(0));
  if (!serial.length) return [];
  const serialMedian = median(serial);
  const cells: ExperimentCell[] = [];
  for (const w of workers) {
    const times = timesOf(cellKey(w));
    if (!times.length) continue;
    const med = median(times);
    const speedup = w === 0 ? 1 : serialMedian / med;
    const problems = cellProblems(g, w);
    cells.push({
      n: g.n,
      k: g.k,
      workers: w,
      timesMs: times,
      medianMs: med,
      minMs: minOf(times),
      maxMs: maxOf(times),
      speedup,
      efficiency: speedup / Math.max(1, w),
      answerMatches: problems.length === 0,
      ...(problems.length ? { answerNote: problems.join('; ') } : {}),
      ...ceilingFields(w, speedup, serial, timesOf(copiesKey(w))),
    });
  }
  return cells;
}

function groupFits(cells: ExperimentCell[], cap: number | undefined): ExperimentGroupFit[] {
  const keys = [...new Set(cells.map((c) => `${c.n}:${c.k}`))];
  return keys.map((key) => {
    const group = cells.filter((c) => `${c.n}:${c.k}` === key);
    const points = group
      .filter((c) => c.workers >= 1)
      .map((c) => ({ workers: cap ? Math.min(c.workers, cap) : c.workers, speedup: c.speedup }));
    return { n: group[0].n, k: group[0].k, amdahl: fitAmdahl(points), gustafson: fitGustafson(points) };
  });
}

function runtimeModels(cells: ExperimentCell[]): ExperimentRuntimeModels[] {
  const out: ExperimentRuntimeModels[] = [];
  const ks = [...new Set(cells.map((c) => c.k))];
  const workers = [...new Set(cells.map((c) => c.workers))];
  for (const k of ks) {
    for (const w of workers) {
      const pts = cells.filter((c) => c.k === k && c.workers === w).map((c) => ({ n: c.n, ms: c.medianMs }));
      if (new Set(pts.map((p) => p.n)).size < 2) continue;
      out.push({ k, workers: w, linear: fitLinearRuntime(pts), power: fitPowerRuntime(pts) });
    }
  }
  return out;
}

/**
 * Warm-ups: the serial driver and the widest run (spawn and JIT workers), and with a ceiling the
 * widest copies run (it JITs the single-worker kernel on every slot the copies use).
 */
function warmupEntries(workers: number[], ceiling: boolean): RoundEntry[] {
  const maxWorkers = workers[workers.length - 1];
  const entries: RoundEntry[] = [...new Set([0, maxWorkers])].map((w) => ({ kind: 'cell', workers: w }));
  const copies = ceiling ? ceilingCopyCounts(workers) : [];
  if (copies.length) entries.push({ kind: 'copies', copies: copies[copies.length - 1] });
  return entries;
}

/** Records a run's answers against the group's serial answer (the first serial run sets it). */
function checkAnswers(g: GroupState, entry: RoundEntry, answers: CellAnswer[]): void {
  for (const [i, answer] of answers.entries()) {
    if (g.reference === null) {
      if (entry.kind === 'cell' && entry.workers === 0) g.reference = answer;
      continue;
    }
    const note = compareAnswers(g.reference, answer);
    if (!note) continue;
    const key = entryKey(entry);
    const seen = g.problems.get(key);
    if (seen) seen.runs++;
    else g.problems.set(key, { note: describeDifference(entry, i, note), runs: 1 });
    return; // one problem per run, however many copies differ
  }
}

function describeDifference(entry: RoundEntry, copy: number, note: string): string {
  if (entry.kind === 'copies') {
    return `ceiling run (copy ${copy + 1} of ${entry.copies} single-worker runs at once): ${note}`;
  }
  return entry.workers === 0 ? `serial runs disagree: ${note}` : note;
}

export async function runExperiment(
  ds: Dataset,
  specIn: ExperimentSpec,
  runner: CellRunner,
  opts: ExperimentOptions = {},
): Promise<ExperimentResult> {
  const spec = normalizeSpec(specIn, ds);
  const ceiling = spec.ceiling === true;
  const runCopies = runner.runCopies?.bind(runner);
  if (ceiling && !runCopies) throw new RangeError(`the ${spec.algorithm} runner cannot measure the machine ceiling (it has no runCopies)`);
  const { token } = opts;
  const workers = spec.workers;
  const maxWorkers = workers[workers.length - 1];
  const entries = roundEntries(workers, ceiling);
  const warmups = spec.warmup ? warmupEntries(workers, ceiling) : [];
  const runsPerGroup = warmups.length + spec.repeats * entries.length;
  const groupCount = spec.sizes.length * spec.ks.length;
  const runCount = groupCount * runsPerGroup;
  const cellCount = groupCount * workers.length;
  // P copies at once take about as long as one run, so a ceiling run weighs like any other run.
  const weight = (n: number, k: number) => runner.workEstimate?.(n, k) ?? n * k;
  let unitsTotal = 0;
  for (const n of spec.sizes) for (const k of spec.ks) unitsTotal += weight(n, k) * runsPerGroup;

  const started = performance.now();
  const cells: ExperimentCell[] = [];
  const mismatches: string[] = [];
  let runsDone = 0;
  let unitsDone = 0;
  let cancelled = false;

  const finishGroup = (g: GroupState) => {
    const groupCells = buildCells(g, workers);
    for (const c of groupCells) {
      if (!c.answerMatches) mismatches.push(`N=${c.n}, k=${c.k}, ${c.workers === 0 ? 'serial' : `P=${c.workers}`}: ${c.answerNote}`);
      cells.push(c);
      opts.onCell?.(c);
    }
  };

  const runEntry = (sample: Dataset, k: number, entry: RoundEntry): Promise<{ ms: number; answers: CellAnswer[] }> => {
    if (entry.kind === 'copies') return runCopies!(sample, k, entry.copies, token); // present: checked above
    return runner.run(sample, k, entry.workers, token).then(({ ms, answer }) => ({ ms, answers: [answer] }));
  };

  const runOnce = async (sample: Dataset, g: GroupState, groupIndex: number, entry: RoundEntry, warmup: boolean) => {
    if (token?.cancelled) throw new Cancelled();
    let outcome: { ms: number; answers: CellAnswer[] };
    try {
      outcome = await runEntry(sample, g.k, entry);
    } catch (err) {
      if (isCancellation(err, token)) throw new Cancelled();
      throw err;
    }
    checkAnswers(g, entry, outcome.answers);
    if (!warmup) g.times.get(entryKey(entry))!.push(outcome.ms);
    runsDone++;
    unitsDone += weight(g.n, g.k);
    const elapsedMs = performance.now() - started;
    const cellWorkers = cellOf(entry);
    opts.onProgress?.({
      cellIndex: groupIndex * workers.length + workers.indexOf(cellWorkers),
      cellCount,
      runIndex: runsDone,
      runCount,
      n: g.n,
      k: g.k,
      workers: cellWorkers,
      ...(entry.kind === 'copies' ? { ceilingCopies: entry.copies } : {}),
      warmup,
      lastMs: outcome.ms,
      elapsedMs,
      etaMs: unitsDone > 0 ? (elapsedMs / unitsDone) * (unitsTotal - unitsDone) : null,
    });
  };

  let groupIndex = 0;
  try {
    for (const n of spec.sizes) {
      let sample: Dataset;
      try {
        sample = await subsampleInSlices(ds, n, { seed: spec.seed, withReplacement: spec.withReplacement }, () => token?.cancelled === true);
      } catch (err) {
        if (err instanceof SubsampleStopped) throw new Cancelled();
        throw err;
      }
      await runner.prepare?.(sample, maxWorkers);
      try {
        for (const k of spec.ks) {
          const g: GroupState = { n, k, times: new Map(entries.map((e) => [entryKey(e), []])), problems: new Map(), reference: null };
          try {
            for (const e of warmups) await runOnce(sample, g, groupIndex, e, true);
            for (let r = 0; r < spec.repeats; r++) {
              for (const e of roundOrder(entries, r)) await runOnce(sample, g, groupIndex, e, false);
            }
          } catch (err) {
            // On cancel, whatever this group measured is kept (cells need a serial time).
            if (err instanceof Cancelled) finishGroup(g);
            throw err;
          }
          finishGroup(g);
          groupIndex++;
        }
      } finally {
        if (sample !== ds) runner.release?.(sample);
      }
    }
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    cancelled = true;
  }

  return {
    spec,
    cells,
    fits: groupFits(cells, opts.fitWorkerCap),
    runtimeModels: runtimeModels(cells),
    mismatches,
    totalMs: performance.now() - started,
    cancelled,
    ...(opts.fitWorkerCap ? { fitWorkerCap: opts.fitWorkerCap } : {}),
  };
}

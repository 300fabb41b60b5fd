// Serial-vs-parallel experiments over a grid of (N, k, workers), measured like a scientist:
// a warm-up per (N, k), then R rounds that each run every worker count once, in an order rotated
// per round so machine drift hits all counts alike; medians with min/max; every answer checked
// against the serial driver's answer.
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
import { fitAmdahl, fitGustafson, fitLinearRuntime, fitPowerRuntime } from './fits.ts';
import { maxOf, median, minOf } from './stats.ts';
import { checkSizes, subsample } from './subsample.ts';

export type { CellAnswer } from './answers.ts';

export interface CellRunner {
  /** One timed run of the algorithm on `ds` with `k` and `workers` (0 = serial driver). */
  run(ds: Dataset, k: number, workers: number, token?: CancelToken): Promise<{ ms: number; answer: CellAnswer }>;
  /** Called once per dataset size before its runs (share data, start workers: kept out of timings). */
  prepare?(ds: Dataset, maxWorkers: number): Promise<void>;
  /** Called after a size's runs for subsamples the experiment created (never the caller's dataset). */
  release?(ds: Dataset): void;
  /** Relative cost of one run, for the ETA; default n·k. */
  workEstimate?(n: number, k: number): number;
}

export interface ExperimentProgress {
  /** Cell of the run just finished, 0-based, in result order (size, k, workers ascending). */
  cellIndex: number;
  cellCount: number;
  /** Runs finished so far (warm-ups included) and the total. */
  runIndex: number;
  runCount: number;
  n: number;
  k: number;
  workers: number;
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

/** Worker order for round r: the ascending list rotated by r, so each count leads once in a while. */
export function roundOrder(workers: number[], round: number): number[] {
  const shift = round % workers.length;
  return [...workers.slice(shift), ...workers.slice(0, shift)];
}

function isCancellation(err: unknown, token?: CancelToken): boolean {
  return token?.cancelled === true || (err as { name?: unknown })?.name === 'CancelledError';
}

class Cancelled extends Error {}

interface GroupState {
  n: number;
  k: number;
  times: Map<number, number[]>;
  /** First answer difference seen per worker count, and how many runs differed. */
  problems: Map<number, { note: string; runs: number }>;
  reference: CellAnswer | null;
}

function buildCells(g: GroupState, workers: number[]): ExperimentCell[] {
  const serial = g.times.get(0) ?? [];
  if (!serial.length) return [];
  const serialMedian = median(serial);
  const cells: ExperimentCell[] = [];
  for (const w of workers) {
    const times = g.times.get(w) ?? [];
    if (!times.length) continue;
    const med = median(times);
    const speedup = w === 0 ? 1 : serialMedian / med;
    const problem = g.problems.get(w);
    const cell: ExperimentCell = {
      n: g.n,
      k: g.k,
      workers: w,
      timesMs: times,
      medianMs: med,
      minMs: minOf(times),
      maxMs: maxOf(times),
      speedup,
      efficiency: speedup / Math.max(1, w),
      answerMatches: !problem,
    };
    if (problem) cell.answerNote = problem.runs > 1 ? `${problem.note} (in ${problem.runs} runs)` : problem.note;
    cells.push(cell);
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

export async function runExperiment(
  ds: Dataset,
  specIn: ExperimentSpec,
  runner: CellRunner,
  opts: ExperimentOptions = {},
): Promise<ExperimentResult> {
  const spec = normalizeSpec(specIn, ds);
  const { token } = opts;
  const workers = spec.workers;
  const maxWorkers = workers[workers.length - 1];
  // Warm up both code paths: the serial driver and the widest parallel run (spawns and JITs workers).
  const warmupWorkers = spec.warmup ? [...new Set([0, maxWorkers])] : [];
  const runsPerGroup = warmupWorkers.length + spec.repeats * workers.length;
  const groupCount = spec.sizes.length * spec.ks.length;
  const runCount = groupCount * runsPerGroup;
  const cellCount = groupCount * workers.length;
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

  const runOnce = async (sample: Dataset, g: GroupState, groupIndex: number, w: number, warmup: boolean) => {
    if (token?.cancelled) throw new Cancelled();
    let outcome: { ms: number; answer: CellAnswer };
    try {
      outcome = await runner.run(sample, g.k, w, token);
    } catch (err) {
      if (isCancellation(err, token)) throw new Cancelled();
      throw err;
    }
    if (g.reference === null && w === 0) g.reference = outcome.answer;
    else if (g.reference !== null) {
      const note = compareAnswers(g.reference, outcome.answer);
      if (note) {
        const seen = g.problems.get(w);
        if (seen) seen.runs++;
        else g.problems.set(w, { note: w === 0 ? `serial runs disagree: ${note}` : note, runs: 1 });
      }
    }
    if (!warmup) g.times.get(w)!.push(outcome.ms);
    runsDone++;
    unitsDone += weight(g.n, g.k);
    const elapsedMs = performance.now() - started;
    opts.onProgress?.({
      cellIndex: groupIndex * workers.length + workers.indexOf(w),
      cellCount,
      runIndex: runsDone,
      runCount,
      n: g.n,
      k: g.k,
      workers: w,
      warmup,
      lastMs: outcome.ms,
      elapsedMs,
      etaMs: unitsDone > 0 ? (elapsedMs / unitsDone) * (unitsTotal - unitsDone) : null,
    });
  };

  let groupIndex = 0;
  try {
    for (const n of spec.sizes) {
      const sample = subsample(ds, n, { seed: spec.seed, withReplacement: spec.withReplacement });
      await runner.prepare?.(sample, maxWorkers);
      try {
        for (const k of spec.ks) {
          const g: GroupState = { n, k, times: new Map(workers.map((w) => [w, []])), problems: new Map(), reference: null };
          try {
            for (const w of warmupWorkers) await runOnce(sample, g, groupIndex, w, true);
            for (let r = 0; r < spec.repeats; r++) {
              for (const w of roundOrder(workers, r)) await runOnce(sample, g, groupIndex, w, false);
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

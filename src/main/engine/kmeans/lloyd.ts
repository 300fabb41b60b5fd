// Lloyd's algorithm with restarts, independent of where it runs and of how a pass is executed:
// the serial and barrier drivers run it inside a worker, the message transport on the main
// thread. A pass (assignment of every chunk with the shared centroids) is injected.
import type { IterationRecord, KMeansParams, StopReason } from '../../../shared/types.ts';
import type { StopRequest } from '../pool/barrier-waiter.ts';
import type { SeedingProgress } from './init.ts';
import type { PassState } from './kernel.ts';
import { centroidShift, meanFeatureVariance, reducePartials, updateCentroids } from './update.ts';

/** A pass's shared state (see PassState) plus what the Lloyd loop needs from its host. */
export interface FitEnv extends PassState {
  /** Assigns every chunk with the current centroids; false when it stopped early (cancel/abort). */
  pass(): boolean | Promise<boolean>;
  /** Stop requests (cancel, or another participant failed); polled between passes. */
  stop: StopRequest;
  /** The error to throw once a stop was seen (CancelledError, or the failure that aborted). */
  stopError(): Error;
  /** Initial centroids (k·d) of restart r; null when stopped during initialisation. */
  initialCentroids(restart: number): Float64Array | null | Promise<Float64Array | null>;
  onIteration(rec: IterationRecord & { restart: number }): void;
  /** k-means++ progress (each centre chosen); absent where nobody listens. */
  onSeeding?(p: SeedingProgress): void;
  now(): number;
}

export interface FitOutcome {
  centroids: number[][];
  /** Starting centroids of the best restart. */
  initialCentroids: number[][];
  inertia: number;
  /** Iterations of the best restart. */
  iterations: number;
  stopReason: StopReason;
  history: IterationRecord[];
  bestRestart: number;
  initMs: number;
  /** Iteration time over all restarts (including each final labelling pass). */
  iterateMs: number;
  /** Iterations over all restarts. */
  totalIterations: number;
  /** Passes over the data over all restarts (iterations + final labelling passes). */
  passes: number;
}

interface RestartOutcome {
  centroids: Float64Array;
  init: Float64Array;
  inertia: number;
  iterations: number;
  stopReason: StopReason;
  history: IterationRecord[];
  passes: number;
}

/**
 * Runs params.nInit restarts and leaves the labels of the best one (lowest inertia, earliest on
 * ties) in env.labels. Invariant of every result: the labels are the nearest-centroid assignment
 * for the returned centroids, and the inertia is the sum of squared distances of that assignment.
 */
export async function fitKMeans(env: FitEnv, params: KMeansParams): Promise<FitOutcome> {
  const tolThreshold = params.tolerance > 0 ? params.tolerance * meanFeatureVariance(env.values, env.n, env.d) : 0;
  let best: (RestartOutcome & { restart: number }) | null = null;
  let bestLabels: Int32Array | null = null;
  let initMs = 0;
  let iterateMs = 0;
  let totalIterations = 0;
  let passes = 0;
  for (let r = 0; r < params.nInit; r++) {
    const t0 = env.now();
    const init = await env.initialCentroids(r);
    if (!init || env.stop.requested()) throw env.stopError();
    const t1 = env.now();
    initMs += t1 - t0;
    const out = await lloydRestart(env, params, init, r, tolThreshold);
    iterateMs += env.now() - t1;
    totalIterations += out.iterations;
    passes += out.passes;
    if (!best || out.inertia < best.inertia) {
      best = { ...out, restart: r };
      if (r < params.nInit - 1) bestLabels = env.labels.slice();
    }
  }
  if (best!.restart !== params.nInit - 1) env.labels.set(bestLabels!);
  const { d, k } = env;
  const rows = (flat: Float64Array) => Array.from({ length: k }, (_, j) => Array.from(flat.subarray(j * d, (j + 1) * d)));
  return {
    centroids: rows(best!.centroids),
    initialCentroids: rows(best!.init),
    inertia: best!.inertia,
    iterations: best!.iterations,
    stopReason: best!.stopReason,
    history: best!.history,
    bestRestart: best!.restart,
    initMs,
    iterateMs,
    totalIterations,
    passes,
  };
}

async function lloydRestart(env: FitEnv, params: KMeansParams, init: Float64Array, restart: number, tolThreshold: number): Promise<RestartOutcome> {
  const { n, d, k, plan, centroids } = env;
  const acc = new Float64Array(plan.stride);
  const next = new Float64Array(k * d);
  const history: IterationRecord[] = [];
  const t0 = env.now();
  env.labels.fill(-1);
  centroids.set(init);
  let passes = 0;
  const runPass = async (): Promise<void> => {
    passes++;
    if (!(await env.pass()) || env.stop.requested()) throw env.stopError();
  };

  let stopReason: StopReason = 'max-iterations';
  let inertia = 0;
  let labelsMatchCentroids = false;
  let iteration = 0;
  while (iteration < params.maxIterations) {
    iteration++;
    await runPass();
    const totals = reducePartials(env.partials, plan, acc);
    inertia = totals.inertia;
    const rec: IterationRecord = {
      iteration,
      changed: totals.changed,
      changedFraction: totals.changed / n,
      inertia,
      elapsedMs: env.now() - t0,
    };
    history.push(rec);
    env.onIteration({ ...rec, restart });
    if (totals.changed === 0) {
      // A fixed point: the labels were computed with the current centroids.
      stopReason = 'converged';
      labelsMatchCentroids = true;
      break;
    }
    updateCentroids({ values: env.values, n, d, k, labels: env.labels, old: centroids, acc }, next);
    const shift = centroidShift(next, centroids);
    // Hamerly's bounds need the move of every centroid since the pass that set them (kernel.ts).
    env.previous?.set(centroids);
    centroids.set(next);
    if (totals.changed < params.changedFraction * n) {
      stopReason = 'changed-fraction';
      break;
    }
    if (tolThreshold > 0 && shift <= tolThreshold) {
      stopReason = 'tolerance';
      break;
    }
  }
  if (!labelsMatchCentroids) {
    // Final labelling pass (as scikit-learn): labels and inertia for the centroids we return.
    await runPass();
    inertia = reducePartials(env.partials, plan, acc).inertia;
  }
  return { centroids: centroids.slice(), init, inertia, iterations: iteration, stopReason, history, passes };
}

// PAM split across the workers of a pool run, with the same answer as pam() (pam.ts).
//
// PAM is a chain of steps — k BUILD steps, then SWAP passes — and each step scans every candidate
// row h in O(n). A step's candidates are cut into `blocks` ranges; the workers present claim blocks,
// and whoever completes a step's last block folds the block results in block order (= row order,
// so ties fall as in pam()), decides, and opens the next step. Every worker then loads the new
// medoid list itself (O(k·n), small next to a step's O(n²)).
//
// Steps are handed out by tickets (step-tickets.ts), so nothing needs resetting between steps and
// nobody waits for a worker that has not started.
import type { StopRequest } from '../pool/barrier-waiter.ts';
import type { DistanceRows } from './distance.ts';
import { foldBuild, foldSwap, noBuildPick, noSwapPick, PamScan, swapImproves, validatePam, type PamOutcome } from './pam.ts';
import { StepTickets, T } from './step-tickets.ts';

/** Shared memory of one cooperative PAM (structured-clone safe). */
export interface PamShare {
  /** Int32 control words (indices in C). */
  control: SharedArrayBuffer;
  /** Int32 × k: the medoid list of the open step (BUILD steps: its prefix). */
  medoids: SharedArrayBuffer;
  /** Float64 × blocks × 3: each block's pick (gain | delta, t, h) for the open step. */
  picks: SharedArrayBuffer;
  blocks: number;
  maxIterations: number;
}

/** Control words after the tickets' (step-tickets.ts; its steps: 0..k-1 BUILD, then SWAP passes). */
const C = {
  SWAPS: T.FIRST_FREE,
  /** SWAP passes run (pam()'s `iterations`). */
  PASSES: T.FIRST_FREE + 1,
  SIZE: T.FIRST_FREE + 2,
} as const;

export function allocatePamShare(k: number, blocks: number, maxIterations: number): PamShare {
  return {
    control: new SharedArrayBuffer(C.SIZE * 4),
    medoids: new SharedArrayBuffer(k * 4),
    picks: new SharedArrayBuffer(blocks * 3 * 8),
    blocks,
    maxIterations,
  };
}

export interface CooperativePamOptions {
  /** Poll for cancellation (throws to stop). */
  poll: () => void;
  /** Spin briefly before sleeping between steps (only when every worker has its own core). */
  spin: boolean;
  /** Called when this worker first works on a step (numbered as in PamOptions.onStep). */
  onStep?: (step: number) => void;
}

/** Runs this worker's share of the PAM in `share` and returns the (common) outcome. */
export function cooperativePam(rows: DistanceRows, k: number, share: PamShare, opts: CooperativePamOptions): PamOutcome {
  const n = rows.n;
  validatePam(n, k);
  const control = new Int32Array(share.control);
  const medoids = new Int32Array(share.medoids);
  const picks = new Float64Array(share.picks);
  const { blocks } = share;
  const scan = new PamScan(rows, k);
  const stop: StopRequest = { requested: () => (opts.poll(), false) };
  const tickets = new StepTickets(control, blocks, opts.spin, stop);
  let loadedStep = -1;
  let total = 0;

  /** Loads the open step's medoid list (once per step). */
  const load = (step: number) => {
    if (loadedStep === step) return;
    scan.load(medoids.subarray(0, Math.min(step, k)));
    if (step >= k) total = scan.assign();
    loadedStep = step;
  };

  for (let got = tickets.next(); got !== null; got = tickets.next()) {
    const { step, block: b } = got;
    if (step !== loadedStep) opts.onStep?.(step);
    load(step);
    const from = Math.floor((b * n) / blocks);
    const to = Math.floor(((b + 1) * n) / blocks);
    if (step < k) {
      const pick = noBuildPick();
      scan.scanBuild(from, to, pick);
      picks.set([pick.gain, 0, pick.h], b * 3);
    } else {
      const pick = noSwapPick();
      scan.scanSwaps(from, to, pick, opts.poll);
      picks.set([pick.delta, pick.t, pick.h], b * 3);
    }
    opts.poll();
    if (tickets.complete(step)) decide(step);
  }
  load(tickets.current);
  return scan.outcome(Atomics.load(control, C.PASSES), Atomics.load(control, C.SWAPS));

  /** The last block of `step` is in: fold the picks in block order, record the decision, open the next step. */
  function decide(step: number): void {
    let done = false;
    if (step < k) {
      const best = noBuildPick();
      for (let b = 0; b < blocks; b++) foldBuild(best, { gain: picks[b * 3], h: picks[b * 3 + 2] });
      medoids[step] = best.h;
      done = step === k - 1 && share.maxIterations <= 0;
    } else {
      const best = noSwapPick();
      for (let b = 0; b < blocks; b++) foldSwap(best, { delta: picks[b * 3], t: picks[b * 3 + 1], h: picks[b * 3 + 2] });
      const passes = step - k + 1;
      Atomics.store(control, C.PASSES, passes);
      if (swapImproves(best, total)) {
        medoids[best.t] = best.h;
        Atomics.add(control, C.SWAPS, 1);
        done = passes >= share.maxIterations;
      } else done = true;
    }
    tickets.open(step, done);
  }
}

// Steps shared by the workers of a run (pam-coop.ts, dual-ascent.ts): each step is cut into
// `blocks`; block b of step s is ticket s·blocks + b from one counter that never resets, so a
// worker that takes a ticket of a step not yet open just waits for it, and nobody ever waits for a
// worker that has not started (only ticket holders are waited for, and they are running). Whoever
// completes a step's last block decides it and opens the next step.
import { BarrierWaiter, type StopRequest } from '../pool/barrier-waiter.ts';

/** Int32 control words every ticketed driver starts with (its own words follow from FIRST_FREE). */
export const T = { TICKET: 0, COMPLETED: 1, STEP: 2, DONE: 3, FIRST_FREE: 4 } as const;

export class StepTickets {
  private readonly waiter: BarrierWaiter;

  constructor(
    private readonly control: Int32Array,
    readonly blocks: number,
    spin: boolean,
    private readonly stop: StopRequest,
  ) {
    this.waiter = new BarrierWaiter(spin);
  }

  /** The next block to work on, once its step is open; null once the answer is final. */
  next(): { step: number; block: number } | null {
    const { control } = this;
    const ticket = Atomics.add(control, T.TICKET, 1);
    const step = Math.floor(ticket / this.blocks);
    for (let open = Atomics.load(control, T.STEP); open < step && Atomics.load(control, T.DONE) === 0; open = Atomics.load(control, T.STEP)) {
      this.waiter.waitWhileEqual(control, T.STEP, open, this.stop);
    }
    if (Atomics.load(control, T.DONE) !== 0) return null;
    return { step, block: ticket - step * this.blocks };
  }

  /** Marks a block of `step` done: true when it was the step's last (the caller then decides and calls open). */
  complete(step: number): boolean {
    return Atomics.add(this.control, T.COMPLETED, 1) + 1 === (step + 1) * this.blocks;
  }

  /** Opens step + 1, or ends the run of steps; plain writes before this are published by its atomic stores. */
  open(step: number, final: boolean): void {
    if (final) Atomics.store(this.control, T.DONE, 1);
    Atomics.store(this.control, T.STEP, step + 1);
    Atomics.notify(this.control, T.STEP);
  }

  get current(): number {
    return Atomics.load(this.control, T.STEP);
  }
}

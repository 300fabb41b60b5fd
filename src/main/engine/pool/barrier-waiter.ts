// Waiting for another worker to change a shared Int32 word (barriers of k-means passes and of the
// cooperative PAM steps).

/** Anything that can say "stop waiting": a run's cancel or abort flags. */
export interface StopRequest {
  requested(): boolean;
}

/** How long a blocked waiter sleeps before re-checking its stop request (notify wakes it sooner). */
const WAIT_SLICE_MS = 50;
const SPIN_MAX_MS = 0.5;
const SPIN_MIN_MS = 0.02;

/**
 * Waking a sleeping thread (futex + inter-processor interrupt, slower still in a VM) costs tens to
 * hundreds of microseconds; a partner that is about to arrive is seen within a microsecond by
 * polling. So a waiter polls for about twice its recent typical wait (smoothed), capped at
 * SPIN_MAX_MS, then sleeps until notified. The cap bounds what polling can cost when the cores are
 * shared with other work (the waiter then burns time its partner may need); with more workers than
 * cores, construct it with spin = false and it sleeps at once.
 */
export class BarrierWaiter {
  private typicalMs = 0;

  constructor(private readonly spin: boolean) {}

  /** Returns once control[index] differs from `value`: true, or false when asked to stop. */
  waitWhileEqual(control: Int32Array, index: number, value: number, stop: StopRequest): boolean {
    if (Atomics.load(control, index) !== value) return true;
    const start = performance.now();
    const ok = this.pollThenSleep(control, index, value, stop);
    this.typicalMs += (performance.now() - start - this.typicalMs) * 0.25;
    return ok;
  }

  private pollThenSleep(control: Int32Array, index: number, value: number, stop: StopRequest): boolean {
    if (this.spin) {
      const until = performance.now() + Math.min(SPIN_MAX_MS, Math.max(SPIN_MIN_MS, 2 * this.typicalMs));
      do {
        for (let i = 0; i < 128; i++) if (Atomics.load(control, index) !== value) return true;
      } while (performance.now() < until);
    }
    while (Atomics.load(control, index) === value) {
      if (stop.requested()) return false;
      Atomics.wait(control, index, value, WAIT_SLICE_MS);
    }
    return true;
  }
}

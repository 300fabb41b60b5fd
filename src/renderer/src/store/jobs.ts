// The status bar's job: one job at a time, its live progress, its final sentence, and cancelling it.
import type { WorkbenchEvent } from '../../../shared/contract/api.ts';
import type { IterationRecord } from '../../../shared/types.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { JobState } from './types.ts';

export function jobsState() {
  return {
    job: null as JobState | null,
    /** Convergence of the running k-means restart, drawn live. */
    liveIterations: [] as IterationRecord[],
    notice: null as { kind: 'info' | 'error'; text: string } | null,
  };
}

/** How a job that resolved ended: done, or cancelled with the partial results it returned. */
export interface JobOutcome {
  status: 'done' | 'cancelled';
  message: string;
}

let jobCounter = 0;
export function newJobId(kind: string): string {
  jobCounter += 1;
  return `${kind}-${Date.now().toString(36)}-${jobCounter}`;
}

export function createJobs({ state, call }: StoreContext) {
  const busy = () => state.job?.status === 'running';
  /** Jobs the user cancelled: what runs in the page itself (an upload) checks this between steps. */
  const cancelled = new Set<string>();
  const cancelRequested = (jobId: string) => cancelled.has(jobId);

  function onEvent(event: WorkbenchEvent): void {
    if (event.type === 'progress') {
      const job = state.job;
      if (!job || job.id !== event.progress.jobId || job.status !== 'running') return;
      job.progress = event.progress;
      const d = event.progress.detail as Partial<IterationRecord> & { restart?: number } | undefined;
      if (d && typeof d.iteration === 'number' && typeof d.inertia === 'number' && typeof d.changedFraction === 'number') {
        // Live convergence of the current restart (a new restart starts a new curve).
        if (state.liveIterations.length && d.iteration <= state.liveIterations[state.liveIterations.length - 1].iteration) state.liveIterations = [];
        state.liveIterations.push({ iteration: d.iteration, inertia: d.inertia, changedFraction: d.changedFraction, changed: d.changed ?? 0, elapsedMs: d.elapsedMs ?? 0 });
      }
    }
    // Menu actions are handled by the App (they need the UI, e.g. the file picker).
  }

  /**
   * Runs one job: sets the status bar, routes progress, turns cancellation into "cancelled".
   * `describe` gives the final sentence; a job that resolves with partial results after a cancel
   * (an experiment) says so with `{ status: 'cancelled', message }`.
   */
  async function runJob<T>(kind: string, label: string, work: (jobId: string) => Promise<T>, describe: (value: T) => string | JobOutcome): Promise<T | null> {
    if (busy()) {
      state.notice = { kind: 'info', text: `Wait for "${state.job!.label}" to finish, or cancel it.` };
      return null;
    }
    const id = newJobId(kind);
    state.job = { id, label, status: 'running', progress: null, startedAt: performance.now(), endedAt: null, message: '' };
    state.notice = null;
    const job = state.job;
    try {
      const value = await work(id);
      const outcome = describe(value);
      job.status = typeof outcome === 'string' ? 'done' : outcome.status;
      job.message = typeof outcome === 'string' ? outcome : outcome.message;
      return value;
    } catch (err) {
      const { message, code } = errorInfo(err);
      job.status = code === 'cancelled' ? 'cancelled' : 'error';
      job.message = code === 'cancelled' ? `${label} cancelled` : message;
      throw err;
    } finally {
      job.endedAt = performance.now();
    }
  }

  async function cancel(): Promise<void> {
    const job = state.job;
    if (!job || job.status !== 'running') return;
    job.progress = { ...(job.progress ?? { jobId: job.id, fraction: null, elapsedMs: 0, etaMs: null, phase: '' }), message: 'cancelling…' };
    cancelled.add(job.id);
    try {
      await call('job:cancel', { jobId: job.id });
    } catch (err) {
      state.notice = { kind: 'error', text: `Cancel failed: ${errorInfo(err).message}` };
    }
  }

  return { busy, onEvent, runJob, cancel, cancelRequested };
}

export type Jobs = ReturnType<typeof createJobs>;

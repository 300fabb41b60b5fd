// Long-running calls carry a caller-chosen job id so any transport can cancel them.
import { CancelToken } from '../engine/pool/cancel.ts';
import type { WorkbenchEvent } from '../../shared/contract/index.ts';
import type { ProgressEvent } from '../../shared/types.ts';

export class JobRegistry {
  private readonly tokens = new Map<string, CancelToken>();

  start(jobId: string): CancelToken {
    if (this.tokens.has(jobId)) throw Object.assign(new Error(`job "${jobId}" is already running`), { code: 'job-exists' });
    const token = new CancelToken();
    this.tokens.set(jobId, token);
    return token;
  }

  cancel(jobId: string): boolean {
    const token = this.tokens.get(jobId);
    if (!token) return false;
    token.cancel();
    return true;
  }

  finish(jobId: string): void {
    this.tokens.delete(jobId);
  }

  cancelAll(): void {
    for (const t of this.tokens.values()) t.cancel('The workbench is shutting down');
  }

  /** Runs `work` as job `jobId`, always releasing the id afterwards. */
  async run<T>(jobId: string, work: (token: CancelToken) => Promise<T>): Promise<T> {
    const token = this.start(jobId);
    try {
      return await work(token);
    } finally {
      this.finish(jobId);
    }
  }
}

/** Builds progress events with elapsed time and a linear ETA, throttled to ~20 per second. */
export function progressReporter(jobId: string, emit: (e: WorkbenchEvent) => void, minIntervalMs = 50) {
  const t0 = performance.now();
  let last = -Infinity;
  return (phase: string, fraction: number | null, message: string, detail?: Record<string, unknown>, force = false): void => {
    const now = performance.now();
    if (!force && now - last < minIntervalMs && fraction !== 1) return;
    last = now;
    const elapsedMs = now - t0;
    const etaMs = fraction !== null && fraction > 0.001 && fraction < 1 ? (elapsedMs * (1 - fraction)) / fraction : null;
    const progress: ProgressEvent = { jobId, phase, fraction, message, elapsedMs, etaMs, detail };
    emit({ type: 'progress', progress });
  };
}

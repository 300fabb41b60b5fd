// Cooperative cancellation that reaches running workers without a message round trip:
// the flag lives in a SharedArrayBuffer, kernels poll it between blocks of work.

export class CancelledError extends Error {
  constructor(message = 'Cancelled by user') {
    super(message);
    this.name = 'CancelledError';
  }
}

export class CancelToken {
  readonly buffer: SharedArrayBuffer;
  private readonly flag: Int32Array;
  private reasonText = 'Cancelled by user';
  private readonly listeners = new Set<() => void>();

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(4);
    this.flag = new Int32Array(this.buffer);
  }

  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) !== 0;
  }

  get reason(): string {
    return this.reasonText;
  }

  cancel(reason = 'Cancelled by user'): void {
    if (this.cancelled) return;
    this.reasonText = reason;
    Atomics.store(this.flag, 0, 1);
    for (const fn of this.listeners) fn();
  }

  onCancel(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new CancelledError(this.reasonText);
  }
}

/** Worker-side view of a token's buffer. */
export function isFlagSet(buffer: SharedArrayBuffer | undefined): boolean {
  return buffer !== undefined && Atomics.load(new Int32Array(buffer), 0) !== 0;
}

// A full garbage collection on demand, for a worker that just let go of a big shared buffer. An
// idle worker allocates nothing, so V8 never collects it, and the garbage that still points at a
// finished run's SharedArrayBuffer (an n² distance matrix: 800 MB at N = 10,000) keeps that memory
// alive for as long as the worker idles. Measured in bench:soak: +800 MB RSS per PAM run without this.
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** Runs a full GC in this thread; a no-op where the runtime refuses to expose it. */
export function collectGarbage(): void {
  if (gc === undefined) {
    gc = (globalThis as { gc?: () => void }).gc ?? null;
    if (gc === null) {
      try {
        // The documented V8 flag, set at run time; a fresh context then has `gc` as a global.
        v8.setFlagsFromString('--expose_gc');
        gc = vm.runInNewContext('gc') as () => void;
      } catch {
        gc = null;
      }
    }
  }
  gc?.();
}

// List scheduling of the generator tree's jobs on the run's worker slots (run.ts searchTree).
import type { TaskGroup } from './run.ts';

export interface Job {
  id: number;
  deps: number[];
  /** Merges and root parts before leaves: they free memory and sit on the critical path. */
  priority: number;
  run(slot: number): Promise<void>;
}

/** List scheduling on `slots` workers: a job starts on the lowest free slot once its deps are done. */
export function schedule(jobs: Job[], slots: number, tasks: TaskGroup): Promise<void> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const waiting = new Map(jobs.map((j) => [j.id, j.deps.length]));
  const dependents = new Map<number, number[]>();
  for (const j of jobs) for (const d of j.deps) dependents.set(d, [...(dependents.get(d) ?? []), j.id]);
  const ready = jobs.filter((j) => j.deps.length === 0);
  const free = Array.from({ length: slots }, (_, i) => i);
  let remaining = jobs.length;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const pump = (): void => {
      ready.sort((a, b) => b.priority - a.priority || a.id - b.id);
      free.sort((a, b) => a - b);
      while (!failed && free.length && ready.length) {
        const job = ready.shift()!;
        const slot = free.shift()!;
        tasks.track(job.run(slot)).then(
          () => {
            free.push(slot);
            remaining--;
            for (const d of dependents.get(job.id) ?? []) {
              const left = waiting.get(d)! - 1;
              waiting.set(d, left);
              if (left === 0) ready.push(byId.get(d)!);
            }
            if (remaining === 0) resolve();
            else pump();
          },
          (err: unknown) => {
            failed = true;
            reject(err);
          },
        );
      }
    };
    if (remaining === 0) resolve();
    else pump();
  });
}

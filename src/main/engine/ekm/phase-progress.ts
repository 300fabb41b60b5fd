// What a long EKM run is doing before its first medoid set is summed: every phase (distance
// matrix, PAM bound, Lagrangian dual, search) reports itself through the run's progress path, so
// a user never watches "0 %" for seconds without knowing why (issue 14).

export type EkmPhase = 'matrix' | 'bound' | 'dual' | 'search';

/** Phases in the order a run goes through them (the run's phase never moves backwards). */
export const EKM_PHASES: readonly EkmPhase[] = ['matrix', 'bound', 'dual', 'search'];

export const PHASE_NAMES: Record<EkmPhase, string> = {
  matrix: 'distance matrix',
  bound: 'PAM bound',
  dual: 'Lagrangian bound',
  search: 'search',
};

/** One report of a phase: where in it the task is, in words (e.g. "BUILD step 2 of 3"). */
export interface PhaseStep {
  phase: EkmPhase;
  detail: string;
}

export function phaseRank(p: EkmPhase): number {
  return EKM_PHASES.indexOf(p);
}

/** Throttles a task's phase reports: the first report of each phase always goes out, then at most one per `everyMs`. */
export class PhaseReporter {
  private current: EkmPhase | null = null;
  private last = -Infinity;

  constructor(
    private readonly send: ((step: PhaseStep) => void) | undefined,
    private readonly everyMs: number,
  ) {}

  report(phase: EkmPhase, detail: () => string): void {
    if (!this.send) return;
    const now = performance.now();
    if (phase === this.current && now - this.last < this.everyMs) return;
    this.current = phase;
    this.last = now;
    this.send({ phase, detail: detail() });
  }
}

/** "BUILD step 2 of 3" / "SWAP pass 4" for PAM step `step` (BUILD steps 0..k−1, then passes). */
export function pamStepDetail(step: number, k: number): string {
  return step < k ? `BUILD step ${step + 1} of ${k}` : `SWAP pass ${step - k + 1}`;
}

/** The run's progress as one line: the phase and where in it, or the search's counts. */
export function ekmProgressMessage(p: { phase: EkmPhase; phaseDetail: string; evaluated: number; total: number; bestCost: number }): string {
  if (p.phase !== 'search') return `${PHASE_NAMES[p.phase]}: ${p.phaseDetail}`;
  const best = Number.isFinite(p.bestCost) ? `; best cost ${p.bestCost.toPrecision(6)}` : '';
  return `search: ${p.evaluated.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} combinations decided${best}`;
}

/** Share of the medoid sets decided while searching; unknown (null) in the phases before. */
export function ekmProgressFraction(p: { phase: EkmPhase; evaluated: number; total: number }): number | null {
  return p.phase === 'search' && p.total > 0 ? p.evaluated / p.total : null;
}

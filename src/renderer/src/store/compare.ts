// History → Compare: which two runs are picked, and their comparison (computed in main, where the
// per-row labels are). A refusal (runs on different data) is shown in the compare view itself.
import type { RunComparison } from '../../../shared/compare.ts';
import { errorInfo, type StoreContext } from './context.ts';

export function compareState() {
  return {
    /** Run ids ticked in History for comparison, in the order ticked (at most two). */
    compareSelection: [] as string[],
    comparison: null as RunComparison | null,
    compareError: null as string | null,
  };
}

export function createCompare({ state, call }: StoreContext) {
  /** Ticks or unticks a run; a third tick replaces the oldest, so two stay picked. */
  function toggleCompare(recordId: string, on: boolean): void {
    const rest = state.compareSelection.filter((id) => id !== recordId);
    state.compareSelection = on ? [...rest, recordId].slice(-2) : rest;
  }

  async function compareSelected(): Promise<void> {
    const [recordA, recordB] = state.compareSelection;
    if (!recordA || !recordB) return;
    try {
      state.comparison = await call('runs:compare', { recordA, recordB });
      state.compareError = null;
    } catch (err) {
      state.comparison = null;
      state.compareError = errorInfo(err).message;
    }
  }

  function closeComparison(): void {
    state.comparison = null;
    state.compareError = null;
  }

  return { toggleCompare, compareSelected, closeComparison };
}

export type Compare = ReturnType<typeof createCompare>;

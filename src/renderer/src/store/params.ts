// The run settings as typed: which are valid, what the host receives, and EKM's size estimate.
import type { EkmEstimate } from '../../../shared/contract/api.ts';
import type { DatasetSummary } from '../../../shared/types.ts';
import { errorInfo, type StoreContext } from './context.ts';
import { fieldsFor, type CheckedParam } from './param-rules.ts';
import { DEFAULT_PARAMS, type RunParams } from './types.ts';

export function paramsState() {
  return {
    params: { ...DEFAULT_PARAMS } as RunParams,
    /** Why a typed parameter is refused, per field (the panel validates as the user types). */
    inputErrors: {} as Partial<Record<CheckedParam, string>>,
    estimate: null as EkmEstimate | null,
    estimateError: null as string | null,
    /** Set when the user must confirm a refused EKM run. */
    forcePrompt: null as { reason: string; mode: 'serial' | 'parallel' } | null,
  };
}

export function createParams({ state, call }: StoreContext) {
  function ekmWorkers(): number {
    const w = state.params.workers;
    return w === 'auto' ? Math.max(1, state.info?.defaultWorkers ?? 2) : Math.max(1, w);
  }

  function ekmParams(mode: 'serial' | 'parallel', force: boolean) {
    const p = state.params;
    return {
      k: p.k,
      variant: mode === 'serial' ? ('sequential' as const) : p.variant,
      distance: p.distance,
      workers: mode === 'serial' ? 1 : ekmWorkers(),
      ...(force ? { force: true } : {}),
    };
  }

  function kmeansParams(workers: number | 'auto') {
    const p = state.params;
    return { k: p.k, init: p.init, nInit: p.nInit, seed: p.seed, changedFraction: p.changedFraction, tolerance: p.tolerance, maxIterations: p.maxIterations, workers };
  }

  let estimateSeq = 0;
  async function refreshEstimate(): Promise<void> {
    const ds = state.dataset;
    if (!ds || state.params.algorithm !== 'ekm') {
      state.estimate = null;
      state.estimateError = null;
      return;
    }
    const seq = ++estimateSeq;
    try {
      const est = await call('ekm:estimate', { datasetId: ds.id, params: ekmParams('parallel', false) });
      if (seq === estimateSeq) {
        state.estimate = est;
        state.estimateError = null;
      }
    } catch (err) {
      if (seq === estimateSeq) {
        state.estimate = null;
        state.estimateError = errorInfo(err).message;
      }
    }
  }

  /** The first reason an action cannot run with the parameters as typed, or null. */
  function invalidReason(action: 'run' | 'compare'): string | null {
    for (const f of fieldsFor(state.params.algorithm, action)) if (state.inputErrors[f]) return state.inputErrors[f] ?? null;
    return null;
  }

  /** Refuses (with the reason in the status bar) instead of silently running older values. */
  function refuseInvalid(action: 'run' | 'compare'): boolean {
    const reason = invalidReason(action);
    if (reason) state.notice = { kind: 'error', text: `Not run: ${reason}` };
    return reason !== null;
  }

  function requireDataset(): DatasetSummary | null {
    if (state.dataset) return state.dataset;
    state.notice = { kind: 'info', text: 'Open a dataset first (a sample is one click away in the Dataset panel).' };
    return null;
  }

  return { ekmParams, kmeansParams, refreshEstimate, invalidReason, refuseInvalid, requireDataset };
}

export type Params = ReturnType<typeof createParams>;

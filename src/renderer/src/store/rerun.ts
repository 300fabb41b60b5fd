// "Re-run with these settings": puts a record's settings back in the side panel — the dataset
// with its features and scaling, the algorithm and every parameter, the class column it was
// validated against — for k-means, EKM, PAM runs and scaling experiments alike. Nothing runs until
// the user presses Run, so the settings can still be changed.
import type { EkmParams, ExperimentRecord, KMeansParams, RecordView, RunRecordView } from '../../../shared/types.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { Analysis } from './analysis.ts';
import type { Dataset } from './dataset.ts';
import type { RunParams } from './types.ts';

/** The panel's parameters for a k-means run; workers 0 (the serial driver) keeps the panel's choice. */
function kmeansSettings(p: Partial<KMeansParams>, current: RunParams): Partial<RunParams> {
  return {
    algorithm: 'kmeans',
    ...(p.k !== undefined ? { k: p.k } : {}),
    ...(p.init === 'random' || p.init === 'kmeans++' ? { init: p.init } : {}),
    ...(p.nInit !== undefined ? { nInit: p.nInit } : {}),
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
    ...(p.changedFraction !== undefined ? { changedFraction: p.changedFraction } : {}),
    ...(p.tolerance !== undefined ? { tolerance: p.tolerance } : {}),
    ...(p.maxIterations !== undefined ? { maxIterations: p.maxIterations } : {}),
    workers: p.workers === undefined || p.workers === 0 ? current.workers : p.workers,
  };
}

function ekmSettings(p: Partial<EkmParams>, algorithm: 'ekm' | 'pam', withPam: boolean): Partial<RunParams> {
  return {
    algorithm,
    ...(p.k !== undefined ? { k: p.k } : {}),
    ...(p.distance ? { distance: p.distance } : {}),
    ...(algorithm === 'ekm' && p.variant ? { variant: p.variant } : {}),
    ...(algorithm === 'ekm' && p.workers ? { workers: p.workers } : {}),
    ...(algorithm === 'ekm' ? { withPam } : {}),
  };
}

function runSettings(rec: RunRecordView, current: RunParams): Partial<RunParams> {
  const r = rec.result;
  return r.algorithm === 'kmeans' ? kmeansSettings(r.params, current) : ekmSettings(r.params, r.algorithm, rec.heuristic !== undefined);
}

function experimentSettings(rec: ExperimentRecord, current: RunParams): Partial<RunParams> {
  const spec = rec.experiment.spec;
  const algo = spec.algorithm === 'kmeans' ? kmeansSettings(spec.kmeans ?? {}, current) : ekmSettings(spec.ekm ?? {}, 'ekm', current.withPam);
  return { ...algo, gridWorkers: spec.workers.join(','), gridSizes: spec.sizes.join(','), repeats: spec.repeats, ceiling: spec.ceiling === true };
}

/** What a sentence says the record ran with ("k-means, k = 3, 10 restarts"), for the notice. */
function what(rec: RecordView): string {
  if (rec.kind === 'experiment') return `the scaling experiment "${rec.title}"`;
  return `"${rec.title}"`;
}

export function createRerun({ state, call }: StoreContext, { ensureDatasetFor }: Pick<Dataset, 'ensureDatasetFor'>, { refreshClassColumns }: Pick<Analysis, 'refreshClassColumns'>) {
  function apply(settings: Partial<RunParams>): void {
    state.inputErrors = {}; // typed drafts give way to the record's values
    state.forcePrompt = null;
    Object.assign(state.params, settings);
  }

  /** A sweep's settings: its data in the side panel, its range and algorithm in the Choose k form. */
  async function rerunSweep(sweepId: string): Promise<void> {
    const doc = await call('sweep:load', { sweepId });
    await ensureDatasetFor({ id: sweepId, dataset: doc.dataset });
    const onData = state.dataset?.hash === doc.dataset.hash;
    const p = doc.sweep.params;
    Object.assign(state.sweepForm, { algorithm: p.algorithm, kFrom: p.kFrom, kTo: p.kTo, nInit: p.nInit, workers: p.workers, ...(p.ekmBudgetS !== undefined ? { ekmBudgetS: p.ekmBudgetS } : {}) });
    if (onData && state.dataset) state.loadOptions = { ...state.loadOptions, features: null, scaling: state.dataset.scaling, missing: state.dataset.missing };
    state.tab = 'sweep';
    state.notice = onData
      ? { kind: 'info', text: `Settings of the k sweep ${p.kFrom}–${p.kTo} on ${doc.dataset.name} are in the Choose k tab, its data in the side panel.` }
      : { kind: 'error', text: `Settings of the k sweep are in the Choose k tab; its data (${doc.dataset.name}) could not be reopened.` };
  }

  async function rerunSettings(recordId: string): Promise<void> {
    try {
      if (state.history.find((e) => e.id === recordId)?.kind === 'sweep') return await rerunSweep(recordId);
      const rec = await call('history:load', { recordId });
      // the record's own rows, features and scaling (the host checks the file's SHA-256)
      await ensureDatasetFor(rec);
      const onData = state.dataset?.hash === rec.dataset.hash;
      apply(rec.kind === 'run' ? runSettings(rec, state.params) : experimentSettings(rec, state.params));
      const classColumn = rec.kind === 'run' ? rec.validation?.classColumn : undefined;
      if (onData && state.dataset) {
        // the panel shows the record's features and scaling, not a draft left from before
        state.loadOptions = { ...state.loadOptions, features: null, scaling: state.dataset.scaling, missing: state.dataset.missing };
        state.classColumn = classColumn ?? '';
        await refreshClassColumns().catch(() => undefined);
      }
      const serial = rec.kind === 'run' && ((rec.result.algorithm === 'kmeans' && rec.result.params.workers === 0) || (rec.result.algorithm === 'ekm' && rec.result.params.variant === 'sequential'));
      const parts = [
        `Settings of ${what(rec)} are in the side panel`,
        classColumn && onData ? `, known classes: ${classColumn}` : '',
        rec.kind === 'run' && rec.result.algorithm === 'kmeans' && rec.result.params.init === 'given' ? '; it started from given centroids, the panel starts from k-means++' : '',
        serial ? '; it ran serially: press the serial Run button' : '',
        onData ? '.' : `; its data could not be reopened, so ${state.dataset ? `they apply to ${state.dataset.name}` : 'open its file first'}.`,
      ];
      state.notice = { kind: onData ? 'info' : 'error', text: parts.join('') };
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not restore the settings: ${errorInfo(err).message}` };
    }
  }

  return { rerunSettings };
}

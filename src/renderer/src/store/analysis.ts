// Analysis of the current run and choosing k: the class column, scoring the run (quality and
// validation, kept with the record), and the k sweep.
import type { ClassColumnsReply } from '../../../shared/contract/api.ts';
import { DEFAULT_SWEEP_EKM_BUDGET_S, type SweepAlgorithm, type SweepDocument } from '../../../shared/analysis.ts';
import type { RunRecordView } from '../../../shared/types.ts';
import type { StoreContext } from './context.ts';
import type { Jobs } from './jobs.ts';

export interface SweepForm {
  algorithm: SweepAlgorithm;
  kFrom: number;
  kTo: number;
  nInit: number;
  workers: number;
  /** EKM: k values whose runtime estimate is above this many seconds are not run (a note says which). */
  ekmBudgetS: number;
}

export function analysisState() {
  return {
    classColumns: null as ClassColumnsReply | null,
    /** The column chosen as known classes ('' = none). */
    classColumn: '',
    sweep: null as SweepDocument | null,
    sweepForm: { algorithm: 'kmeans', kFrom: 2, kTo: 8, nInit: 10, workers: 2, ekmBudgetS: DEFAULT_SWEEP_EKM_BUDGET_S } as SweepForm,
  };
}

/** Why the sweep form cannot run as typed, or null. */
export function sweepFormProblem(f: SweepForm, rows: number | undefined): string | null {
  const whole = (v: number) => Number.isInteger(v);
  if (!whole(f.kFrom) || f.kFrom < 2) return 'k from must be a whole number ≥ 2';
  if (!whole(f.kTo) || f.kTo < f.kFrom) return 'k to must be a whole number ≥ k from';
  if (rows !== undefined && f.kTo >= rows) return `k to must be below the number of rows (${rows})`;
  if (f.kTo - f.kFrom + 1 > 200) return 'a sweep runs at most 200 values of k';
  if (!whole(f.nInit) || f.nInit < 1) return 'restarts must be a whole number ≥ 1';
  if (!whole(f.workers) || f.workers < 1) return 'workers must be a whole number ≥ 1';
  if (f.algorithm === 'ekm' && !(Number.isFinite(f.ekmBudgetS) && f.ekmBudgetS > 0)) return 'the EKM budget per k must be a number of seconds > 0';
  return null;
}

/** The form as the host takes it: restarts only for k-means, the budget only for EKM. */
function sweepPayload(f: SweepForm) {
  const { ekmBudgetS, ...rest } = f;
  return { ...rest, nInit: f.algorithm === 'kmeans' ? f.nInit : 1, ...(f.algorithm === 'ekm' ? { ekmBudgetS } : {}) };
}

export function createAnalysis({ state, call }: StoreContext, { runJob }: Pick<Jobs, 'runJob'>) {
  async function refreshClassColumns(): Promise<void> {
    const ds = state.dataset;
    if (!ds) {
      state.classColumns = null;
      return;
    }
    const reply = await call('analysis:classColumns', { datasetId: ds.id });
    if (state.dataset?.id !== ds.id) return; // another dataset was opened meanwhile
    state.classColumns = reply;
    if (!reply.columns.includes(state.classColumn)) state.classColumn = reply.unavailable ? '' : (reply.suggestions[0]?.column ?? '');
  }

  async function scoreRun(): Promise<void> {
    const ds = state.dataset;
    const run = state.run;
    if (!ds || !run) return;
    const classColumn = state.classColumn || undefined;
    try {
      const rec = (await runJob(
        'analysis',
        `quality${classColumn ? ` and validation vs ${classColumn}` : ''}`,
        (jobId) => call('analysis:run', { jobId, recordId: run.id, datasetId: ds.id, quality: true, ...(classColumn ? { classColumn } : {}) }),
        (r) => `silhouette ${(r as RunRecordView).quality?.silhouette.mean.toFixed(3)}${(r as RunRecordView).validation ? `, ARI ${(r as RunRecordView).validation!.ari.toFixed(3)}` : ''}`,
      )) as RunRecordView | null;
      if (rec && state.run?.id === rec.id) state.run = rec;
    } catch {
      /* the status bar shows the error */
    }
  }

  async function runSweep(): Promise<void> {
    const ds = state.dataset;
    if (!ds || sweepFormProblem(state.sweepForm, ds.rows)) return;
    const f = state.sweepForm;
    try {
      const doc = (await runJob(
        'sweep',
        `k sweep ${f.kFrom}..${f.kTo}`,
        (jobId) => call('sweep:run', { jobId, datasetId: ds.id, params: sweepPayload(f) }),
        (d) => `best k: silhouette ${(d as SweepDocument).sweep.best.silhouette ?? '—'}`,
      )) as SweepDocument | null;
      if (doc) {
        state.sweep = doc;
        state.sweepIsLatest = true;
        if (doc.saveWarning) state.notice = { kind: 'error', text: doc.saveWarning };
      }
    } catch {
      /* the status bar shows the error */
    }
  }

  return { refreshClassColumns, scoreRun, runSweep };
}

export type Analysis = ReturnType<typeof createAnalysis>;

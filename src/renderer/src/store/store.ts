// The app's store: one reactive state (state.ts) and the modules that act on it, one job each:
// connection, jobs (status bar), params, dataset, history, run, experiment, report.
import { inject, type InjectionKey } from 'vue';
import type { ClusterbenchApi } from '../../../shared/contract/api.ts';
import { createAnalysis } from './analysis.ts';
import { createCompare } from './compare.ts';
import { createConnection } from './connection.ts';
import { createContext } from './context.ts';
import { createDataset } from './dataset.ts';
import { createExperiment } from './experiment.ts';
import { createHistory } from './history.ts';
import { createJobs } from './jobs.ts';
import { createParams } from './params.ts';
import { createProfiles } from './profiles.ts';
import { createReport } from './report.ts';
import { createRows } from './rows.ts';
import { createRerun } from './rerun.ts';
import { createRun } from './run.ts';
import { createState } from './state.ts';

export * from './types.ts';
export { newJobId } from './jobs.ts';
export { downloadText } from './report.ts';
export type { StoreState } from './state.ts';

export function createStore(getApi: () => ClusterbenchApi | undefined = () => window.clusterbench) {
  const ctx = createContext(createState(), getApi);
  const jobs = createJobs(ctx);
  const params = createParams(ctx);
  const dataset = createDataset(ctx, jobs, params);
  const history = createHistory(ctx, dataset);
  const run = createRun(ctx, jobs, params, history);
  const experiment = createExperiment(ctx, jobs, params, history);
  const report = createReport(ctx);
  const connection = createConnection(ctx, jobs, history);
  const analysis = createAnalysis(ctx, jobs);
  const rows = createRows(ctx);
  const compare = createCompare(ctx);
  const profiles = createProfiles(ctx, jobs);
  const rerun = createRerun(ctx, dataset, analysis);

  return {
    state: ctx.state,
    busy: jobs.busy,
    invalidReason: params.invalidReason,
    init: connection.init,
    dispose: connection.dispose,
    openPath: dataset.openPath,
    openText: dataset.openText,
    openUpload: dataset.openUpload,
    openSample: dataset.openSample,
    openDialog: dataset.openDialog,
    reload: dataset.reload,
    retryWith: dataset.retryWith,
    forgetRecentFile: dataset.forgetRecentFile,
    setAxes: dataset.setAxes,
    refreshScatter: dataset.refreshScatter,
    fetchRows: rows.fetchRows,
    refreshEstimate: params.refreshEstimate,
    runSerial: run.runSerial,
    runParallel: run.runParallel,
    compare: experiment.compare,
    cancel: jobs.cancel,
    refreshHistory: history.refreshHistory,
    openRecord: history.openRecord,
    deleteRecord: history.deleteRecord,
    saveReport: report.saveReport,
    refreshClassColumns: analysis.refreshClassColumns,
    scoreRun: analysis.scoreRun,
    runSweep: analysis.runSweep,
    computeProfiles: profiles.computeProfiles,
    toggleCompare: compare.toggleCompare,
    compareSelected: compare.compareSelected,
    closeComparison: compare.closeComparison,
    rerunSettings: rerun.rerunSettings,
    /** Test hook for the progress path. */
    handleEvent: jobs.onEvent,
  };
}

export type Store = ReturnType<typeof createStore>;

export const STORE_KEY: InjectionKey<Store> = Symbol('clusterbench-store');

/** Where RunPanel puts its Run buttons (a selector the App provides); absent = in place (tests). */
export const SIDE_ACTIONS_KEY: InjectionKey<string> = Symbol('clusterbench-side-actions');

export function useStore(): Store {
  const store = inject(STORE_KEY);
  if (!store) throw new Error('useStore() outside the app: provide STORE_KEY');
  return store;
}

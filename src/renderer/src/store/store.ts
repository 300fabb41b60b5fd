// The app's one small reactive store: what is loaded, what runs, what is shown. Every call to the
// host goes through window.clusterbench (Electron preload or the web host's WebSocket client).
import { inject, reactive, type InjectionKey } from 'vue';
import type { AppInfo, ClusterbenchApi, EkmEstimate, HistoryEntry, RequestOutput, SampleInfo, ScatterData, WorkbenchEvent } from '../../../shared/contract/api.ts';
import type { RequestChannel } from '../../../shared/contract/channels.ts';
import type { RequestPayload } from '../../../shared/contract/schemas.ts';
import type {
  DatasetSummary,
  Distance,
  EkmVariant,
  ExperimentRecord,
  IterationRecord,
  KMeansInit,
  MissingPolicy,
  ProgressEvent,
  RunRecord,
  ScalingMode,
  WorkbenchRecord,
} from '../../../shared/types.ts';
import { fieldsFor, type NumericParam } from './param-rules.ts';
import { forgetRecent, loadRecent, rememberRecent, type RecentFile } from './recent.ts';
import { uploadFile, type UploadableFile } from './upload.ts';
import { fmtBytes } from '../format.ts';

export type TabId = 'data' | 'clusters' | 'convergence' | 'scaling' | 'ekm' | 'history';
export type AlgorithmChoice = 'kmeans' | 'ekm' | 'pam';
export type JobStatus = 'running' | 'done' | 'cancelled' | 'error';

export interface JobState {
  id: string;
  label: string;
  status: JobStatus;
  progress: ProgressEvent | null;
  startedAt: number;
  endedAt: number | null;
  /** Final sentence: result summary, "cancelled", or the error. */
  message: string;
}

export interface RunParams {
  algorithm: AlgorithmChoice;
  k: number;
  seed: number;
  init: Exclude<KMeansInit, 'given'>;
  nInit: number;
  changedFraction: number;
  /** Stop when the centroid shift is ≤ tolerance × mean feature variance (scikit-learn's rule); 0 = off. */
  tolerance: number;
  maxIterations: number;
  /** 'auto' or a worker count ≥ 1 for parallel runs (serial runs always use the serial driver). */
  workers: 'auto' | number;
  variant: EkmVariant;
  distance: Distance;
  withPam: boolean;
  /** Experiment grid as typed: "0,1,2,4". */
  gridWorkers: string;
  gridSizes: string;
  repeats: number;
  /** Also time the machine ceiling (P independent single-worker runs at once) in experiments. */
  ceiling: boolean;
}

export interface DatasetError {
  source: string;
  message: string;
  code: string;
}

/** Load options as the contract accepts them. */
type LoadOptions = NonNullable<RequestPayload<'dataset:open'>['options']>;

/** Where the loaded dataset came from, so "Apply" can reload it with other options. */
type DatasetSource =
  | { kind: 'path'; path: string; name: string }
  | { kind: 'text'; name: string; text: string }
  /** Web host: the file's bytes are uploaded (again on every reload). */
  | { kind: 'upload'; name: string; file: UploadableFile };

export const DEFAULT_PARAMS: RunParams = {
  algorithm: 'kmeans',
  k: 3,
  seed: 1,
  init: 'kmeans++',
  nInit: 1,
  changedFraction: 0.01,
  tolerance: 1e-4,
  maxIterations: 300,
  workers: 'auto',
  variant: 'fused',
  distance: 'sqeuclidean',
  withPam: true,
  gridWorkers: '0,1,2,4',
  gridSizes: '',
  repeats: 3,
  ceiling: false,
};

export const SCATTER_MAX_POINTS = 20_000;

function errorInfo(err: unknown): { message: string; code: string } {
  const e = err as { message?: unknown; code?: unknown };
  return { message: typeof e?.message === 'string' ? e.message : String(err), code: typeof e?.code === 'string' ? e.code : 'error' };
}

/** "0, 1,2 4" → [0, 1, 2, 4]; throws a readable RangeError for anything else. */
export function parseIntList(text: string, what: string, min: number): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${what}: "${p}" is not a whole number ≥ ${min}`);
    return v;
  });
}

let jobCounter = 0;
export function newJobId(kind: string): string {
  jobCounter += 1;
  return `${kind}-${Date.now().toString(36)}-${jobCounter}`;
}

export function createStore(getApi: () => ClusterbenchApi | undefined = () => window.clusterbench) {
  const state = reactive({
    info: null as AppInfo | null,
    connectionError: null as string | null,
    samples: [] as SampleInfo[],
    recent: loadRecent() as RecentFile[],
    dataset: null as DatasetSummary | null,
    datasetError: null as DatasetError | null,
    /** Options the next (re)load uses; features null = the host's default (every numeric column). */
    loadOptions: { features: null as string[] | null, scaling: 'none' as ScalingMode, missing: 'drop' as MissingPolicy },
    params: { ...DEFAULT_PARAMS } as RunParams,
    /** Why a typed parameter is refused, per field (the panel validates as the user types). */
    inputErrors: {} as Partial<Record<NumericParam, string>>,
    estimate: null as EkmEstimate | null,
    estimateError: null as string | null,
    /** Set when the user must confirm a refused EKM run. */
    forcePrompt: null as { reason: string; mode: 'serial' | 'parallel' } | null,
    job: null as JobState | null,
    liveIterations: [] as IterationRecord[],
    run: null as RunRecord | null,
    experiment: null as ExperimentRecord | null,
    /** The record "Save report" writes: the last one produced or reopened. */
    currentRecordId: null as string | null,
    axes: { x: '', y: '' },
    scatter: null as ScatterData | null,
    scatterError: null as string | null,
    history: [] as HistoryEntry[],
    historyWarnings: [] as string[],
    tab: 'data' as TabId,
    notice: null as { kind: 'info' | 'error'; text: string } | null,
  });

  let source: DatasetSource | null = null;
  /** Jobs the user cancelled (what runs in the page, like an upload, checks it). */
  const cancelRequested = new Set<string>();
  let unsubscribe: (() => void) | null = null;

  function api(): ClusterbenchApi {
    const a = getApi();
    if (!a) throw Object.assign(new Error('No workbench host: window.clusterbench is missing (open the app through Electron or `npm run serve`).'), { code: 'no-host' });
    return a;
  }

  function call<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestOutput<C>> {
    return api().invoke(channel, payload);
  }

  const busy = () => state.job?.status === 'running';

  function onEvent(event: WorkbenchEvent): void {
    if (event.type === 'progress') {
      const job = state.job;
      if (!job || job.id !== event.progress.jobId || job.status !== 'running') return;
      job.progress = event.progress;
      const d = event.progress.detail as Partial<IterationRecord> & { restart?: number } | undefined;
      if (d && typeof d.iteration === 'number' && typeof d.inertia === 'number' && typeof d.changedFraction === 'number') {
        // Live convergence of the current restart (a new restart starts a new curve).
        if (state.liveIterations.length && d.iteration <= state.liveIterations[state.liveIterations.length - 1].iteration) state.liveIterations = [];
        state.liveIterations.push({ iteration: d.iteration, inertia: d.inertia, changedFraction: d.changedFraction, changed: d.changed ?? 0, elapsedMs: d.elapsedMs ?? 0 });
      }
    }
    // Menu actions are handled by the App (they need the UI, e.g. the file picker).
  }

  /** Runs one job: sets the status bar, routes progress, turns cancellation into "cancelled". */
  async function runJob<T>(kind: string, label: string, work: (jobId: string) => Promise<T>, describe: (value: T) => string): Promise<T | null> {
    if (busy()) {
      state.notice = { kind: 'info', text: `Wait for "${state.job!.label}" to finish, or cancel it.` };
      return null;
    }
    const id = newJobId(kind);
    state.job = { id, label, status: 'running', progress: null, startedAt: performance.now(), endedAt: null, message: '' };
    state.notice = null;
    const job = state.job;
    try {
      const value = await work(id);
      job.status = 'done';
      job.message = describe(value);
      return value;
    } catch (err) {
      const { message, code } = errorInfo(err);
      job.status = code === 'cancelled' ? 'cancelled' : 'error';
      job.message = code === 'cancelled' ? `${label} cancelled` : message;
      throw err;
    } finally {
      job.endedAt = performance.now();
    }
  }

  async function init(): Promise<void> {
    let a: ClusterbenchApi;
    try {
      a = api();
    } catch (err) {
      state.connectionError = errorInfo(err).message;
      return;
    }
    unsubscribe?.();
    unsubscribe = a.onEvent(onEvent);
    try {
      const info = await call('app:info', {});
      state.info = info;
      state.samples = info.samples;
      state.connectionError = null;
    } catch (err) {
      state.connectionError = errorInfo(err).message;
      return;
    }
    void refreshHistory();
  }

  function dispose(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  function optionsPayload(): LoadOptions {
    const o: LoadOptions = { scaling: state.loadOptions.scaling, missing: state.loadOptions.missing };
    if (state.loadOptions.features) o.features = [...state.loadOptions.features];
    return o;
  }

  async function load(next: DatasetSource, options: LoadOptions): Promise<DatasetSummary | null> {
    const previous = state.dataset;
    try {
      const summary = await runJob(
        'load',
        `Loading ${next.name}`,
        (jobId) =>
          next.kind === 'path'
            ? call('dataset:open', { jobId, path: next.path, options })
            : next.kind === 'upload'
              ? uploadAndOpen(jobId, next.file, options)
              : call('dataset:openText', { jobId, name: next.name, text: next.text, options }),
        (s) => `Loaded ${s.name}: ${s.rows.toLocaleString('en-US')} rows × ${s.features.length} features in ${Math.round(s.loadMs)} ms`,
      );
      if (!summary) return null;
      source = next;
      state.dataset = summary;
      state.datasetError = null;
      state.loadOptions = { features: null, scaling: summary.scaling, missing: summary.missing };
      // Samples are always one click away; recent lists the user's own files.
      const isSample = state.samples.some((smp) => smp.path === (next.kind === 'path' ? next.path : ''));
      if (next.kind === 'path' && !isSample) state.recent = rememberRecent(state.recent, { path: next.path, name: next.name });
      if (previous && previous.id !== summary.id) void call('dataset:close', { datasetId: previous.id }).catch(() => undefined);
      // A run on other data cannot be drawn over this one.
      if (state.run && state.run.dataset.hash !== summary.hash) state.run = null;
      resetAxes();
      state.estimate = null;
      if (!state.run) state.tab = 'data';
      await refreshScatter();
      void refreshEstimate();
      return summary;
    } catch (err) {
      const { message, code } = errorInfo(err);
      if (code !== 'cancelled') state.datasetError = { source: next.name, message, code };
      return null;
    }
  }

  function baseName(path: string): string {
    return path.split(/[\\/]/).pop() || path;
  }

  const openPath = (path: string, options: LoadOptions = {}) => load({ kind: 'path', path, name: baseName(path) }, options);
  const openText = (name: string, text: string, options: LoadOptions = {}) => load({ kind: 'text', name, text }, options);
  const openUpload = (file: UploadableFile, options: LoadOptions = {}) => load({ kind: 'upload', name: file.name, file }, options);

  /** Web host: sends the bytes with progress in the status bar, then the host loads them. */
  async function uploadAndOpen(jobId: string, file: UploadableFile, options: LoadOptions): Promise<DatasetSummary> {
    const job = state.job;
    const uploadId = await uploadFile(
      api(),
      file,
      jobId,
      ({ sent, total }) => {
        if (job?.id !== jobId || job.status !== 'running') return;
        const elapsedMs = performance.now() - job.startedAt;
        const etaMs = sent > 0 ? (elapsedMs * (total - sent)) / sent : null;
        job.progress = { jobId, phase: 'upload', fraction: sent / total, message: `uploading ${fmtBytes(sent)} of ${fmtBytes(total)}`, elapsedMs, etaMs };
      },
      () => cancelRequested.has(jobId),
    );
    return call('dataset:openUpload', { jobId, uploadId, options });
  }
  const openSample = (sample: SampleInfo) => openPath(sample.path);

  /** Electron: native dialog; returns false when the host has no dialog (web). */
  async function openDialog(): Promise<boolean> {
    if (api().transport !== 'electron') return false;
    const { path } = await call('dialog:openCsv', {});
    if (path) await openPath(path);
    return true;
  }

  /** Reloads the current file with the panel's feature / scaling / missing choices. */
  async function reload(): Promise<void> {
    if (!source) return;
    await load(source, optionsPayload());
  }

  function forgetRecentFile(path: string): void {
    state.recent = forgetRecent(state.recent, path);
  }

  function resetAxes(): void {
    const f = state.dataset?.features ?? [];
    if (f.length > 2) state.axes = { x: 'pca', y: 'pca' };
    else state.axes = { x: f[0] ?? '', y: f[1] ?? f[0] ?? '' };
  }

  async function refreshScatter(): Promise<void> {
    const ds = state.dataset;
    if (!ds || !state.axes.x) {
      state.scatter = null;
      return;
    }
    const rec = state.run && state.run.dataset.hash === ds.hash ? state.run : null;
    try {
      state.scatter = await call('dataset:points', {
        datasetId: ds.id,
        x: state.axes.x,
        y: state.axes.y,
        maxPoints: SCATTER_MAX_POINTS,
        ...(rec ? { recordId: rec.id } : {}),
      });
      state.scatterError = null;
    } catch (err) {
      state.scatter = null;
      state.scatterError = errorInfo(err).message;
    }
  }

  async function setAxes(x: string, y: string): Promise<void> {
    // PCA gives both axes at once.
    if (x === 'pca' || y === 'pca') state.axes = { x: 'pca', y: 'pca' };
    else state.axes = { x, y };
    await refreshScatter();
  }

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

  function requireDataset(): DatasetSummary | null {
    if (state.dataset) return state.dataset;
    state.notice = { kind: 'info', text: 'Open a dataset first (a sample is one click away in the Dataset panel).' };
    return null;
  }

  function describeRun(rec: RunRecord): string {
    const r = rec.result;
    const ms = `${r.timings.totalMs.toFixed(1)} ms`;
    if (r.algorithm === 'kmeans') return `k-means done in ${ms}: ${r.iterations} iterations (${r.stopReason}), inertia ${r.inertia.toPrecision(6)}`;
    const gap = rec.heuristic ? ` · PAM cost ${rec.heuristic.cost.toPrecision(6)}` : '';
    return `${r.algorithm === 'pam' ? 'PAM' : 'EKM'} done in ${ms}: cost ${r.cost.toPrecision(6)}${gap}`;
  }

  async function showRecord(rec: WorkbenchRecord): Promise<void> {
    state.currentRecordId = rec.id;
    // The host returns a finished run even when its history write failed: say it is not on disk.
    if (rec.saveWarning) state.notice = { kind: 'error', text: rec.saveWarning };
    if (rec.kind === 'run') {
      state.run = rec;
      state.tab = rec.result.algorithm === 'ekm' ? 'ekm' : 'clusters';
      await refreshScatter();
    } else {
      state.experiment = rec;
      state.tab = 'scaling';
    }
    void refreshHistory();
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

  async function startRun(mode: 'serial' | 'parallel', force = false): Promise<void> {
    const ds = requireDataset();
    if (!ds || refuseInvalid('run')) return;
    const p = state.params;
    state.forcePrompt = null;
    if (p.algorithm === 'ekm' && !force) {
      await refreshEstimate();
      if (state.estimate?.refuse) {
        state.forcePrompt = { reason: state.estimate.refuse, mode };
        return;
      }
    }
    state.liveIterations = [];
    try {
      let rec: RunRecord | null;
      if (p.algorithm === 'kmeans') {
        const workers = mode === 'serial' ? 0 : p.workers;
        const label = `k-means k=${p.k} (${mode === 'serial' ? 'serial' : workers === 'auto' ? 'auto workers' : `${workers} workers`})`;
        rec = (await runJob('kmeans', label, (jobId) => call('kmeans:run', { jobId, datasetId: ds.id, params: kmeansParams(workers) }), (r) => describeRun(r as RunRecord))) as RunRecord | null;
      } else if (p.algorithm === 'ekm') {
        const params = ekmParams(mode, force);
        const label = `EKM ${params.variant} k=${p.k} (${params.workers} worker${params.workers === 1 ? '' : 's'})`;
        rec = (await runJob('ekm', label, (jobId) => call('ekm:run', { jobId, datasetId: ds.id, params, withPam: p.withPam }), (r) => describeRun(r as RunRecord))) as RunRecord | null;
      } else {
        rec = (await runJob('pam', `PAM k=${p.k}`, (jobId) => call('pam:run', { jobId, datasetId: ds.id, k: p.k, distance: p.distance, seed: p.seed }), (r) => describeRun(r as RunRecord))) as RunRecord | null;
      }
      if (rec) await showRecord(rec);
    } catch {
      /* the status bar shows the error or "cancelled" */
    }
  }

  const runSerial = (force = false) => startRun('serial', force);
  const runParallel = (force = false) => startRun('parallel', force);

  async function compare(): Promise<void> {
    const ds = requireDataset();
    if (!ds || refuseInvalid('compare')) return;
    const p = state.params;
    if (p.algorithm === 'pam') {
      state.notice = { kind: 'info', text: 'Compare measures k-means or EKM across worker counts; PAM has no parallel variant.' };
      return;
    }
    let workers: number[];
    let sizes: number[];
    try {
      workers = parseIntList(p.gridWorkers, 'Worker grid', 0);
      sizes = parseIntList(p.gridSizes, 'Sizes', 1);
      if (workers.length === 0) throw new RangeError('Worker grid: give at least one worker count, e.g. "0,1,2,4" (0 = serial)');
    } catch (err) {
      state.notice = { kind: 'error', text: errorInfo(err).message };
      return;
    }
    const grid = { workers, sizes, repeats: p.repeats, seed: p.seed, ...(p.ceiling ? { ceiling: true } : {}) };
    const spec =
      p.algorithm === 'kmeans'
        ? { algorithm: 'kmeans' as const, kmeans: kmeansParams(0), ...grid }
        : { algorithm: 'ekm' as const, ekm: { ...ekmParams('parallel', false), workers: 1 }, ...grid };
    try {
      const rec = await runJob(
        'experiment',
        `Compare ${p.algorithm === 'kmeans' ? 'k-means' : 'EKM'} on workers ${workers.join(', ')}`,
        (jobId) => call('experiment:run', { jobId, datasetId: ds.id, spec }),
        (r) => `Experiment done: ${r.experiment.cells.length} cells in ${(r.experiment.totalMs / 1000).toFixed(2)} s${r.experiment.mismatches.length ? ` — ${r.experiment.mismatches.length} answer mismatch(es)!` : ''}`,
      );
      if (rec) await showRecord(rec);
    } catch {
      /* shown in the status bar */
    }
  }

  async function cancel(): Promise<void> {
    const job = state.job;
    if (!job || job.status !== 'running') return;
    job.progress = { ...(job.progress ?? { jobId: job.id, fraction: null, elapsedMs: 0, etaMs: null, phase: '' }), message: 'cancelling…' };
    cancelRequested.add(job.id); // an upload in the page stops between chunks
    try {
      await call('job:cancel', { jobId: job.id });
    } catch (err) {
      state.notice = { kind: 'error', text: `Cancel failed: ${errorInfo(err).message}` };
    }
  }

  async function refreshHistory(): Promise<void> {
    try {
      const { entries, warnings } = await call('history:list', {});
      state.history = entries;
      state.historyWarnings = warnings;
    } catch (err) {
      state.historyWarnings = [errorInfo(err).message];
    }
  }

  /** Finds or loads the dataset a record was computed on, so its scatter can be drawn. */
  async function ensureDatasetFor(rec: WorkbenchRecord): Promise<void> {
    const same = (s: DatasetSummary) => s.hash === rec.dataset.hash && s.features.join('\u0000') === rec.dataset.features.join('\u0000') && s.scaling === rec.dataset.scaling;
    if (state.dataset && same(state.dataset)) return;
    const loaded = (await call('dataset:list', {})).find(same);
    if (loaded) {
      state.dataset = loaded;
      resetAxes();
      return;
    }
    const opened = await load({ kind: 'path', path: rec.dataset.path, name: rec.dataset.name }, { features: rec.dataset.features, scaling: rec.dataset.scaling });
    if (!opened) state.notice = { kind: 'info', text: `Showing the saved results; the dataset ${rec.dataset.name} could not be reopened from ${rec.dataset.path}.` };
  }

  async function openRecord(recordId: string): Promise<void> {
    try {
      const rec = await call('history:load', { recordId });
      if (rec.kind === 'run') {
        state.run = rec;
        await ensureDatasetFor(rec).catch(() => undefined);
      }
      await showRecord(rec);
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not open this record: ${errorInfo(err).message}` };
    }
  }

  async function deleteRecord(recordId: string): Promise<void> {
    try {
      await call('history:delete', { recordId });
      if (state.run?.id === recordId) state.run = null;
      if (state.experiment?.id === recordId) state.experiment = null;
      if (state.currentRecordId === recordId) state.currentRecordId = state.run?.id ?? state.experiment?.id ?? null;
      if (state.scatter && !state.run) await refreshScatter();
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not delete: ${errorInfo(err).message}` };
    }
    await refreshHistory();
  }

  /** Electron: native save dialog. Web: render on the host, download through a Blob link. */
  async function saveReport(format: 'html' | 'json' | 'csv' = 'html'): Promise<string | null> {
    const recordId = state.currentRecordId;
    if (!recordId) {
      state.notice = { kind: 'info', text: 'Nothing to save yet: run something or reopen a record from History.' };
      return null;
    }
    try {
      if (api().transport === 'electron') {
        const { path } = await call('dialog:saveReport', { recordId, format });
        if (path) state.notice = { kind: 'info', text: `Report saved to ${path}` };
        return path;
      }
      const report = await call('report:render', { recordId, format });
      downloadText(report.fileName, report.mime, report.text);
      state.notice = { kind: 'info', text: `Report downloaded as ${report.fileName}` };
      return report.fileName;
    } catch (err) {
      state.notice = { kind: 'error', text: `Could not save the report: ${errorInfo(err).message}` };
      return null;
    }
  }

  return {
    state,
    busy,
    invalidReason,
    init,
    dispose,
    openPath,
    openText,
    openUpload,
    openSample,
    openDialog,
    reload,
    forgetRecentFile,
    setAxes,
    refreshScatter,
    refreshEstimate,
    runSerial,
    runParallel,
    compare,
    cancel,
    refreshHistory,
    openRecord,
    deleteRecord,
    saveReport,
    /** Test hook for the progress path. */
    handleEvent: onEvent,
  };
}

export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type Store = ReturnType<typeof createStore>;

export const STORE_KEY: InjectionKey<Store> = Symbol('clusterbench-store');

export function useStore(): Store {
  const store = inject(STORE_KEY);
  if (!store) throw new Error('useStore() outside the app: provide STORE_KEY');
  return store;
}

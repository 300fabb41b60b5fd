// The loaded dataset: opening and reloading it, the recent-files list, and the scatter drawn over it.
import { markRaw } from 'vue';
import type { ScatterData, SampleInfo } from '../../../shared/contract/api.ts';
import type { BadRowsPolicy, DatasetSummary, DecimalMark, MissingPolicy, ScalingMode, RecordView, RunRecordView } from '../../../shared/types.ts';
import { remedyOptions, type LoadRemedy } from '../../../shared/load-remedies.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { Jobs } from './jobs.ts';
import type { Params } from './params.ts';
import { forgetRecent, loadRecent, rememberRecent, type RecentFile } from './recent.ts';
import { uploadFile, type UploadableFile } from './upload.ts';
import { fmtBytes } from '../format.ts';
import { SCATTER_MAX_POINTS, type DatasetError, type DatasetSource, type LoadOptions } from './types.ts';

export function datasetState() {
  return {
    recent: loadRecent() as RecentFile[],
    dataset: null as DatasetSummary | null,
    datasetError: null as DatasetError | null,
    /** Options the next (re)load uses; features null = the host's default (every numeric column). */
    loadOptions: { features: null as string[] | null, scaling: 'none' as ScalingMode, missing: 'drop' as MissingPolicy, ...readingOptions({}) },
    axes: { x: '', y: '' },
    scatter: null as ScatterData | null,
    /** The run whose clusters `scatter` holds (set with it, so a new run is drawn once, when its points arrive). */
    scatterRun: null as RunRecordView | null,
    scatterError: null as string | null,
  };
}

/** How the file's cells are read (kept across reloads): skip rows with a wrong field count, decimal commas. */
function readingOptions(o: Pick<LoadOptions, 'badRows' | 'decimal'>): { badRows?: BadRowsPolicy; decimal?: DecimalMark } {
  return { ...(o.badRows ? { badRows: o.badRows } : {}), ...(o.decimal ? { decimal: o.decimal } : {}) };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function createDataset({ state, api, call }: StoreContext, { runJob, cancelRequested }: Pick<Jobs, 'runJob' | 'cancelRequested'>, { refreshEstimate }: Pick<Params, 'refreshEstimate'>) {
  let source: DatasetSource | null = null;
  /** The last open that failed, so the error panel can retry it with a remedy the loader named. */
  let failed: { source: DatasetSource; options: LoadOptions } | null = null;

  function optionsPayload(): LoadOptions {
    const o: LoadOptions = { scaling: state.loadOptions.scaling, missing: state.loadOptions.missing, ...readingOptions(state.loadOptions) };
    if (state.loadOptions.features) o.features = [...state.loadOptions.features];
    return o;
  }

  async function load(next: DatasetSource, given: LoadOptions): Promise<DatasetSummary | null> {
    const previous = state.dataset;
    // The app's default features leave out id-like columns (the loader says which, in a warning).
    const options: LoadOptions = given.features ? given : { ...given, skipIdColumns: true };
    try {
      const summary = await runJob(
        'load',
        `Loading ${next.name}`,
        (jobId) =>
          next.kind === 'path'
            ? call('dataset:open', { jobId, path: next.path, options })
            : next.kind === 'record'
              ? call('dataset:reopen', { jobId, recordId: next.recordId, options })
              : next.kind === 'upload'
                ? uploadAndOpen(jobId, next.file, options)
              : call('dataset:openText', { jobId, name: next.name, text: next.text, options }),
        (s) => `Loaded ${s.name}: ${s.rows.toLocaleString('en-US')} rows × ${s.features.length} features in ${Math.round(s.loadMs)} ms`,
      );
      if (!summary) return null;
      source = next;
      state.dataset = summary;
      state.datasetError = null;
      failed = null;
      state.loadOptions = { features: null, scaling: summary.scaling, missing: summary.missing, ...readingOptions(given) };
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
      if (code !== 'cancelled') {
        state.datasetError = { source: next.name, message, code };
        failed = { source: next, options: given };
      }
      return null;
    }
  }

  const openPath = (path: string, options: LoadOptions = {}) => load({ kind: 'path', path, name: baseName(path) }, options);
  const openText = (name: string, text: string, options: LoadOptions = {}) => load({ kind: 'text', name, text }, options);
  const openSample = (sample: SampleInfo) => openPath(sample.path);
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
      () => cancelRequested(jobId),
    );
    return call('dataset:openUpload', { jobId, uploadId, options });
  }

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

  /** Opens the file that just failed again, with the remedy its error named added to the same options. */
  async function retryWith(remedy: LoadRemedy): Promise<void> {
    if (!failed) return;
    await load(failed.source, { ...failed.options, ...remedyOptions(remedy) });
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
      state.scatterRun = null;
      return;
    }
    const rec = state.run && state.run.dataset.hash === ds.hash ? state.run : null;
    try {
      const points = await call('dataset:points', {
        datasetId: ds.id,
        x: state.axes.x,
        y: state.axes.y,
        maxPoints: SCATTER_MAX_POINTS,
        ...(rec ? { recordId: rec.id } : {}),
      });
      // Typed arrays need no reactivity (Vue leaves them raw); the object is replaced, never mutated.
      state.scatter = markRaw(points);
      state.scatterRun = rec;
      state.scatterError = null;
    } catch (err) {
      state.scatter = null;
      state.scatterRun = null;
      state.scatterError = errorInfo(err).message;
    }
  }

  async function setAxes(x: string, y: string): Promise<void> {
    // PCA gives both axes at once.
    if (x === 'pca' || y === 'pca') state.axes = { x: 'pca', y: 'pca' };
    else state.axes = { x, y };
    await refreshScatter();
  }

  /** Finds or loads the dataset a record was computed on, so its scatter can be drawn. */
  async function ensureDatasetFor(rec: Pick<RecordView, 'id' | 'dataset'>): Promise<void> {
    const same = (s: DatasetSummary) => s.hash === rec.dataset.hash && s.features.join('\u0000') === rec.dataset.features.join('\u0000') && s.scaling === rec.dataset.scaling;
    if (state.dataset && same(state.dataset)) return;
    const loaded = (await call('dataset:list', {})).find(same);
    if (loaded) {
      state.dataset = loaded;
      resetAxes();
      return;
    }
    // The host finds the record's bytes (a kept copy, or the path it recorded) and checks their SHA-256.
    const opened = await load({ kind: 'record', recordId: rec.id, name: rec.dataset.name }, { features: rec.dataset.features, scaling: rec.dataset.scaling });
    if (!opened) {
      const why = state.datasetError?.message ?? `the dataset ${rec.dataset.name} could not be reopened`;
      state.datasetError = null; // the record is on screen; its missing data is a notice, not a failed load
      state.notice = { kind: 'info', text: `Showing the saved results without the data points. ${why}` };
    }
  }

  return { openPath, openText, openUpload, openSample, openDialog, reload, retryWith, forgetRecentFile, refreshScatter, setAxes, ensureDatasetFor };
}

export type Dataset = ReturnType<typeof createDataset>;

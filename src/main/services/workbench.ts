// The application service behind every transport: owns the worker pool, the loaded datasets,
// running jobs and history, and implements the contract's handlers. Electron-free.
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { AppInfo, ReportFormat, ReportText } from '../../shared/contract/index.ts';
import type { DatasetSummary, EkmResult, ExperimentSpec, KMeansParams, KMeansResult, LoadOptions, RunRecord, RunRecordView, WorkbenchRecord } from '../../shared/types.ts';
import { runEkm, runPam, resolveEkmParams, estimateEkm, ekmProgressFraction, ekmProgressMessage } from '../engine/ekm/index.ts';
import { resolveKMeansParams, runKMeans } from '../engine/kmeans/index.ts';
import { machineFacts } from '../engine/machine.ts';
import { WorkerPool } from '../engine/pool/pool.ts';
import type { ExperimentProgress } from '../engine/scaling/experiment.ts';
import { labelsCsv } from '../report/csv.ts';
import { renderHtmlReport } from '../report/html.ts';
import { pointsFromData, type RunPoints } from '../report/points.ts';
import { toJsonReport } from '../report/json.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { labelledDataForRecord } from '../report/labelled.ts';
import { sweepSection } from '../report/html/sweep.ts';
import type { SweepDocument } from '../../shared/analysis.ts';
import type { LoadHooks } from '../engine/dataset/csv.ts';
import { AnalysisService } from './analysis.ts';
import { DatasetService } from './datasets.ts';
import { ReadGrants } from './read-grants.ts';
import { clientLoadError } from './unparsed-file-errors.ts';
import type { UploadSession } from './uploads.ts';
import { assertExperimentFits } from '../../shared/contract/limits.ts';
import type { CallContext, Handlers } from './dispatch.ts';
import { compareRuns } from './compare.ts';
import { ExperimentService } from './experiments.ts';
import { checkReportSubject, mergeHistory, SweepStore, sweepReport, type ReportSubject } from './sweep-reports.ts';
import { isSweepId } from './sweep-history.ts';
import { HistoryStore } from './history.ts';
import { JobRegistry, progressReporter } from './jobs.ts';
import { InputStore } from './input-store.ts';
import { recordDataFile, reopenRecordData } from './record-data.ts';
import { dataRows } from './data-rows.ts';
import { RowCells } from './row-cells.ts';
import { scatterPoints } from './scatter-points.ts';
import { datasetRef, makeRunRecord, notSavedWarning, recordView } from './records.ts';

export interface WorkbenchOptions {
  samplesDir: string;
  historyDir: string;
  transport: AppInfo['transport'];
  /** Initial pool size; grows on demand up to the largest worker count asked for. */
  poolSize?: number;
  /** Worker entry file (the Electron build passes its bundled worker.js). */
  workerScript?: string;
  /** Idle time after which workers beyond poolSize stop (the pool's default: 30 s). */
  poolIdleShrinkMs?: number;
  /** Nice value of the workers' threads (Linux); default 10 for the app's hosts (electron, web), 0 for 'direct'. */
  workerNice?: number;
  /** Folders whose files a client may open by path besides the samples (the web host's `--data-dir`). */
  dataDirs?: string[];
  /** Where main remembers the files it granted (so the recent list works next session). */
  grantsFile?: string;
  /** How a user of this host chooses a file, quoted when a path is refused. */
  readHint?: string;
  /** Records kept in memory (the newest); older ones are read back from history when asked for. */
  recordsInMemory?: number;
  /** Where copies of the loaded CSVs are kept so History → Open works later (default: <historyDir>/inputs). */
  inputsDir?: string;
  /** Largest CSV copied there (default 64 MiB; 0 keeps no copies). */
  inputCopyLimitBytes?: number;
}

/** Nice value of the pool's threads under the app's hosts: the UI wins the cores while both want them. */
export const INTERACTIVE_WORKER_NICE = 10;

/** Default for WorkbenchOptions.recordsInMemory: a 1e5-row run holds ~1 MB of labels. */
export const RECORDS_IN_MEMORY = 32;

export class Workbench {
  readonly pool: WorkerPool;
  readonly datasets: DatasetService;
  readonly history: HistoryStore;
  readonly jobs = new JobRegistry();
  /** Paths a client may open (capability list owned by main; see read-grants.ts). */
  readonly readGrants: ReadGrants;
  /** Content-addressed copies of loaded CSVs (see input-store.ts). */
  readonly inputs: InputStore;
  /** The k sweeps, kept in <history>/sweeps (see sweep-reports.ts). */
  readonly sweeps: SweepStore;
  /** CSV cells of the drawn rows met while reading rows for the selection table (see row-cells.ts). */
  readonly rowCells = new RowCells();
  private readonly experiments: ExperimentService;
  private readonly analysis: AnalysisService;
  /** Records produced or loaded in this session, by id (history holds them on disk too). */
  private readonly records = new Map<string, WorkbenchRecord>();

  constructor(private readonly options: WorkbenchOptions) {
    this.pool = new WorkerPool({
      size: options.poolSize ?? Math.max(2, os.availableParallelism()),
      script: options.workerScript,
      idleShrinkMs: options.poolIdleShrinkMs,
      // An interactive host: the page's frames come before the engine's (issue 14, "Frozen").
      nice: options.workerNice ?? (options.transport === 'direct' ? 0 : INTERACTIVE_WORKER_NICE),
    });
    this.datasets = new DatasetService({ samplesDir: options.samplesDir });
    this.datasets.onClose((id) => this.rowCells.forget(id));
    this.history = new HistoryStore(options.historyDir);
    this.readGrants = new ReadGrants({
      roots: [options.samplesDir, ...(options.dataDirs ?? [])],
      file: options.grantsFile,
      hint: options.readHint ?? 'a sample, or a file from the open dialog or dropped on the window',
    });
    this.sweeps = new SweepStore(join(options.historyDir, 'sweeps'));
    this.inputs = new InputStore(options.inputsDir ?? join(options.historyDir, 'inputs'), options.inputCopyLimitBytes);
    this.experiments = new ExperimentService({ pool: this.pool, history: this.history });
    this.analysis = new AnalysisService({ pool: this.pool, datasets: this.datasets, jobs: this.jobs, record: (id) => this.record(id), keep: (rec) => this.keep(rec), keepSweep: (doc) => this.sweeps.keep(doc), dataFile: async (summary) => summary.path || (await this.inputs.pathFor(summary.hash)) });
  }

  async dispose(): Promise<void> {
    this.jobs.cancelAll();
    await this.pool.destroy();
  }

  async record(id: string): Promise<WorkbenchRecord> {
    const known = this.records.get(id);
    if (known) return known;
    const rec = await this.history.load(id);
    this.remember(rec);
    return rec;
  }

  /** Keeps a record in memory, dropping the oldest beyond the bound (they stay on disk in history). */
  private remember(rec: WorkbenchRecord): void {
    this.records.delete(rec.id);
    this.records.set(rec.id, rec);
    const max = this.options.recordsInMemory ?? RECORDS_IN_MEMORY;
    for (const oldest of this.records.keys()) {
      if (this.records.size <= max) break;
      this.records.delete(oldest);
    }
  }

  /** How many records are held in memory now (tests of the bound). */
  recordsHeld(): number {
    return this.records.size;
  }

  /** Saves to history; a failed write still returns the result, with a warning that it was not saved. */
  /** Remembers and saves a finished run; returns what the client gets (labels stay here). */
  private async keep(rec: RunRecord): Promise<RunRecordView> {
    this.remember(rec);
    try {
      await this.history.save(rec);
    } catch (err) {
      rec.saveWarning = notSavedWarning(err);
    }
    return recordView(rec);
  }

  /** The dataset a record was computed on, if it is loaded now (matched by content hash). */
  private loadedDatasetFor(rec: WorkbenchRecord): DatasetSummary | undefined {
    return this.datasets.list().find((s) => s.hash === rec.dataset.hash && s.rows === rec.dataset.rows && s.features.join() === rec.dataset.features.join());
  }

  /** Whether a client may have this path read for it (record-data's recorded-path fallback). */
  mayRead(path: string): boolean {
    return this.readGrants.allows(path);
  }

  /** Scatter and per-row distances for reports: from the record's own dataset if it is loaded. */
  private runPoints(rec: WorkbenchRecord): RunPoints | null {
    if (rec.kind !== 'run') return null;
    const summary = this.loadedDatasetFor(rec);
    return summary ? pointsFromData(rec, this.datasets.get(summary.id)) : null;
  }

  /** The record and/or sweep a report request names (see sweep-reports.ts). */
  async reportSubject(req: { recordId?: string; sweepId?: string }): Promise<ReportSubject> {
    return { rec: req.recordId ? await this.record(req.recordId) : null, sweep: req.sweepId ? await this.sweeps.get(req.sweepId) : null };
  }

  async renderSubject(subject: ReportSubject, format: ReportFormat): Promise<ReportText> {
    checkReportSubject(subject, format);
    return subject.rec ? this.renderReport(subject.rec, format, subject.sweep) : sweepReport(subject.sweep!, format);
  }

  /** `sweep`: a k sweep on the record's data, added to the HTML report as its own section. */
  async renderReport(rec: WorkbenchRecord, format: ReportFormat, sweep: SweepDocument | null = null): Promise<ReportText> {
    const base = rec.title.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'clusterbench-report';
    if (format === 'json') return { fileName: `${base}.json`, mime: 'application/json', text: toJsonReport(rec) };
    if (format === 'data') {
      if (rec.kind !== 'run') throw new Error('Labelled data exists only for single runs, not for experiments');
      const { text } = await labelledDataForRecord(rec, await recordDataFile(rec, this));
      return { fileName: `${base}-data.csv`, mime: 'text/csv', text };
    }
    if (format === 'csv') {
      if (rec.kind !== 'run') throw new Error('A labels CSV exists only for single runs, not for experiments');
      return { fileName: `${base}-labels.csv`, mime: 'text/csv', text: labelsCsv(rec, this.runPoints(rec)?.csv) };
    }
    const points = this.runPoints(rec);
    const extras = points ? points.extras : { notes: rec.kind === 'run' ? ['No cluster scatter: the run\'s dataset is not loaded in this session.'] : [] };
    return { fileName: `${base}.html`, mime: 'text/html', text: renderHtmlReport(rec, { ...extras, ...(sweep ? { sections: [sweepSection(sweep)] } : {}) }) };
  }

  /** Writes a report. Not a channel: only main's native save dialog (ipc.ts) calls it, with the user's path. */
  async saveReport(what: WorkbenchRecord | ReportSubject, format: ReportFormat, path: string): Promise<string> {
    const subject = 'kind' in what ? { rec: what, sweep: null } : what;
    // Path-aware refusal (symlinks, '..') to overwrite any loaded input CSV or the record's own.
    const own = [subject.rec?.dataset.path, subject.sweep?.dataset.path].filter((p): p is string => !!p);
    const protect = [...own, ...this.datasets.list().map((s) => s.path)];
    const { text } = await this.renderSubject(subject, format);
    await writeFileAtomic(path, text, { protect });
    return path;
  }

  private openFile(jobId: string, path: string, options: LoadOptions | undefined, ctx: CallContext): Promise<DatasetSummary> {
    this.readGrants.check(path);
    // Before the load: a reload with other features of the dataset on screen may name its columns.
    const loadedAsData = this.datasets.list().some((s) => s.path === resolve(path));
    return this.jobs.run(jobId, async (token) => {
      const summary = await this.datasets.open(path, options, { token, onProgress: this.loadProgress(jobId, ctx) }).catch((err: unknown) => {
        throw clientLoadError(err, loadedAsData);
      });
      await this.inputs.keep(summary.hash, { path, size: summary.bytes }); // History → Open still works if the file moves
      return summary;
    });
  }

  /** A complete upload, loaded like a path (same loader: encoding, size and hash of the real bytes). */
  private async openUpload(jobId: string, uploadId: string, options: LoadOptions | undefined, ctx: CallContext): Promise<DatasetSummary> {
    const uploads = uploadsOf(ctx);
    const file = uploads.finish(uploadId);
    try {
      return await this.jobs.run(jobId, async (token) => {
        const summary = await this.datasets.openUploaded(file.path, file.name, options, { token, onProgress: this.loadProgress(jobId, ctx) });
        await this.inputs.keep(summary.hash, { path: file.path, size: summary.bytes }); // the upload is removed below: keep a copy to reopen
        return summary;
      });
    } finally {
      uploads.remove(file);
    }
  }

  private loadProgress(jobId: string, ctx: CallContext): NonNullable<LoadHooks['onProgress']> {
    const report = progressReporter(jobId, ctx.emit);
    return (p) => report('load', p.totalBytes ? p.bytesRead / p.totalBytes : null, `${p.rows.toLocaleString('en-US')} rows read`);
  }

  handlers(): Partial<Handlers> {
    const info = async (): Promise<AppInfo> => ({
      machine: machineFacts(),
      transport: this.options.transport,
      defaultWorkers: Math.max(1, os.availableParallelism()),
      maxWorkers: 16,
      samples: await this.datasets.listSamples(),
    });
    return {
      'app:info': info,
      'dataset:samples': () => this.datasets.listSamples(),
      'dataset:open': ({ jobId, path, options }, ctx) => this.openFile(jobId, path, options, ctx),
      'dataset:openText': ({ jobId, name, text, options }, ctx) =>
        this.jobs.run(jobId, async (token) => {
          const summary = await this.datasets.openText(text, name, options, { token, onProgress: this.loadProgress(jobId, ctx) });
          await this.inputs.keep(summary.hash, { bytes: Buffer.from(text, 'utf8') }); // an upload has no path to reopen later
          return summary;
        }),
      'dataset:reopen': ({ jobId, recordId, options }, ctx) =>
        this.jobs.run(jobId, async (token) => {
          const owner = isSweepId(recordId) ? await this.sweeps.get(recordId) : await this.record(recordId); // a sweep's data reopens like a run's
          return reopenRecordData(owner, this, options, { token, onProgress: this.loadProgress(jobId, ctx) });
        }),
      'upload:begin': async ({ jobId, name, bytes }, ctx) => uploadsOf(ctx).begin(jobId, name, bytes),
      'dataset:openUpload': ({ jobId, uploadId, options }, ctx) => this.openUpload(jobId, uploadId, options, ctx),
      'dataset:list': async () => this.datasets.list(),
      'dataset:close': async ({ datasetId }) => {
        this.datasets.close(datasetId);
        this.pool.dropDataset(datasetId);
        return { closed: true };
      },
      'dataset:points': async ({ datasetId, x, y, maxPoints, recordId }) => {
        const ds = this.datasets.get(datasetId);
        const points = scatterPoints(ds, x, y, maxPoints, recordId ? await this.record(recordId) : undefined);
        // A selection can only hold drawn points: theirs are the cells worth keeping (row-cells.ts).
        if (points.index) this.rowCells.drawn(datasetId, Array.from(points.index, (i) => ds.rowIndex[i]));
        return points;
      },
      'dataset:rows': async ({ datasetId, indices, recordId, cells }) =>
        dataRows({ datasetId, indices, cells, record: recordId ? await this.record(recordId) : undefined }, this),
      'kmeans:run': ({ jobId, datasetId, params }, ctx) =>
        this.jobs.run(jobId, async (token) => {
          const ds = this.datasets.get(datasetId);
          const resolved = resolveKMeansParams(params, ds.n);
          const report = progressReporter(jobId, ctx.emit);
          report('kmeans', 0, 'starting', undefined, true);
          const result: KMeansResult = await runKMeans(ds, resolved, {
            pool: this.pool,
            token,
            onIteration: (rec) =>
              report(
                'kmeans',
                kmeansProgress(rec.restart, rec.iteration, rec.changedFraction, resolved),
                `restart ${rec.restart + 1} of ${resolved.nInit}, iteration ${rec.iteration}: ${(rec.changedFraction * 100).toFixed(2)}% changed`,
                { ...rec },
                true,
              ),
            // k-means++ takes k passes over the data before the first iteration (seconds at 10⁶ rows).
            onSeeding: (s) =>
              report(
                'seeding',
                s.centres / s.k,
                `k-means++ seeding${resolved.nInit > 1 ? ` (restart ${s.restart + 1} of ${resolved.nInit})` : ''}: centre ${s.centres} of ${s.k}`,
                { ...s },
                s.centres === 1,
              ),
          });
          return this.keep(makeRunRecord(this.datasets.summary(datasetId), result));
        }),
      'ekm:estimate': async ({ datasetId, params }) => {
        const ds = this.datasets.get(datasetId);
        return estimateEkm(ds, resolveEkmParams(params, ds.n));
      },
      'ekm:run': ({ jobId, datasetId, params, withPam }, ctx) =>
        this.jobs.run(jobId, async (token) => {
          const ds = this.datasets.get(datasetId);
          const resolved = resolveEkmParams(params, ds.n);
          const report = progressReporter(jobId, ctx.emit);
          const result: EkmResult = await runEkm(ds, resolved, {
            pool: this.pool,
            token,
            onProgress: (p) => report('ekm', ekmProgressFraction(p), ekmProgressMessage(p), { ...p }),
          });
          const heuristic = withPam ? await runPam(ds, { k: resolved.k, distance: resolved.distance }, { pool: this.pool, token }) : undefined;
          return this.keep(makeRunRecord(this.datasets.summary(datasetId), result, heuristic));
        }),
      'pam:run': ({ jobId, datasetId, k, distance, seed }) =>
        this.jobs.run(jobId, async (token) => {
          const ds = this.datasets.get(datasetId);
          if (k > ds.n) throw new Error(`k (${k}) is larger than the number of rows (${ds.n})`);
          const result = await runPam(ds, { k, distance, seed }, { pool: this.pool, token });
          return this.keep(makeRunRecord(this.datasets.summary(datasetId), result));
        }),
      'experiment:run': ({ jobId, datasetId, spec }, ctx) =>
        this.jobs.run(jobId, async (token) => {
          const ds = this.datasets.get(datasetId);
          assertExperimentFits(spec as ExperimentSpec, ds.n, ds.d, os.totalmem());
          const report = progressReporter(jobId, ctx.emit);
          const rec = await this.experiments.run(ds, datasetRef(this.datasets.summary(datasetId)), spec as ExperimentSpec, {
            token,
            onProgress: (p) =>
              report(
                'experiment',
                p.runCount > 0 ? p.runIndex / p.runCount : null,
                `cell ${p.cellIndex + 1} of ${p.cellCount}: n=${p.n}, k=${p.k}, ${progressWho(p)}`,
                { ...p },
                true,
              ),
          });
          this.remember(rec);
          return rec;
        }),
      ...this.analysis.handlers(),
      'job:cancel': async ({ jobId }, ctx) => {
        const upload = ctx.uploads?.cancelJob(jobId) ?? false; // still sending: stop taking its bytes
        return { cancelled: this.jobs.cancel(jobId) || upload };
      },
      'history:list': async () => mergeHistory(await this.history.list(), [...this.history.warnings], await this.sweeps.history.list()),
      'history:load': async ({ recordId }) => recordView(await this.record(recordId)),
      'sweep:load': async ({ sweepId }) => this.sweeps.get(sweepId),
      'history:delete': async ({ recordId }) => {
        if (isSweepId(recordId)) return this.sweeps.delete(recordId).then(() => ({ deleted: true }));
        this.records.delete(recordId);
        await this.history.delete(recordId);
        return { deleted: true };
      },
      'runs:compare': async ({ recordA, recordB }) => compareRuns(await this.record(recordA), await this.record(recordB)),
      'report:render': async (req) => this.renderSubject(await this.reportSubject(req), req.format),
    };
  }
}

/** What an experiment's progress run was, e.g. "2 workers" or "ceiling: 2 single-worker runs at once". */
function progressWho(p: ExperimentProgress): string {
  if (p.ceilingCopies !== undefined) return `ceiling: ${p.ceilingCopies} single-worker runs at once`;
  return p.workers === 0 ? 'serial' : `${p.workers} workers`;
}

/**
 * Lloyd's iteration count is unknown in advance; the changed fraction falls roughly
 * geometrically towards the stop threshold, so progress within a restart is measured on a log
 * scale from 100% changed down to the threshold (capped by the iteration budget).
 */
function kmeansProgress(restart: number, iteration: number, changed: number, p: KMeansParams): number {
  const byIterations = iteration / p.maxIterations;
  const floor = Math.max(p.changedFraction, 1e-6);
  const byChange = changed <= floor ? 1 : Math.log(1 / Math.max(changed, 1e-12)) / Math.log(1 / floor);
  const within = Math.min(0.99, Math.max(byIterations, byChange, 0));
  return Math.min(1, (restart + within) / p.nInit);
}

function uploadsOf(ctx: CallContext): UploadSession {
  if (!ctx.uploads) throw Object.assign(new Error('Uploads go through the web host; this host opens files by path.'), { code: 'unsupported' });
  return ctx.uploads;
}

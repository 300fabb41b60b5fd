// The analysis channels: which columns look like classes, scoring a run (quality, validation
// against a class column) and the k sweep. Electron-free; the Workbench lends it its pool,
// datasets, records and jobs.
import type { ClassColumnsReply } from '../../shared/contract/api.ts';
import type { RequestInput } from '../../shared/contract/index.ts';
import type { SweepDocument } from '../../shared/analysis.ts';
import type { DatasetSummary, RunRecord, RunRecordView, WorkbenchRecord } from '../../shared/types.ts';
import { classColumnCandidates, readClassColumn, type ClassLabels } from '../engine/dataset/class-column.ts';
import { machineFacts } from '../engine/machine.ts';
import { clusterProfiles, qualitySummary, validationSummary } from '../engine/metrics/index.ts';
import type { WorkerPool } from '../engine/pool/pool.ts';
import { runSweep } from '../engine/sweep/index.ts';
import type { DatasetService } from './datasets.ts';
import type { CallContext, Handlers } from './dispatch.ts';
import { progressReporter, type JobRegistry } from './jobs.ts';
import { datasetRef } from './records.ts';

export interface AnalysisDeps {
  pool: WorkerPool;
  datasets: DatasetService;
  jobs: JobRegistry;
  record(id: string): Promise<WorkbenchRecord>;
  /** Remembers and saves an updated record; returns what clients get. */
  keep(rec: RunRecord): Promise<RunRecordView>;
  /**
   * A file holding the dataset's bytes: its path, or for an upload or pasted text (no path on this
   * host) the content-addressed copy main kept of it; null when there is neither.
   */
  dataFile(summary: DatasetSummary): Promise<string | null>;
  /** Keeps a finished sweep for reports; returns it with its id. */
  keepSweep(doc: SweepDocument): Promise<SweepDocument>;
}

const NO_FILE = 'Class columns are read from the CSV file itself, and this dataset has no file on this host: it came from the browser or as pasted text, and no copy of it was kept (larger than the copy limit). Open the file by path (a sample, the open dialog, a drop in the desktop app, or --data-dir of the web host) to validate against its classes.';

export class AnalysisService {
  /** Class labels read so far, per dataset id and column. */
  private readonly classes = new Map<string, Map<string, ClassLabels>>();

  constructor(private readonly deps: AnalysisDeps) {
    deps.datasets.onClose((id) => this.classes.delete(id));
  }

  async classColumns(datasetId: string): Promise<ClassColumnsReply> {
    const summary = this.deps.datasets.summary(datasetId);
    const columns = summary.columns.map((c) => c.name).filter((n) => !summary.features.includes(n));
    const suggestions = classColumnCandidates(summary).filter((s) => !summary.features.includes(s.column));
    return { suggestions, columns, unavailable: (await this.deps.dataFile(summary)) === null ? NO_FILE : null };
  }

  private async classLabels(datasetId: string, column: string): Promise<ClassLabels> {
    const summary = this.deps.datasets.summary(datasetId);
    const known = this.classes.get(datasetId)?.get(column);
    if (known) return known;
    const file = await this.deps.dataFile(summary);
    if (file === null) throw Object.assign(new Error(NO_FILE), { code: 'unsupported' });
    // readClassColumn checks the file's SHA-256 against the dataset's, so a kept copy is safe to use
    const labels = await readClassColumn(file, summary, this.deps.datasets.get(datasetId), column);
    if (!this.classes.has(datasetId)) this.classes.set(datasetId, new Map());
    this.classes.get(datasetId)!.set(column, labels);
    return labels;
  }

  async scoreRun(input: RequestInput<'analysis:run'>, ctx: CallContext): Promise<RunRecordView> {
    const rec = await this.deps.record(input.recordId);
    if (rec.kind !== 'run') throw new Error('Quality scores are computed for single runs, not for experiments');
    const ds = this.deps.datasets.get(input.datasetId);
    const summary = this.deps.datasets.summary(input.datasetId);
    if (summary.hash !== rec.dataset.hash || ds.n !== rec.result.labels.length || summary.features.join() !== rec.dataset.features.join()) {
      throw new Error(`Record "${rec.title}" was computed on other data (${rec.dataset.name}, ${rec.dataset.rows} rows, features ${rec.dataset.features.join(', ')}) than dataset ${summary.name}`);
    }
    return this.deps.jobs.run(input.jobId, async (token) => {
      const report = progressReporter(input.jobId, ctx.emit);
      const labels = rec.result.labels;
      const updated: RunRecord = { ...rec };
      if (input.quality) {
        report('quality', 0, 'silhouette', undefined, true);
        updated.quality = await qualitySummary(ds, labels, {
          pool: this.deps.pool,
          workers: Math.max(1, this.deps.pool.size),
          token,
          ...(input.silhouetteSample !== undefined ? { sampleSize: input.silhouetteSample } : {}),
          onProgress: (done, total) => report('quality', done / total, `silhouette: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`),
        });
      }
      if (input.classColumn !== undefined) updated.validation = validationSummary(await this.classLabels(input.datasetId, input.classColumn), labels);
      if (input.profiles) {
        report('profiles', 0, 'cluster profiles', undefined, true);
        updated.profiles = await clusterProfiles(ds, labels, {
          k: rec.result.algorithm === 'kmeans' ? rec.result.centroids.length : rec.result.medoids.length,
          scaling: { mode: summary.scaling, ...summary.featureScaling },
          imputedValues: summary.imputedValues,
          pool: this.deps.pool,
          workers: Math.max(1, this.deps.pool.size),
          token,
          onProgress: (done, total) => report('profiles', done / total, `cluster profiles: ${done} of ${total} features`),
        });
      }
      return this.deps.keep(updated);
    });
  }

  async sweep(input: RequestInput<'sweep:run'>, ctx: CallContext): Promise<SweepDocument> {
    const ds = this.deps.datasets.get(input.datasetId);
    const summary = this.deps.datasets.summary(input.datasetId);
    return this.deps.jobs.run(input.jobId, async (token) => {
      const report = progressReporter(input.jobId, ctx.emit);
      report('sweep', 0, 'starting', undefined, true);
      const sweep = await runSweep(ds, input.params, {
        pool: this.deps.pool,
        token,
        onPoint: (p, done, total) => report('sweep', done / total, `k = ${p.k} done (${done} of ${total})`, undefined, true),
      });
      return this.deps.keepSweep({ kind: 'sweep', createdAt: new Date().toISOString(), dataset: datasetRef(summary), machine: machineFacts(), sweep });
    });
  }

  handlers(): Pick<Handlers, 'analysis:classColumns' | 'analysis:run' | 'sweep:run'> {
    return {
      'analysis:classColumns': ({ datasetId }) => this.classColumns(datasetId),
      'analysis:run': (input, ctx) => this.scoreRun(input, ctx),
      'sweep:run': (input, ctx) => this.sweep(input, ctx),
    };
  }
}

// The typed API as the renderer sees it (`window.clusterbench`) and as main implements it.
import type {
  DatasetSummary,
  ExperimentRecord,
  MachineFacts,
  ProgressEvent,
  RecordView,
  RunRecordView,
  ScalingMode,
} from '../types.ts';
import type { ClassColumnSuggestion, SweepDocument } from '../analysis.ts';
import type { RunComparison } from '../compare.ts';
import type { RequestChannel, RequestPayload } from './index.ts';

export interface ClassColumnsReply {
  /** Most likely first. */
  suggestions: ClassColumnSuggestion[];
  /** Every column that is not a feature (any of them may be chosen). */
  columns: string[];
  /** Why class columns cannot be read for this dataset (e.g. it came as text), or null. */
  unavailable: string | null;
}

export interface SampleInfo {
  name: string;
  path: string;
  bytes: number;
  description: string;
}

export interface AppInfo {
  machine: MachineFacts;
  transport: 'electron' | 'web' | 'direct';
  defaultWorkers: number;
  maxWorkers: number;
  samples: SampleInfo[];
}

/**
 * The scatter's display sample. The host sends typed arrays (binary over the web host, structured
 * clone over Electron IPC); plain arrays are accepted too (tests, older hosts).
 */
export interface ScatterData {
  xName: string;
  yName: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Cluster label per shown point, or empty when no record is given. */
  labels: ArrayLike<number>;
  /** Position of each shown point in the loaded dataset (0-based): what `dataset:rows` asks for. */
  index?: ArrayLike<number>;
  centers: { x: number; y: number; label: number }[];
  centerKind: 'centroid' | 'medoid' | null;
  k: number;
  /** Rows in the dataset; larger than x.length when sampled for display. */
  total: number;
}

/** One row of the loaded dataset, as `dataset:rows` returns it. */
export interface DataRow {
  /** Position in the loaded dataset (0-based, as ScatterData.index). */
  index: number;
  /** The row's number in the file: 1 = the first data row under the header (the Data tab's "Row"). */
  row: number;
  /** Its cluster in the record asked about, or null without one. */
  cluster: number | null;
  /** The feature values the algorithm saw (after scaling), in `features` order. */
  values: number[];
  /** Every cell of the row as written in the CSV, in `columns` order; null when not asked for or unavailable. */
  cells: string[] | null;
}

export interface DataRowsReply {
  features: string[];
  scaling: ScalingMode;
  /** Every column of the file, in file order (the order of DataRow.cells). */
  columns: string[];
  rows: DataRow[];
  /** Why the CSV cells could not be read (the file is gone or changed), or null. */
  cellsUnavailable: string | null;
}

export interface EkmEstimate {
  combinations: number;
  estimatedMs: number;
  distanceMatrixBytes: number;
  refuse: string | null;
}

export interface HistoryEntry {
  id: string;
  /** 'sweep': a k sweep (sweep:load opens it; dataset:reopen and history:delete take its id too). */
  kind: 'run' | 'experiment' | 'sweep';
  title: string;
  createdAt: string;
  dataset: string;
  file: string;
}

/**
 * What a record can be saved as: the HTML report, the JSON record, the labels CSV (row, cluster,
 * distance), or the labelled data (the input CSV with cluster and distance appended).
 */
export type ReportFormat = 'html' | 'json' | 'csv' | 'data';

export interface ReportText {
  fileName: string;
  mime: string;
  text: string;
}

export interface RequestOutputs {
  'app:info': AppInfo;
  'dataset:samples': SampleInfo[];
  'dataset:open': DatasetSummary;
  'dataset:openText': DatasetSummary;
  'dataset:reopen': DatasetSummary;
  'upload:begin': { uploadId: string; chunkBytes: number };
  'dataset:openUpload': DatasetSummary;
  'dataset:list': DatasetSummary[];
  'dataset:close': { closed: boolean };
  'dataset:points': ScatterData;
  'dataset:rows': DataRowsReply;
  'kmeans:run': RunRecordView;
  'ekm:estimate': EkmEstimate;
  'ekm:run': RunRecordView;
  'pam:run': RunRecordView;
  'experiment:run': ExperimentRecord;
  'analysis:classColumns': ClassColumnsReply;
  'analysis:run': RunRecordView;
  'sweep:run': SweepDocument;
  'job:cancel': { cancelled: boolean };
  'history:list': { entries: HistoryEntry[]; warnings: string[] };
  'history:load': RecordView;
  'history:delete': { deleted: boolean };
  'runs:compare': RunComparison;
  'sweep:load': SweepDocument;
  'report:render': ReportText;
  'dialog:openCsv': { path: string | null };
  'dialog:saveReport': { path: string | null };
}

export type RequestOutput<C extends RequestChannel> = RequestOutputs[C];

/** Every response crosses transports in this envelope, so errors arrive as data, never as crashes. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type MenuAction = 'open-csv' | 'save-report' | 'run-serial' | 'run-parallel' | 'compare' | 'cancel';

export type WorkbenchEvent = { type: 'progress'; progress: ProgressEvent } | { type: 'menu'; action: MenuAction };

/** `window.clusterbench` */
export interface ClusterbenchApi {
  invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestOutput<C>>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /** Which transport carries the calls. */
  readonly transport: 'electron' | 'web';
  /**
   * Electron only: the file-system path of a dropped or picked File (contextIsolation hides
   * File.path); main is told so that `dataset:open` of that path is allowed.
   */
  pathForFile?(file: File): string;
  /**
   * Web host only: sends the next bytes of an upload begun with `upload:begin`; resolves once
   * they are handed to the network and the send buffer has room again (so progress is honest).
   */
  sendUploadChunk?(uploadId: string, bytes: ArrayBuffer): Promise<void>;
}

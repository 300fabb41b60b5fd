// The store's shared vocabulary: what the panels choose and what a job looks like.
import type { UploadableFile } from './upload.ts';
import type { RequestPayload } from '../../../shared/contract/schemas.ts';
import type { Distance, EkmVariant, KMeansInit, ProgressEvent } from '../../../shared/types.ts';

export type TabId = 'data' | 'clusters' | 'quality' | 'profiles' | 'sweep' | 'convergence' | 'scaling' | 'ekm' | 'history';
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
export type LoadOptions = NonNullable<RequestPayload<'dataset:open'>['options']>;

/** Where the loaded dataset came from, so "Apply" can reload it with other options. */
export type DatasetSource =
  | { kind: 'path'; path: string; name: string }
  | { kind: 'text'; name: string; text: string }
  /** A record's own data, reopened by the host from its kept copy or recorded path (History → Open). */
  | { kind: 'record'; recordId: string; name: string }
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

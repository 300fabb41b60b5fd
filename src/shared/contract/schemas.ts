// Runtime validation of every request payload. Main validates before anything runs, so a
// compromised or buggy renderer can only get a clear error back.
import { z } from 'zod';
import type { RequestChannel } from './channels.ts';
import { MAX_SWEEP_KS } from '../analysis.ts';
import { LIMITS } from './limits.ts';

const jobId = z.string().min(1).max(128);
const id = z.string().min(1).max(256);
const filePath = z.string().min(1).max(4096);
const seed = z.number().int().min(0).max(2 ** 32 - 1);
const workerCount = z.number().int().min(0).max(LIMITS.maxWorkers);

export const loadOptionsSchema = z
  .object({
    features: z.array(z.string().max(512)).max(10_000).optional(),
    missing: z.enum(['drop', 'mean-impute']).optional(),
    scaling: z.enum(['none', 'zscore', 'minmax']).optional(),
    header: z.boolean().optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
    raggedTolerance: z.number().min(0).max(1).optional(),
    badRows: z.enum(['fail', 'skip']).optional(),
    decimal: z.enum(['.', ',']).optional(),
    skipIdColumns: z.boolean().optional(),
  })
  .strict();

export const kmeansParamsSchema = z
  .object({
    k: z.number().int().min(1).max(100_000),
    init: z.enum(['random', 'kmeans++', 'given']).optional(),
    initialCentroids: z.array(z.array(z.number())).optional(),
    nInit: z.number().int().min(1).max(1000).optional(),
    seed: seed.optional(),
    changedFraction: z.number().min(0).max(1).optional(),
    tolerance: z.number().min(0).optional(),
    maxIterations: z.number().int().min(1).max(100_000).optional(),
    workers: z.union([workerCount, z.literal('auto')]).optional(),
  })
  .strict();

const distance = z.enum(['sqeuclidean', 'euclidean', 'manhattan']);

export const ekmParamsSchema = z
  .object({
    k: z.number().int().min(1).max(64),
    variant: z.enum(['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused']).optional(),
    distance: distance.optional(),
    workers: z.number().int().min(1).max(64).optional(),
    leafLength: z.number().int().min(1).optional(),
    leafCount: z.number().int().min(1).optional(),
    mergeArity: z.number().int().min(2).max(64).optional(),
    prune: z.boolean().optional(),
    distanceMatrix: z.enum(['auto', 'never']).optional(),
    matrixBudgetBytes: z.number().int().min(0).optional(),
    maxCombinations: z.number().positive().optional(),
    force: z.boolean().optional(),
    timeLimitS: z.number().positive().finite().optional(),
  })
  .strict();

export const experimentSpecSchema = z
  .object({
    algorithm: z.enum(['kmeans', 'ekm']),
    kmeans: kmeansParamsSchema.optional(),
    ekm: ekmParamsSchema.optional(),
    workers: z.array(workerCount).min(1).max(32),
    sizes: z.array(z.number().int().min(1)).max(16).default([]),
    ks: z.array(z.number().int().min(1)).max(16).default([]),
    repeats: z.number().int().min(1).max(50).default(3),
    warmup: z.boolean().default(true),
    seed: seed.default(1),
    /** Sizes above the dataset's row count resample with replacement instead of failing. */
    withReplacement: z.boolean().optional(),
    /** Also time the machine ceiling: P independent single-worker runs at once vs one alone. */
    ceiling: z.boolean().optional(),
  })
  .strict()
  .refine((s) => (s.algorithm === 'kmeans' ? s.kmeans !== undefined : s.ekm !== undefined), {
    message: 'the parameters of the chosen algorithm are required (kmeans or ekm)',
  });

const reportFormat = z.enum(['html', 'json', 'csv', 'data']);

const empty = z.object({}).strict();

/**
 * What a report is of: a record; or a k sweep of this session (sweepId, from sweep:run); or both,
 * for the HTML report of a run with the sweep on its data added as a section.
 */
const reportRequest = z
  .object({ recordId: id.optional(), sweepId: id.optional(), format: reportFormat })
  .strict()
  .refine((r) => r.recordId !== undefined || r.sweepId !== undefined, { message: 'name the record (recordId) or the sweep (sweepId) to report' });

const sweepParamsSchema = z
  .object({
    algorithm: z.enum(['kmeans', 'pam', 'ekm']).default('kmeans'),
    kFrom: z.number().int().min(2).max(10_000),
    kTo: z.number().int().min(2).max(10_000),
    nInit: z.number().int().min(1).max(1000).default(10),
    seed: seed.default(0),
    workers: z.number().int().min(1).max(LIMITS.maxWorkers).default(2),
    silhouetteSample: z.number().int().min(2).max(LIMITS.maxRows).optional(),
    /** EKM: skip k values whose runtime estimate is above this many seconds (with a note). */
    ekmBudgetS: z.number().positive().max(7 * 24 * 3600).optional(),
  })
  .strict()
  .refine((p) => p.kTo >= p.kFrom, { message: 'kTo must be at least kFrom' })
  .refine((p) => p.kTo - p.kFrom + 1 <= MAX_SWEEP_KS, { message: `a sweep runs at most ${MAX_SWEEP_KS} values of k` });

export const requestSchemas = {
  'app:info': empty,
  'dataset:samples': empty,
  'dataset:open': z.object({ jobId, path: filePath, options: loadOptionsSchema.optional() }).strict(),
  'dataset:reopen': z.object({ jobId, recordId: id, options: loadOptionsSchema.optional() }).strict(),
  'dataset:openText': z
    .object({ jobId, name: z.string().min(1).max(512), text: z.string().max(256 * 1024 * 1024), options: loadOptionsSchema.optional() })
    .strict(),
  /** Web host: announces a file whose bytes follow as binary frames (see services/uploads.ts). */
  'upload:begin': z.object({ jobId, name: z.string().min(1).max(512), bytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
  /** Web host: loads a complete upload with the same loader as a path. */
  'dataset:openUpload': z.object({ jobId, uploadId: z.string().regex(/^[0-9a-f]{16}$/), options: loadOptionsSchema.optional() }).strict(),
  'dataset:list': empty,
  'dataset:close': z.object({ datasetId: id }).strict(),
  'dataset:points': z
    .object({
      datasetId: id,
      /** Feature column names, or 'pca' for the first two principal components. */
      x: z.string().min(1),
      y: z.string().min(1),
      maxPoints: z.number().int().min(10).max(2_000_000).default(50_000),
      recordId: id.optional(),
    })
    .strict(),
  /** Rows of a loaded dataset by position (a scatter selection, a tooltip); cells re-reads the CSV for its original text. */
  'dataset:rows': z
    .object({
      datasetId: id,
      indices: z.array(z.number().int().min(0)).min(1).max(LIMITS.rowsPerRequest),
      recordId: id.optional(),
      cells: z.boolean().default(false),
    })
    .strict(),
  'kmeans:run': z.object({ jobId, datasetId: id, params: kmeansParamsSchema }).strict(),
  'ekm:estimate': z.object({ datasetId: id, params: ekmParamsSchema }).strict(),
  'ekm:run': z.object({ jobId, datasetId: id, params: ekmParamsSchema, withPam: z.boolean().default(true) }).strict(),
  'pam:run': z.object({ jobId, datasetId: id, k: z.number().int().min(1).max(10_000), distance: distance.default('sqeuclidean'), seed: seed.default(1) }).strict(),
  'experiment:run': z.object({ jobId, datasetId: id, spec: experimentSpecSchema }).strict(),
  /** Columns of an open dataset that look like known classes (see engine/dataset/class-column.ts). */
  'analysis:classColumns': z.object({ datasetId: id }).strict(),
  /** Scores a run: quality (silhouette, Davies–Bouldin, Calinski–Harabasz), with a class column validation, and on request profiles. */
  'analysis:run': z
    .object({
      jobId,
      recordId: id,
      datasetId: id,
      quality: z.boolean().default(true),
      classColumn: z.string().min(1).max(512).optional(),
      silhouetteSample: z.number().int().min(2).max(LIMITS.maxRows).optional(),
      /** Cluster profiles (per cluster and feature: size, mean, sd, quartiles; original units). */
      profiles: z.boolean().default(false),
    })
    .strict(),
  'sweep:run': z.object({ jobId, datasetId: id, params: sweepParamsSchema }).strict(),
  'job:cancel': z.object({ jobId }).strict(),
  'history:list': empty,
  'history:load': z.object({ recordId: id }).strict(),
  'history:delete': z.object({ recordId: id }).strict(),
  /** Two runs side by side: parameters, costs, scores and the agreement of their labelings (computed in main). */
  'runs:compare': z.object({ recordA: id, recordB: id }).strict(),
  /** A k sweep from history (History → Open / Re-run of a sweep row). */
  'sweep:load': z.object({ sweepId: id }).strict(),
  /** Report content as text (the web host downloads it; tests read it). */
  'report:render': reportRequest,
  'dialog:openCsv': empty,
  /** The only way to write a file: main shows the native save dialog, and writes where the user chose. */
  'dialog:saveReport': reportRequest,
} satisfies Record<RequestChannel, z.ZodType>;

export type RequestInput<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>;
/** What a caller may send (defaults not yet applied). */
export type RequestPayload<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;

export class ContractError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Validates a payload; throws a ContractError whose message names the channel and each bad field. */
export function validateRequest<C extends RequestChannel>(channel: C, payload: unknown): RequestInput<C> {
  const schema = requestSchemas[channel];
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data as RequestInput<C>;
  const problems = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
    .join('; ');
  throw new ContractError(`Invalid request on "${channel}": ${problems}`, 'invalid-payload');
}

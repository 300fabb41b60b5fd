// JSON report = the WorkbenchRecord itself (schemaVersion 1), the same schema history persists.
// Loading validates everything with zod so a hand-edited or foreign file fails with a readable reason.
import { z } from 'zod';
import type { WorkbenchRecord } from '../../shared/types.ts';

export const REPORT_SCHEMA_VERSION = 1;

// JSON has no NaN/Infinity (JSON.stringify writes null). We write them as strings and read them
// back only where a number is expected, so a round trip is exact. A null in a number field (files
// written with plain JSON.stringify, such as history records saved before history used this writer)
// reads as NaN: the value was non-finite, and which one is lost.
const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;
const num = z.union([z.number(), z.enum(NON_FINITE).transform((s) => Number(s)), z.null().transform(() => NaN)]);
const int = z.number().int();
const obj = z.looseObject; // unknown (newer, optional) fields survive a load → save round trip

const machine = obj({
  cpuModel: z.string(),
  logicalCores: int,
  totalMemoryBytes: num,
  os: z.string(),
  node: z.string(),
  v8: z.string(),
  electron: z.string().nullable(),
  appVersion: z.string(),
});

const dataset = obj({
  name: z.string(),
  path: z.string(),
  hash: z.string(),
  rows: int,
  d: int,
  features: z.array(z.string()),
  scaling: z.enum(['none', 'zscore', 'minmax']),
});

const kmeansParams = obj({
  k: int,
  init: z.enum(['random', 'kmeans++', 'given']),
  initialCentroids: z.array(z.array(num)).optional(),
  nInit: int,
  seed: num,
  changedFraction: num,
  tolerance: num,
  maxIterations: int,
  workers: z.union([int, z.literal('auto')]),
});

const iteration = obj({ iteration: int, changed: int, changedFraction: num, inertia: num, elapsedMs: num });

const kmeansResult = obj({
  algorithm: z.literal('kmeans'),
  params: kmeansParams,
  labels: z.array(int),
  centroids: z.array(z.array(num)),
  inertia: num,
  iterations: int,
  stopReason: z.enum(['changed-fraction', 'tolerance', 'max-iterations', 'converged']),
  history: z.array(iteration),
  workers: int,
  timings: obj({ totalMs: num, initMs: num, iterateMs: num, perIterationMs: num }),
  bestRestart: int,
  // Records saved before k-means had warnings read as "no warnings".
  warnings: z.array(z.string()).default([]),
});

const ekmParams = obj({
  k: int,
  variant: z.enum(['sequential', 'split', 'gen1', 'gen2', 'tree', 'fused']),
  distance: z.enum(['sqeuclidean', 'euclidean', 'manhattan']),
  workers: int,
  leafLength: int.optional(),
  maxCombinations: num.optional(),
  force: z.boolean().optional(),
});

const treeNode = obj({
  id: int,
  kind: z.enum(['gen', 'merge', 'eval']),
  label: z.string(),
  workerId: int,
  startMs: num,
  endMs: num,
  children: z.array(int),
});

const ekmResult = obj({
  algorithm: z.enum(['ekm', 'pam']),
  params: ekmParams,
  medoids: z.array(int),
  medoidCoordinates: z.array(z.array(num)),
  labels: z.array(int),
  cost: num,
  combinationsEvaluated: num,
  timings: obj({ totalMs: num }),
  timeline: z.array(treeNode),
});

const cell = obj({
  n: int,
  k: int,
  workers: int,
  timesMs: z.array(num),
  medianMs: num,
  minMs: num,
  maxMs: num,
  speedup: num,
  efficiency: num,
  answerMatches: z.boolean(),
  answerNote: z.string().optional(),
  ceilingSpeedup: num.optional(),
  ofCeiling: num.optional(),
  ceilingTimesMs: z.array(num).optional(),
});

const runtimeModel = obj({ kind: z.enum(['linear', 'power']), a: num, b: num, r2: num });

const experiment = obj({
  spec: obj({
    algorithm: z.enum(['kmeans', 'ekm']),
    // Only what the user set: the engine filled in the rest per cell.
    kmeans: kmeansParams.partial().required({ k: true }).optional(),
    ekm: ekmParams.partial().required({ k: true }).optional(),
    workers: z.array(int),
    sizes: z.array(int),
    ks: z.array(int),
    repeats: int,
    warmup: z.boolean(),
    seed: num,
    withReplacement: z.boolean().optional(),
    ceiling: z.boolean().optional(),
  }),
  cells: z.array(cell),
  fits: z.array(
    obj({
      n: int,
      k: int,
      amdahl: obj({ parallelFraction: num, rmse: num }).nullable(),
      gustafson: obj({ serialFraction: num, rmse: num }).nullable(),
    }),
  ),
  runtimeModels: z.array(obj({ k: int, workers: int, linear: runtimeModel.nullable(), power: runtimeModel.nullable() })),
  mismatches: z.array(z.string()),
  totalMs: num,
  cancelled: z.boolean(),
  fitWorkerCap: int.optional(),
});

const base = {
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  createdAt: z.string(),
  title: z.string(),
  dataset,
  machine,
};

export const workbenchRecordSchema = z.discriminatedUnion('kind', [
  obj({ ...base, kind: z.literal('run'), result: z.discriminatedUnion('algorithm', [kmeansResult, ekmResult]), heuristic: ekmResult.optional() }),
  obj({ ...base, kind: z.literal('experiment'), experiment }),
]);

// Compile-time guard: the schema's output must stay assignable to the domain type.
type Assignable<T extends WorkbenchRecord> = T;
export type ValidatedRecord = Assignable<z.output<typeof workbenchRecordSchema>>;

/** A typed-array-safe, non-finite-safe value for JSON. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** Pretty JSON, but arrays of plain numbers/strings stay on one line (labels of 10⁶ rows stay readable and small). */
function stringifyPretty(value: unknown, indent: string): string {
  const json = JSON.stringify(value, jsonValue);
  if (json === undefined) throw new TypeError('toJsonReport: nothing to serialise');
  return reindent(JSON.parse(json) as unknown, '', indent);
}

function reindent(value: unknown, current: string, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = current + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + reindent(v, inner, indent)).join(',\n')}\n${current}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${reindent(v, inner, indent)}`).join(',\n')}\n${current}}`;
}

export function toJsonReport(rec: WorkbenchRecord): string {
  return `${stringifyPretty(rec, '  ')}\n`;
}

function describePath(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

/** Parses and validates a JSON report; throws an Error whose message says what is wrong and where. */
export function loadJsonReport(text: string, source = 'the file'): WorkbenchRecord {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${source} is not valid JSON (${err instanceof Error ? err.message : String(err)}), so it is not a Clusterbench report`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${source} is not a Clusterbench report: expected a JSON object with "schemaVersion" and "kind"`);
  }
  const top = data as Record<string, unknown>;
  if (!('schemaVersion' in top) || !('kind' in top)) {
    throw new Error(`${source} is not a Clusterbench report: it has no "schemaVersion"/"kind" fields`);
  }
  if (top.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new Error(
      `${source} has report schemaVersion ${JSON.stringify(top.schemaVersion)}, but this version of Clusterbench reads schemaVersion ${REPORT_SCHEMA_VERSION}`,
    );
  }
  if (top.kind !== 'run' && top.kind !== 'experiment') {
    throw new Error(`${source} has kind ${JSON.stringify(top.kind)}; a Clusterbench report is a "run" or an "experiment"`);
  }
  const parsed = workbenchRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${describePath(i.path) || '(top level)'}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new Error(`${source} is not a valid Clusterbench ${top.kind} report: ${issues.join('; ')}${more}`);
  }
  return parsed.data as WorkbenchRecord;
}

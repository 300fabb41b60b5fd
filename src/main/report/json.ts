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
/** A number as the JSON files of history store it (also the sweeps', services/sweep-history.ts). */
export const storedNumber = z.union([z.number(), z.enum(NON_FINITE).transform((s) => Number(s)), z.null().transform(() => NaN)]);
const num = storedNumber;
const int = z.number().int();
/**
 * A list of whole numbers (labels: 10⁶ entries for a big run), checked in one plain loop: z.array(int)
 * spent ~70 ms of main-thread time per 10⁶ labels on every history save. Reports the first bad index.
 */
const intList = z.any().superRefine((v, ctx) => {
  if (!Array.isArray(v)) return void ctx.addIssue({ code: 'custom', message: 'Invalid input: expected an array of whole numbers' });
  for (let i = 0; i < v.length; i++) {
    if (!Number.isInteger(v[i])) return void ctx.addIssue({ code: 'custom', path: [i], message: 'Invalid input: expected a whole number' });
  }
}) as unknown as z.ZodType<number[]>;
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
  labels: intList,
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
  timeLimitS: num.optional(),
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
  labels: intList,
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

/** A number as JSON writes it; non-finite ones become strings ("NaN", "Infinity") so nothing is lost. */
function numberJson(x: number): string {
  return Number.isFinite(x) ? String(x) : JSON.stringify(String(x));
}

/**
 * Pretty JSON in one walk, without JSON.stringify → parse → re-print (which cost 270 ms of
 * main-thread time for a 10⁶-row run): objects one key per line, arrays of plain values (labels,
 * coordinates, typed arrays) on one line. Same output as JSON.stringify would give for the values
 * (toJSON honoured, undefined and functions dropped from objects and null in arrays).
 */
function pretty(input: unknown, current: string, indent: string): string | undefined {
  const value = input !== null && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON(): unknown }).toJSON() : input;
  if (typeof value === 'number') return numberJson(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const list = value as unknown as ArrayLike<number | bigint>;
    if (list.length === 0) return '[]';
    return `[${Array.from(list, (x) => numberJson(Number(x))).join(', ')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = current + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'))) {
      return `[${value.map((v) => (typeof v === 'number' ? numberJson(v) : (JSON.stringify(v) ?? 'null'))).join(', ')}]`;
    }
    return `[\n${value.map((v) => inner + (pretty(v, inner, indent) ?? 'null')).join(',\n')}\n${current}]`;
  }
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const text = pretty(v, inner, indent);
    if (text !== undefined) lines.push(`${inner}${JSON.stringify(k)}: ${text}`);
  }
  return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n${current}}`;
}

function stringifyPretty(value: unknown, indent: string): string {
  const json = pretty(value, '', indent);
  if (json === undefined) throw new TypeError('toJsonReport: nothing to serialise');
  return json;
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

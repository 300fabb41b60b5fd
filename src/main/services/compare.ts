// History → Compare: two runs side by side. Parameters under readable names, costs, quality
// scores, and the agreement of their labelings (ARI, NMI, matched clusters) computed here from
// the records' per-row labels, which never leave main. Runs on different data are refused.
import type { ComparedParameter, ComparedRun, RunComparison } from '../../shared/compare.ts';
import type { RunRecord, WorkbenchRecord } from '../../shared/types.ts';
import { labelingAgreement } from '../engine/metrics/index.ts';
import { fmt } from '../report/html/parts.ts';
import { ALGORITHM_NAMES, paramName, valueText } from '../report/html/params.ts';

export class ComparisonRefused extends Error {
  constructor(
    message: string,
    readonly code: 'different-data' | 'not-a-run',
  ) {
    super(message);
    this.name = 'ComparisonRefused';
  }
}

function asRun(rec: WorkbenchRecord, which: string): RunRecord {
  if (rec.kind !== 'run') throw new ComparisonRefused(`Run ${which} ("${rec.title}") is a scaling experiment; only single runs (k-means, EKM, PAM) can be compared.`, 'not-a-run');
  return rec;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** Refuses two runs whose rows are not the same rows: different file bytes, or a different row count. */
function checkSameData(a: RunRecord, b: RunRecord): void {
  const da = a.dataset;
  const db = b.dataset;
  if (da.hash !== db.hash) {
    throw new ComparisonRefused(
      `These runs are on different data: A on ${da.name} (SHA-256 ${short(da.hash)}), B on ${db.name} (SHA-256 ${short(db.hash)}). Their labelings can only be compared on the same rows of the same file.`,
      'different-data',
    );
  }
  const na = a.result.labels.length;
  const nb = b.result.labels.length;
  if (da.rows !== db.rows || na !== nb) {
    throw new ComparisonRefused(
      `These runs are on the same file (${da.name}) but on different rows: A kept ${na.toLocaleString('en-US')} rows, B ${nb.toLocaleString('en-US')} (a different missing-value policy?). Their labelings cannot be compared row by row.`,
      'different-data',
    );
  }
}

function text(key: string, value: unknown): string {
  const v = valueText(key, value);
  return typeof v === 'number' ? fmt(v, 6) : v === undefined || v === null ? '—' : String(v);
}

function summarise(rec: RunRecord): ComparedRun {
  const r = rec.result;
  const k = r.params.k;
  const q = rec.quality;
  const v = rec.validation;
  return {
    id: rec.id,
    title: rec.title,
    createdAt: rec.createdAt,
    algorithm: r.algorithm,
    k,
    clusters: new Set(r.labels).size,
    costName: r.algorithm === 'kmeans' ? 'inertia' : `sum of ${r.params.distance === 'sqeuclidean' ? 'squared ' : ''}distances to the medoid`,
    cost: r.algorithm === 'kmeans' ? r.inertia : r.cost,
    timeMs: r.timings.totalMs,
    ...(q ? { quality: { silhouette: q.silhouette.mean, silhouetteExact: q.silhouette.exact, daviesBouldin: q.daviesBouldin, calinskiHarabasz: q.calinskiHarabasz } } : {}),
    ...(v ? { validation: { classColumn: v.classColumn, ari: v.ari, nmi: v.nmi } } : {}),
  };
}

/** A run's parameters as a reader knows them: PAM records carry the 'sequential' EKM variant they run under, which is not a PAM setting. */
function shownParams(rec: RunRecord): Record<string, unknown> {
  const { variant, ...rest } = rec.result.params as unknown as Record<string, unknown>;
  return rec.result.algorithm === 'pam' ? rest : { ...rest, variant };
}

/** Algorithm, data choices and every parameter either run has, in a stable order (A's keys first). */
function parameterRows(a: RunRecord, b: RunRecord): ComparedParameter[] {
  const row = (name: string, va: string, vb: string): ComparedParameter => ({ name, a: va, b: vb, differs: va !== vb });
  const rows = [
    row('Algorithm', ALGORITHM_NAMES[a.result.algorithm], ALGORITHM_NAMES[b.result.algorithm]),
    row('Features', a.dataset.features.join(', '), b.dataset.features.join(', ')),
    row('Scaling', a.dataset.scaling, b.dataset.scaling),
  ];
  const pa = shownParams(a);
  const pb = shownParams(b);
  const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((key) => pa[key] !== undefined || pb[key] !== undefined);
  for (const key of keys) rows.push(row(paramName(key), pa[key] === undefined ? '—' : text(key, pa[key]), pb[key] === undefined ? '—' : text(key, pb[key])));
  return rows;
}

export function compareRuns(recA: WorkbenchRecord, recB: WorkbenchRecord): RunComparison {
  const a = asRun(recA, 'A');
  const b = asRun(recB, 'B');
  checkSameData(a, b);
  const agreement = labelingAgreement(a.result.labels, b.result.labels);
  return {
    dataset: { name: a.dataset.name, hash: a.dataset.hash, rows: a.result.labels.length },
    a: summarise(a),
    b: summarise(b),
    parameters: parameterRows(a, b),
    agreement,
  };
}

// The scikit-learn cross-check as data: what scripts/sklearn_quality.py kept, and the engine's
// value beside each of sklearn's. Shared by the bench (which prints the table) and the unit test
// (which needs no python: it reads the kept file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCsv } from '../src/main/engine/dataset/csv.ts';
import { externalScores, qualityScores } from '../src/main/engine/metrics/index.ts';
import type { WorkerPool } from '../src/main/engine/pool/pool.ts';

type InternalKeys = 'silhouette' | 'silhouette_exact_distances' | 'davies_bouldin' | 'calinski_harabasz';
interface KeptInternal extends Record<InternalKeys, number> {
  silhouette_per_cluster: Record<string, number>;
}
interface KeptDataset {
  name: string;
  file: string;
  n: number;
  d: number;
  k: number;
  labelings: Record<'classes' | 'kmeans', number[]>;
  internal: Record<'classes' | 'kmeans', KeptInternal>;
  external: Record<'ari' | 'nmi' | 'mi' | 'homogeneity' | 'completeness' | 'v_measure' | 'purity', number>;
}
export interface KeptCrossCheck {
  sklearn: string;
  numpy: string;
  python: string;
  datasets: KeptDataset[];
}

export const KEPT_FILE = 'docs/measurements/quality-sklearn.json';

export function readKept(root: string): KeptCrossCheck {
  return JSON.parse(readFileSync(join(root, KEPT_FILE), 'utf8')) as KeptCrossCheck;
}

export interface Comparison {
  dataset: string;
  labeling: string;
  score: string;
  sklearn: number;
  ours: number;
  /** |ours − sklearn| / |sklearn| (absolute difference when sklearn's value is 0). */
  relative: number;
}

function compare(dataset: string, labeling: string, score: string, sklearn: number, ours: number): Comparison {
  const diff = Math.abs(ours - sklearn);
  return { dataset, labeling, score, sklearn, ours, relative: sklearn === 0 ? diff : diff / Math.abs(sklearn) };
}

/** Every kept sklearn number beside the engine's (silhouette on `pool` with `workers`, when given). */
export async function crossCheck(root: string, opts: { pool?: WorkerPool; workers?: number } = {}): Promise<Comparison[]> {
  const kept = readKept(root);
  const out: Comparison[] = [];
  for (const ds of kept.datasets) {
    const { dataset } = await loadCsv(join(root, ds.file));
    if (dataset.n !== ds.n || dataset.d !== ds.d) throw new Error(`${ds.file}: ${dataset.n}×${dataset.d}, kept ${ds.n}×${ds.d}`);
    for (const labeling of ['classes', 'kmeans'] as const) {
      const labels = ds.labelings[labeling];
      const q = await qualityScores(dataset, labels, opts);
      const sk = ds.internal[labeling];
      out.push(compare(ds.name, labeling, 'silhouette', sk.silhouette, q.silhouette.mean));
      out.push(compare(ds.name, labeling, 'silhouette (exact distances)', sk.silhouette_exact_distances, q.silhouette.mean));
      for (const c of q.silhouette.perCluster) {
        out.push(compare(ds.name, labeling, `silhouette cluster ${c.label}`, sk.silhouette_per_cluster[String(c.label)], c.mean));
      }
      out.push(compare(ds.name, labeling, 'Davies–Bouldin', sk.davies_bouldin, q.daviesBouldin));
      out.push(compare(ds.name, labeling, 'Calinski–Harabasz', sk.calinski_harabasz, q.calinskiHarabasz));
    }
    const e = externalScores(ds.labelings.classes, ds.labelings.kmeans);
    const ours = { ari: e.ari, nmi: e.nmi, mi: e.mi, homogeneity: e.homogeneity, completeness: e.completeness, v_measure: e.vMeasure, purity: e.purity };
    for (const [key, value] of Object.entries(ours)) {
      out.push(compare(ds.name, 'classes vs kmeans', key, ds.external[key as keyof typeof ours], value));
    }
  }
  return out;
}

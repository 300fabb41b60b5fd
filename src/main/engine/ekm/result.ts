// Turns a selected medoid set into the result every consumer reads (UI, reports, CLI).
import type { EkmParams, EkmResult } from '../../../shared/types.ts';
import { row, type Dataset } from '../dataset/dataset.ts';
import type { BestSet } from './best.ts';
import { pointDistance } from './distance.ts';

/** Nearest medoid per point as a position in the sorted medoid list; ties go to the lowest medoid index. */
export function assignLabels(ds: Dataset, medoids: number[], distance: EkmParams['distance']): Int32Array {
  const labels = new Int32Array(ds.n);
  for (let p = 0; p < ds.n; p++) {
    let best = Infinity;
    let label = 0;
    for (let t = 0; t < medoids.length; t++) {
      const v = pointDistance(ds.values, ds.d, p, medoids[t], distance);
      if (v < best) {
        best = v;
        label = t;
      }
    }
    labels[p] = label;
  }
  return labels;
}

export function buildResult(
  ds: Dataset,
  params: EkmParams,
  algorithm: EkmResult['algorithm'],
  best: BestSet,
  extras: Pick<EkmResult, 'combinationsEvaluated' | 'timings' | 'timeline'> & Partial<Pick<EkmResult, 'combinationsAbandoned' | 'iterations' | 'proof'>>,
): EkmResult {
  const medoids = [...best.medoids].sort((a, b) => a - b);
  return {
    algorithm,
    params,
    medoids,
    medoidCoordinates: medoids.map((m) => row(ds, m)),
    labels: assignLabels(ds, medoids, params.distance),
    cost: best.cost,
    ...extras,
  };
}

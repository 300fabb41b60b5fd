// The cluster scatter's display sample, computed where the data is (main): a deterministic sample
// of the loaded rows, placed on two feature columns or on the first two principal components,
// with each point's cluster and its position in the dataset. Typed arrays, so the web host sends
// them as one binary frame and Electron IPC copies them without a JSON detour.
import type { ScatterData } from '../../shared/contract/index.ts';
import { pca2, projectPoint, sampleForDisplay } from '../../shared/charts/index.ts';
import type { WorkbenchRecord } from '../../shared/types.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';

/** Labels of `rec` when they label exactly this dataset's rows, else null. */
export function recordLabels(rec: WorkbenchRecord | undefined, n: number): ArrayLike<number> | null {
  return rec?.kind === 'run' && rec.result.labels.length === n ? rec.result.labels : null;
}

export function scatterPoints(ds: Dataset, xName: string, yName: string, maxPoints: number, rec?: WorkbenchRecord): ScatterData {
  const index = sampleForDisplay(ds.n, maxPoints, 1);
  const m = index.length;
  const labelsAll = recordLabels(rec, ds.n);
  const centersRaw: number[][] = rec?.kind === 'run' ? (rec.result.algorithm === 'kmeans' ? rec.result.centroids : rec.result.medoidCoordinates) : [];
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  let project: (row: ArrayLike<number>) => { x: number; y: number };
  let names: [string, string];
  if (xName === 'pca' || yName === 'pca') {
    // Axes fitted on the displayed sample (as the report's scatter is): the same picture at a
    // fraction of the cost of a pass over 10⁶ rows.
    const sample = new Float64Array(m * ds.d);
    for (let r = 0; r < m; r++) sample.set(ds.values.subarray(index[r] * ds.d, (index[r] + 1) * ds.d), r * ds.d);
    const p = pca2(sample, m, ds.d);
    x.set(p.x);
    y.set(p.y);
    project = (row) => projectPoint(p, row);
    const share = (v: number) => `${(v * 100).toFixed(1)}% of variance`;
    names = [`PC1 (${share(p.explained[0])})`, `PC2 (${share(p.explained[1])})`];
  } else {
    const xi = ds.columns.indexOf(xName);
    const yi = ds.columns.indexOf(yName);
    if (xi < 0 || yi < 0) throw new Error(`Unknown axis column: ${xi < 0 ? xName : yName}. Features: ${ds.columns.join(', ')}`);
    for (let r = 0; r < m; r++) {
      x[r] = ds.values[index[r] * ds.d + xi];
      y[r] = ds.values[index[r] * ds.d + yi];
    }
    project = (row) => ({ x: row[xi], y: row[yi] });
    names = [xName, yName];
  }
  const labels = new Int32Array(labelsAll ? m : 0);
  if (labelsAll) for (let r = 0; r < m; r++) labels[r] = labelsAll[index[r]];
  const centers = labelsAll ? centersRaw.map((c, label) => ({ ...project(c), label })) : [];
  const centerKind = rec?.kind === 'run' ? (rec.result.algorithm === 'kmeans' ? 'centroid' : 'medoid') : null;
  return { xName: names[0], yName: names[1], x, y, labels, index, centers, centerKind, k: centers.length, total: ds.n };
}

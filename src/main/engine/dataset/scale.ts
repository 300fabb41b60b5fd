// Feature scaling in place: scaled = (raw - offset) / factor, with offset/factor kept so results
// can be mapped back to original units. Constant features become 0 (a warning, not an error).
import type { ScalingMode } from '../../../shared/types.ts';
import type { Dataset } from './dataset.ts';

export interface FeatureScaling {
  offset: number[];
  factor: number[];
  /** Names of features that were constant (all scaled to 0). */
  constant: string[];
}

export function scaleDataset(ds: Dataset, mode: ScalingMode): FeatureScaling {
  const { n, d, values } = ds;
  const offset = new Array<number>(d).fill(0);
  const factor = new Array<number>(d).fill(1);
  const constant: string[] = [];
  if (mode === 'none' || n === 0) return { offset, factor, constant };
  for (let j = 0; j < d; j++) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * d + j];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    // Decide "constant" on exact equality: a rounded mean of equal values may differ from them.
    if (min === max) {
      offset[j] = min;
      constant.push(ds.columns[j]);
    } else if (mode === 'minmax') {
      offset[j] = min;
      factor[j] = max - min;
    } else {
      const mean = sum / n;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const dv = values[i * d + j] - mean;
        ss += dv * dv;
      }
      offset[j] = mean;
      factor[j] = Math.sqrt(ss / n); // population standard deviation, like scikit-learn's StandardScaler
    }
    const o = offset[j];
    const f = factor[j];
    for (let i = 0; i < n; i++) values[i * d + j] = (values[i * d + j] - o) / f;
  }
  return { offset, factor, constant };
}

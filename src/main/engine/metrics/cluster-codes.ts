// Checks a labeling against a dataset and turns it into dense cluster codes with sizes: what
// every internal score starts from.
import { firstNonFinite, type Dataset } from '../dataset/dataset.ts';
import { encodeLabels, type Labels } from './labels.ts';

export interface ClusterCodes {
  /** Code 0..k−1 of each point. */
  codes: Int32Array;
  /** labels[c] = the original label of code c, ascending. */
  labels: number[];
  sizes: Int32Array;
}

/** Internal scores need 2 ≤ clusters ≤ n − 1 (as scikit-learn's check_number_of_labels). */
export function clusterCodes(ds: Dataset, labels: Labels): ClusterCodes {
  if (labels.length !== ds.n) throw new RangeError(`${labels.length} labels for ${ds.n} rows`);
  const bad = firstNonFinite(ds.values);
  if (bad >= 0) throw new RangeError(`row ${Math.floor(bad / ds.d) + 1} has a value that is not a finite number`);
  const { codes, values } = encodeLabels(labels, 'labels');
  const k = values.length;
  if (k < 2 || k > ds.n - 1) {
    throw new RangeError(`quality scores need 2 to n − 1 = ${ds.n - 1} clusters, the labels have ${k}`);
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]]++;
  return { codes, labels: values, sizes };
}

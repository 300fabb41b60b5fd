// Post-run warnings, as scikit-learn's KMeans gives them: a fit whose result has fewer non-empty
// clusters than k is legitimate but rarely what the user meant, so it must not pass silently.
// Computed once on the main thread from the returned labels (O(n)); the O(n·d) distinct-point count
// runs only when some cluster is empty, to say whether the data itself is the reason.

/** Readable warnings for a finished k-means run; empty when every cluster kept at least one row. */
export function kmeansWarnings(values: Float64Array, n: number, d: number, k: number, labels: ArrayLike<number>): string[] {
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (sizes[j] === 0) empty.push(j);
  if (empty.length === 0) return [];
  const warnings = [
    `${k - empty.length} distinct clusters found, fewer than k = ${k}: ` +
      `${empty.length === 1 ? 'cluster' : 'clusters'} ${listClusters(empty)} ${empty.length === 1 ? 'is' : 'are'} empty after the run ` +
      `(${empty.length === 1 ? 'its centroid is' : 'their centroids are'} not the mean of any rows).`,
  ];
  const distinct = countDistinctRows(values, n, d, k);
  if (distinct < k) {
    warnings.push(`The data has only ${distinct} distinct ${distinct === 1 ? 'point' : 'points'}, fewer than k = ${k} (duplicate rows): at most ${distinct} clusters can be non-empty.`);
  }
  return warnings;
}

const MAX_LISTED = 10;

/** Cluster numbers as the result tables show them (0-based), long lists cut. */
function listClusters(ids: number[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(', ');
  return ids.length > MAX_LISTED ? `${shown} … (${ids.length - MAX_LISTED} more)` : shown;
}

/**
 * Number of distinct rows, counted up to `cap` (stops as soon as `cap` are seen: the caller only
 * needs to know whether there are fewer than k). Rows compare by value, so 0 and -0 are the same.
 */
export function countDistinctRows(values: Float64Array, n: number, d: number, cap: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n && seen.size < cap; i++) {
    let key = '';
    for (let t = 0; t < d; t++) key += (t > 0 ? ',' : '') + (values[i * d + t] === 0 ? 0 : values[i * d + t]);
    seen.add(key);
  }
  return seen.size;
}

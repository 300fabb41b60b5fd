// Parameters under the names a reader knows, not the engine's field names (nInit, changedFraction).
import type { Cell } from './parts.ts';
import { fmt } from './parts.ts';

const NAMES: Record<string, string> = {
  k: 'Clusters (k)',
  init: 'Initialisation',
  initialCentroids: 'Starting centroids',
  nInit: 'Restarts (best one kept)',
  seed: 'Random seed',
  changedFraction: 'Stop when fewer points than this change cluster',
  tolerance: 'Stop when centroids move less than (squared shift)',
  maxIterations: 'Iteration limit',
  workers: 'Workers',
  variant: 'EKM variant',
  distance: 'Distance',
  leafLength: 'Partition length L',
  leafCount: 'Leaves of the generator tree',
  mergeArity: 'Neighbours merged per tree level',
  prune: 'Pruning with lower bounds',
  distanceMatrix: 'Distance matrix',
  maxCombinations: 'Limit on medoid sets',
  force: 'Run beyond the time estimate',
  timeLimitS: 'Search time limit (s)',
};

const INIT_NAMES: Record<string, string> = { 'kmeans++': 'k-means++', random: 'random rows', given: 'given centroids' };
const DISTANCE_NAMES: Record<string, string> = { sqeuclidean: 'squared Euclidean', euclidean: 'Euclidean', manhattan: 'Manhattan' };

export function valueText(key: string, value: unknown): Cell {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'initialCentroids' && Array.isArray(value)) return `given (${value.length} centroids)`;
  if (key === 'changedFraction' && typeof value === 'number') return `${fmt(value * 100)}% of the points`;
  if (key === 'init' && typeof value === 'string') return INIT_NAMES[value] ?? value;
  if (key === 'distance' && typeof value === 'string') return DISTANCE_NAMES[value] ?? value;
  if (key === 'workers' && value === 0) return 'serial driver';
  if (key === 'distanceMatrix' && value === 'auto') return 'precomputed when it fits in memory';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value as Cell;
}

/** The readable name of a parameter ("Restarts (best one kept)" for nInit), or the key itself. */
export function paramName(key: string): string {
  return NAMES[key] ?? key;
}

/** Rows for the parameters table: a readable name, then the engine's field name for scripts. */
export function paramRows(params: object): [string, Cell][] {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => [NAMES[key] ? `${NAMES[key]} (${key})` : key, valueText(key, value)]);
}

export const ALGORITHM_NAMES = { kmeans: 'k-means (Lloyd)', ekm: 'Exact K-medoids (EKM)', pam: 'PAM (heuristic K-medoids)' } as const;

// Public API of the k-means engine (electron-free).
export { runKMeans, type KMeansRunOptions } from './driver.ts';
export type { SeedingProgress } from './init.ts';
export { autoWorkers, resolveKMeansParams, KMEANS_DEFAULTS } from './params.ts';
export type { FaultSpec } from './tasks.ts';

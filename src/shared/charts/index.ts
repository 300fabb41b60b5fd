// Pure ECharts option builders shared by the Vue renderer and the report writer.
export * from './palette.ts';
export { formatCount, formatMs, type ChartCommonOptions } from './common.ts';
export * from './sample.ts';
export * from './pca.ts';
export * from './scatter.ts';
export * from './packed-points.ts';
export * from './convergence.ts';
export * from './scaling.ts';
export * from './ekmTimeline.ts';
export * from './exactVsHeuristic.ts';
export * from './describe.ts';
export * from './silhouette.ts';
export * from './sweep.ts';
export * from './boxplot.ts';

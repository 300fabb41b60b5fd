// Colours shared by every chart (renderer and reports), so a cluster keeps its colour everywhere.

/**
 * Ten hues, as far apart as ten can be (the closest pair is ΔE76 ≈ 26; the old 20-colour list
 * had blue pairs at 13), mostly Okabe–Ito for colour-vision deficiencies, in an order that keeps
 * similar hues apart, each with ≥ 2.6:1 contrast on the light and the dark chart background.
 */
export const CLUSTER_PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#7B3FA0', '#BCBD22', '#CC79A7', '#7F7F7F', '#56B4E9', '#8C564B'];

/**
 * Point shapes, one per round of the palette: 10 hues × 4 shapes tell 40 clusters apart. Centre
 * markers use other shapes (diamond, triangle) so they never read as points.
 */
export const CLUSTER_SYMBOLS: readonly string[] = [
  'circle',
  'rect',
  'path://M0,0 L10,0 L5,9 Z', // triangle pointing down
  'path://M3,0 L7,0 L7,3 L10,3 L10,7 L7,7 L7,10 L3,10 L3,7 L0,7 L0,3 L3,3 Z', // plus
];
/** Readable names of CLUSTER_SYMBOLS (tables and tests). */
export const CLUSTER_SYMBOL_NAMES: readonly string[] = ['circle', 'square', 'triangle-down', 'plus'];

/** Clusters told apart by colour and shape together; beyond this they repeat (tinted). */
export const DISTINCT_CLUSTERS = CLUSTER_PALETTE.length * CLUSTER_SYMBOLS.length;

/** Colour of cluster `i`; after 40 clusters the colours repeat lighter so large k stays usable. */
export function clusterColor(i: number): string {
  const n = CLUSTER_PALETTE.length;
  const base = CLUSTER_PALETTE[((i % n) + n) % n];
  const round = Math.floor(i / DISTINCT_CLUSTERS);
  return round === 0 ? base : tint(base, Math.min(0.6, 0.25 * round));
}

/** Index into CLUSTER_SYMBOLS of cluster `i`: circle for 0–9, square for 10–19, … */
export function clusterSymbolIndex(i: number): number {
  return Math.floor(Math.max(0, i) / CLUSTER_PALETTE.length) % CLUSTER_SYMBOLS.length;
}

export function clusterSymbol(i: number): string {
  return CLUSTER_SYMBOLS[clusterSymbolIndex(i)];
}

/** Exact vs heuristic bars: hues no other chart on the EKM screen uses (NODE_KIND_COLORS). */
export const METHOD_COLORS: Readonly<Record<'exact' | 'heuristic', string>> = {
  exact: '#CC79A7',
  heuristic: '#7F7F7F',
};

/** Mixes a #rrggbb colour with white by `amount` (0..1). */
export function tint(hex: string, amount: number): string {
  const v = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((v >> 16) & 255);
  const g = mix((v >> 8) & 255);
  const b = mix(v & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

/** EKM tree node kinds: generation, merge and evaluation work. */
export const NODE_KIND_COLORS: Readonly<Record<'gen' | 'merge' | 'eval', string>> = {
  gen: '#0072B2',
  merge: '#E69F00',
  eval: '#009E73',
};

/** Line colours for series keyed by a size N or a worker count. */
export function seriesColor(i: number): string {
  return CLUSTER_PALETTE[i % CLUSTER_PALETTE.length];
}

export interface ChartTheme {
  text: string;
  subtext: string;
  axisLine: string;
  splitLine: string;
  background: string;
  /** Border of centre markers: contrasts with the background. */
  markerBorder: string;
}

export function chartTheme(dark = false): ChartTheme {
  return dark
    ? { text: '#e6e6e6', subtext: '#a8a8a8', axisLine: '#8a8a8a', splitLine: '#3a3a3a', background: 'transparent', markerBorder: '#ffffff' }
    : { text: '#222222', subtext: '#555555', axisLine: '#666666', splitLine: '#e3e3e3', background: '#ffffff', markerBorder: '#000000' };
}

// Colours shared by every chart (renderer and reports), so a cluster keeps its colour everywhere.

/** Okabe–Ito + Tableau-like hues: distinguishable for most colour-vision deficiencies first, then more. */
export const CLUSTER_PALETTE: readonly string[] = [
  '#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#8C564B',
  '#4E79A7', '#F28E2B', '#59A14F', '#E15759', '#B07AA1', '#76B7B2', '#EDC948', '#9C755F',
  '#FF9DA7', '#BAB0AC', '#1B9E77', '#7570B3',
];

/** Colour of cluster `i`; cycles with a lighter tint after the palette runs out so large k stays usable. */
export function clusterColor(i: number): string {
  const n = CLUSTER_PALETTE.length;
  const base = CLUSTER_PALETTE[((i % n) + n) % n];
  const round = Math.floor(i / n);
  return round === 0 ? base : tint(base, Math.min(0.6, 0.25 * round));
}

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

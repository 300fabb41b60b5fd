// Server-side ECharts rendering: option → standalone SVG string (no DOM, no canvas).
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export interface SvgSize {
  width: number;
  height: number;
}

/** A static picture cannot page a scrolling legend: show every entry, wrapped. */
function staticLegend(legend: EChartsOption['legend']): EChartsOption['legend'] {
  if (!legend) return legend;
  const plain = (l: object) => ('type' in l && l.type === 'scroll' ? { ...l, type: 'plain' as const } : l);
  return Array.isArray(legend) ? legend.map(plain) : plain(legend);
}

/** Renders one chart option to an SVG string; animation is switched off so the first frame is final. */
export function renderChartSvg(option: EChartsOption, size: SvgSize = { width: 860, height: 440 }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false, legend: staticLegend(option.legend) });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

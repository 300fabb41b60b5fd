// Building blocks of the HTML report: escaping, tables, key–value lists, sections, inline charts.
// Every string that is not wrapped in raw() is escaped, so user data (column names, file names)
// can never become markup.
import { renderChartSvg } from '../svg.ts';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Marker type for HTML that is already safe; everything else passed to the helpers is escaped. */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export const raw = (html: string) => new Html(html);
export type Cell = string | number | boolean | null | undefined | Html;

export function cellHtml(v: Cell): string {
  if (v instanceof Html) return v.html;
  if (v === null || v === undefined) return '—';
  return escapeHtml(v);
}

export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return fmt(v);
  // A no-break space: a narrow table cell must not wrap "6.139" and "ms" onto two lines.
  if (v < 1000) return `${fmt(v, 4)}\u00a0ms`;
  return `${fmt(v / 1000, 4)}\u00a0s`;
}

export function table(headers: Cell[], rows: Cell[][], opts: { caption?: string; className?: string; rowHeaders?: boolean } = {}): string {
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${cellHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 && opts.rowHeaders ? `<th scope="row">${cellHtml(c)}</th>` : `<td>${cellHtml(c)}</td>`)).join('')}</tr>`)
    .join('\n');
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : '';
  return `<table class="${opts.className ?? 'data'}">${caption}${head}<tbody>${body}</tbody></table>`;
}

export function keyValues(pairs: [string, Cell][]): string {
  return `<table class="kv"><tbody>${pairs.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${cellHtml(v)}</td></tr>`).join('\n')}</tbody></table>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/** `caption`: sentences under the picture (a text version of it, for readers who cannot see it). */
export function chart(name: string, option: Parameters<typeof renderChartSvg>[0], height = 440, caption?: string[]): string {
  const text = caption?.length ? `<figcaption>${caption.map((c) => escapeHtml(c)).join('<br>')}</figcaption>` : '';
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${renderChartSvg(option, { width: 860, height })}${text}</figure>`;
}

export function warnings(items: string[]): string {
  if (items.length === 0) return '';
  return `<div class="warn" role="alert"><strong>Warning</strong><ul>${items.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`;
}

export function notes(items: string[] | undefined): string {
  if (!items?.length) return '';
  return `<div class="note">${items.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>`;
}


// The report's one stylesheet, inlined into every file (the report must open offline).
export const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d1f23; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; min-height: 100vh; }
header h1 { margin: 0 0 4px; font-size: 1.6rem; }
header .meta { color: #5b6270; font-size: 0.9rem; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #e1e4e8; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; color: #30343b; }
th, td { padding: 4px 10px; border-bottom: 1px solid #eceef1; text-align: left; vertical-align: top; }
table.data th[scope=col] { background: #f0f2f5; }
table.data td, table.speedup td { text-align: right; }
.lead { font-size: 1.1rem; margin: 18px 0 10px; }
table.kv th { font-weight: 600; color: #3c424b; white-space: nowrap; padding-right: 18px; }
code { font: 0.85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
figure.chart { margin: 16px 0; border: 1px solid #e6e8eb; border-radius: 6px; padding: 6px; background: #fff; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { font-size: 0.85rem; color: #4b5260; padding: 4px 6px 2px; }
.warn { border: 1px solid #e0b252; background: #fff7e0; border-radius: 6px; padding: 10px 14px; margin: 16px 0; }
.warn ul { margin: 6px 0 0; padding-left: 20px; }
.note { border-left: 3px solid #6b8fc7; background: #f1f5fb; padding: 6px 12px; margin: 12px 0; }
.note p { margin: 4px 0; }
.muted { color: #6b7280; }
.bad { color: #b3261e; font-weight: 600; }
footer { margin-top: 40px; color: #7a808a; font-size: 0.85rem; }
@media print { body { background: #fff; } main { padding: 0; } figure.chart { break-inside: avoid; } }
`;

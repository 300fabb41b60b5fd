// Report writers: self-contained HTML, JSON provenance, labels CSV; atomic writes.
export { renderHtmlReport, escapeHtml, type HtmlReportExtras } from './html.ts';
export { toJsonReport, loadJsonReport, workbenchRecordSchema, REPORT_SCHEMA_VERSION } from './json.ts';
export { labelsCsv, distancesToCenters, type LabelsCsvOptions } from './csv.ts';
export { writeFileAtomic, sameFile, assertNotProtected, type AtomicIo, type AtomicWriteOptions } from './atomic.ts';
export { writeReportFiles, type ReportTargets, type WriteReportOptions } from './write.ts';
export { renderChartSvg } from './svg.ts';

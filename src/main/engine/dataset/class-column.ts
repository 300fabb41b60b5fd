// The class (label) column: which column of a loaded CSV probably holds known classes, and its
// values for the dataset's kept rows. Known classes are never features; they are what a
// clustering is validated against (ARI, NMI, the classes-to-clusters table).
//
// The loader keeps only numbers, so the column is read again here from the file, with the layout
// the loader found (delimiter, header, encoding), and the file's sha256 checked against the one
// the dataset was loaded from: labels can never come from a file that changed in between.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { ClassColumnSuggestion } from '../../../shared/analysis.ts';
import type { ColumnReport, DatasetSummary } from '../../../shared/types.ts';
import { isBlankRow, normalizeCrlf, stripLatin1Bom, type TextEncodingName } from './csv-sniff.ts';
import type { Dataset } from './dataset.ts';

/** Names that say "this is the answer", compared case-insensitively after removing _ - and spaces. */
const LABEL_NAMES = new Set(['species', 'class', 'classes', 'label', 'labels', 'target', 'truecluster', 'truth', 'groundtruth', 'category', 'group', 'y', 'variety', 'diagnosis', 'outcome']);
/** More distinct values than this (in the preview) and a column is an identifier or a measurement. */
const MAX_CLASSES = 50;

export type { ClassColumnSuggestion };

function normalName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

function distinctIn(preview: string[][], index: number): string[] {
  const seen = new Set<string>();
  for (const row of preview) {
    const v = row[index]?.trim();
    if (v !== undefined && v !== '') seen.add(v);
  }
  return [...seen];
}

function scoreColumn(col: ColumnReport, summary: DatasetSummary): ClassColumnSuggestion | null {
  if (col.type === 'empty' || col.type === 'mixed') return null;
  const values = distinctIn(summary.preview, col.index);
  const rows = summary.preview.length;
  if (values.length < 2 || values.length > MAX_CLASSES) return null;
  const reasons: string[] = [];
  let score = 0;
  if (LABEL_NAMES.has(normalName(col.name))) {
    score += 3;
    reasons.push(`its name "${col.name}" is a usual name for classes`);
  }
  if (col.type === 'text') {
    score += 2;
    reasons.push(`text with ${values.length} distinct values in the first ${rows} rows`);
  } else {
    const integers = values.every((v) => /^[+-]?\d+$/.test(v));
    // a handful of repeated integers looks like codes; a spread of values looks like a measurement
    if (!integers || values.length > 10 || values.length * 3 > rows) return score >= 3 ? { column: col.name, reasons, score } : null;
    score += 1;
    reasons.push(`whole numbers with only ${values.length} distinct values in the first ${rows} rows`);
  }
  if (col.index === summary.columns.length - 1) {
    score += 1;
    reasons.push('it is the last column');
  }
  return score >= 2 ? { column: col.name, reasons, score } : null;
}

/** Columns that look like known classes, most likely first (ties: leftmost first). */
export function classColumnCandidates(summary: DatasetSummary): ClassColumnSuggestion[] {
  return summary.columns
    .map((c) => scoreColumn(c, summary))
    .filter((s): s is ClassColumnSuggestion => s !== null)
    .sort((a, b) => b.score - a.score);
}

export function suggestClassColumn(summary: DatasetSummary): ClassColumnSuggestion | null {
  return classColumnCandidates(summary)[0] ?? null;
}

export interface ClassLabels {
  column: string;
  /** Class code per dataset row (kept rows, in dataset order); −1 where the cell is empty. */
  codes: Int32Array;
  /** names[code], ordered naturally ("c2" before "c10", 2 before 10). */
  names: string[];
  /** Rows whose class cell is empty (left out of validation). */
  missing: number;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Reads `column`'s text for the rows of `ds`, which was loaded from `path` as `summary` says. */
export async function readClassColumn(path: string, summary: DatasetSummary, ds: Dataset, column: string): Promise<ClassLabels> {
  const index = summary.columns.findIndex((c) => c.name === column);
  if (index < 0) {
    throw new RangeError(`no column "${column}" in ${summary.name}; columns: ${summary.columns.map((c) => c.name).join(', ')}`);
  }
  if (summary.features.includes(column)) {
    throw new RangeError(`"${column}" is a feature of this dataset; a class column cannot also be a feature`);
  }
  const bytes = await readFile(path);
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash !== summary.hash) throw new Error(`${summary.name} changed since it was loaded; load it again to read its class column`);
  const encoding = (summary.encoding ?? 'utf-8') as TextEncodingName;
  const text = normalizeCrlf(stripLatin1Bom(new TextDecoder(encoding).decode(bytes), encoding));
  const parsed = Papa.parse<string[]>(text, { delimiter: summary.delimiter, skipEmptyLines: false });
  // Data rows are counted as the loader counts them: blank lines skipped, the header not a row.
  const cells: string[] = [];
  let headerPending = summary.hasHeader;
  for (const row of parsed.data) {
    if (isBlankRow(row)) continue;
    if (headerPending) {
      headerPending = false;
      continue;
    }
    cells.push((row[index] ?? '').trim());
  }
  if (cells.length !== summary.totalRows) {
    throw new Error(`read ${cells.length} data rows for the class column, the loader saw ${summary.totalRows}`);
  }
  const raw = Array.from(ds.rowIndex, (r) => cells[r]);
  const names = [...new Set(raw.filter((v) => v !== ''))].sort(natural.compare);
  const code = new Map(names.map((v, c) => [v, c]));
  const codes = Int32Array.from(raw, (v) => (v === '' ? -1 : code.get(v)!));
  return { column, codes, names, missing: raw.filter((v) => v === '').length };
}

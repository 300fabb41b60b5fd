// From streamed columns to the numeric Dataset: pick the features, drop or impute rows with
// missing / non-finite values, copy into the shared buffer, scale.
import { DECIMAL_COMMA_HINT } from '../../../shared/load-remedies.ts';
import type { ColumnReport, LoadOptions, MissingPolicy, ScalingMode } from '../../../shared/types.ts';
import type { ColumnAccumulator } from './csv-columns.ts';
import { CsvError, plural } from './csv-error.ts';
import { allocateDataset, type Dataset } from './dataset.ts';
import { idLikeReason } from './id-columns.ts';
import { scaleDataset, type FeatureScaling } from './scale.ts';

export interface StreamedTable {
  names: string[];
  columns: ColumnAccumulator[];
  reports: ColumnReport[];
  /** Data rows in the file, ragged ones included. */
  rowCount: number;
  /** Data-row indices of rows with the wrong field count, ascending. */
  ragged: Int32Array;
  /** 1-based file line of every data row. */
  lineOf: (row: number) => number;
}

export interface Assembled {
  dataset: Dataset;
  features: string[];
  droppedRows: number;
  imputedValues: number;
  scaling: ScalingMode;
  missing: MissingPolicy;
  featureScaling?: FeatureScaling;
  warnings: string[];
}

const quote = (s: string): string => JSON.stringify(s);

function describeColumn(r: ColumnReport, col: ColumnAccumulator): string {
  switch (r.type) {
    case 'numeric':
      return `${quote(r.name)} (numeric)`;
    case 'empty':
      return `${quote(r.name)} (empty)`;
    case 'text':
      return `${quote(r.name)} (text)`;
    case 'mixed':
      return `${quote(r.name)} (mixed: ${quote(col.firstText!.value)} on line ${col.firstText!.line} is not a number)`;
  }
}

/** Columns whose text is mostly numbers written with a decimal comma ("1,5"). */
function decimalCommaColumns(table: StreamedTable): ColumnReport[] {
  return table.reports.filter((r) => {
    const c = table.columns[r.index];
    return c.decimalCommaText > 0 && 2 * c.decimalCommaText >= c.text;
  });
}

/** " The cells of "w" look like numbers with decimal commas ("1,5" on line 2); use …" or "". */
function decimalCommaHint(table: StreamedTable, only?: ColumnReport[]): string {
  const cols = only ?? decimalCommaColumns(table);
  if (cols.length === 0) return '';
  const first = table.columns[cols[0].index].firstText!;
  const names = cols.map((r) => quote(r.name)).join(', ');
  return ` The cells of ${names} look like numbers with decimal commas (${quote(first.value)} on line ${first.line}); ${DECIMAL_COMMA_HINT}`;
}

/** Default features without id-like columns (id-columns.ts), saying so; all of them if none would be left. */
function withoutIdColumns(table: StreamedTable, numeric: number[], warnings: string[]): number[] {
  const ragged = new Set(table.ragged);
  const kept: number[] = [];
  const ids: string[] = [];
  for (const j of numeric) {
    const why = idLikeReason(table.names[j], table.columns[j], table.rowCount, (i) => ragged.has(i));
    if (why) ids.push(`Column ${quote(table.names[j])} is not used by default because it looks like a row id (${why}); pick it as a feature to use it.`);
    else kept.push(j);
  }
  if (kept.length === 0) return numeric;
  warnings.push(...ids);
  return kept;
}

/** Column indices of the features: the requested names, or every numeric column (id-like ones left out when asked). */
export function chooseFeatures(table: StreamedTable, requested: string[] | undefined, warnings: string[], skipIdColumns = false): number[] {
  const { names, columns, reports } = table;
  const all = reports.map((r) => describeColumn(r, columns[r.index])).join(', ');
  if (!requested || requested.length === 0) {
    let numeric = reports.filter((r) => r.type === 'numeric' && columns[r.index].finiteCount > 0).map((r) => r.index);
    if (skipIdColumns) numeric = withoutIdColumns(table, numeric, warnings);
    for (const r of reports) {
      if (r.type === 'mixed') {
        warnings.push(
          `Column ${quote(r.name)} is not used by default because it mixes numbers and text (first non-number: ${quote(r.firstOffending!.value)} on line ${r.firstOffending!.line}); pick it as a feature to treat its text as missing.`,
        );
      }
    }
    if (numeric.length === 0) {
      throw new CsvError('no-numeric-column', `No numeric column to cluster. Columns: ${all}.${decimalCommaHint(table)}`);
    }
    const commaCols = decimalCommaColumns(table);
    if (commaCols.length > 0) warnings.push(`Not used as features:${decimalCommaHint(table, commaCols)}`);
    return numeric;
  }
  const seen = new Set<string>();
  return requested.map((name) => {
    if (seen.has(name)) throw new CsvError('bad-option', `Feature ${quote(name)} is listed twice.`);
    seen.add(name);
    const j = names.indexOf(name);
    if (j < 0) {
      const near = names.filter((c) => c.trim().toLowerCase() === name.trim().toLowerCase());
      const hint = near.length === 1 ? ` Did you mean ${quote(near[0])}?` : '';
      throw new CsvError('unknown-feature', `Unknown feature ${quote(name)}.${hint} Columns in this file: ${all}.`);
    }
    const r = reports[j];
    const col = columns[j];
    if (r.type === 'text') {
      const hint = col.decimalCommaText > 0 && 2 * col.decimalCommaText >= col.text ? decimalCommaHint(table, [r]) : '';
      throw new CsvError('not-numeric-feature', `Column ${quote(name)} holds text (first value ${quote(col.firstText!.value)} on line ${col.firstText!.line}), so it cannot be a feature.${hint}`);
    }
    if (r.type === 'empty') throw new CsvError('not-numeric-feature', `Column ${quote(name)} has no values, so it cannot be a feature.`);
    if (!col.hasValues) {
      throw new CsvError(
        'not-numeric-feature',
        `Column ${quote(name)} is mostly text (${plural(col.text, 'text cell')}, ${plural(col.numeric, 'number')}), so it cannot be a feature.`,
      );
    }
    if (col.finiteCount === 0) throw new CsvError('not-numeric-feature', `Column ${quote(name)} has no finite numbers, so it cannot be a feature.`);
    if (r.type === 'mixed') {
      warnings.push(
        `Feature ${quote(name)} mixes numbers and text: its ${plural(col.text, 'text cell')} count as missing (first: ${quote(col.firstText!.value)} on line ${col.firstText!.line}).`,
      );
    }
    return j;
  });
}

export function assembleDataset(table: StreamedTable, options: LoadOptions): Assembled {
  const missing: MissingPolicy = options.missing ?? 'drop';
  const scaling: ScalingMode = options.scaling ?? 'none';
  const warnings: string[] = [];
  const featureIdx = chooseFeatures(table, options.features, warnings, options.skipIdColumns === true);
  const features = featureIdx.map((j) => table.names[j]);
  const cols = featureIdx.map((j) => table.columns[j]);
  // Plain arrays per feature (one per column, indexed by data row): the two passes below touch every
  // cell, and direct indexing is several times faster than a method call per cell.
  const data = cols.map((c) => c.valuesView(table.rowCount));
  const means = cols.map((c) => c.mean);
  const d = cols.length;
  const { rowCount, ragged } = table;

  // Pass 1: which rows stay (ragged rows never do).
  const keep = new Uint8Array(rowCount);
  let kept = 0;
  let droppedRows = 0;
  let imputedValues = 0;
  let imputedRows = 0;
  let firstBadLine = 0;
  let r = 0;
  for (let i = 0; i < rowCount; i++) {
    if (r < ragged.length && ragged[r] === i) {
      r++;
      continue;
    }
    let bad = 0;
    for (let j = 0; j < d; j++) if (!Number.isFinite(data[j][i])) bad++;
    if (bad > 0) {
      if (firstBadLine === 0) firstBadLine = table.lineOf(i);
      if (missing === 'drop') {
        droppedRows++;
        continue;
      }
      imputedValues += bad;
      imputedRows++;
    }
    keep[i] = 1;
    kept++;
  }
  if (kept === 0) {
    const why = table.ragged.length === rowCount ? 'every row has the wrong number of fields' : `every row has a missing or non-finite value in the features (${features.join(', ')})`;
    throw new CsvError('no-rows-left', `Nothing is left to cluster: ${why}. Try other features or the mean-impute option for missing values.`);
  }
  if (droppedRows > 0) {
    warnings.push(`${plural(droppedRows, 'row')} dropped because a feature is missing or not finite (first on line ${firstBadLine}).`);
  }
  if (imputedValues > 0) {
    warnings.push(`${plural(imputedValues, 'missing or non-finite value')} in ${plural(imputedRows, 'row')} replaced by the column mean (first on line ${firstBadLine}).`);
  }

  // Pass 2: copy into the shared buffer.
  let dataset: Dataset;
  try {
    dataset = allocateDataset(kept, d, features);
  } catch (err) {
    throw new CsvError('too-large', `Not enough memory for ${kept} rows × ${d} features (${err instanceof Error ? err.message : String(err)}).`);
  }
  const { values, rowIndex } = dataset;
  let out = 0;
  for (let i = 0; i < rowCount; i++) {
    if (!keep[i]) continue;
    for (let j = 0; j < d; j++) {
      const v = data[j][i];
      values[out * d + j] = Number.isFinite(v) ? v : means[j];
    }
    rowIndex[out++] = i;
  }

  let featureScaling: FeatureScaling | undefined;
  if (scaling !== 'none') {
    featureScaling = scaleDataset(dataset, scaling);
    for (const name of featureScaling.constant) {
      warnings.push(`Feature ${quote(name)} is constant; ${scaling === 'zscore' ? 'z-score' : 'min-max'} scaling sets it to 0.`);
    }
  }
  return { dataset, features, droppedRows, imputedValues, scaling, missing, featureScaling, warnings };
}

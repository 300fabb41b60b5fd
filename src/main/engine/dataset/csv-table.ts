// Row bookkeeping while PapaParse streams: line numbers (quoted fields may span lines), blank
// lines, the header, rows with the wrong field count, the preview, and one accumulator per column.
import { SKIP_BAD_ROWS_HINT } from '../../../shared/load-remedies.ts';
import type { BadRowsPolicy, ColumnReport } from '../../../shared/types.ts';
import type { StreamedTable } from './csv-assemble.ts';
import { ColumnAccumulator, GrowableInt32 } from './csv-columns.ts';
import { CsvError, plural } from './csv-error.ts';
import { cellReader, type CellReader } from './csv-number.ts';
import { isBlankRow, type Layout } from './csv-sniff.ts';

export const PREVIEW_ROWS = 100;
/** Lines of skipped rows named in the warning and the summary. */
export const BAD_LINES_LISTED = 10;

export interface CellOptions {
  decimal?: ',' | '.';
}

export interface PapaRowError {
  type: string;
  code: string;
  row?: number;
}

export class TableBuilder {
  /** Line on which the next row starts (1-based). */
  private line = 1;
  private readonly lineBreak: string;
  private headerPending: boolean;
  names: string[];
  private unnamed: boolean[];
  readonly columns: ColumnAccumulator[];
  dataRows = 0;
  private sawRow = false;
  private readonly ragged = new GrowableInt32();
  private firstRagged: { line: number; fields: number } | undefined;
  /** File lines of the first BAD_LINES_LISTED ragged rows. */
  readonly raggedLines: number[] = [];
  private readonly read: CellReader;
  private readonly hintDecimalComma: boolean;
  private readonly lines = new GrowableInt32();
  readonly preview: string[][] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly layout: Layout,
    cells: CellOptions = {},
    private readonly onDataRow?: (fields: string[], index: number) => void,
  ) {
    this.read = cellReader(cells.decimal);
    // "1,5" can only be a cell of its own when the delimiter is not a comma.
    this.hintDecimalComma = cells.decimal !== ',' && layout.delimiter !== ',';
    this.lineBreak = layout.newline === '\r' ? '\r' : '\n';
    this.headerPending = layout.hasHeader;
    this.names = Array.from({ length: layout.width }, (_, j) => `column ${j + 1}`);
    this.unnamed = this.names.map(() => true);
    this.columns = this.names.map(() => new ColumnAccumulator(this.read, this.hintDecimalComma));
  }

  /** Line where the next (not yet complete) row starts: where an unclosed quote would be. */
  get currentLine(): number {
    return this.line;
  }

  /**
   * mayHoldQuotes: false when no quote character has reached the parser yet, so no field of these
   * rows can hold a line break (the per-field scan for breaks is skipped).
   */
  addRows(rows: string[][], errors: PapaRowError[], mayHoldQuotes = true): void {
    const quoteErrorRows = errors.length > 0 ? new Set<number>() : null;
    for (const e of errors) if (e.type === 'Quotes' && e.row !== undefined) quoteErrorRows!.add(e.row);
    const width = this.layout.width;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const start = this.line;
      this.line += mayHoldQuotes ? 1 + this.breaksInside(row) : 1;
      if (quoteErrorRows?.has(k)) {
        throw new CsvError(
          'bad-quotes',
          `Line ${start}: a quoted field is not closed properly (a field that starts with " must end with " right before the next delimiter or line end).`,
          start,
        );
      }
      if (isBlankRow(row)) continue;
      this.sawRow = true;
      if (this.headerPending) {
        this.headerPending = false;
        this.setHeader(row);
        continue;
      }
      const index = this.dataRows++;
      this.onDataRow?.(row, index);
      this.lines.push(start);
      if (this.preview.length < PREVIEW_ROWS) this.preview.push(row);
      if (row.length !== width) {
        this.ragged.push(index);
        if (!this.firstRagged) this.firstRagged = { line: start, fields: row.length };
        if (this.raggedLines.length < BAD_LINES_LISTED) this.raggedLines.push(start);
        for (const c of this.columns) c.pushSkipped();
        continue;
      }
      for (let j = 0; j < width; j++) this.columns[j].push(row[j], start);
    }
  }

  private breaksInside(row: string[]): number {
    let n = 0;
    for (const field of row) {
      let at = field.indexOf(this.lineBreak);
      while (at !== -1) {
        n++;
        at = field.indexOf(this.lineBreak, at + 1);
      }
    }
    return n;
  }

  private setHeader(row: string[]): void {
    const fields = row.map((f) => f.trim());
    if (this.layout.headerFix === 'pad') fields.push('');
    if (this.layout.headerFix === 'trim') fields.pop();
    const used = new Set<string>();
    this.names = this.names.map((generated, j) => {
      const raw = fields[j] ?? '';
      this.unnamed[j] = raw === '';
      let name = raw === '' ? generated : raw;
      if (used.has(name)) {
        let copy = 2;
        while (used.has(`${name} (${copy})`) || fields.includes(`${name} (${copy})`)) copy++;
        const renamed = `${name} (${copy})`;
        this.warnings.push(`Column name ${JSON.stringify(name)} appears more than once; column ${j + 1} is called ${JSON.stringify(renamed)}.`);
        name = renamed;
      }
      used.add(name);
      return name;
    });
  }

  /** Checks the whole-file rules and hands over the table. */
  finish(raggedTolerance: number, badRows: BadRowsPolicy = 'fail'): StreamedTable {
    if (!this.sawRow) throw new CsvError('empty-file', 'The file has no rows: it is empty or holds only blank lines.');
    if (this.dataRows === 0) {
      throw new CsvError('header-only', `The file has a header (${this.names.join(', ')}) but no data rows.`);
    }
    const width = this.layout.width;
    const nRagged = this.ragged.length;
    if (nRagged > 0) {
      const first = this.firstRagged!;
      const expected = `${width} ${this.layout.hasHeader ? 'as in the header' : 'as in most rows'}`;
      const tooMany = nRagged > raggedTolerance * this.dataRows + 1e-9;
      if (tooMany && badRows !== 'skip') {
        throw new CsvError(
          'ragged',
          `Line ${first.line} has ${first.fields} fields instead of ${expected}; ${nRagged} of ${plural(this.dataRows, 'row')} have the wrong number of fields, more than the ${formatPercent(raggedTolerance)} tolerated. ${SKIP_BAD_ROWS_HINT}`,
          first.line,
        );
      }
      const listed = this.raggedLines.join(', ') + (nRagged > this.raggedLines.length ? ', …' : '');
      this.warnings.push(
        tooMany
          ? `${nRagged} of ${plural(this.dataRows, 'row')} had the wrong number of fields and were skipped as asked (lines ${listed}; first: line ${first.line} has ${first.fields} fields instead of ${expected}).`
          : `${nRagged} of ${plural(this.dataRows, 'row')} had the wrong number of fields and were skipped (first: line ${first.line} has ${first.fields} fields instead of ${expected}).`,
      );
    }
    this.dropTrailingEmptyColumn();
    const reports: ColumnReport[] = this.columns.map((c, j) => c.report(j, this.names[j]));
    const lines = this.lines;
    return {
      names: this.names,
      columns: this.columns,
      reports,
      rowCount: this.dataRows,
      ragged: this.ragged.toArray(),
      lineOf: (row) => lines.get(row),
    };
  }

  get raggedRows(): number {
    return this.ragged.length;
  }

  /** "1,2,\n3,4,\n": a delimiter at the end of every line makes an unnamed, empty last column. */
  private dropTrailingEmptyColumn(): void {
    const last = this.columns.length - 1;
    if (last < 1 || !this.unnamed[last] || !this.columns[last].allBlank) return;
    this.columns.pop();
    this.names.pop();
    this.unnamed.pop();
    for (const row of this.preview) if (row.length === last + 1) row.pop();
    this.warnings.push('Every line ends with a delimiter; the empty last column was ignored.');
  }
}

function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

// One column while the file streams by: its numbers in a growable Float64Array (NaN = missing or
// text), its type evidence and running statistics. Raw strings are never kept, so a million rows
// cost 8 bytes per cell; a column that turns out to be mostly text stops storing numbers.
import type { ColumnReport, ColumnType } from '../../../shared/types.ts';
import { looksLikeDecimalComma, readCell, type CellReader } from './csv-number.ts';

/** Once a column has this many text cells and more text than numbers, its numbers are not kept. */
const TEXT_RELEASE_THRESHOLD = 64;
const INITIAL_CAPACITY = 1024;
/** Per column: small, so that a file with 100,000 columns does not reserve 800 MB up front. */
const COLUMN_INITIAL_CAPACITY = 16;

export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.data = new Float64Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  /** The first `length` values, without a copy (valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class GrowableInt32 {
  private data: Int32Array;
  length = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class ColumnAccumulator {
  /** Per data row: the number, ±Infinity, or NaN for missing/text/skipped. null once released. */
  private values: GrowableFloat64 | null = new GrowableFloat64(COLUMN_INITIAL_CAPACITY);
  rows = 0;
  numeric = 0;
  nonFinite = 0;
  missing = 0;
  text = 0;
  /** Every cell so far is exactly empty (the mark of a trailing delimiter). */
  allBlank = true;
  firstText: { value: string; line: number } | undefined;
  /** Text cells that would be numbers with a decimal comma (only counted when hintDecimalComma). */
  decimalCommaText = 0;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;

  /** hintDecimalComma: count text cells like "1,5", to suggest the decimal-comma option. */
  constructor(
    private readonly read: CellReader = readCell,
    private readonly hintDecimalComma = false,
  ) {}

  push(raw: string, line: number): void {
    const v = this.read(raw);
    if (this.allBlank && raw.trim() !== '') this.allBlank = false;
    if (v === undefined) {
      this.text++;
      if (this.hintDecimalComma && looksLikeDecimalComma(raw)) this.decimalCommaText++;
      if (this.firstText === undefined) this.firstText = { value: raw, line };
      if (this.values && this.text >= TEXT_RELEASE_THRESHOLD && this.text > this.numeric) this.values = null;
      this.store(NaN);
      return;
    }
    if (Number.isNaN(v)) {
      this.missing++;
    } else {
      this.numeric++;
      if (Number.isFinite(v)) {
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
        this.sum += v;
      } else {
        this.nonFinite++;
      }
    }
    this.store(v);
  }

  /** A row that is not used (wrong field count): keeps row positions aligned, counts nothing. */
  pushSkipped(): void {
    this.store(NaN);
  }

  private store(v: number): void {
    this.rows++;
    this.values?.push(v);
  }

  /** Whether the numbers are still available (false for mostly-text columns). */
  get hasValues(): boolean {
    return this.values !== null;
  }

  value(row: number): number {
    return this.values ? this.values.get(row) : NaN;
  }

  /** Every row's value as one array (NaN throughout once released), without a copy while kept. */
  valuesView(rows: number): Float64Array {
    return this.values ? this.values.view() : new Float64Array(rows).fill(NaN);
  }

  get finiteCount(): number {
    return this.numeric - this.nonFinite;
  }

  /** Mean of the finite numbers, NaN when there are none. */
  get mean(): number {
    return this.finiteCount > 0 ? this.sum / this.finiteCount : NaN;
  }

  get type(): ColumnType {
    if (this.numeric === 0 && this.text === 0) return 'empty';
    if (this.text === 0) return 'numeric';
    if (this.numeric === 0) return 'text';
    return 'mixed';
  }

  report(index: number, name: string): ColumnReport {
    const r: ColumnReport = { index, name, type: this.type, missing: this.missing, numericCount: this.numeric };
    if (this.type === 'mixed' && this.firstText) r.firstOffending = { ...this.firstText };
    if (this.finiteCount > 0) {
      r.min = this.min;
      r.max = this.max;
      r.mean = this.mean;
    }
    if (this.nonFinite > 0) r.nonFinite = this.nonFinite;
    return r;
  }
}

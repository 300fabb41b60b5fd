// Cells of a loaded dataset's rows as the CSV has them, for the scatter's selection table. Only the
// file holds them, and reading a row means parsing the file up to it (1.3 s for a page at the end
// of a 10⁶-row CSV; bench:rows), so each pass also keeps the cells of the rows the scatter draws —
// the only rows a selection can hold — within a size budget. A later page or selection of drawn
// points is then answered from memory; a pass never reads further than the last row not yet kept.

/** Streams the file's data rows (0-based) from the first, calling `onRow` for each, until `last` has been read. */
export type ReadRows = (onRow: (fields: readonly string[], row: number) => void, last: number) => Promise<void>;

interface Kept {
  cells: Map<number, string[]>;
  /** File rows worth keeping when a pass goes by them: those the scatter draws. */
  drawn: Set<number>;
  /** Characters of the cells kept, against the budget. */
  chars: number;
}

/** Default budget: characters of kept cells per dataset (UTF-16, so about twice as many bytes). */
export const ROW_CELLS_BUDGET_CHARS = 16 * 1024 * 1024;

export class RowCells {
  private readonly byDataset = new Map<string, Kept>();

  constructor(private readonly budgetChars = ROW_CELLS_BUDGET_CHARS) {}

  private kept(datasetId: string): Kept {
    let k = this.byDataset.get(datasetId);
    if (!k) this.byDataset.set(datasetId, (k = { cells: new Map(), drawn: new Set(), chars: 0 }));
    return k;
  }

  /** The scatter draws these file rows of the dataset: keep their cells when a pass reads them. */
  drawn(datasetId: string, fileRows: Iterable<number>): void {
    const k = this.kept(datasetId);
    for (const r of fileRows) k.drawn.add(r);
  }

  /** Drops everything kept for a dataset (it was closed). */
  forget(datasetId: string): void {
    this.byDataset.delete(datasetId);
  }

  /** How many rows' cells are kept for the dataset (for tests and diagnostics). */
  keptRows(datasetId: string): number {
    return this.byDataset.get(datasetId)?.cells.size ?? 0;
  }

  /**
   * Cells of `fileRows`: from memory where kept, otherwise one pass of `read` up to the last row
   * missing, keeping on the way every drawn or asked-for row the budget allows. Rows the file does
   * not reach are absent from the answer (the caller says so).
   */
  async cells(datasetId: string, fileRows: readonly number[], read: ReadRows): Promise<Map<number, string[]>> {
    const k = this.kept(datasetId);
    const out = new Map<number, string[]>();
    const missing = new Set<number>();
    for (const r of fileRows) {
      const c = k.cells.get(r);
      if (c) out.set(r, c);
      else missing.add(r);
    }
    if (missing.size === 0) return out;
    let last = -1;
    for (const r of missing) if (r > last) last = r;
    await read((fields, row) => {
      const asked = missing.has(row);
      if (!asked && !k.drawn.has(row)) return;
      if (k.cells.has(row)) {
        if (asked) out.set(row, k.cells.get(row)!);
        return;
      }
      const copy = [...fields];
      if (asked) out.set(row, copy);
      const size = copy.reduce((s, f) => s + f.length, 0);
      if (k.chars + size <= this.budgetChars) {
        k.cells.set(row, copy);
        k.chars += size;
      }
    }, last);
    return out;
  }
}

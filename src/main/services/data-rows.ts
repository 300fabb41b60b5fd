// `dataset:rows`: rows of a loaded dataset by position, for the scatter's tooltips and selection
// table — the feature values the algorithm saw, the row's cluster in a record, its number in the
// file (1 = the first data row under the header), and on request its cells exactly as the CSV
// has them. The cells are read from the file (only main holds it), stopping as soon as the last
// asked-for row has been parsed; the drawn rows' cells met on the way are kept (row-cells.ts).
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DataRow, DataRowsReply } from '../../shared/contract/index.ts';
import type { DatasetSummary, WorkbenchRecord } from '../../shared/types.ts';
import { loadCsv } from '../engine/dataset/csv.ts';
import { CancelToken } from '../engine/pool/cancel.ts';
import type { DatasetService } from './datasets.ts';
import type { InputStore } from './input-store.ts';
import type { RowCells } from './row-cells.ts';
import { recordLabels } from './scatter-points.ts';

export interface DataRowsDeps {
  datasets: DatasetService;
  inputs: InputStore;
  rowCells: RowCells;
}

export interface DataRowsRequest {
  datasetId: string;
  indices: number[];
  record?: WorkbenchRecord;
  cells: boolean;
}

export async function dataRows(req: DataRowsRequest, deps: DataRowsDeps): Promise<DataRowsReply> {
  const ds = deps.datasets.get(req.datasetId);
  const summary = deps.datasets.summary(req.datasetId);
  for (const i of req.indices) if (i >= ds.n) throw Object.assign(new Error(`Row position ${i} is outside the dataset (${ds.n} rows, positions 0–${ds.n - 1})`), { code: 'out-of-range' });
  // A record computed on other data has no cluster for these rows.
  const labels = req.record && req.record.dataset.hash === summary.hash ? recordLabels(req.record, ds.n) : null;
  let cells: Map<number, string[]> | null = null;
  let cellsUnavailable: string | null = null;
  if (req.cells) {
    const fileRows = req.indices.map((i) => ds.rowIndex[i]);
    try {
      cells = await readCells(req.datasetId, summary, fileRows, deps);
    } catch (err) {
      cellsUnavailable = err instanceof Error ? err.message : String(err);
    }
  }
  const rows: DataRow[] = req.indices.map((index) => {
    const fileRow = ds.rowIndex[index];
    return {
      index,
      row: fileRow + 1,
      cluster: labels ? labels[index] : null,
      values: Array.from(ds.values.subarray(index * ds.d, (index + 1) * ds.d)),
      cells: cells?.get(fileRow) ?? null,
    };
  });
  return { features: [...ds.columns], scaling: summary.scaling, columns: summary.columns.map((c) => c.name), rows, cellsUnavailable };
}

/** The file holding the dataset's bytes: main's content-addressed copy first, else the loaded path if unchanged in size. */
async function sourceFile(summary: DatasetSummary, inputs: InputStore): Promise<string> {
  const kept = await inputs.pathFor(summary.hash);
  if (kept) return kept;
  if (summary.path && existsSync(summary.path)) {
    const st = await stat(summary.path);
    if (st.size === summary.bytes) return summary.path;
    throw new Error(`${summary.path} changed since it was loaded (${st.size} bytes, was ${summary.bytes}); open it again to see its rows`);
  }
  throw new Error('the file is no longer available to the host (no kept copy, no path); open it again to see its rows');
}

/** Cells of the given file data rows (0-based data-row numbers): kept ones from memory, the rest read with the dataset's own load options. */
async function readCells(datasetId: string, summary: DatasetSummary, fileRows: number[], deps: DataRowsDeps): Promise<Map<number, string[]>> {
  const options = deps.datasets.loadOptions(datasetId);
  const found = await deps.rowCells.cells(datasetId, fileRows, async (onRow, last) => {
    const file = await sourceFile(summary, deps.inputs);
    const token = new CancelToken();
    try {
      await loadCsv(file, options, {
        token,
        onDataRow: (fields, i) => {
          if (i > last) return;
          onRow(fields, i);
          if (i === last) token.cancel('all asked-for rows read'); // the loader stops at its next check
        },
      });
    } catch (err) {
      if (!token.cancelled) throw err; // stopped early by us once all were read: fine
    }
  });
  const wanted = new Set(fileRows);
  if (found.size < wanted.size) throw new Error(`the file has fewer data rows than the dataset refers to (${found.size} of ${wanted.size} found)`);
  return found;
}

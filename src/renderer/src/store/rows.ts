// Rows of the loaded dataset by position, for the scatter's tooltips, its selection table and the
// medoid rows: the host answers from memory (feature values, cluster, row number) and, for
// `cells`, re-reads the CSV for the row's original text. Bounded per request (LIMITS.rowsPerRequest).
import type { DataRowsReply } from '../../../shared/contract/api.ts';
import { LIMITS } from '../../../shared/contract/limits.ts';
import type { StoreContext } from './context.ts';

export function createRows({ state, call }: StoreContext) {
  /**
   * The first LIMITS.rowsPerRequest of `indices` (positions in the loaded dataset), with the
   * clusters of the run on screen when it was computed on this dataset.
   */
  async function fetchRows(indices: readonly number[], cells: boolean): Promise<DataRowsReply | null> {
    const ds = state.dataset;
    if (!ds || indices.length === 0) return null;
    const run = state.run && state.run.dataset.hash === ds.hash ? state.run : null;
    return call('dataset:rows', {
      datasetId: ds.id,
      indices: indices.slice(0, LIMITS.rowsPerRequest),
      cells,
      ...(run ? { recordId: run.id } : {}),
    });
  }
  return { fetchRows };
}

export type Rows = ReturnType<typeof createRows>;

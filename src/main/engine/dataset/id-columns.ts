// Columns that look like row identifiers: a clustering on them groups rows by their place in the
// file, not by what was measured. Used for the app's default features (LoadOptions.skipIdColumns):
// such a column is left unticked, with a warning, unless nothing else is numeric.

/** "id", "ID", "row_id", "customer id", "index", "Unnamed: 0" (pandas' saved index), "#". */
const ID_NAME = /^(?:id|idx|index|#|no\.?|row|row[ _-]?(?:id|no|num|number|index)|unnamed: ?0|.+[ _-]id)$/i;

/** Fewer kept rows than this and increasing whole numbers are too likely by chance to mean "id". */
export const MIN_ROWS_FOR_VALUE_RULE = 10;

export interface ColumnValues {
  value(row: number): number;
}

/**
 * Why this column looks like a row id, or null. Named like an id, or every kept row holds a whole
 * number larger than the row before it (unique and increasing, like a row number or a key).
 */
export function idLikeReason(name: string, column: ColumnValues, rows: number, skipRow: (row: number) => boolean = () => false): string | null {
  if (ID_NAME.test(name.trim())) return 'its name says it is an identifier';
  let previous = -Infinity;
  let seen = 0;
  for (let i = 0; i < rows; i++) {
    if (skipRow(i)) continue;
    const v = column.value(i);
    if (!Number.isInteger(v) || v <= previous) return null;
    previous = v;
    seen++;
  }
  return seen >= MIN_ROWS_FOR_VALUE_RULE ? 'its values are unique whole numbers increasing row by row' : null;
}

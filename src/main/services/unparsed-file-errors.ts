// Load errors a client sees never quote a file that did not parse as CSV data. The loader's own
// messages name columns and cells (helpful on the CLI, where the user reads their own files); a
// client (renderer, web page) that opens a path gets them only for a file that loaded as data in
// this session (it has seen the columns already). Otherwise the code and a content-free sentence:
// a file granted by mistake, or any file under --data-dir, cannot be read through error messages.
import { DECIMAL_COMMA_HINT } from '../../shared/load-remedies.ts';
import { CsvError, type CsvErrorCode } from '../engine/dataset/csv-error.ts';

/** Codes whose loader message may quote header names or cells of the file. */
const QUOTING: Partial<Record<CsvErrorCode, string>> = {
  'header-only': 'The file has a single line (read as the header) and no data rows.',
  'no-numeric-column':
    'No numeric column to cluster: the file was read as a table, but none of its columns holds numbers (its text is not shown here). ' +
    'Check that it is a comma-, semicolon- or tab-separated file of numbers; numbers written like 1,5 need the decimal comma option.',
  'unknown-feature': 'A requested feature is not a column of this file (its columns are shown once it loads without a feature list).',
  'not-numeric-feature': 'A requested feature is not a numeric column of this file (its columns are shown once it loads without a feature list).',
};

/**
 * The error to hand a client for a failed open of `path`. `loadedAsData`: the file loaded as a
 * dataset before in this session, so its column names are already the client's to see.
 */
export function clientLoadError(err: unknown, loadedAsData: boolean): unknown {
  if (loadedAsData || !(err instanceof CsvError)) return err;
  const safe = QUOTING[err.code];
  if (safe === undefined) return err;
  // The loader's decimal-comma hint names cells; keep only that it hinted (the UI offers the option).
  const hinted = err.message.includes(DECIMAL_COMMA_HINT) ? ` Its cells look like numbers with decimal commas: ${DECIMAL_COMMA_HINT}` : '';
  return new CsvError(err.code, safe + hinted, err.line);
}

// The ways forward a CSV load error can name, shared by the loader (which words them into its
// messages) and the UI (which offers them as buttons). Errors cross IPC and the web socket as
// { code, message } only, so the message carries the hint, in exactly these words.
import type { LoadOptions } from './types.ts';

export type LoadRemedy = 'skip-bad-rows' | 'decimal-comma';

/** Ends the 'ragged' error when rows beyond the tolerance have the wrong field count. */
export const SKIP_BAD_ROWS_HINT = 'To skip them, use --bad-rows skip (the "skip bad rows" option).';
/** Ends errors about columns whose text cells look like "1,5". */
export const DECIMAL_COMMA_HINT = 'use --decimal-comma / the decimal comma option.';

export function remediesFor(error: { code: string; message: string }): LoadRemedy[] {
  const out: LoadRemedy[] = [];
  if (error.code === 'ragged' && error.message.includes(SKIP_BAD_ROWS_HINT)) out.push('skip-bad-rows');
  if ((error.code === 'no-numeric-column' || error.code === 'not-numeric-feature') && error.message.includes(DECIMAL_COMMA_HINT)) out.push('decimal-comma');
  return out;
}

/** The load options a remedy adds to the ones that failed. */
export function remedyOptions(remedy: LoadRemedy): Pick<LoadOptions, 'badRows' | 'decimal'> {
  return remedy === 'skip-bad-rows' ? { badRows: 'skip' } : { decimal: ',' };
}

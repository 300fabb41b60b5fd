// Every way a CSV can fail to load, as a code the UI can branch on plus a sentence a user understands.

export type CsvErrorCode =
  | 'not-found'
  | 'not-a-file'
  | 'read-failed'
  | 'empty-file'
  | 'header-only'
  | 'binary'
  | 'bad-quotes'
  | 'line-too-long'
  | 'ragged'
  | 'no-numeric-column'
  | 'unknown-feature'
  | 'not-numeric-feature'
  | 'no-rows-left'
  | 'bad-option'
  | 'too-large'
  | 'cancelled';

export class CsvError extends Error {
  readonly code: CsvErrorCode;
  /** 1-based line in the file where the problem is, when one line is to blame. */
  readonly line?: number;

  constructor(code: CsvErrorCode, message: string, line?: number) {
    super(message);
    this.name = 'CsvError';
    this.code = code;
    if (line !== undefined) this.line = line;
  }
}

/** "1 row", "3 rows": messages read as sentences. */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

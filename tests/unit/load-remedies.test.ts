// remediesFor reads the loader's real messages (direct, and after the host's content-free rewrite).
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvText } from '../../src/main/engine/dataset/csv.ts';
import { clientLoadError } from '../../src/main/services/unparsed-file-errors.ts';
import { remediesFor } from '../../src/shared/load-remedies.ts';
import type { LoadOptions } from '../../src/shared/types.ts';

async function failure(text: string, options: LoadOptions = {}): Promise<CsvError> {
  try {
    await parseCsvText(text, options);
  } catch (err) {
    return err as CsvError;
  }
  throw new Error('expected the load to fail');
}

describe('remediesFor', () => {
  it('names skip-bad-rows for the ragged error, decimal-comma for both decimal-comma hints, nothing otherwise', async () => {
    const ragged = await failure('x,y\n1,2\n3\n5\n');
    const noColumn = await failure('w;h\n1,5;2,25\n-3,75;4,5\n');
    const feature = await failure('w;h\n1,5;2\n-3,75;4\n', { features: ['w'] });
    const text = await failure('name\nann\nbob\n');
    expect([ragged.code, noColumn.code, feature.code, text.code]).toEqual(['ragged', 'no-numeric-column', 'not-numeric-feature', 'no-numeric-column']);
    for (const hidden of [false, true]) {
      const seen = (e: CsvError) => remediesFor(clientLoadError(e, !hidden) as CsvError);
      expect(seen(ragged)).toEqual(['skip-bad-rows']);
      expect(seen(noColumn)).toEqual(['decimal-comma']);
      expect(seen(feature)).toEqual(['decimal-comma']);
      expect(seen(text)).toEqual([]);
    }
    // The content-free version keeps the hint but no cell or column name.
    const hidden = (clientLoadError(noColumn, false) as CsvError).message;
    expect(hidden).not.toMatch(/"w"|"1,5"|line 2/);
  });
});

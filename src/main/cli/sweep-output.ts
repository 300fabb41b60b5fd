// `sweep --json / --report`: the sweep as JSON, and as a self-contained HTML report.
import { resolve } from 'node:path';
import type { SweepDocument, SweepResult } from '../../shared/analysis.ts';
import type { DatasetSummary } from '../../shared/types.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { datasetRef } from '../services/records.ts';
import { machineFacts } from '../engine/machine.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

export async function writeSweepOutputs(args: ParsedArgs, sweep: SweepResult, summary: DatasetSummary, input: string): Promise<string[]> {
  const json = stringFlag(args, 'json');
  const html = stringFlag(args, 'report');
  const doc: SweepDocument = { kind: 'sweep', createdAt: new Date().toISOString(), dataset: datasetRef(summary), machine: machineFacts(), sweep };
  const written: string[] = [];
  const protect = [resolve(input)];
  if (json !== undefined) {
    await writeFileAtomic(resolve(json), JSON.stringify(doc, null, 2) + '\n', { protect });
    written.push(resolve(json));
  }
  if (html !== undefined) {
    const { renderSweepHtml } = await import('../report/html/sweep.ts');
    await writeFileAtomic(resolve(html), renderSweepHtml(doc, { includePath: args.flags['include-path'] === true }), { protect });
    written.push(resolve(html));
  }
  return written;
}

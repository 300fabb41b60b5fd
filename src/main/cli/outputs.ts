// The output flags shared by the run commands (kmeans, ekm): JSON record, HTML report, labels CSV.
import { resolve } from 'node:path';
import type { RunRecord } from '../../shared/types.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { pointsFromData } from '../report/points.ts';
import { writeReportFiles } from '../report/write.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

export const RUN_OUTPUT_HELP = `  --json FILE            write the run record (JSON, schema version 1; \`clusterbench report\` reads it)
  --report FILE          write a self-contained HTML report (cluster scatter, convergence, timings)
  --labels FILE          write the labels CSV (row, cluster, distance to centre)`;

/** Writes whichever of --json/--report/--labels were given; never over the input CSV. */
export async function writeRunOutputs(args: ParsedArgs, rec: RunRecord, dataset: Dataset, input: string): Promise<string[]> {
  const json = stringFlag(args, 'json');
  const html = stringFlag(args, 'report');
  const csv = stringFlag(args, 'labels');
  if (json === undefined && html === undefined && csv === undefined) return [];
  const points = pointsFromData(rec, dataset);
  return writeReportFiles(
    rec,
    { json: json && resolve(json), html: html && resolve(html), csv: csv && resolve(csv) },
    { protect: [input], extras: points.extras, csv: points.csv },
  );
}

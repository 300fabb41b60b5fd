// What the run commands (kmeans, ekm) share: Ctrl-C cancellation and the output flags
// (JSON record, HTML report, labels CSV).
import { resolve } from 'node:path';
import type { RunRecord } from '../../shared/types.ts';
import type { Dataset } from '../engine/dataset/dataset.ts';
import { CancelToken } from '../engine/pool/cancel.ts';
import type { WorkerPool } from '../engine/pool/pool.ts';
import { pointsFromData } from '../report/points.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { labelledDataForRecord } from '../report/labelled.ts';
import { writeReportFiles } from '../report/write.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

export const RUN_OUTPUT_HELP = `  --json FILE            write the run record (JSON, schema version 1; \`clusterbench report\` reads it)
  --report FILE          write a self-contained HTML report (cluster scatter, convergence, timings)
  --labels FILE          write the labels CSV (row, cluster, distance to centre)
  --labelled-data FILE   write the input CSV back with every original column plus cluster and distance_to_center
  --include-path         show the input file's absolute path in the HTML report (left out by default)`;

/** Writes whichever of --json/--report/--labels were given; never over the input CSV. */
export async function writeRunOutputs(args: ParsedArgs, rec: RunRecord, dataset: Dataset, input: string): Promise<string[]> {
  const json = stringFlag(args, 'json');
  const html = stringFlag(args, 'report');
  const csv = stringFlag(args, 'labels');
  const labelled = stringFlag(args, 'labelled-data');
  const written = labelled === undefined ? [] : [await writeLabelledData(rec, input, labelled)];
  if (json === undefined && html === undefined && csv === undefined) return written;
  const points = pointsFromData(rec, dataset);
  return [...written, ...(await writeReportFiles(
    rec,
    { json: json && resolve(json), html: html && resolve(html), csv: csv && resolve(csv) },
    { protect: [input], extras: { ...points.extras, includePath: args.flags['include-path'] === true }, csv: points.csv },
  ))];
}

/** The input CSV with cluster and distance appended (all columns, all rows); never over the input. */
export async function writeLabelledData(rec: RunRecord, input: string, out: string): Promise<string> {
  const target = resolve(out);
  const { text, unclustered } = await labelledDataForRecord(rec, input);
  await writeFileAtomic(target, text, { protect: [input] });
  if (unclustered > 0) console.error(`Note: ${unclustered} row(s) of ${input} were not clustered (missing values); their cluster cells are empty in ${out}.`);
  return target;
}

/**
 * Runs `work` with a cancel token wired to Ctrl-C. Returns 0, or 130 when cancelled (the shell's
 * convention for SIGINT); always frees the pool and clears a live progress line.
 */
export async function runCancellable(pool: WorkerPool, progressShown: boolean, work: (token: CancelToken) => Promise<void>): Promise<number> {
  const token = new CancelToken();
  const onSigint = () => token.cancel('cancelled with Ctrl-C');
  process.once('SIGINT', onSigint);
  try {
    await work(token);
    return 0;
  } catch (err) {
    if (progressShown) process.stderr.write('\n');
    if (err instanceof Error && err.name === 'CancelledError') {
      console.error(err.message);
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    await pool.destroy();
  }
}

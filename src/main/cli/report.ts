// `clusterbench report <record.json> --html out.html [--json out.json] [--csv labels.csv]`
import { readFile } from 'node:fs/promises';
import { writeLabelledData } from './run-helpers.ts';
import { reloadRunPoints, type RunPoints } from '../report/points.ts';
import { writeReportFiles } from '../report/write.ts';
import { numberFlag, requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import type { CliCommand } from './command.ts';

const HELP = `Usage: clusterbench report <record.json> [--html out.html] [--json out.json] [--csv labels.csv]

Writes reports for a saved run or experiment record (the JSON report / history file).
  --html PATH        self-contained HTML report (inline SVG charts, no scripts, no network)
  --json PATH        the record again, validated and pretty-printed (schemaVersion 1)
  --csv PATH         labels CSV for runs: row, cluster, is_medoid (EKM/PAM), distance_to_center
  --max-points N     points shown in the cluster scatter (default 20000, sampled above)
  --no-data          do not reload the dataset (no scatter, no distances)
  --labelled-data PATH  the run's CSV back with every original column plus cluster and distance_to_center
  --include-path     show the dataset's absolute path in the HTML report (left out by default)

For runs, the dataset is reloaded from the path in the record (if it still exists and its SHA-256
matches) to draw the cluster scatter and the distances; otherwise the report says why they are missing.
The input data file is never overwritten; every file is written atomically.`;

export const reportCommand: CliCommand = {
  summary: 'write HTML / JSON / labels CSV reports from a saved record',
  help: HELP,
  async run(args: ParsedArgs): Promise<number> {
    const recordPath = requirePositional(args, 0, 'the record JSON file (see --help)');
    const targets = { html: stringFlag(args, 'html'), json: stringFlag(args, 'json'), csv: stringFlag(args, 'csv') };
    const labelled = stringFlag(args, 'labelled-data');
    if (!targets.html && !targets.json && !targets.csv && !labelled) {
      console.error('Nothing to write: give at least one of --html, --json, --csv or --labelled-data.\n\n' + HELP);
      return 2;
    }
    const maxPoints = numberFlag(args, 'max-points', 20000);
    if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new Error(`--max-points must be a positive integer, got ${maxPoints}`);
    let text: string;
    try {
      text = await readFile(recordPath, 'utf8');
    } catch (err) {
      throw new Error(`cannot read ${recordPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Loaded only here: the record schema needs zod (~30 ms to import), which `--help` should not pay.
    const { loadJsonReport } = await import('../report/json.ts');
    const rec = loadJsonReport(text, recordPath);
    if ((targets.csv || labelled) && rec.kind !== 'run') throw new Error(`${recordPath} is an experiment; labels exist only for runs`);
    if (labelled && rec.kind === 'run') {
      if (!rec.dataset.path) throw new Error(`${recordPath} does not say which file its data came from, so there is nothing to label`);
      console.log(`wrote ${await writeLabelledData(rec, rec.dataset.path, labelled)}`);
    }
    let points: RunPoints = { extras: {}, csv: {}, notes: [] };
    if (rec.kind === 'run' && (targets.html || targets.csv)) {
      points = args.flags['no-data'] ? { extras: {}, csv: {}, notes: ['No cluster scatter or distances: --no-data was given.'] } : await reloadRunPoints(rec, { maxPoints });
    }
    for (const note of points.notes) console.error(`Note: ${note}`);
    const written = await writeReportFiles(rec, targets, { extras: { ...points.extras, notes: points.notes, includePath: args.flags['include-path'] === true }, csv: points.csv });
    for (const path of written) console.log(`wrote ${path}`);
    return 0;
  },
};

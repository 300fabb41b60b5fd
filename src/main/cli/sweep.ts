// `clusterbench sweep <csv> --k 2..10`: choosing k. Only the help lives here; the work is loaded
// when the command runs (sweep-run.ts), so `--help` and other commands do not pay for it.
import type { CliCommand } from './command.ts';

export const SWEEP_HELP = `Usage: clusterbench sweep <file.csv | sample name> --k A..B [options]

Clusters the data once per k from A to B and scores each: cost (k-means inertia or PAM's sum of
distances), silhouette (higher is better), Davies–Bouldin (lower), Calinski–Harabasz (higher),
and times. The k values are spread over the workers, each k run serially on one of them, so every
number except the times is the same for any --workers. The best k by each score is marked, with
the elbow of the cost curve (a heuristic).

Options:
  --k A..B               range of k (required; A ≥ 2, B < rows)
  --algo kmeans|pam|ekm  clustering per k (default kmeans); ekm = exact K-medoids (fused, one
                         worker per k), run only for the k whose runtime estimate is within
                         --ekm-budget; the others are listed as not run, with their estimate
  --ekm-budget S         seconds per k an EKM sweep may be estimated to take (default 60)
  --n-init R             k-means restarts per k, lowest inertia wins (default 10)
  --seed S               seed of k-means and of silhouette samples (default 0)
  --workers P            workers to spread the k values over (default 2)
  --silhouette-sample M  estimate each silhouette from M sampled rows (default: exact up to
                         20,000 rows, then a seeded sample with a 95% confidence interval)
  --json FILE            write the sweep (points, best k, parameters) as JSON
  --report FILE          write a self-contained HTML report (elbow and score charts, table)
  --quiet                no progress line on stderr

Loading options (as in \`clusterbench inspect\`): --features a,b  --scaling none|zscore|minmax
  --missing drop|mean-impute  --delimiter D  --header yes|no

Example: npm run cli -- sweep resources/iris.csv --k 2..8 --workers 2 --scaling zscore`;

export const sweepCommand: CliCommand = {
  summary: 'Choose k: cluster for every k in a range and compare quality scores',
  help: SWEEP_HELP,
  async run(args) {
    const { runSweepCommand } = await import('./sweep-run.ts');
    return runSweepCommand(args);
  },
};

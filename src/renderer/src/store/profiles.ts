// Cluster profiles of the current run: computed on the host (the rows stay there) and kept with
// the record, like the quality scores.
import type { RunRecordView } from '../../../shared/types.ts';
import type { StoreContext } from './context.ts';
import type { Jobs } from './jobs.ts';

export function createProfiles({ state, call }: StoreContext, { runJob }: Pick<Jobs, 'runJob'>) {
  async function computeProfiles(): Promise<void> {
    const ds = state.dataset;
    const run = state.run;
    if (!ds || !run) return;
    try {
      const rec = (await runJob(
        'analysis',
        'cluster profiles',
        (jobId) => call('analysis:run', { jobId, recordId: run.id, datasetId: ds.id, quality: false, profiles: true }),
        (r) => `cluster profiles of ${(r as RunRecordView).profiles?.features.length ?? 0} features`,
      )) as RunRecordView | null;
      if (rec && state.run?.id === rec.id) state.run = rec;
    } catch {
      /* the status bar shows the error */
    }
  }
  return { computeProfiles };
}

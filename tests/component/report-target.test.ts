// What "Save report" saves after a sweep: the run's HTML report with the sweep on the same data,
// the sweep alone when it is newer than the record on screen or there is none, else the record.
import { describe, expect, it } from 'vitest';
import type { SweepDocument } from '../../src/shared/analysis.ts';
import type { RunRecordView } from '../../src/shared/types.ts';
import { reportTarget } from '../../src/renderer/src/store/report.ts';

const run = (id: string, hash: string) => ({ id, dataset: { hash } }) as unknown as RunRecordView;
const sweep = (id: string, hash: string) => ({ id, dataset: { hash } }) as unknown as SweepDocument;
const state = (o: { run?: RunRecordView | null; sweep?: SweepDocument | null; latest?: boolean }) => ({
  currentRecordId: o.run?.id ?? null,
  run: o.run ?? null,
  experiment: null,
  sweep: o.sweep ?? null,
  sweepIsLatest: o.latest ?? false,
});

describe('reportTarget', () => {
  it('adds a sweep on the same data to the HTML report only', () => {
    const s = state({ run: run('r1', 'h1'), sweep: sweep('s1', 'h1'), latest: true });
    expect(reportTarget(s, 'html')).toEqual({ recordId: 'r1', sweepId: 's1' });
    expect(reportTarget(s, 'data')).toEqual({ recordId: 'r1' });
    expect(reportTarget({ ...s, sweepIsLatest: false }, 'html')).toEqual({ recordId: 'r1', sweepId: 's1' });
  });

  it('saves a sweep on other data alone when it came after the record, else the record', () => {
    expect(reportTarget(state({ run: run('r1', 'h1'), sweep: sweep('s1', 'h2'), latest: true }), 'html')).toEqual({ sweepId: 's1' });
    expect(reportTarget(state({ run: run('r1', 'h1'), sweep: sweep('s1', 'h2'), latest: false }), 'html')).toEqual({ recordId: 'r1' });
    expect(reportTarget(state({ sweep: sweep('s1', 'h2') }), 'json')).toEqual({ sweepId: 's1' });
    expect(reportTarget(state({ sweep: sweep('s1', 'h2') }), 'csv')).toBeNull();
    expect(reportTarget(state({}), 'html')).toBeNull();
  });
});

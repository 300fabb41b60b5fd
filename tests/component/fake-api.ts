// A tiny stand-in for window.clusterbench: records every call, answers from per-channel handlers,
// and lets a test push events as the host would.
import type { ClusterbenchApi, RequestChannel, WorkbenchEvent } from '../../src/shared/contract/index.ts';
import type { DatasetSummary } from '../../src/shared/types.ts';

export interface FakeCall {
  channel: RequestChannel;
  payload: Record<string, unknown>;
}

type Answer = (payload: Record<string, unknown>) => unknown;

export interface FakeApi extends ClusterbenchApi {
  calls: FakeCall[];
  answers: Partial<Record<RequestChannel, Answer>>;
  emit(event: WorkbenchEvent): void;
  callsTo(channel: RequestChannel): Record<string, unknown>[];
}

export function fakeApi(answers: Partial<Record<RequestChannel, Answer>> = {}, transport: 'web' | 'electron' = 'web'): FakeApi {
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  const api: FakeApi = {
    transport,
    calls: [],
    answers,
    async invoke(channel, payload) {
      api.calls.push({ channel, payload: payload as Record<string, unknown> });
      const answer = api.answers[channel];
      if (!answer) throw Object.assign(new Error(`fake: no answer for ${channel}`), { code: 'unsupported' });
      return (await answer(payload as Record<string, unknown>)) as never;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
    callsTo(channel) {
      return api.calls.filter((c) => c.channel === channel).map((c) => c.payload);
    },
  };
  return api;
}

export function cancelledError(): Error {
  return Object.assign(new Error('The job was cancelled'), { code: 'cancelled' });
}

export function summary(over: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    id: 'ds-1',
    name: 'blobs.csv',
    path: '/data/blobs.csv',
    hash: 'abc123',
    bytes: 2048,
    delimiter: ',',
    hasHeader: true,
    totalRows: 4,
    rows: 4,
    droppedRows: 0,
    imputedValues: 0,
    raggedRows: 0,
    columns: [
      { index: 0, name: 'x', type: 'numeric', missing: 0, numericCount: 4, min: -1.5, max: 2.25, mean: 0.5 },
      { index: 1, name: 'y', type: 'numeric', missing: 1, numericCount: 3, min: 0, max: 10, mean: 4 },
      { index: 2, name: 'label', type: 'text', missing: 0, numericCount: 0 },
    ],
    features: ['x', 'y'],
    scaling: 'none',
    missing: 'drop',
    preview: [
      ['1', '2', 'a'],
      ['3', '4', 'b'],
    ],
    warnings: [],
    loadMs: 12,
    ...over,
  } as DatasetSummary;
}

/** Lets pending promise callbacks (and Vue's re-render) run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}

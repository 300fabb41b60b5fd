import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, requestSchemas, type RequestChannel } from '../../src/shared/contract/index.ts';
import { createDispatch, type Handlers } from '../../src/main/services/dispatch.ts';

const noEmit = { emit: () => {} };

/** One malformed payload per channel: wrong type, missing field or an unknown key. */
const badPayloads: Record<RequestChannel, unknown> = {
  'app:info': { extra: true },
  'dataset:samples': { extra: 1 },
  'dataset:open': { jobId: 'j1', path: 42 },
  'dataset:openText': { jobId: 'j1', name: 'x.csv' },
  'dataset:reopen': { jobId: 'j1', recordId: 5 },
  'upload:begin': { jobId: 'j1', name: 'x.csv', bytes: 0 },
  'dataset:openUpload': { jobId: 'j1', uploadId: '../../etc/passwd' },
  'dataset:list': 'nope',
  'dataset:close': {},
  'dataset:points': { datasetId: 'd', x: 'a', y: 'b', maxPoints: 1 },
  'dataset:rows': { datasetId: 'd', indices: Array.from({ length: 1001 }, (_, i) => i) },
  'kmeans:run': { jobId: 'j', datasetId: 'd', params: { k: 0 } },
  'ekm:estimate': { datasetId: 'd', params: { k: 3, variant: 'magic' } },
  'ekm:run': { jobId: 'j', datasetId: 'd', params: { k: 2.5 } },
  'pam:run': { jobId: 'j', datasetId: 'd', k: -1 },
  'experiment:run': { jobId: 'j', datasetId: 'd', spec: { algorithm: 'kmeans', workers: [1, 2] } },
  'analysis:classColumns': { datasetId: 3 },
  'analysis:run': { jobId: 'j', recordId: 'r', datasetId: 'd', silhouetteSample: 1 },
  'sweep:run': { jobId: 'j', datasetId: 'd', params: { kFrom: 5, kTo: 3 } },
  'job:cancel': { jobId: '' },
  'history:list': [1, 2],
  'history:load': { recordId: 7 },
  'history:delete': {},
  'runs:compare': { recordA: 'r' },
  'sweep:load': { sweepId: 3 },
  'report:render': { recordId: 'r', format: 'pdf' },
  'dialog:openCsv': { path: '/etc/passwd' },
  'dialog:saveReport': { recordId: 'r' },
};

describe('IPC contract', () => {
  it('declares a schema for every channel', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(badPayloads).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  // Handlers that would prove a bad payload slipped through.
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, async () => { calls.push(c); return null; }]),
  ) as unknown as Handlers;
  const dispatch = createDispatch(handlers);

  it.each(REQUEST_CHANNELS)('rejects a bad payload on %s with a clear error', async (channel) => {
    const env = await dispatch(channel, badPayloads[channel], noEmit);
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('invalid-payload');
    expect(env.error.message).toContain(`Invalid request on "${channel}"`);
    expect(calls).not.toContain(channel);
  });

  it('names the offending field', async () => {
    const env = await dispatch('kmeans:run', { jobId: 'j', datasetId: 'd', params: { k: 0 } }, noEmit);
    expect(env).toMatchObject({ ok: false });
    expect(!env.ok && env.error.message).toMatch(/params\.k: .*>=\s*1/);
  });

  it('passes a valid payload with defaults applied', async () => {
    let seen: unknown;
    const d = createDispatch({ 'experiment:run': async (input) => { seen = input; return null as never; } });
    const env = await d('experiment:run', { jobId: 'j', datasetId: 'd', spec: { algorithm: 'kmeans', kmeans: { k: 3 }, workers: [0, 1, 2] } }, noEmit);
    expect(env.ok).toBe(true);
    expect(seen).toMatchObject({ spec: { repeats: 3, warmup: true, sizes: [], ks: [], seed: 1 } });
  });

  it('accepts the machine ceiling switch in an experiment spec, and only a boolean', async () => {
    const spec = { algorithm: 'kmeans', kmeans: { k: 3 }, workers: [0, 2] };
    let seen: unknown;
    const d = createDispatch({ 'experiment:run': async (input) => { seen = input; return null as never; } });
    expect(await d('experiment:run', { jobId: 'j', datasetId: 'd', spec: { ...spec, ceiling: true } }, noEmit)).toMatchObject({ ok: true });
    expect(seen).toMatchObject({ spec: { ceiling: true } });
    const bad = await d('experiment:run', { jobId: 'j', datasetId: 'd', spec: { ...spec, ceiling: 'yes' } }, noEmit);
    expect(!bad.ok && bad.error.message).toMatch(/spec\.ceiling/);
  });

  it('rejects unknown channels and unavailable handlers', async () => {
    const d = createDispatch({});
    expect(await d('shell:exec', {}, noEmit)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await d('app:info', {}, noEmit)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('turns handler exceptions into error envelopes', async () => {
    const d = createDispatch({ 'app:info': async () => { throw Object.assign(new Error('disk on fire'), { code: 'io' }); } });
    expect(await d('app:info', {}, noEmit)).toEqual({ ok: false, error: { code: 'io', message: 'disk on fire' } });
  });
});

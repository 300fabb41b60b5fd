import { describe, expect, it } from 'vitest';
import { loadJsonReport, toJsonReport } from '../../src/main/report/json.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { ekmFixture, experimentFixture, kmeansFixture } from './report-fixtures.ts';

describe('JSON report', () => {
  it('round-trips k-means, EKM and experiment records exactly', () => {
    for (const rec of [kmeansFixture().record, ekmFixture().record, experimentFixture({ mismatch: true }), experimentFixture({ ceiling: true })]) {
      const text = toJsonReport(rec);
      expect(JSON.parse(text).schemaVersion).toBe(1);
      expect(loadJsonReport(text)).toEqual(rec);
      // Saving the loaded record again gives the same bytes.
      expect(toJsonReport(loadJsonReport(text))).toBe(text);
    }
  });

  it('keeps NaN and ±Infinity in number fields, and strings that look like them stay strings', () => {
    const rec = experimentFixture();
    rec.experiment.cells[0].speedup = Infinity;
    rec.experiment.cells[1].efficiency = -Infinity;
    rec.experiment.fits[0].amdahl!.rmse = NaN;
    rec.title = 'NaN';
    const back = loadJsonReport(toJsonReport(rec));
    if (back.kind !== 'experiment') throw new Error('kind');
    expect(back.experiment.cells[0].speedup).toBe(Infinity);
    expect(back.experiment.cells[1].efficiency).toBe(-Infinity);
    expect(back.experiment.fits[0].amdahl!.rmse).toBeNaN();
    expect(back.title).toBe('NaN');
  });

  it('writes typed-array labels as plain arrays and keeps number arrays on one line', () => {
    const { record } = kmeansFixture({ n: 40, k: 2 });
    const withTyped = { ...record, result: { ...record.result, labels: Int32Array.from(record.result.labels) } } as unknown as RunRecord;
    const text = toJsonReport(withTyped);
    expect(loadJsonReport(text)).toEqual(record);
    const labelsLine = text.split('\n').find((l) => l.includes('"labels"'))!;
    expect(labelsLine.trim()).toBe(`"labels": [${record.result.labels.join(', ')}],`);
    expect(text.split('\n').length).toBeLessThan(200);
  });

  it('keeps the machine ceiling and checks its types', () => {
    const text = toJsonReport(experimentFixture({ ceiling: true }));
    const back = loadJsonReport(text);
    if (back.kind !== 'experiment') throw new Error('kind');
    expect(back.experiment.spec.ceiling).toBe(true);
    const two = back.experiment.cells.find((c) => c.workers === 2)!;
    const serial = back.experiment.cells.find((c) => c.workers === 0)!;
    expect(two.ceilingTimesMs).toHaveLength(3);
    expect(two.ceilingSpeedup).toBeCloseTo((2 * serial.medianMs) / two.ceilingTimesMs![1], 12);
    expect(two.ofCeiling).toBeCloseTo(two.speedup / two.ceilingSpeedup!, 12);
    expect(serial).not.toHaveProperty('ceilingTimesMs');
    const bad = JSON.parse(text);
    bad.experiment.cells[2].ceilingSpeedup = 'fast';
    expect(() => loadJsonReport(JSON.stringify(bad))).toThrow(/experiment\.cells\[2\]\.ceilingSpeedup/);
    const badSpec = JSON.parse(text);
    badSpec.experiment.spec.ceiling = 'yes';
    expect(() => loadJsonReport(JSON.stringify(badSpec))).toThrow(/experiment\.spec\.ceiling/);
  });

  it('keeps fields it does not know (newer optional fields survive load → save)', () => {
    const rec = experimentFixture();
    const data = JSON.parse(toJsonReport(rec));
    data.experiment.someFutureField = { a: 1 };
    const back = loadJsonReport(JSON.stringify(data)) as unknown as { experiment: { someFutureField: unknown } };
    expect(back.experiment.someFutureField).toEqual({ a: 1 });
  });

  it('explains what is wrong with a bad file', () => {
    expect(() => loadJsonReport('{"schemaVersion": 1,', 'run.json')).toThrow(/run\.json is not valid JSON/);
    expect(() => loadJsonReport('[1,2]')).toThrow(/not a Clusterbench report/);
    expect(() => loadJsonReport('{"name": "package", "version": "1.0.0"}')).toThrow(/not a Clusterbench report: it has no "schemaVersion"/);
    const rec = JSON.parse(toJsonReport(kmeansFixture({ n: 20, k: 2 }).record));
    expect(() => loadJsonReport(JSON.stringify({ ...rec, schemaVersion: 2 }))).toThrow(/schemaVersion 2, but this version of Clusterbench reads schemaVersion 1/);
    expect(() => loadJsonReport(JSON.stringify({ ...rec, kind: 'plot' }))).toThrow(/kind "plot"/);
    const badK = structuredClone(rec);
    badK.result.params.k = 'four';
    expect(() => loadJsonReport(JSON.stringify(badK), 'r.json')).toThrow(/r\.json is not a valid Clusterbench run report: result\.params\.k: .*number/);
    const badLabel = structuredClone(rec);
    badLabel.result.labels[3] = 1.5;
    expect(() => loadJsonReport(JSON.stringify(badLabel))).toThrow(/labels\[3\]/);
    const noDataset = structuredClone(rec);
    delete noDataset.dataset;
    expect(() => loadJsonReport(JSON.stringify(noDataset))).toThrow(/dataset/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const text = toJsonReport(ekmFixture().record);
    expect(loadJsonReport(`\uFEFF${text}`).id).toBe('run-ekm-1');
  });
});

// A structural guard for issue 12: no request channel lets a client name a file-system location
// except `dataset:open` (checked against main's read grants). A new channel with a path, file,
// folder or output field (like the removed report:save) fails here until it is reviewed.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../src/shared/contract/index.ts';

/** Every property name at any depth of a JSON Schema. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === 'object') {
    const props = (schema as { properties?: Record<string, unknown> }).properties;
    if (props) for (const k of Object.keys(props)) out.add(k);
    for (const v of Object.values(schema)) propertyNames(v, out);
  }
  return out;
}

const LOCATION = /path|file|dir|folder|dest|output|target/i;

describe('contract: who may name a file-system location', () => {
  it('only dataset:open takes a path; no channel takes a file, folder or output location', () => {
    const found: Record<string, string[]> = {};
    for (const [channel, schema] of Object.entries(requestSchemas)) {
      const names = [...propertyNames(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }))].filter((n) => LOCATION.test(n));
      if (names.length > 0) found[channel] = names;
    }
    // Reviewed: analysis:run's "profiles" (cluster profiles) matches /file/ but is a boolean, not a location.
    expect(found).toEqual({ 'dataset:open': ['path'], 'analysis:run': ['profiles'] });
    const run = z.toJSONSchema(requestSchemas['analysis:run'], { io: 'input' }) as { properties: Record<string, { type?: string }> };
    expect(run.properties.profiles.type).toBe('boolean');
  });

  it('the detector sees a report:save-shaped payload', () => {
    const reportSave = z.object({ recordId: z.string(), format: z.enum(['json']), path: z.string() }).strict();
    expect([...propertyNames(z.toJSONSchema(reportSave))].filter((n) => LOCATION.test(n))).toEqual(['path']);
  });
});

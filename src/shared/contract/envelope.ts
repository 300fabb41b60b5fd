import type { Envelope } from './api.ts';

/** Client side: turns an envelope back into a value or a thrown Error carrying the code. */
export function unwrapEnvelope<T>(env: Envelope<T>): T {
  if (env && env.ok === true) return env.value;
  const err = new Error(env?.error?.message ?? 'Malformed response from the workbench');
  (err as Error & { code?: string }).code = env?.error?.code ?? 'malformed-response';
  throw err;
}

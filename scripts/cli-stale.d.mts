// Types of cli-stale.mjs for the tests (the script itself stays plain JS: it runs before any build).
export function newestMtimeMs(path: string): number;
export function bundleIsStale(bundle: string, inputs: string[]): boolean;

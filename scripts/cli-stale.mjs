// When `npm run cli` must rebuild the bundle: it is missing, or something it is built from changed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of a file or anything in a folder tree; 0 when the path is absent. */
export function newestMtimeMs(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted or renamed file shows only as a newer folder
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/** True when `bundle` does not exist or any of `inputs` (files or folders) is newer than it. */
export function bundleIsStale(bundle, inputs) {
  const st = statSync(bundle, { throwIfNoEntry: false });
  if (!st) return true;
  return inputs.some((p) => newestMtimeMs(p) > st.mtimeMs);
}

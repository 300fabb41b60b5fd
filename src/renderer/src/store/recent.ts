// Recently opened files (paths on the host), newest first, kept in localStorage.
const KEY = 'clusterbench.recent';
const MAX = 8;

export interface RecentFile {
  path: string;
  name: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadRecent(): RecentFile[] {
  try {
    const raw = JSON.parse(storage()?.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((r): r is RecentFile => typeof r?.path === 'string' && typeof r?.name === 'string').slice(0, MAX);
  } catch {
    return [];
  }
}

export function rememberRecent(list: RecentFile[], file: RecentFile): RecentFile[] {
  const next = [file, ...list.filter((r) => r.path !== file.path)].slice(0, MAX);
  try {
    storage()?.setItem(KEY, JSON.stringify(next));
  } catch {
    /* private mode or quota: recent files are a convenience */
  }
  return next;
}

export function forgetRecent(list: RecentFile[], path: string): RecentFile[] {
  const next = list.filter((r) => r.path !== path);
  try {
    storage()?.setItem(KEY, JSON.stringify(next));
  } catch {
    /* see above */
  }
  return next;
}

// One canonical form of a request path, computed once before routing, so that no spelling of a
// path ('/%69ndex.html', '/index.html/', '//index.html') reaches a file by a route other than its own.

/**
 * The decoded, canonical path ('/', '/index.html', '/assets/x.js'), or null when the path cannot
 * name a file of ours: bad percent-encoding, encoded '/' or '\', NUL bytes, backslashes, or '.'
 * and '..' segments (the browser already removes those from real links, so only crafted requests have them).
 */
export function normaliseRequestPath(rawPath: string): string | null {
  const path = rawPath.split('?')[0].split('#')[0];
  if (!path.startsWith('/')) return null;
  // An encoded separator would turn one segment into two after decoding: refuse rather than guess.
  if (/%(2f|5c|00)/i.test(path)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  return '/' + segments.join('/');
}

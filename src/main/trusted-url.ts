// Which page may talk to the main process: the packaged renderer file exactly, or in dev mode any
// page of the dev server's exact origin. Electron-free so it is testable under plain Node.

/** A URL without its query and fragment, or null when it does not parse. */
function withoutQuery(url: string): string | null {
  try {
    const u = new URL(url);
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin; // file: and opaque origins never match by origin
  } catch {
    return null;
  }
}

/**
 * The trust check for frames and navigations. A prefix match would trust
 * `http://localhost:5173.evil.example/` for a dev server at `http://localhost:5173`; origins are
 * compared exactly instead.
 */
export function trustedUrlCheck(rendererUrl: string, devUrl?: string): (url: string) => boolean {
  const page = withoutQuery(rendererUrl);
  const devOrigin = devUrl === undefined ? null : originOf(devUrl);
  return (url: string) => {
    const candidate = withoutQuery(url);
    if (candidate !== null && candidate === page) return true;
    return devOrigin !== null && originOf(url) === devOrigin;
  };
}

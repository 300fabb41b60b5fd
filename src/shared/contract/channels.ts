// Channel names only — no schemas — so the sandboxed preload bundle stays tiny.
// Every transport (Electron IPC, the WebSocket web host, in-process calls) uses these names.

export const CHANNEL_PREFIX = 'clusterbench:';

export const REQUEST_CHANNELS = [
  'app:info',
  'dataset:samples',
  'dataset:open',
  'dataset:openText',
  'dataset:reopen',
  'upload:begin',
  'dataset:openUpload',
  'dataset:list',
  'dataset:close',
  'dataset:points',
  'dataset:rows',
  'kmeans:run',
  'ekm:estimate',
  'ekm:run',
  'pam:run',
  'experiment:run',
  'analysis:classColumns',
  'analysis:run',
  'sweep:run',
  'job:cancel',
  'history:list',
  'history:load',
  'history:delete',
  'runs:compare',
  'sweep:load',
  'report:render',
  'dialog:openCsv',
  'dialog:saveReport',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * Channels only the web host serves: a browser page has no file paths, so it sends file bytes
 * (`upload:begin`, binary frames, `dataset:openUpload`). Electron's IPC does not bind them and the
 * preload does not expose them.
 */
export const WEB_ONLY_CHANNELS: readonly RequestChannel[] = ['upload:begin', 'dataset:openUpload'];

/**
 * The channels Electron's IPC binds and the preload exposes: exactly what the window's renderer
 * calls (tests/unit/window-channels.test.ts compares this list with the renderer's source).
 * `dataset:samples` is for web-host and script clients; the window gets the samples from app:info.
 */
export const WINDOW_CHANNELS: readonly RequestChannel[] = REQUEST_CHANNELS.filter((c) => !WEB_ONLY_CHANNELS.includes(c) && c !== 'dataset:samples');

/**
 * Preload → main, synchronous: "the user dropped (or picked in a file input) this file". Only the
 * preload sends it, with the path webUtils.getPathForFile resolved from a real File; main checks the
 * sender frame and adds the path to its read grants. Not a request channel: the page cannot send it.
 */
export const DROP_GRANT_CHANNEL = 'grant:dropped';

/** The only event channel: progress of long jobs, tagged with the job id the caller chose. */
export const EVENT_CHANNEL = 'event';

export function isRequestChannel(x: unknown): x is RequestChannel {
  return typeof x === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(x);
}

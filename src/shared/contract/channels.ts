// Channel names only — no schemas — so the sandboxed preload bundle stays tiny.
// Every transport (Electron IPC, the WebSocket web host, in-process calls) uses these names.

export const CHANNEL_PREFIX = 'clusterbench:';

export const REQUEST_CHANNELS = [
  'app:info',
  'dataset:samples',
  'dataset:open',
  'dataset:openText',
  'dataset:list',
  'dataset:close',
  'dataset:points',
  'kmeans:run',
  'ekm:estimate',
  'ekm:run',
  'pam:run',
  'experiment:run',
  'job:cancel',
  'history:list',
  'history:load',
  'history:delete',
  'report:render',
  'dialog:openCsv',
  'dialog:saveReport',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** The only event channel: progress of long jobs, tagged with the job id the caller chose. */
export const EVENT_CHANNEL = 'event';

export function isRequestChannel(x: unknown): x is RequestChannel {
  return typeof x === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(x);
}

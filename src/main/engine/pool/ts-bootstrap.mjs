// Source checkouts (tests, CLI) run the TypeScript worker: register tsx inside this worker,
// then load the real entry. Bundled builds start worker.js directly and never use this file.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);

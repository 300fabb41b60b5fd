import type { HandlerMap } from '../pool/handler.ts';
import { coordinateFit, helpFit, passChunks } from './tasks.ts';

/** k-means kernels run inside pool workers (see tasks.ts). */
export const kmeansHandlers: HandlerMap = {
  'kmeans:fit': coordinateFit,
  'kmeans:help': helpFit,
  'kmeans:pass': passChunks,
};

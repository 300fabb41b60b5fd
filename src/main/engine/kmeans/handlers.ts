import type { HandlerMap } from '../pool/handler.ts';

/** k-means kernels run inside pool workers (filled in by the k-means engine). */
export const kmeansHandlers: HandlerMap = {};

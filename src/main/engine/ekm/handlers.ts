import type { HandlerMap } from '../pool/handler.ts';

/** EKM / PAM kernels run inside pool workers (filled in by the EKM engine). */
export const ekmHandlers: HandlerMap = {};

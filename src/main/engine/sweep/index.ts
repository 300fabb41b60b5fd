// Public API of the k sweep (electron-free).
export { runSweep, checkSweepParams, MAX_SWEEP_KS, type SweepParams, type SweepOptions } from './sweep.ts';
export { bestByScore, elbowK } from './best.ts';

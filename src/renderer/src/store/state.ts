// The one reactive state, assembled from each store module's slice. A new module adds its slice here.
import { reactive } from 'vue';
import { analysisState } from './analysis.ts';
import { compareState } from './compare.ts';
import { connectionState } from './connection.ts';
import { datasetState } from './dataset.ts';
import { experimentState } from './experiment.ts';
import { historyState } from './history.ts';
import { jobsState } from './jobs.ts';
import { paramsState } from './params.ts';
import { runState } from './run.ts';

function initialState() {
  return { ...connectionState(), ...datasetState(), ...paramsState(), ...jobsState(), ...runState(), ...experimentState(), ...historyState(), ...analysisState(), ...compareState() };
}

export type StoreState = ReturnType<typeof initialState>;

export function createState(): StoreState {
  return reactive(initialState()) as StoreState;
}

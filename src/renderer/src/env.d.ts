/// <reference types="vite/client" />
import type { ECharts } from 'echarts';
import type { ClusterbenchApi } from '../../shared/contract/api.ts';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    clusterbench?: ClusterbenchApi;
    /** Live chart instances by name (clusters, convergence, speedup …), for tests and devtools. */
    __clusterbenchCharts?: Record<string, ECharts>;
  }
}

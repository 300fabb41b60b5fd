// scikit-learn's KMeans as a benchmark peer (Debian python3-sklearn; nothing is installed here):
// same data, same starting centroids, algorithm='lloyd', n_init=1, tol=0, a fixed max_iter, and a
// thread count per fit set with threadpoolctl (sklearn's Lloyd runs on OpenMP threads).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineRunner } from './line-runner.ts';

export { findSklearnPython } from './kmedoids-peers.ts';

/** One fit per "run <threads>" line; one JSON line back. */
const SCRIPT = `
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.cluster import KMeans
X = np.load(sys.argv[1]); C = np.load(sys.argv[2]); iters = int(sys.argv[3])
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 2 or parts[0] != "run":
        break
    with threadpool_limits(limits=int(parts[1])):
        t = time.perf_counter(); cpu = time.process_time()
        km = KMeans(n_clusters=C.shape[0], init=C, n_init=1, max_iter=iters, tol=0, algorithm="lloyd").fit(X)
        ms = (time.perf_counter() - t) * 1000; cpu_ms = (time.process_time() - cpu) * 1000
    h = 0
    for v in km.labels_.tolist():
        h = (h * 31 + v) & 0xFFFFFFFF
    print(json.dumps({"msPerPass": ms / (km.n_iter_ + 1), "cpuMs": cpu_ms, "inertia": float(km.inertia_), "iterations": int(km.n_iter_), "labelHash": h}), flush=True)
`;

export interface SklearnFit {
  /** Fit wall time ÷ (iterations + 1): sklearn also ends with a labelling pass. */
  msPerPass: number;
  /** CPU time of the fit (benches subtract it from "other programs"). */
  cpuMs: number;
  inertia: number;
  iterations: number;
  /** Labels hashed as h = h·31 + label (mod 2^32). */
  labelHash: number;
}

/** A .npy (format 1.0) file of a row-major float64 matrix. */
export function writeNpy(path: string, values: Float64Array, rows: number, cols: number): void {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const pre = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(pre, 0);
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]));
}

/** One Python process per cell (data loaded once); `fit(threads)` runs one fit. */
export class SklearnKMeans {
  private readonly runner: LineRunner<SklearnFit>;

  constructor(python: string, dir: string, X: Float64Array, n: number, d: number, init: Float64Array, k: number, iterations: number) {
    const xPath = join(dir, 'X.npy');
    const cPath = join(dir, 'C.npy');
    const sPath = join(dir, 'bench_sklearn.py');
    writeNpy(xPath, X, n, d);
    writeNpy(cPath, init, k, d);
    writeFileSync(sPath, SCRIPT);
    // Thread counts come from threadpoolctl per fit; the variables only stop BLAS from oversubscribing.
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    this.runner = new LineRunner('scikit-learn', python, [sPath, xPath, cPath, String(iterations)], env);
  }

  fit(threads = 1): Promise<SklearnFit> {
    return this.runner.request(`run ${threads}`);
  }

  close(): void {
    this.runner.close();
  }
}

// The K-medoids peers' model writer and solution readers (bench/peers): the LP is the p-median
// program for the given distances, and solutions are read back as medoid rows. When CBC or GLPK
// is installed, a small instance is solved for real and must reach the brute-force optimum;
// elsewhere (CI) that part is skipped and the rest still runs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { medoidSetCost, parseCbcSolution, parseGlpkReport, pMedianLp, solvePMedian, type Points } from '../../bench/peers/kmedoids-peers.ts';

function points(n: number, d: number, seed: number): Points {
  let s = seed;
  const values = Float64Array.from({ length: n * d }, () => ((s = (s * 48271) % 2147483647) / 2147483647) * 10);
  return { n, d, values };
}

function bruteForce(p: Points, k: number): { cost: number; medoids: number[] } {
  let best = { cost: Infinity, medoids: [] as number[] };
  const pick: number[] = [];
  const walk = (from: number) => {
    if (pick.length === k) {
      const cost = medoidSetCost(p, pick, 'sqeuclidean');
      if (cost < best.cost) best = { cost, medoids: [...pick] };
      return;
    }
    for (let j = from; j < p.n; j++) {
      pick.push(j);
      walk(j + 1);
      pick.pop();
    }
  };
  walk(0);
  return best;
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args).status !== null && !spawnSync(cmd, args).error;

describe('p-median MIP peer', () => {
  it('writes n² + n variables and n² + n + 1 constraints with exact coefficients', () => {
    const p = points(4, 2, 3);
    const lp = pMedianLp(p, 2, 'sqeuclidean');
    const constraints = lp.split('Subject To')[1].split('Bounds')[0].trim().split('\n');
    expect(constraints).toHaveLength(16 + 4 + 1);
    expect(lp).toMatch(/ k: y_0 \+ y_1 \+ y_2 \+ y_3 = 2/);
    const coef = Number(/\+ (\S+) x_0_1\b/.exec(lp)![1]);
    const dx = p.values[0] - p.values[2];
    const dy = p.values[1] - p.values[3];
    expect(coef).toBe(dx * dx + dy * dy);
    const objective = lp.split('Subject To')[0];
    expect(objective).not.toMatch(/x_(\d+)_\1\b/); // serving itself costs 0: no term
    expect(objective.match(/ x_\d+_\d+/g)).toHaveLength(12);
  });

  it('reads medoids from CBC and GLPK outputs', () => {
    const cbc = 'Optimal - objective value 2.00000000\n      0 x_0_1  0  3\n      4 y_0   1  0\n      5 y_1   0  -2\n      6 y_7   1 0\n';
    expect(parseCbcSolution(cbc)).toEqual({ status: 'Optimal - objective value 2.00000000', medoids: [0, 7] });
    const glpk = 'Status:     INTEGER OPTIMAL\n   No. Column name       Activity\n     5 y_0          *              1             0             1\n     6 y_1          *              0             0             1\n';
    expect(parseGlpkReport(glpk)).toEqual({ status: 'INTEGER OPTIMAL', medoids: [0] });
  });

  for (const solver of ['cbc', 'glpsol'] as const) {
    const present = solver === 'cbc' ? has('cbc', ['-quit']) : has('glpsol', ['--version']);
    it.skipIf(!present)(`${solver} reaches the brute-force optimum on small instances`, () => {
      for (const seed of [1, 2, 3]) {
        const p = points(12, 2, seed);
        const exact = bruteForce(p, 3);
        const out = solvePMedian(p, 3, 'sqeuclidean', { solver, timeLimitS: 60 });
        expect(out.optimal).toBe(true);
        expect(medoidSetCost(p, out.medoids!, 'sqeuclidean')).toBeCloseTo(exact.cost, 9);
      }
    });
  }
});

// M3: y = β·(1/x + γ)^c with c > 0 — a power law in 1/x that flattens to β·γ^c. Fitted in log y,
// later points weighted more (tailWeights).
import { leastSquares } from '../optim/lm';
import type { FitResult, FitOptions, Law, Observations } from '../types';
import { fitResult, logResiduals, scaledCurve, tailWeights } from './common';

export const m3: Law = {
  id: 'm3',
  name: 'M3 (power law in 1/x + γ)',
  formula: 'y = β·(1/x + γ)^c',
  inputs: ['x'],
  params: [
    { name: 'beta', constraint: 'positive', description: 'scale β' },
    { name: 'c', constraint: 'positive', description: 'exponent (positive: y falls with x)' },
    { name: 'gamma', constraint: 'nonnegative', description: 'γ; the limit is β·γ^c' },
  ],
  minPoints: 3,
  predict: (p, x) => p.beta * Math.pow(1 / x + p.gamma, p.c),
  fit(obs: Observations, opts: FitOptions = {}): FitResult {
    const cv = scaledCurve(obs, 3, 'M3');
    const { lx, ly } = cv;
    const n = ly.length;
    // with x' = x/scale: 1/x' ranges over [1/x'max, 1]
    const wt = tailWeights(lx);
    const inv = lx.map((l) => Math.exp(-l));
    const run = leastSquares(
      {
        constraints: ['real', 'positive', 'nonnegative'],
        n,
        residuals(p, out) {
          const [lb, c, g] = p;
          for (let i = 0; i < n; i++) out[i] = wt[i] * (lb + c * Math.log(inv[i] + g) - ly[i]);
        },
        jacobian(p, _r, jac) {
          const [, c, g] = p;
          for (let i = 0; i < n; i++) {
            jac[3 * i] = wt[i];
            jac[3 * i + 1] = wt[i] * Math.log(inv[i] + g);
            jac[3 * i + 2] = (wt[i] * c) / (inv[i] + g);
          }
        },
      },
      { starts: startsFor(inv, ly), maxIterations: opts.maxIterations, isCancelled: opts.isCancelled, huber: opts.huber },
    );
    const [lb, c, g] = run.params;
    // (1/x + γ) = (1/x' + γ')/scale with γ' = γ·scale, so β = β'·scale^c
    const params = { beta: Math.exp(lb + c * Math.log(cv.scale)), c, gamma: g / cv.scale };
    return fitResult('m3', params, run, cv.warnings, logResiduals(cv, (x) => m3.predict(params, x)));
  },
};

function startsFor(inv: Float64Array, ly: Float64Array): number[][] {
  const minInv = inv[inv.length - 1];
  const starts: number[][] = [];
  for (const c of [0.1, 0.3, 0.7, 1.5]) {
    for (const g of [1e-6 * minInv, 0.3 * minInv, 3 * minInv, 30 * minInv]) {
      let s = 0;
      for (let i = 0; i < ly.length; i++) s += ly[i] - c * Math.log(inv[i] + g);
      starts.push([s / ly.length, c, g]);
    }
  }
  return starts;
}

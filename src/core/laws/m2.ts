// M2: y = ε∞ + β·x^c — a power law that levels off at ε∞. Fitted in log y by constrained LM,
// later points weighted more (tailWeights).
import { leastSquares } from '../optim/lm';
import type { FitResult, FitOptions, Law, Observations } from '../types';
import { fitResult, logResiduals, scaledCurve, tailWeights } from './common';

/** Keep ε∞ a little below the smallest y (1e-3 like the reference, smaller for tiny losses). */
export const limitMargin = (yMin: number): number => Math.min(1e-3, 1e-2 * yMin);

export const m2: Law = {
  id: 'm2',
  name: 'M2 (power law + limit)',
  formula: 'y = ε∞ + β·x^c',
  inputs: ['x'],
  params: [
    { name: 'beta', constraint: 'positive', description: 'scale β' },
    { name: 'c', constraint: 'negative', description: 'slope of the reducible part on the log-log plot' },
    { name: 'errInf', constraint: 'nonnegative', description: 'limit ε∞ as x → ∞' },
  ],
  minPoints: 3,
  predict: (p, x) => p.errInf + p.beta * Math.pow(x, p.c),
  fit(obs: Observations, opts: FitOptions = {}): FitResult {
    const cv = scaledCurve(obs, 3, 'M2');
    const { lx, ly, y } = cv;
    const n = y.length;
    const wt = tailWeights(lx);
    const eMax = cv.yMin - limitMargin(cv.yMin);
    const run = leastSquares(
      {
        constraints: ['real', 'negative', { min: 0, max: eMax }],
        n,
        residuals(p, out) {
          const [lb, c, e] = p;
          for (let i = 0; i < n; i++) out[i] = wt[i] * (Math.log(e + Math.exp(lb + c * lx[i])) - ly[i]);
        },
        jacobian(p, _r, jac) {
          const [lb, c, e] = p;
          for (let i = 0; i < n; i++) {
            const E = Math.exp(lb + c * lx[i]);
            const k = wt[i] / (e + E);
            jac[3 * i] = k * E;
            jac[3 * i + 1] = k * E * lx[i];
            jac[3 * i + 2] = k;
          }
        },
      },
      {
        starts: startsFor(lx, y, eMax),
        maxIterations: opts.maxIterations,
        isCancelled: opts.isCancelled, huber: opts.huber,
      },
    );
    const [lb, c, errInf] = run.params;
    const params = { beta: Math.exp(lb - c * Math.log(cv.scale)), c, errInf };
    return fitResult('m2', params, run, cv.warnings, logResiduals(cv, (x) => m2.predict(params, x)));
  },
};

function startsFor(lx: Float64Array, y: Float64Array, eMax: number): number[][] {
  const starts: number[][] = [];
  for (const c of [-0.1, -0.3, -0.7, -1.5]) {
    for (const frac of [1e-4, 0.5, 0.9]) {
      const e = frac * eMax;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += Math.log(y[i] - e) - c * lx[i];
      starts.push([s / y.length, c, e]);
    }
  }
  return starts;
}

// M1: y = β·x^c, a straight line on the log-log plot; solved in closed form.
import type { FitResult, Law, Observations } from '../types';
import { lineFit, scaledCurve } from './common';

export const m1: Law = {
  id: 'm1',
  name: 'M1 (power law)',
  formula: 'y = β·x^c',
  inputs: ['x'],
  params: [
    { name: 'beta', constraint: 'positive', description: 'scale β' },
    { name: 'c', constraint: 'real', description: 'slope on the log-log plot (negative when y falls)' },
  ],
  minPoints: 2,
  predict: (p, x) => p.beta * Math.pow(x, p.c),
  fit(obs: Observations): FitResult {
    const cv = scaledCurve(obs, 2, 'M1');
    const [a, c] = lineFit(cv.lx, cv.ly);
    const residuals = cv.lx.map((l, i) => a + c * l - cv.ly[i]);
    const sse = residuals.reduce((s, v) => s + v * v, 0);
    const warnings = [...cv.warnings];
    if (c >= 0) warnings.push('the fitted curve does not fall with x (c ≥ 0)');
    return {
      law: 'm1',
      // log β' = a with x' = x/scale, so β = e^a · scale^(−c)
      params: { beta: Math.exp(a - c * Math.log(cv.scale)), c },
      residuals,
      objective: sse,
      iterations: 0,
      converged: true,
      reason: 'closed form',
      warnings,
    };
  },
};

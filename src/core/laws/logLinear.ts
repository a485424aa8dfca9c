// "Log-linear": the recent trend on the log-log plot, log y = a + b·log x, fitted to the last half
// of the fit points only. Unlike M1 (the same line through the whole curve) it follows where the
// curve is now, e.g. the slow straight decline of a run past its fast early phase; it stays
// positive however far it is extrapolated. Two points are enough: then it is the line through
// them, the one trend a 2-point curve has (auto damps it by half, see SHORT_CURVE_FALLBACK).
import type { FitResult, Law, Observations } from '../types';
import { lineFit, scaledCurve } from './common';

/** The part of the fit points (by count, from the end) the trend is fitted to. */
const RECENT_SHARE = 0.5;

/** Where the recent part of `n` fit points starts (by count): the trend is fitted from there on, at least 2 points. */
export function recentStart(n: number): number {
  return Math.min(n - 2, Math.floor((1 - RECENT_SHARE) * n));
}

export const logLinear: Law = {
  id: 'loglin',
  name: 'Log-linear recent trend',
  formula: 'log y = a + b·log x (fitted to the last half of the fit points)',
  inputs: ['x'],
  params: [
    { name: 'a', constraint: 'real', description: 'log y at x = 1' },
    { name: 'b', constraint: 'real', description: 'slope on the log-log plot over the recent half' },
  ],
  minPoints: 2,
  predict: (p, x) => Math.exp(p.a + p.b * Math.log(x)),
  fit(obs: Observations): FitResult {
    const cv = scaledCurve(obs, 2, 'Log-linear');
    const n = cv.lx.length;
    const from = recentStart(n);
    const [a0, b] = lineFit(cv.lx.subarray(from), cv.ly.subarray(from));
    const a = a0 - b * Math.log(cv.scale);
    const residuals = cv.x.map((x, i) => a + b * Math.log(x) - cv.ly[i]);
    const warnings = [...cv.warnings];
    if (b > 0) warnings.push('the recent trend rises with x (b > 0)');
    return {
      law: 'loglin',
      params: { a, b },
      residuals,
      objective: residuals.reduce((s, r) => s + r * r, 0),
      iterations: 0,
      converged: true,
      reason: 'closed form',
      warnings,
      fittedFrom: cv.x[from],
    };
  },
};

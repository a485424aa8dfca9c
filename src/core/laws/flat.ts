// "Flat": the curve has stopped moving, so the recent level is the forecast. Training curves
// flatten (LR decay finished, data repeated) and then every falling law extrapolates a decline
// that does not come; auto needs a candidate that can say so when the back-tests agree.
import type { FitResult, Law, Observations } from '../types';
import { scaledCurve } from './common';

/** Share of the last fit points averaged (in log y) into the level: enough to average out per-step noise. */
const TAIL_SHARE = 0.05;

export const flat: Law = {
  id: 'flat',
  name: 'Flat (recent level held)',
  formula: 'y = level (geometric mean of the last 5% of the fit points, at least one)',
  inputs: ['x'],
  params: [{ name: 'level', constraint: 'positive', description: 'the loss held from the end of the fit points on' }],
  minPoints: 1,
  predict: (p) => p.level,
  fit(obs: Observations): FitResult {
    const cv = scaledCurve(obs, 1, 'Flat');
    const n = cv.ly.length;
    const k = Math.max(1, Math.round(TAIL_SHARE * n));
    let s = 0;
    for (let i = n - k; i < n; i++) s += cv.ly[i];
    const level = Math.exp(s / k);
    const residuals = cv.ly.map((l) => Math.log(level) - l);
    return {
      law: 'flat',
      params: { level },
      residuals,
      objective: residuals.reduce((a, r) => a + r * r, 0),
      iterations: 0,
      converged: true,
      reason: 'closed form',
      warnings: [...cv.warnings],
      fittedFrom: cv.x[n - k],
    };
  },
};

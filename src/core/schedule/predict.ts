// A fitted schedule law's loss at given steps of a run, from the run's LR alone, and how well it
// matches an observed loss (mean and worst relative error, as Luo et al. report).
import type { LrGrid } from './grid';
import { mplEvaluate } from './mpl';
import { dropTerms } from './mplTerms';
import type { ScheduleFit } from './prior';
import { tissueEvaluate, tissueTerms } from './tissue';

export function predictLoss(fit: ScheduleFit, grid: LrGrid, steps: ArrayLike<number>): Float64Array {
  const out = new Float64Array(steps.length);
  if (fit.law === 'mpl') mplEvaluate(dropTerms(grid, steps), fit.params, out);
  else tissueEvaluate(tissueTerms(grid, steps, fit.params.lambda, fit.params.lambdaFast), fit.params, out);
  return out;
}

export interface RelErr {
  readonly n: number;
  readonly meanRelErr: number;
  readonly maxRelErr: number;
}

/** mean and max of |y − ŷ|/y over points where y is a positive number. */
export function relErr(y: ArrayLike<number>, pred: ArrayLike<number>): RelErr {
  let s = 0;
  let mx = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0) || !Number.isFinite(pred[i])) continue;
    const e = Math.abs(y[i] - pred[i]) / y[i];
    s += e;
    mx = Math.max(mx, e);
    n++;
  }
  return { n, meanRelErr: n > 0 ? s / n : NaN, maxRelErr: n > 0 ? mx : NaN };
}

// One wording for the points a schedule reader drops for not being numbers (NaN, inf), in the
// forecast, the runs it reads and their logged LR: "skipped 1 loss point that is not a number";
// and for the zero or negative losses it leaves out, named by step as `fit` names them.
import { namedXs } from '../droppedPoints';

/** "skipped 1 loss point that is not a number", "skipped 3 loss points that are not numbers". */
export function skippedPointsText(n: number, what: string): string {
  return n === 1 ? `skipped 1 ${what} point that is not a number` : `skipped ${n} ${what} points that are not numbers`;
}

/** "left out 2 losses ≤ 0 at step 15, 21 (the schedule laws fit positive losses)". */
export function nonPositiveText(steps: readonly number[]): string {
  const n = steps.length;
  return `left out ${n} loss${n === 1 ? '' : 'es'} ≤ 0 at step ${namedXs(steps, n)} (the schedule laws fit positive losses)`;
}

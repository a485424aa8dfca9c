// The loss a surface gives at a given model size and token count ("what will a 7B model on 1T
// tokens reach?"): the budget is 6·N·D, and the compute-optimal split of that same budget is said
// beside it, as a fixed N on a budget is. Pure.
import { FLOPS_PER_PARAM_TOKEN, fixedSizePlan, type FixedSizePlan } from './allocation';
import { chinchillaLoss, type ChinchillaParams } from './laws/chinchilla';
import { interval, withEstimate, type Interval } from './surfaceBootstrap';

/** N parameters trained on D tokens, and the optimal split of its compute 6·N·D. */
export function pointPlan(s: ChinchillaParams, N: number, D: number): FixedSizePlan {
  return fixedSizePlan(s, N, FLOPS_PER_PARAM_TOKEN * N * D, D);
}

/**
 * The interval on the loss at (N, D) over bootstrap refits, stretched to contain the fitted
 * surface's own loss there (as allocationIntervals does: an interval that excludes its point
 * estimate is never shown).
 */
export function lossIntervalAt(draws: readonly ChinchillaParams[], fitted: ChinchillaParams, N: number, D: number, level: number): Interval {
  return withEstimate(interval(draws.map((d) => chinchillaLoss(d, N, D)), level), chinchillaLoss(fitted, N, D));
}

// Compute-optimal allocation when unique data is limited (Muennighoff et al. 2023): with U unique
// tokens, training on D > U tokens repeats them, and repeated tokens (and parameters beyond what
// U supports) are worth less (laws/dataConstrained.ts). The best N for a budget C minimises
// L(N, C/6N, U) on that surface: one variable, no closed form (optim/logScan.ts). Pure.
import { FLOPS_PER_PARAM_TOKEN, checkSurface, optimalAllocation, type Allocation } from './allocation';
import { dataConstrainedLoss, type DataConstrainedParams } from './laws/dataConstrained';
import type { ChinchillaParams } from './laws/chinchilla';
import { interval, withEstimate, type Interval } from './surfaceBootstrap';
import { kaplanOverfitWarning } from './laws/kaplanRules';
import { scanMinimum } from './optim/logScan';
import { ScalingLensError } from './types';

export interface ConstrainedAllocation extends Allocation {
  readonly uniqueTokens: number;
  /** Passes over the unique data: D / U (≤ 1 when the data does not run out). */
  readonly epochs: number;
  /** The optimum with unlimited unique data on the same base surface. */
  readonly unconstrained: Allocation;
  /** loss − unconstrained.loss (≥ 0): what the limit on unique data costs. */
  readonly excessLoss: number;
}

/** The scan covers N from 1/SPAN to SPAN times the unconstrained optimum. */
const SPAN = 1e4;
const SCAN_POINTS = 241;

export function constrainedAllocation(p: DataConstrainedParams, flops: number, uniqueTokens: number): ConstrainedAllocation {
  checkSurface(p);
  if (!(uniqueTokens > 0) || !Number.isFinite(uniqueTokens)) throw new ScalingLensError('bad-argument', `unique tokens must be a positive number, got ${uniqueTokens}.`);
  if (!(p.RD > 0 && p.RN > 0)) throw new ScalingLensError('bad-argument', `the decay constants R_D* and R_N* must be positive (got ${p.RD}, ${p.RN}).`);
  const unconstrained = optimalAllocation(p, flops);
  const c6 = flops / FLOPS_PER_PARAM_TOKEN;
  const loss = (u: number): number => {
    const N = Math.exp(u);
    return dataConstrainedLoss(p, N, c6 / N, uniqueTokens);
  };
  const best = scanMinimum(loss, Math.log(unconstrained.N / SPAN), Math.log(unconstrained.N * SPAN), SCAN_POINTS);
  if (best.atEdge) {
    throw new ScalingLensError('no-convergence', `no best model size within ${SPAN}× of the unconstrained one for ${flops} FLOPs and ${uniqueTokens} unique tokens.`);
  }
  const N = Math.exp(best.x);
  const D = c6 / N;
  const L = dataConstrainedLoss(p, N, D, uniqueTokens);
  const warnings: string[] = [];
  const overfit = kaplanOverfitWarning(N, D);
  if (overfit) warnings.push(overfit);
  const epochs = D / uniqueTokens;
  if (epochs > p.RD) warnings.push(`D_opt passes over the unique data ${epochs.toPrecision(3)} times, more than R_D* (${p.RD.toPrecision(3)}): the split rests mostly on how fast repeated tokens lose value.`);
  return {
    flops,
    N,
    D,
    tokensPerParam: D / N,
    loss: L,
    warnings,
    uniqueTokens,
    epochs,
    unconstrained,
    // the same point when the data does not run out: rounding is no cost
    excessLoss: L - unconstrained.loss > 1e-12 * L ? L - unconstrained.loss : 0,
  };
}

export interface ConstrainedInterval {
  readonly N: Interval;
  readonly D: Interval;
  readonly epochs: Interval;
  readonly loss: Interval;
}

/**
 * Percentile intervals on the constrained split `at` over a surface's bootstrap refits, R_D* and
 * R_N* held at `decay` (their own uncertainty is left out), each stretched to hold `at`'s value;
 * undefined when fewer than two refits give a split.
 */
export function constrainedIntervals(draws: readonly ChinchillaParams[], decay: Pick<DataConstrainedParams, 'RD' | 'RN'>, at: ConstrainedAllocation, level: number): ConstrainedInterval | undefined {
  const plans = draws.flatMap((d) => {
    try {
      return [constrainedAllocation({ ...d, RD: decay.RD, RN: decay.RN }, at.flops, at.uniqueTokens)];
    } catch {
      return [];
    }
  });
  if (plans.length < 2) return undefined;
  const iv = (k: 'N' | 'D' | 'epochs' | 'loss'): Interval => {
    const i = interval(plans.map((p) => p[k]), level);
    return withEstimate(i, at[k]);
  };
  return { N: iv('N'), D: iv('D'), epochs: iv('epochs'), loss: iv('loss') };
}

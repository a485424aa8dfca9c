// Inference-aware planning (Sardana et al. 2024, "Beyond Chinchilla-Optimal"): a model that will
// serve I tokens costs 6ND to train and about 2N per token served, so the cheapest way to reach a
// loss ℓ minimises 6ND + 2NI subject to L(N, D) = ℓ. For each N the surface gives the D that
// reaches ℓ, D(N) = (B / (ℓ − E − A/N^α))^(1/β); the total cost is then one variable
// (optim/logScan.ts). Pure.
import { FLOPS_PER_PARAM_TOKEN, checkSurface, computeForLoss, type Allocation } from './allocation';
import { chinchillaLoss, type ChinchillaParams } from './laws/chinchilla';
import { kaplanOverfitWarning } from './laws/kaplanRules';
import { scanMinimum } from './optim/logScan';
import { ScalingLensError } from './types';

/** FLOPs per parameter per token served (a forward pass). */
export const INFERENCE_FLOPS_PER_PARAM_TOKEN = 2;

export interface InferenceAwarePlan {
  readonly targetLoss: number;
  readonly inferenceTokens: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly trainingFlops: number;
  readonly inferenceFlops: number;
  readonly totalFlops: number;
  /** The compute-optimal plan for the same loss, blind to inference. */
  readonly chinchilla: Allocation;
  /** That plan's training plus the same inference. */
  readonly chinchillaTotal: number;
  /** 1 − totalFlops / chinchillaTotal. */
  readonly saving: number;
  readonly warnings: readonly string[];
}

const SCAN_POINTS = 401;
/** The scan covers N from just above the smallest that can reach the loss to this many times it. */
const SPAN = 1e8;

export function inferenceAwarePlan(s: ChinchillaParams, targetLoss: number, inferenceTokens: number): InferenceAwarePlan {
  checkSurface(s);
  if (!(inferenceTokens >= 0) || !Number.isFinite(inferenceTokens)) throw new ScalingLensError('bad-argument', `inference tokens must be a number ≥ 0, got ${inferenceTokens}.`);
  // throws with a plain message when the loss is at or below E
  const chinchilla = computeForLoss(s, targetLoss);
  const gap = targetLoss - s.E;
  // the smallest N that reaches the loss with unlimited data
  const logNmin = Math.log(s.A / gap) / s.alpha;
  const tokensFor = (logN: number): number => {
    const left = gap - s.A * Math.exp(-s.alpha * logN);
    return left > 0 ? Math.pow(s.B / left, 1 / s.beta) : Infinity;
  };
  const cost = (logN: number): number => {
    const N = Math.exp(logN);
    return FLOPS_PER_PARAM_TOKEN * N * tokensFor(logN) + INFERENCE_FLOPS_PER_PARAM_TOKEN * N * inferenceTokens;
  };
  const best = scanMinimum(cost, logNmin + 1e-9, logNmin + Math.log(SPAN), SCAN_POINTS);
  // the low end is where the loss stops being reachable, so only the high end means "outside"
  if (best.atEdge && best.x > logNmin + 1) throw new ScalingLensError('no-convergence', `no cheapest model size within ${SPAN}× of the smallest that reaches loss ${targetLoss}.`);
  const logN = best.x;
  const N = Math.exp(logN);
  const D = tokensFor(logN);
  const trainingFlops = FLOPS_PER_PARAM_TOKEN * N * D;
  const inferenceFlops = INFERENCE_FLOPS_PER_PARAM_TOKEN * N * inferenceTokens;
  const chinchillaTotal = chinchilla.flops + INFERENCE_FLOPS_PER_PARAM_TOKEN * chinchilla.N * inferenceTokens;
  const total = trainingFlops + inferenceFlops;
  const warnings: string[] = [];
  const overfit = kaplanOverfitWarning(N, D);
  if (overfit) warnings.push(overfit);
  // the plan must reach the loss it was asked for; a drift here would be a bug, said rather than hidden
  const reached = chinchillaLoss(s, N, D);
  if (Math.abs(reached - targetLoss) > 1e-9 * targetLoss) warnings.push(`the plan reaches loss ${reached.toPrecision(6)}, not ${targetLoss}.`);
  return {
    targetLoss,
    inferenceTokens,
    N,
    D,
    tokensPerParam: D / N,
    trainingFlops,
    inferenceFlops,
    totalFlops: total,
    chinchilla,
    chinchillaTotal,
    // the same plan when nothing is served: rounding is no saving
    saving: total < chinchillaTotal * (1 - 1e-9) ? 1 - total / chinchillaTotal : 0,
    warnings,
  };
}

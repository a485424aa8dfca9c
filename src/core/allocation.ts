// Compute-optimal planning on a Chinchilla surface L(N, D) = E + A/N^α + B/D^β with C ≈ 6ND.
// Minimising L(N, C/6N) over N gives (Hoffmann et al. 2022, appendix D.2)
//   N_opt(C) = G·(C/6)^a,  D_opt(C) = (C/6)^b / G,  a = β/(α+β), b = α/(α+β),
//   G = (αA/(βB))^(1/(α+β)).
import { chinchillaLoss, type ChinchillaParams } from './laws/chinchilla';
import { kaplanOverfitWarning } from './laws/kaplanRules';
import { ScalingLensError } from './types';

/** FLOPs per parameter per token for a training step (forward + backward). */
export const FLOPS_PER_PARAM_TOKEN = 6;

export interface Allocation {
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  /** Predicted loss at (N, D). */
  readonly loss: number;
  readonly warnings: readonly string[];
}

/** Throws unless the surface can be planned on (finite, positive scales and exponents). */
export function checkSurface(s: ChinchillaParams): void {
  for (const [k, v] of Object.entries(s)) {
    if (!Number.isFinite(v)) throw new ScalingLensError('non-finite', `surface parameter ${k} is not a finite number (${v}).`);
  }
  if (s.A <= 0 || s.B <= 0 || s.E < 0) {
    throw new ScalingLensError('non-positive', `surface needs A > 0, B > 0, E ≥ 0 (got A ${s.A}, B ${s.B}, E ${s.E}).`);
  }
  if (s.alpha <= 0 || s.beta <= 0) {
    throw new ScalingLensError(
      'bad-argument',
      `no compute-optimal allocation: the surface's exponents must be positive (α ${s.alpha}, β ${s.beta}); loss does not fall with scale.`,
    );
  }
}

function checkPositive(v: number, what: string): void {
  if (!Number.isFinite(v) || v <= 0) throw new ScalingLensError('bad-argument', `${what} must be a positive number, got ${v}.`);
}

/** a, b and G of the closed form. */
export function allocationExponents(s: ChinchillaParams): { a: number; b: number; G: number } {
  const sum = s.alpha + s.beta;
  return { a: s.beta / sum, b: s.alpha / sum, G: Math.pow((s.alpha * s.A) / (s.beta * s.B), 1 / sum) };
}

export function lossFor(s: ChinchillaParams, N: number, D: number): number {
  checkPositive(N, 'N (parameters)');
  checkPositive(D, 'D (tokens)');
  return chinchillaLoss(s, N, D);
}

function allocationAt(s: ChinchillaParams, flops: number, N: number, D: number): Allocation {
  const warning = kaplanOverfitWarning(N, D);
  return { flops, N, D, tokensPerParam: D / N, loss: chinchillaLoss(s, N, D), warnings: warning ? [warning] : [] };
}

/** The compute-optimal (N, D) for a budget of `flops` FLOPs and the loss there, L*(C). */
export function optimalAllocation(s: ChinchillaParams, flops: number): Allocation {
  checkSurface(s);
  checkPositive(flops, 'compute budget (FLOPs)');
  const { a, b, G } = allocationExponents(s);
  const c6 = flops / FLOPS_PER_PARAM_TOKEN;
  const N = G * Math.pow(c6, a);
  const D = Math.pow(c6, b) / G;
  return allocationAt(s, flops, N, D);
}

/** L*(C): the lowest loss reachable with `flops` FLOPs. */
export function optimalLoss(s: ChinchillaParams, flops: number): number {
  return optimalAllocation(s, flops).loss;
}

/** Compute-optimal allocations at `n` log-spaced budgets from `fromFlops` to `toFlops`. */
export function frontier(s: ChinchillaParams, fromFlops: number, toFlops: number, n: number): Allocation[] {
  checkPositive(fromFlops, 'frontier start (FLOPs)');
  checkPositive(toFlops, 'frontier end (FLOPs)');
  if (!Number.isInteger(n) || n < 1) throw new ScalingLensError('bad-argument', `frontier needs a whole number of points ≥ 1, got ${n}.`);
  if (n === 1) return [optimalAllocation(s, fromFlops)];
  const lo = Math.log(fromFlops);
  const step = (Math.log(toFlops) - lo) / (n - 1);
  const out: Allocation[] = [];
  for (let i = 0; i < n; i++) out.push(optimalAllocation(s, Math.exp(lo + i * step)));
  return out;
}

/**
 * The smallest compute whose optimal loss L*(C) reaches `targetLoss`. L*(C) falls monotonically
 * towards E, so a bracketed bisection on log C is exact to the tolerance and needs no closed form.
 * Throws when the target is at or below E (no finite budget reaches it).
 */
export function computeForLoss(s: ChinchillaParams, targetLoss: number): Allocation {
  checkSurface(s);
  checkPositive(targetLoss, 'target loss');
  if (targetLoss <= s.E) {
    throw new ScalingLensError(
      'bad-argument',
      `target loss ${targetLoss} is at or below the surface's irreducible loss E = ${s.E.toPrecision(5)}; no finite compute reaches it.`,
    );
  }
  let lo = Math.log(1);
  let hi = Math.log(1e60);
  if (optimalLoss(s, Math.exp(lo)) <= targetLoss) return optimalAllocation(s, Math.exp(lo));
  // Widen the upper end while even 1e60·k FLOPs do not reach the target (very slow exponents).
  while (optimalLoss(s, Math.exp(hi)) > targetLoss) {
    hi += Math.log(1e20);
    if (hi > 700) {
      throw new ScalingLensError('bad-argument', `target loss ${targetLoss} needs more than 1e300 FLOPs on this surface.`);
    }
  }
  for (let k = 0; k < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); k++) {
    const mid = 0.5 * (lo + hi);
    if (optimalLoss(s, Math.exp(mid)) > targetLoss) lo = mid;
    else hi = mid;
  }
  return optimalAllocation(s, Math.exp(hi));
}

/**
 * Why a loss to reach is no question for a plan, or undefined: so high that the least compute that
 * reaches it trains under one parameter on under one token (computeForLoss stops at 1 FLOP), which
 * any run reaches. `asked`: the loss as the user gave it ("--loss 1e300", "loss 1e300").
 */
export function anyRunReaches(a: Allocation, asked: string): string | undefined {
  return a.N < 1 || a.D < 1 ? `${asked} is above the surface's loss at one parameter on one token: any run reaches it` : undefined;
}

export interface FixedSizePlan {
  /** The plan with N fixed and D = C/6N. */
  readonly plan: Allocation;
  /** The compute-optimal plan for the same budget. */
  readonly optimal: Allocation;
  /** plan.loss − optimal.loss (≥ 0). */
  readonly excessLoss: number;
  /** The budget (and its D) for which this N is the compute-optimal size. */
  readonly budgetWhereOptimal: number;
  readonly tokensWhereOptimal: number;
}

/**
 * Training a model of fixed size N on a budget: D = C/6N, compared with the optimal split.
 * `tokens`, when the budget was made as 6·N·D, is that D as given (C/6N would round it off).
 */
export function fixedSizePlan(s: ChinchillaParams, N: number, flops: number, tokens?: number): FixedSizePlan {
  checkSurface(s);
  checkPositive(N, 'N (parameters)');
  checkPositive(flops, 'compute budget (FLOPs)');
  const D = tokens ?? flops / (FLOPS_PER_PARAM_TOKEN * N);
  const plan = allocationAt(s, flops, N, D);
  const optimal = optimalAllocation(s, flops);
  const { a, G } = allocationExponents(s);
  // Invert N = G·(C/6)^a.
  const c6 = Math.pow(N / G, 1 / a);
  return {
    plan,
    optimal,
    excessLoss: plan.loss - optimal.loss,
    budgetWhereOptimal: FLOPS_PER_PARAM_TOKEN * c6,
    tokensWhereOptimal: c6 / N,
  };
}

/** The loss-minimising D for a fixed N when any D is allowed is unbounded, so this answers the
 * budgeted question instead: the D that makes N compute-optimal, D = (N/G)^(b/a)/G. */
export function optimalTokensForParams(s: ChinchillaParams, N: number): number {
  checkSurface(s);
  checkPositive(N, 'N (parameters)');
  const { a, b, G } = allocationExponents(s);
  return Math.pow(N / G, b / a) / G;
}

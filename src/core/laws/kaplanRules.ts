// Rules of thumb from Kaplan et al. 2020 that are not fitted laws: the critical batch size, the
// data needed to avoid overfitting, and the compute of a run.
import { ScalingLensError } from '../types';

/** B* (tokens) and α_B of the critical batch B_crit(L) = B* · L^(−1/α_B) (Kaplan et al. 2020, eq. 5.3). */
export const KAPLAN_BATCH = { Bstar: 2e8, alphaB: 0.21 } as const;

/** Kaplan's rule D ≳ 5e3·N^0.74 (eq. 4.4). */
export const KAPLAN_OVERFIT = { coefficient: 5e3, exponent: 0.74 } as const;

/** FLOPs in one PF-day, the unit of Kaplan's C_c. */
export const PF_DAY_FLOPS = 8.64e19;

/** Critical batch size in tokens at loss L (nats/token). */
export function criticalBatch(loss: number, constants: { Bstar: number; alphaB: number } = KAPLAN_BATCH): number {
  if (!Number.isFinite(loss) || loss <= 0) throw new ScalingLensError('bad-argument', `loss must be positive, got ${loss}.`);
  return constants.Bstar / Math.pow(loss, 1 / constants.alphaB);
}

/** Tokens needed to keep the overfitting penalty small for N non-embedding parameters. */
export function minTokensToAvoidOverfit(N: number): number {
  return KAPLAN_OVERFIT.coefficient * Math.pow(N, KAPLAN_OVERFIT.exponent);
}

/** A warning when D is below Kaplan's overfitting threshold for N, otherwise undefined. */
export function kaplanOverfitWarning(N: number, D: number): string | undefined {
  const need = minTokensToAvoidOverfit(N);
  if (D >= need) return undefined;
  return `D = ${D.toPrecision(3)} tokens is below Kaplan's overfitting threshold 5e3·N^0.74 = ${need.toPrecision(3)} for N = ${N.toPrecision(3)}; expect overfitting if data is repeated.`;
}

/** C ≈ 6·N·B·S FLOPs (N parameters, B tokens per batch, S steps). */
export function trainingFlops(N: number, batchTokens: number, steps: number): number {
  return 6 * N * batchTokens * steps;
}

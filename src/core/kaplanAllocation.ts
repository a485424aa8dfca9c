// Compute-optimal planning on Kaplan et al.'s joint surface L(N, D) = [(N_c/N)^p + D_c/D]^α_D,
// p = α_N/α_D, with C ≈ 6ND. The outer power is increasing, so L(N, C/6N) is least where
// (N_c/N)^p + 6·D_c·N/C is: setting its derivative to zero gives
//   N_opt(C) = (p·N_c^p·C / (6·D_c))^(1/(p+1)),  D_opt = C / (6·N_opt).
// The plan the Plan shows beside Chinchilla's when kaplan-nd back-tests clearly better. Pure.
import { FLOPS_PER_PARAM_TOKEN, type Allocation } from './allocation';
import { kaplanNDLaw } from './laws/kaplanJoint';
import { kaplanOverfitWarning } from './laws/kaplanRules';
import { ScalingLensError, type Params } from './types';

/** Throws unless N_c, D_c, α_N and α_D are finite and positive (the law's own constraints). */
function checkKaplanSurface(p: Params): void {
  for (const k of ['Nc', 'Dc', 'alphaN', 'alphaD']) {
    const v = p[k];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new ScalingLensError('bad-argument', `no compute-optimal allocation on the kaplan-nd surface: ${k} must be a finite positive number (got ${v}).`);
  }
}

/** The compute-optimal (N, D) for `flops` FLOPs on a kaplan-nd surface (params Nc, Dc, alphaN, alphaD), and its loss there. */
export function kaplanOptimalAllocation(p: Params, flops: number): Allocation {
  checkKaplanSurface(p);
  if (!(Number.isFinite(flops) && flops > 0)) throw new ScalingLensError('bad-argument', `compute budget (FLOPs) must be a positive number, got ${flops}.`);
  const rho = p.alphaN! / p.alphaD!;
  // in logs: N_c^ρ and C/D_c span hundreds of decades between them on a fitted surface
  const logN = (Math.log(rho) + rho * Math.log(p.Nc!) + Math.log(flops / (FLOPS_PER_PARAM_TOKEN * p.Dc!))) / (rho + 1);
  const N = Math.exp(logN);
  const D = flops / (FLOPS_PER_PARAM_TOKEN * N);
  const warning = kaplanOverfitWarning(N, D);
  return { flops, N, D, tokensPerParam: D / N, loss: kaplanNDLaw.predict(p, N, D), warnings: warning ? [warning] : [] };
}

/** kaplanOptimalAllocation at `n` budgets evenly spaced in log from `fromFlops` to `toFlops` (the Plan's frontier). */
export function kaplanFrontier(p: Params, fromFlops: number, toFlops: number, n: number): Allocation[] {
  const lo = Math.log(fromFlops);
  const step = n > 1 ? (Math.log(toFlops) - lo) / (n - 1) : 0;
  return Array.from({ length: n }, (_, i) => kaplanOptimalAllocation(p, Math.exp(lo + i * step)));
}

/**
 * The least compute whose optimum on a kaplan-nd surface reaches `loss`, and its allocation. At the
 * optimum both terms fall as C^(−p/(p+1)), so L*(C) = L*(C₀)·(C/C₀)^(−α_D·p/(p+1)): a power law with
 * no floor, which any positive loss is reached on.
 */
export function kaplanComputeForLoss(p: Params, loss: number): Allocation {
  checkKaplanSurface(p);
  if (!(Number.isFinite(loss) && loss > 0)) throw new ScalingLensError('bad-argument', `target loss must be a positive number, got ${loss}.`);
  const c0 = 1e20;
  const at = kaplanOptimalAllocation(p, c0);
  const rho = p.alphaN! / p.alphaD!;
  const slope = (p.alphaD! * rho) / (rho + 1);
  return kaplanOptimalAllocation(p, c0 * Math.exp(Math.log(at.loss / loss) / slope));
}

// Multi-power law (Luo et al., ICLR 2025):
//   L(t) = L0 + A·S1(t)^(−α) + B·Σ_{k≤t} (η_k − η_{k−1})·[1 − (1 + C·η_k^(−γ)·(S1(t) − S1(k−1)))^(−β)]
// (η differences taken as η_k − η_{k−1}, negative while η decays, so the drop term is added —
// the paper's "− LD(t)"). Evaluation over precomputed DropTerms, with the gradient with respect to
// the fitted coordinates θ = (L0, ln A, ln α, ln B, ln C, ln β, ln γ).
import type { DropTerms } from './mplTerms';

export interface MplParams {
  readonly L0: number;
  readonly A: number;
  readonly alpha: number;
  readonly B: number;
  readonly C: number;
  readonly beta: number;
  readonly gamma: number;
}

export const MPL_NAMES = ['L0', 'A', 'alpha', 'B', 'C', 'beta', 'gamma'] as const;
export const MPL_DIM = 7;

export function mplToTheta(p: MplParams): Float64Array {
  return Float64Array.of(p.L0, Math.log(p.A), Math.log(p.alpha), Math.log(p.B), Math.log(p.C), Math.log(p.beta), Math.log(p.gamma));
}

export function mplFromTheta(t: ArrayLike<number>): MplParams {
  return { L0: t[0], A: Math.exp(t[1]), alpha: Math.exp(t[2]), B: Math.exp(t[3]), C: Math.exp(t[4]), beta: Math.exp(t[5]), gamma: Math.exp(t[6]) };
}

/**
 * L at every evaluation step into `out`; with `jac` (length n·7), ∂L_i/∂θ_k at jac[i·7+k].
 * Also writes the drop sum Σ w·G (without B) into `drop` when given.
 */
export function mplEvaluate(terms: DropTerms, p: MplParams, out: Float64Array, jac?: Float64Array, drop?: Float64Array): void {
  const { s1, offsets, weight, lnEta, lnS } = terms;
  const lnC = Math.log(p.C);
  const { beta, gamma, A, alpha, B, L0 } = p;
  for (let i = 0; i < s1.length; i++) {
    const pw = A * Math.exp(-alpha * Math.log(s1[i]));
    let ld = 0;
    let dC = 0;
    let dBeta = 0;
    let dGamma = 0;
    const end = offsets[i + 1];
    if (jac) {
      for (let q = offsets[i]; q < end; q++) {
        const x = Math.exp(lnC - gamma * lnEta[q] + lnS[q]);
        const u = Math.log1p(x);
        const pb = Math.exp(-beta * u);
        const wq = weight[q];
        ld += wq * (1 - pb);
        const dx = (wq * beta * pb * x) / (1 + x); // w·∂G/∂ln x
        dC += dx;
        dGamma -= dx * lnEta[q];
        dBeta += wq * pb * u;
      }
      const o = i * 7;
      jac[o] = 1;
      jac[o + 1] = pw;
      jac[o + 2] = -pw * alpha * Math.log(s1[i]);
      jac[o + 3] = B * ld;
      jac[o + 4] = B * dC;
      jac[o + 5] = B * dBeta * beta;
      jac[o + 6] = B * dGamma * gamma;
    } else {
      for (let q = offsets[i]; q < end; q++) {
        const x = Math.exp(lnC - gamma * lnEta[q] + lnS[q]);
        ld += weight[q] * (1 - Math.exp(-beta * Math.log1p(x)));
      }
    }
    if (drop) drop[i] = ld;
    out[i] = L0 + pw + B * ld;
  }
}

/**
 * The reference O(T²) evaluation straight from the definition, per step: η per step (index =
 * step, η[0] = η before step 1), drop terms counted from step `from` + 1 (after the warmup).
 */
export function mplNaive(p: MplParams, eta: Float64Array, evalSteps: ArrayLike<number>, from: number): Float64Array {
  const T = eta.length - 1;
  const S = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) S[t] = S[t - 1] + eta[t];
  const out = new Float64Array(evalSteps.length);
  for (let i = 0; i < evalSteps.length; i++) {
    const t = evalSteps[i];
    let ld = 0;
    for (let k = from + 1; k <= t; k++) {
      const d = eta[k] - eta[k - 1];
      if (d === 0) continue;
      ld += d * (1 - Math.pow(1 + p.C * Math.pow(eta[k], -p.gamma) * (S[t] - S[k - 1]), -p.beta));
    }
    out[i] = p.L0 + p.A * Math.pow(S[t], -p.alpha) + p.B * ld;
  }
  return out;
}

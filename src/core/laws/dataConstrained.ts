// Data-constrained scaling (Muennighoff et al. 2023): repeated tokens and excess parameters are
// worth less than fresh ones. With U unique tokens seen D times in total,
//   U_D = min(D, U),  R_D = D/U_D − 1,  D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*))
// and with U_N = min(N, N_opt(U_D)) (the compute-optimal size for U_D tokens on the base surface),
//   R_N = N/U_N − 1,  N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*))
// then L = E + A/N'^α + B/D'^β. With no repetition (R_D = R_N = 0) it is exactly Chinchilla.
//
// API: the law 'chinchilla-dc' takes three inputs, Observations.x = N, x2 = D (total tokens
// trained on) and x3 = U (unique tokens available), and predict(p, N, D, U). Its parameters are the
// Chinchilla five plus RD (R_D*) and RN (R_N*). Fitting: the base surface is fitted on the
// single-epoch points (D ≤ U), then R_D*, R_N* on all points with the base held fixed, as in the
// paper; a constant with no repeated data to inform it keeps its published value, with a warning.
import { allocationExponents } from '../allocation';
import { minimize } from '../optim/bfgs';
import { ScalingLensError, type FitResult, type Law, type Observations, type Params } from '../types';
import { chinchillaFromParams, fitChinchilla, type ChinchillaFitOptions, type ChinchillaParams } from './chinchilla';
import { huber } from './chinchillaObjective';
import { requirePositiveFinite, requireSameLength } from './surfaceInput';

/** Published decay constants (Muennighoff et al. 2023, eq. 5 fit). */
export const MUENNIGHOFF = { RDstar: 15.4, RNstar: 5.3 } as const;

export interface DataConstrainedParams extends ChinchillaParams {
  /** R_D*: repetitions after which repeated data is worth 1 − 1/e of fresh data's remaining value. */
  readonly RD: number;
  readonly RN: number;
}

/** Effective amount of a resource when `total` uses only `unique` distinct units, decay constant rStar. */
export function effectiveAmount(total: number, unique: number, rStar: number): number {
  const u = Math.min(total, unique);
  const r = total / u - 1;
  if (r <= 0) return total;
  return u + u * rStar * (1 - Math.exp(-r / rStar));
}

/** D' for D total tokens drawn from U unique tokens. */
export function effectiveTokens(D: number, U: number, RDstar: number = MUENNIGHOFF.RDstar): number {
  return effectiveAmount(D, U, RDstar);
}

/** U_N: the compute-optimal parameter count for `uniqueTokens` tokens on the base surface. */
export function paramsForUniqueTokens(s: ChinchillaParams, uniqueTokens: number): number {
  // Invert D_opt = (N/G)^(b/a)/G for N.
  const { a, b, G } = allocationExponents(s);
  return G * Math.pow(G * uniqueTokens, a / b);
}

/** N' for N parameters when the unique data supports only U_N of them. */
export function effectiveParams(s: ChinchillaParams, N: number, D: number, U: number, RNstar: number = MUENNIGHOFF.RNstar): number {
  return effectiveAmount(N, paramsForUniqueTokens(s, Math.min(D, U)), RNstar);
}

export function dataConstrainedLoss(p: DataConstrainedParams, N: number, D: number, U: number): number {
  const Np = effectiveParams(p, N, D, U, p.RN);
  const Dp = effectiveTokens(D, U, p.RD);
  return p.E + p.A * Math.pow(Np, -p.alpha) + p.B * Math.pow(Dp, -p.beta);
}

function derivativeInRStar(total: number, unique: number, rStar: number): number {
  // ∂/∂R* of u + u·R*·(1 − e^(−R/R*)) = u·[(1 − e^(−R/R*)) − (R/R*)·e^(−R/R*)]
  const u = Math.min(total, unique);
  const r = total / u - 1;
  if (r <= 0) return 0;
  const ex = Math.exp(-r / rStar);
  return u * (1 - ex - (r / rStar) * ex);
}

export function fitDataConstrained(obs: Observations, opts?: ChinchillaFitOptions): FitResult {
  const n = obs.y.length;
  requireSameLength(n, { N: obs.x, D: obs.x2, 'U (unique tokens)': obs.x3 });
  requirePositiveFinite(obs.x3!, 'U (unique tokens)');
  const N = obs.x;
  const D = obs.x2!;
  const U = obs.x3!;
  const warnings: string[] = [];
  const single: number[] = [];
  for (let i = 0; i < n; i++) if (D[i] <= U[i]) single.push(i);
  const pick = (idx: number[], v: Float64Array): Float64Array => Float64Array.from(idx, (i) => v[i]);
  let baseFit;
  try {
    baseFit = fitChinchilla({ x: pick(single, N), x2: pick(single, D), y: pick(single, obs.y) }, opts);
  } catch (err) {
    if (!(err instanceof ScalingLensError)) throw err;
    warnings.push(`the single-epoch points (D ≤ U) alone cannot fit the base surface (${err.message}); fitted on all points instead.`);
    baseFit = fitChinchilla(obs, opts);
  }
  const base = baseFit.surface;
  warnings.push(...baseFit.warnings);
  if (base.alpha <= 0 || base.beta <= 0) throw new ScalingLensError('bad-argument', 'chinchilla-dc: the base surface has a non-positive exponent, so U_N is undefined.');

  const UN = new Float64Array(n);
  let repeatedD = 0;
  let excessN = 0;
  for (let i = 0; i < n; i++) {
    UN[i] = paramsForUniqueTokens(base, Math.min(D[i], U[i]));
    if (D[i] > U[i]) repeatedD++;
    if (N[i] > UN[i]) excessN++;
  }
  const logL = obs.y.map(Math.log);
  const fitRD = repeatedD > 0;
  const fitRN = excessN > 0;
  // θ = [log R_D*, log R_N*]; summed Huber on log L as for the base surface.
  const objective = (t: Float64Array, g: Float64Array): number => {
    const RD = Math.exp(t[0]);
    const RN = Math.exp(t[1]);
    let f = 0;
    g[0] = 0;
    g[1] = 0;
    for (let i = 0; i < n; i++) {
      const Dp = effectiveAmount(D[i], U[i], RD);
      const Np = effectiveAmount(N[i], UN[i], RN);
      const tn = base.A * Math.pow(Np, -base.alpha);
      const td = base.B * Math.pow(Dp, -base.beta);
      const L = base.E + tn + td;
      const r = Math.log(L) - logL[i];
      f += huber(1e-3, r);
      const dh = Math.abs(r) <= 1e-3 ? r : 1e-3 * Math.sign(r);
      g[0] += fitRD ? (dh / L) * (-base.beta * td / Dp) * derivativeInRStar(D[i], U[i], RD) * RD : 0;
      g[1] += fitRN ? (dh / L) * (-base.alpha * tn / Np) * derivativeInRStar(N[i], UN[i], RN) * RN : 0;
    }
    return f;
  };
  const res = minimize(objective, Float64Array.from([Math.log(MUENNIGHOFF.RDstar), Math.log(MUENNIGHOFF.RNstar)]), { gradTol: 1e-12 });
  if (!fitRD) warnings.push(`no point repeats data (all D ≤ U), so R_D* keeps its published value ${MUENNIGHOFF.RDstar}.`);
  if (!fitRN) warnings.push(`no point has excess parameters (N ≤ U_N), so R_N* keeps its published value ${MUENNIGHOFF.RNstar}.`);
  const p: DataConstrainedParams = { ...base, RD: Math.exp(res.x[0]), RN: Math.exp(res.x[1]) };
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = logL[i] - Math.log(dataConstrainedLoss(p, N[i], D[i], U[i]));
  return {
    law: 'chinchilla-dc',
    params: { ...p },
    residuals,
    objective: res.f,
    iterations: baseFit.iterations + res.iterations,
    converged: baseFit.converged && (res.converged || (!fitRD && !fitRN)),
    reason: res.reason,
    warnings,
  };
}

export const dataConstrainedLaw: Law = {
  id: 'chinchilla-dc',
  name: 'Data-constrained Chinchilla (Muennighoff et al. 2023)',
  formula: "L = E + A/N'^α + B/D'^β, D' = U + U·R_D*·(1 − e^(−R_D/R_D*)), N' likewise",
  inputs: ['N', 'D', 'U'],
  params: [
    { name: 'E', constraint: 'positive', description: 'irreducible loss' },
    { name: 'A', constraint: 'positive', description: 'parameter-term scale' },
    { name: 'B', constraint: 'positive', description: 'data-term scale' },
    { name: 'alpha', constraint: 'positive', description: 'parameter exponent α' },
    { name: 'beta', constraint: 'positive', description: 'data exponent β' },
    { name: 'RD', constraint: 'positive', description: 'R_D*: decay constant of repeated tokens (≈ 15.4)' },
    { name: 'RN', constraint: 'positive', description: 'R_N*: decay constant of excess parameters (≈ 5.3)' },
  ],
  minPoints: 5,
  predict(p: Params, N: number, D?: number, U?: number): number {
    if (D === undefined || U === undefined) throw new ScalingLensError('bad-argument', 'chinchilla-dc needs N, D and the unique-token count U to predict.');
    const base = chinchillaFromParams(p);
    const RD = p.RD ?? MUENNIGHOFF.RDstar;
    const RN = p.RN ?? MUENNIGHOFF.RNstar;
    return dataConstrainedLoss({ ...base, RD, RN }, N, D, U);
  },
  fit: fitDataConstrained,
};

// Kaplan et al. 2020 two-variable laws, fitted by least squares in log space with BFGS:
//   'kaplan-nd'  L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D          (eq. 4.1)
//   'kaplan-ns'  L(N, S) = (N_c/N)^α_N + (S_c/S)^α_S                  (eq. 5.6)
// Both are log-sum-exps of terms linear in log N, log D (log S), so the optimiser works on the
// linear coefficients (intercept k = ρ·log N_c rather than N_c itself) which are well conditioned.
import { maxOf } from '../arrayStats';
import { ScalingLensError, type FitOptions, type FitResult, type Law, type Observations, type Params } from '../types';
import { bestOfStarts, logSseObjective, lse2 } from './logLeastSquares';
import { distinctCount, logOf, requireMinPoints, requirePositiveFinite, requireSameLength } from './surfaceInput';

function checkTwoInputs(obs: Observations, id: string, first: string, second: string, min: number): void {
  const n = obs.y.length;
  requireSameLength(n, { [first]: obs.x, [second]: obs.x2 });
  requireMinPoints(n, min, id);
  requirePositiveFinite(obs.x, first);
  requirePositiveFinite(obs.x2!, second);
  requirePositiveFinite(obs.y, 'L (loss)');
  if (distinctCount(obs.x) < 2 || distinctCount(obs.x2!) < 2) {
    throw new ScalingLensError('bad-argument', `${id} needs at least two distinct values of each of ${first} and ${second}.`);
  }
}

function grid(...axes: number[][]): Float64Array[] {
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return out.map((v) => Float64Array.from(v));
}

function noConvergence(id: string): ScalingLensError {
  return new ScalingLensError('no-convergence', `${id}: no start gave a finite fit; check the data scale.`);
}

// θ = [k, ρ, m, α_D] with log L = α_D·LSE(k − ρ·log N, m − log D); ρ = α_N/α_D, k = ρ·log N_c, m = log D_c.
export const kaplanNDLaw: Law = {
  id: 'kaplan-nd',
  name: 'Kaplan L(N, D)',
  formula: 'L = [(Nc/N)^(αN/αD) + Dc/D]^αD',
  inputs: ['N', 'D'],
  params: [
    { name: 'Nc', constraint: 'positive', description: 'critical parameter scale' },
    { name: 'Dc', constraint: 'positive', description: 'critical token scale' },
    { name: 'alphaN', constraint: 'positive', description: 'parameter exponent' },
    { name: 'alphaD', constraint: 'positive', description: 'data exponent' },
  ],
  minPoints: 6,
  predict(p: Params, N: number, D?: number): number {
    if (D === undefined) throw new ScalingLensError('bad-argument', 'kaplan-nd needs both N and D to predict.');
    return Math.pow(Math.pow(p.Nc / N, p.alphaN / p.alphaD) + p.Dc / D, p.alphaD);
  },
  fit(obs: Observations, opts?: FitOptions): FitResult {
    checkTwoInputs(obs, 'kaplan-nd', 'N (parameters)', 'D (tokens)', 6);
    const lN = logOf(obs.x);
    const lD = logOf(obs.x2!);
    const lL = logOf(obs.y);
    const objective = logSseObjective(lL, 4, (t, i, jac) => {
      const { lse, w1, w2 } = lse2(t[0] - t[1] * lN[i], t[2] - lD[i]);
      jac[0] = t[3] * w1;
      jac[1] = -t[3] * w1 * lN[i];
      jac[2] = t[3] * w2;
      jac[3] = lse;
      return t[3] * lse;
    });
    const nTop = maxOf(lN);
    const dTop = maxOf(lD);
    const starts = grid([0.5, 0.75, 1, 1.5], [nTop + 2, nTop + 6, nTop + 10], [dTop + 2, dTop + 6, dTop + 10], [0.05, 0.1, 0.2])
      .filter((_, k) => !opts?.quick || k % 10 === 0)
      .map(([rho, lnNc, lnDc, alphaD]) => Float64Array.from([rho * lnNc, rho, lnDc, alphaD]));
    const { best, iterations } = bestOfStarts(objective, starts, opts?.maxIterations);
    if (!best) throw noConvergence('kaplan-nd');
    const [k, rho, m, alphaD] = best.x;
    const params = { Nc: Math.exp(k / rho), Dc: Math.exp(m), alphaN: rho * alphaD, alphaD };
    return finish('kaplan-nd', params, best, iterations, lL, (i) => Math.log(kaplanNDLaw.predict(params, obs.x[i], obs.x2![i])));
  },
};

// θ = [c1, α_N, c2, α_S] with log L = LSE(c1 − α_N·log N, c2 − α_S·log S); c1 = α_N·log N_c, c2 = α_S·log S_c.
export const kaplanNSLaw: Law = {
  id: 'kaplan-ns',
  name: 'Kaplan L(N, S)',
  formula: 'L = (Nc/N)^αN + (Sc/S)^αS',
  inputs: ['N', 'S'],
  params: [
    { name: 'Nc', constraint: 'positive', description: 'critical parameter scale' },
    { name: 'alphaN', constraint: 'positive', description: 'parameter exponent' },
    { name: 'Sc', constraint: 'positive', description: 'critical step scale' },
    { name: 'alphaS', constraint: 'positive', description: 'step exponent' },
  ],
  minPoints: 6,
  predict(p: Params, N: number, S?: number): number {
    if (S === undefined) throw new ScalingLensError('bad-argument', 'kaplan-ns needs both N and S to predict.');
    return Math.pow(p.Nc / N, p.alphaN) + Math.pow(p.Sc / S, p.alphaS);
  },
  fit(obs: Observations, opts?: FitOptions): FitResult {
    checkTwoInputs(obs, 'kaplan-ns', 'N (parameters)', 'S (steps)', 6);
    const lN = logOf(obs.x);
    const lS = logOf(obs.x2!);
    const lL = logOf(obs.y);
    const objective = logSseObjective(lL, 4, (t, i, jac) => {
      const { lse, w1, w2 } = lse2(t[0] - t[1] * lN[i], t[2] - t[3] * lS[i]);
      jac[0] = w1;
      jac[1] = -w1 * lN[i];
      jac[2] = w2;
      jac[3] = -w2 * lS[i];
      return lse;
    });
    const nTop = maxOf(lN);
    const sMid = lS.reduce((a, b) => a + b, 0) / lS.length;
    const starts = grid([0.05, 0.1, 0.3], [nTop + 2, nTop + 6, nTop + 10], [0.3, 0.76, 1.2], [sMid - 2, sMid, sMid + 2]).map(
      ([alphaN, lnNc, alphaS, lnSc]) => Float64Array.from([alphaN * lnNc, alphaN, alphaS * lnSc, alphaS]),
    );
    const { best, iterations } = bestOfStarts(objective, starts, opts?.maxIterations);
    if (!best) throw noConvergence('kaplan-ns');
    const [c1, alphaN, c2, alphaS] = best.x;
    const params = { Nc: Math.exp(c1 / alphaN), alphaN, Sc: Math.exp(c2 / alphaS), alphaS };
    return finish('kaplan-ns', params, best, iterations, lL, (i) => Math.log(kaplanNSLaw.predict(params, obs.x[i], obs.x2![i])));
  },
};

function finish(
  law: string,
  params: Params,
  best: { f: number; converged: boolean; reason: string },
  iterations: number,
  logY: Float64Array,
  logPredict: (i: number) => number,
): FitResult {
  const residuals = new Float64Array(logY.length);
  for (let i = 0; i < logY.length; i++) residuals[i] = logY[i] - logPredict(i);
  const warnings: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!Number.isFinite(v)) warnings.push(`${k} is not finite: that term is flat in this data.`);
    else if (k.startsWith('alpha') && v <= 0) warnings.push(`${k} = ${v.toPrecision(3)} ≤ 0: loss does not fall along that input in this data.`);
  }
  if (!best.converged) warnings.push(`optimiser stopped without converging (${best.reason}).`);
  return { law, params, residuals, objective: best.f, iterations, converged: best.converged, reason: best.reason, warnings };
}

// Kaplan et al. 2020 single-variable laws L(X) = (X_c/X)^α_X for X = N (non-embedding
// parameters), D (tokens) and C (compute, PF-days in the paper). Fitted in log space, where the law
// is a straight line: log L = α·log X_c − α·log X, so ordinary least squares is the exact optimum.
import { ScalingLensError, type FitOptions, type FitResult, type Law, type Observations, type Params } from '../types';
import { distinctCount, logOf, requireMinPoints, requirePositiveFinite } from './surfaceInput';

/** Published constants (Kaplan et al. 2020, section 1.2 and table 5). */
export const KAPLAN_CONSTANTS = {
  N: { Nc: 8.8e13, alphaN: 0.076 },
  D: { Dc: 5.4e13, alphaD: 0.095 },
  /** C_c in PF-days (1 PF-day = 8.64e19 FLOPs). */
  C: { Cc: 3.1e8, alphaC: 0.05 },
  /** Joint L(N, D) refit (eq. 4.1, table 2). */
  ND: { Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 },
  /** Training curves L(N, S_min) (eq. 5.6, table 3). */
  NS: { Nc: 6.5e13, alphaN: 0.077, Sc: 2.1e3, alphaS: 0.76 },
} as const;

interface SingleSpec {
  readonly id: string;
  readonly input: string;
  readonly inputLabel: string;
  readonly scale: string;
  readonly exponent: string;
}

/** Closed-form log-log least squares; returns the slope and intercept of log y on log x. */
export function logLogLine(x: Float64Array, y: Float64Array): { slope: number; intercept: number; residuals: Float64Array; sse: number } {
  const lx = logOf(x);
  const ly = logOf(y);
  const n = lx.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += lx[i];
    my += ly[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) * (lx[i] - mx);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = ly[i] - (intercept + slope * lx[i]);
    sse += residuals[i] * residuals[i];
  }
  return { slope, intercept, residuals, sse };
}

function singleVariableLaw(spec: SingleSpec): Law {
  return {
    id: spec.id,
    name: `Kaplan L(${spec.input})`,
    formula: `L = (${spec.scale}/${spec.input})^${spec.exponent}`,
    inputs: [spec.input],
    params: [
      { name: spec.scale, constraint: 'positive', description: `critical ${spec.inputLabel} scale` },
      { name: spec.exponent, constraint: 'positive', description: `power-law exponent in ${spec.inputLabel}` },
    ],
    minPoints: 3,
    predict(p: Params, x: number): number {
      return Math.pow(p[spec.scale] / x, p[spec.exponent]);
    },
    fit(obs: Observations, _opts?: FitOptions): FitResult {
      const n = obs.y.length;
      if (obs.x.length !== n) throw new ScalingLensError('bad-argument', `${spec.input} has ${obs.x.length} values but the loss has ${n}.`);
      requireMinPoints(n, 3, spec.id);
      requirePositiveFinite(obs.x, `${spec.input} (${spec.inputLabel})`);
      requirePositiveFinite(obs.y, 'L (loss)');
      if (distinctCount(obs.x) < 2) throw new ScalingLensError('bad-argument', `${spec.id}: all points have the same ${spec.input}.`);
      const line = logLogLine(obs.x, obs.y);
      const alpha = -line.slope;
      const warnings: string[] = [];
      if (alpha <= 0) warnings.push(`loss does not fall with ${spec.input} in this data (fitted exponent ${alpha.toPrecision(3)}).`);
      // log L = α·log X_c − α·log X  ⇒  log X_c = intercept/α.
      const scale = Math.exp(line.intercept / alpha);
      if (!Number.isFinite(scale)) warnings.push(`${spec.scale} is not finite: the exponent is too close to 0 for a critical scale.`);
      // the line is the exact optimum, but a law with a non-finite scale or a rising loss is no fit of it
      const finite = Number.isFinite(scale) && Number.isFinite(alpha);
      const reason = !finite ? `non-finite parameter ${spec.scale} (closed form)` : alpha <= 0 ? `exponent ${spec.exponent} = ${alpha.toPrecision(3)} is not positive (closed form)` : 'closed form';
      return {
        law: spec.id,
        params: { [spec.scale]: scale, [spec.exponent]: alpha },
        residuals: line.residuals,
        objective: line.sse,
        iterations: 0,
        converged: finite && alpha > 0,
        reason,
        warnings,
      };
    },
  };
}

export const kaplanNLaw = singleVariableLaw({ id: 'kaplan-n', input: 'N', inputLabel: 'parameters', scale: 'Nc', exponent: 'alphaN' });
export const kaplanDLaw = singleVariableLaw({ id: 'kaplan-d', input: 'D', inputLabel: 'tokens', scale: 'Dc', exponent: 'alphaD' });
export const kaplanCLaw = singleVariableLaw({ id: 'kaplan-c', input: 'C', inputLabel: 'compute', scale: 'Cc', exponent: 'alphaC' });

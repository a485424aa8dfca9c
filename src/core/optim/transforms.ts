// Maps between a parameter's constrained value and an unconstrained internal coordinate, so the
// optimiser moves freely and never needs to clamp (clamping stalls LM on the boundary).
import type { Constraint } from '../types';

export interface Transform {
  /** internal → constrained value */
  toValue(t: number): number;
  /** constrained value → internal; values on or outside the boundary are pulled just inside */
  toInternal(v: number): number;
  /** d value / d internal at t (chain rule for analytic Jacobians) */
  derivative(t: number): number;
}

const softplus = (t: number): number => (t > 30 ? t : Math.log1p(Math.exp(t)));
const invSoftplus = (v: number): number => (v > 30 ? v : Math.log(Math.expm1(Math.max(v, 1e-300))));
const logistic = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

const IDENTITY: Transform = { toValue: (t) => t, toInternal: (v) => v, derivative: () => 1 };
const POSITIVE: Transform = { toValue: Math.exp, toInternal: (v) => Math.log(Math.max(v, 1e-300)), derivative: Math.exp };
const NEGATIVE: Transform = {
  toValue: (t) => -Math.exp(t),
  toInternal: (v) => Math.log(Math.max(-v, 1e-300)),
  derivative: (t) => -Math.exp(t),
};
// softplus (not exp) so the value can sit at ~0, a true optimum for ε∞ and γ (M2/M3 collapsing to M1)
const NONNEGATIVE: Transform = { toValue: softplus, toInternal: (v) => invSoftplus(Math.max(v, 1e-12)), derivative: logistic };

function interval(min: number, max: number): Transform {
  const width = max - min;
  return {
    toValue: (t) => min + width * logistic(t),
    toInternal: (v) => {
      const u = Math.min(1 - 1e-9, Math.max(1e-9, (v - min) / width));
      return Math.log(u / (1 - u));
    },
    derivative: (t) => {
      const s = logistic(t);
      return width * s * (1 - s);
    },
  };
}

export function transformFor(c: Constraint): Transform {
  if (c === 'real') return IDENTITY;
  if (c === 'positive') return POSITIVE;
  if (c === 'negative') return NEGATIVE;
  if (c === 'nonnegative') return NONNEGATIVE;
  if (!(c.max > c.min)) throw new RangeError(`empty interval [${c.min}, ${c.max}]`);
  return interval(c.min, c.max);
}

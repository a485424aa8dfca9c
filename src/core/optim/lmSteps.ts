// The damped step each LM engine proposes from an internal point (lm.ts drives acceptance,
// damping and stopping around it): the native Marquardt-scaled Gauss–Newton step, or one
// ml-levenberg-marquardt iteration.
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { choleskySolve } from './cholesky';
import type { LeastSquaresProblem } from './lm';
import type { Transform } from './transforms';

/** What a step needs of a start: its internal point, damping and, after a rejected step, its Jacobian's products. */
export interface StepState {
  readonly t: Float64Array;
  readonly damping: number;
  /** native engine: Jacobian/gradient at t are still valid (the last step was rejected) */
  cache?: NativeCache;
}

interface NativeCache {
  jtj: Float64Array;
  g: Float64Array;
}

/**
 * Clips each internal coordinate's move to ±MAX_STEP. A long Gauss–Newton step can throw a bounded
 * parameter deep into the flat tail of its logistic transform, where the gradient vanishes and the
 * fit would stall on the bound for good. Clipping per coordinate (rather than shrinking the whole
 * step) keeps one nearly-inert parameter with a huge step from freezing all the others.
 */
const MAX_STEP = 2;
export function capStep(from: Float64Array, to: Float64Array): void {
  for (let k = 0; k < from.length; k++) {
    const d = to[k] - from[k];
    if (d > MAX_STEP) to[k] = from[k] + MAX_STEP;
    else if (d < -MAX_STEP) to[k] = from[k] - MAX_STEP;
  }
}

/** One ml-levenberg-marquardt iteration from t: the proposed point, or null when it failed. */
export function libraryStepper(problem: LeastSquaresProblem, transforms: Transform[]) {
  const m = transforms.length;
  const n = problem.n;
  const index = Float64Array.from({ length: n }, (_, i) => i);
  // The library fits y ≈ model(x); we feed x = point index, y = 0 and model = residual vector,
  // computed once per parameter vector (its SSE equals ours; the sign does not matter).
  const data = { x: index, y: new Float64Array(n) };
  const model = (t: number[]): ((i: number) => number) => {
    const v = new Float64Array(m);
    for (let k = 0; k < m; k++) v[k] = transforms[k].toValue(t[k]);
    const out = new Float64Array(n);
    problem.residuals(v, out);
    return (i: number) => out[i];
  };
  return (t: Float64Array, damping: number): Float64Array | null => {
    try {
      const next = levenbergMarquardt(data, model, {
        initialValues: Array.from(t),
        damping,
        maxIterations: 1,
        errorTolerance: 0,
        gradientDifference: Array.from(t, (tk) => 1e-7 * Math.max(1, Math.abs(tk))),
        centralDifference: false,
      });
      return Float64Array.from(next.parameterValues);
    } catch {
      // singular normal equations and the like: treated as a rejected step
      return null;
    }
  };
}

/** Marquardt-scaled damped Gauss–Newton step; fills `out` and returns false when it failed. */
export function nativeStepper(
  problem: LeastSquaresProblem,
  transforms: Transform[],
  sseAt: (t: ArrayLike<number>, out?: Float64Array) => number,
  knownResiduals: (t: Float64Array) => Float64Array | null,
) {
  const m = transforms.length;
  const n = problem.n;
  const r0 = new Float64Array(n);
  const r1 = new Float64Array(n);
  const jac = new Float64Array(n * m);
  const p = new Float64Array(m);
  const shifted = new Float64Array(m);
  const a = new Float64Array(m * m);
  const delta = new Float64Array(m);

  const slopes = new Float64Array(m);
  const buildCache = (t: Float64Array): NativeCache | null => {
    const known = knownResiduals(t);
    if (known) r0.set(known);
    else sseAt(t, r0);
    if (problem.jacobian) {
      for (let k = 0; k < m; k++) {
        p[k] = transforms[k].toValue(t[k]);
        slopes[k] = transforms[k].derivative(t[k]);
      }
      problem.jacobian(p, r0, jac);
      for (let i = 0; i < n * m; i += m) for (let k = 0; k < m; k++) jac[i + k] *= slopes[k];
    } else {
      for (let k = 0; k < m; k++) {
        const h = 1e-7 * Math.max(1, Math.abs(t[k]));
        shifted.set(t);
        shifted[k] += h;
        sseAt(shifted, r1);
        for (let i = 0; i < n; i++) jac[i * m + k] = (r1[i] - r0[i]) / h;
      }
    }
    const jtj = new Float64Array(m * m);
    const g = new Float64Array(m);
    // one entry at a time, summed in a local (a register, not memory) over the points in order:
    // the same sums, bit for bit, as accumulating row by row
    const end = n * m;
    for (let k = 0; k < m; k++) {
      let gk = 0;
      for (let at = k, i = 0; at < end; at += m, i++) gk += jac[at] * r0[i];
      g[k] = gk;
      for (let l = 0; l <= k; l++) {
        let s = 0;
        for (let ak = k, al = l; ak < end; ak += m, al += m) s += jac[ak] * jac[al];
        jtj[k * m + l] = s;
      }
    }
    for (let k = 0; k < m; k++) for (let l = 0; l < k; l++) jtj[l * m + k] = jtj[k * m + l];
    for (let k = 0; k < m * m; k++) if (!Number.isFinite(jtj[k])) return null;
    return { jtj, g };
  };

  return (s: StepState, out: Float64Array): boolean => {
    if (!s.cache) {
      const c = buildCache(s.t);
      if (!c) return false;
      s.cache = c;
    }
    const { jtj, g } = s.cache;
    let maxDiag = 0;
    for (let k = 0; k < m; k++) maxDiag = Math.max(maxDiag, jtj[k * m + k]);
    a.set(jtj);
    for (let k = 0; k < m; k++) {
      const d = Math.max(jtj[k * m + k], 1e-12 * maxDiag, 1e-300);
      a[k * m + k] += s.damping * d;
    }
    if (!choleskySolve(a, g, delta, m)) return false;
    for (let k = 0; k < m; k++) out[k] = s.t[k] - delta[k];
    capStep(s.t, out);
    return true;
  };
}

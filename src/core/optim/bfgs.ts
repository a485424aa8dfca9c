// A dense BFGS quasi-Newton minimiser with a strong-Wolfe line search, for the small (2–10
// parameter) smooth objectives of the surface laws. The caller supplies the analytic gradient.
// Dense BFGS (not L-BFGS) because n is tiny: the n×n inverse-Hessian update costs less than one
// objective evaluation over a few hundred points, and it converges in fewer evaluations.

/** Objective: returns f(p) and writes ∇f(p) into `grad` (same length as p). */
export type Objective = (p: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** Iteration cap (one line search each). Default 1000. */
  readonly maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ gradTol. Default 1e-9 (tight on purpose: loose stops halt near the start). */
  readonly gradTol?: number;
  /** Stop when an accepted step changes f by ≤ relTol·max(|f|, 1e-12). Default 1e-15. */
  readonly relTol?: number;
  /**
   * The inverse Hessian to start from (n×n, row-major; copied), e.g. that of a nearby problem's
   * optimum: a refit from there takes a few Newton-like steps instead of learning the curvature
   * from a scaled identity. Default: the identity, rescaled after the first step.
   */
  readonly inverseHessian?: Float64Array;
  /** Optional early exit, polled once per iteration after the step: return true to stop. */
  readonly shouldStop?: (x: Float64Array, f: number, grad: Float64Array) => boolean;
}

export type StopReason =
  | 'gradient norm < tol'
  | 'relative change < tol'
  | 'max iterations'
  | 'NaN objective'
  | 'line search failed'
  | 'stopped by caller';

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: StopReason;
  /** ‖∇f‖∞ at x. */
  readonly gradNorm: number;
}

const C1 = 1e-4;
const C2 = 0.9;

function infNorm(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m || Number.isNaN(a)) m = Number.isNaN(a) ? NaN : a;
    if (Number.isNaN(m)) return NaN;
  }
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Minimiser of the cubic interpolating (a, fa, ga) and (b, fb, gb), safeguarded into the interval. */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - ga * gb;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (disc >= 0 && Number.isFinite(disc)) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    const t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
    // Keep away from the ends so the bracket always shrinks.
    const margin = 0.1 * (hi - lo);
    if (Number.isFinite(t) && t > lo + margin && t < hi - margin) return t;
  }
  return 0.5 * (a + b);
}

/**
 * Minimises f from x0. Never silent about NaN: a NaN/∞ objective at the start stops with
 * reason 'NaN objective'; non-finite trial points inside a line search are treated as "too far"
 * and the step is shortened.
 */
export function minimize(f: Objective, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIter = opts.maxIterations ?? 1000;
  const gradTol = opts.gradTol ?? 1e-9;
  const relTol = opts.relTol ?? 1e-15;

  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const yv = new Float64Array(n);
  const hy = new Float64Array(n);
  // Inverse Hessian approximation, row-major.
  const H = new Float64Array(n * n);
  let evaluations = 0;

  let fx = f(x, g);
  evaluations++;
  const done = (reason: StopReason, converged: boolean, iterations: number): MinimizeResult => ({
    x,
    f: fx,
    iterations,
    evaluations,
    converged,
    reason,
    gradNorm: infNorm(g),
  });
  if (!Number.isFinite(fx) || Number.isNaN(infNorm(g))) return done('NaN objective', false, 0);
  if (infNorm(g) <= gradTol) return done('gradient norm < tol', true, 0);

  const resetH = (scale: number): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  // First step: unit-length-ish in the steepest-descent direction, or Newton's on the given curvature.
  const given = opts.inverseHessian !== undefined && opts.inverseHessian.length === n * n;
  if (given) H.set(opts.inverseHessian!);
  else resetH(Math.min(1, 1 / infNorm(g)));

  // φ(α) = f(x + α d): evaluates into xt/gt and leaves φ, φ' in `trial` — a typed array because
  // doubles in closure variables would be boxed on every write, once per objective evaluation.
  // A non-finite φ or φ' is stored as φ = ∞ so the line search treats the point as too far.
  const trial = new Float64Array(2);
  const phi = (alpha: number): void => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * d[i];
    const v = f(xt, gt);
    evaluations++;
    const dv = dot(gt, d);
    if (Number.isFinite(v) && Number.isFinite(dv)) {
      trial[0] = v;
      trial[1] = dv;
    } else {
      trial[0] = Infinity;
      trial[1] = NaN;
    }
  };

  // Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5/3.6). Returns the accepted step, or
  // 0 when none could be found; on success xt, gt and trial hold the accepted point.
  const lineSearch = (f0: number, g0: number, alphaInit: number): number => {
    let aPrev = 0;
    let fPrev = f0;
    let gPrev = g0;
    let a = alphaInit;
    for (let k = 0; k < 24; k++) {
      phi(a);
      const phiVal = trial[0];
      const phiDer = trial[1];
      if (phiVal === Infinity) {
        // Non-finite: backtrack towards the last good point.
        a = aPrev + 0.1 * (a - aPrev);
        if (a - aPrev < 1e-20) return 0;
        continue;
      }
      if (phiVal > f0 + C1 * a * g0 || (k > 0 && phiVal >= fPrev)) return zoom(aPrev, fPrev, gPrev, a, phiVal, phiDer, f0, g0);
      if (Math.abs(phiDer) <= -C2 * g0) return a;
      if (phiDer >= 0) return zoom(a, phiVal, phiDer, aPrev, fPrev, gPrev, f0, g0);
      aPrev = a;
      fPrev = phiVal;
      gPrev = phiDer;
      a = Math.min(a * 4, 1e10);
    }
    return aPrev > 0 ? (phi(aPrev), aPrev) : 0;
  };

  const zoom = (lo: number, flo: number, glo: number, hi: number, fhi: number, ghi: number, f0: number, g0: number): number => {
    for (let k = 0; k < 16; k++) {
      const a = Number.isFinite(fhi) && Number.isFinite(ghi) ? cubicMin(lo, flo, glo, hi, fhi, ghi) : 0.5 * (lo + hi);
      phi(a);
      const phiVal = trial[0];
      const phiDer = trial[1];
      if (phiVal > f0 + C1 * a * g0 || phiVal >= flo) {
        hi = a;
        fhi = phiVal;
        ghi = phiDer;
      } else {
        // Curvature condition met, or — after a few bisections on a kinked 1-D slice (the Huber
        // objectives have many) — sufficient decrease alone: chasing the exact curvature
        // condition there costs many evaluations for no better direction.
        if (Math.abs(phiDer) <= -C2 * g0 || k >= 2) return a;
        if (phiDer * (hi - lo) >= 0) {
          hi = lo;
          fhi = flo;
          ghi = glo;
        }
        lo = a;
        flo = phiVal;
        glo = phiDer;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // Bracket collapsed: accept the best point found if it decreases f at all.
    if (lo > 0 && flo < f0) {
      phi(lo);
      return lo;
    }
    return 0;
  };

  let iter = 0;
  let retriedAfterReset = false;
  while (iter < maxIter) {
    iter++;
    // d = −H g
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
    }
    let g0 = dot(g, d);
    if (!(g0 < 0)) {
      // Not a descent direction (H lost positive-definiteness numerically): restart from −g.
      resetH(1 / Math.max(1, infNorm(g)));
      for (let i = 0; i < n; i++) d[i] = -H[i * n + i] * g[i];
      g0 = dot(g, d);
    }
    const alpha = lineSearch(fx, g0, 1);
    if (alpha === 0) {
      if (!retriedAfterReset) {
        // One retry along steepest descent before giving up.
        retriedAfterReset = true;
        resetH(1 / Math.max(1, infNorm(g)));
        continue;
      }
      // No step along even steepest descent lowers f: at the limit of floating-point precision
      // that is convergence (f cannot change any more), elsewhere a genuine failure.
      return infNorm(g) <= Math.sqrt(gradTol) ? done('relative change < tol', true, iter) : done('line search failed', false, iter);
    }
    retriedAfterReset = false;
    const fPrev = fx;
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      yv[i] = gt[i] - g[i];
      x[i] = xt[i];
      g[i] = gt[i];
    }
    fx = trial[0];
    const gn = infNorm(g);
    if (gn <= gradTol) return done('gradient norm < tol', true, iter);
    if (Math.abs(fPrev - fx) <= relTol * Math.max(Math.abs(fx), 1e-12)) return done('relative change < tol', true, iter);
    if (opts.shouldStop?.(x, fx, g)) return done('stopped by caller', false, iter);

    // BFGS update of the inverse Hessian: H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ.
    const sy = dot(s, yv);
    if (sy > 1e-300) {
      if (iter === 1 && !given) {
        // Scale the initial matrix to the observed curvature (N&W eq. 6.20).
        let yy = 0;
        for (let i = 0; i < n; i++) yy += yv[i] * yv[i];
        resetH(sy / yy);
      }
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * yv[j];
        hy[i] = v;
        yHy += yv[i] * v;
      }
      const c = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
        }
      }
    }
  }
  return done('max iterations', false, iter);
}

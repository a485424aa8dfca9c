// Constrained, multistart nonlinear least squares (Levenberg–Marquardt).
//
// Parameters live in unconstrained internal coordinates (transforms.ts), so nothing is ever
// clamped. One driver handles multistart, step acceptance, damping and stopping; the damped step
// itself comes from one of two engines:
//  - 'library': ml-levenberg-marquardt, driven one iteration per call. The library accepts every
//    step (even uphill ones), forgets its damping between calls and stops only on an absolute
//    error, so we keep acceptance, damping and a relative-change test on our side.
//  - 'native' (default): the same iteration written here on Float64Arrays, with Marquardt's
//    diagonal scaling (damping ∝ diag JᵀJ, which the library lacks and which badly scaled laws such
//    as BNSL need), an optional analytic Jacobian, and reuse of the Jacobian after a rejected step.
//    The library rebuilds the Jacobian and several ml-matrix objects on every call, which made the
//    benchmark (thousands of fits with back-tests) several times slower than its 10 s budget.
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { Constraint, HuberSpec } from '../types';
import { transformFor, type Transform } from './transforms';

export interface LeastSquaresProblem {
  readonly constraints: readonly Constraint[];
  /** Number of residuals. */
  readonly n: number;
  /** Fills `out` with the residuals at the constrained parameter values `p`. */
  residuals(p: Float64Array, out: Float64Array): void;
  /**
   * Optional: fills only out[from … to). With it, ranking a large grid of starts stops summing a
   * start's SSE once the partial sum shows it cannot be among the best `screen` (LmOptions), which
   * changes no result; provide it only when a start whose objective is not finite is so from the
   * first residual on (else such a start could be screened out instead of counted in failedStarts).
   */
  residualsBetween?(p: Float64Array, out: Float64Array, from: number, to: number): void;
  /**
   * Optional analytic Jacobian: fills `jac` (row-major n × m) with ∂r_i/∂p_k at constrained `p`,
   * given the residuals `r` already computed there. Used by the native engine.
   */
  jacobian?(p: Float64Array, r: Float64Array, jac: Float64Array): void;
}

export type LmEngine = 'native' | 'library';

export interface LmOptions {
  /** Starting points in constrained values (one row per start). */
  readonly starts: readonly (readonly number[])[];
  /** Iteration cap per start (default 200). */
  readonly maxIterations?: number;
  /**
   * Starts are ranked by their initial SSE (one evaluation each, so grids of starts are cheap);
   * the best `screen` run `screenIterations` LM iterations; the best `keep` of those then run to
   * convergence (defaults 6 / 15 / 2).
   */
  readonly screen?: number;
  readonly screenIterations?: number;
  readonly keep?: number;
  /** Relative decrease of the SSE below which a start has converged (default 1e-10). */
  readonly relTol?: number;
  readonly engine?: LmEngine;
  readonly isCancelled?: () => boolean;
  /**
   * Minimise Σ ρ_δ(r_i) (Huber: quadratic within ±δ, linear beyond) instead of Σ r_i²; δ fixed, or
   * k·1.4826·MAD of the plain fit's residuals (then the Huber fit starts from the plain optimum).
   * Undefined: plain least squares.
   */
  readonly huber?: HuberSpec;
}

export interface LmResult {
  /** Best parameters found (constrained values); the first start when every start failed. */
  readonly params: Float64Array;
  readonly sse: number;
  readonly residuals: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly reason: string;
  /**
   * Set when the iteration cap was reached on an objective that had stopped improving (see
   * FLAT_TOL): indices of the parameters still moving along the flat valley, and of those
   * pinned against a bound of their constraint. Laws name them in a warning.
   */
  readonly flat?: { readonly drifting: readonly number[]; readonly atBound: readonly number[] };
  /** Starts whose objective was not a number at the start point. */
  readonly failedStarts: number;
  /** The other starts run to the end (`keep` − 1 of them), best first: alternative basins. */
  readonly others: readonly { readonly params: Float64Array; readonly sse: number }[];
}

interface StartState {
  t: Float64Array;
  sse: number;
  damping: number;
  iterations: number;
  done: boolean;
  converged: boolean;
  reason: string;
  /** SSE after each of the last STALL_WINDOW accepted steps (oldest first) */
  history: number[];
  /** (SSE, internal point) after each of the last `window` iterations, oldest first */
  trail: { sse: number; t: Float64Array }[];
  flat?: { drifting: number[]; atBound: number[] };
  /** native engine: Jacobian/gradient at t are still valid (the last step was rejected) */
  cache?: NativeCache;
}

interface NativeCache {
  jtj: Float64Array;
  g: Float64Array;
}

const MAX_DAMPING = 1e12;
const STALL_WINDOW = 10;
const STALL_TOL = 1e-5;
/**
 * At the iteration cap, a start whose SSE fell by less than FLAT_TOL (relative) over its last
 * `window` iterations (FLAT_WINDOW, or half the cap if smaller, and at least MIN_FLAT_WINDOW) is
 * not crawling towards a better fit but along a flat valley (M4: β → 0 with α, ε0 → ∞) or into a
 * bound (BNSL: sharpness f at its limit). Its fit is as good as it gets, so it is reported as
 * converged, with the moving parameters named instead of a bare "not converged".
 */
const FLAT_WINDOW = 50;
const MIN_FLAT_WINDOW = 10;
const FLAT_TOL = 1e-3;
/** A parameter moved along the valley: its internal coordinate changed by more than this over the window. */
const DRIFT_TOL = 0.05;
/** A bounded coordinate is at its bound when its transform's slope (relative to the interval width) is below this. */
const SATURATED = 1e-6;

export function leastSquares(problem: LeastSquaresProblem, opts: LmOptions): LmResult {
  const h = opts.huber;
  if (!h) return plainLeastSquares(problem, opts);
  if ('delta' in h) return h.delta > 0 ? plainLeastSquares(huberProblem(problem, h.delta), opts) : plainLeastSquares(problem, opts);
  const plain = plainLeastSquares(problem, opts);
  const abs = Float64Array.from(plain.residuals, Math.abs).sort();
  const mad = abs.length % 2 ? abs[abs.length >> 1] : (abs[(abs.length >> 1) - 1] + abs[abs.length >> 1]) / 2;
  const delta = h.k * 1.4826 * mad;
  if (!(delta > 0) || !Number.isFinite(plain.sse)) return plain;
  const robust = plainLeastSquares(huberProblem(problem, delta), { ...opts, starts: [Array.from(plain.params)], screen: 1, keep: 1 });
  return Number.isFinite(robust.sse) ? { ...robust, iterations: robust.iterations + plain.iterations, others: plain.others } : plain;
}

/**
 * The Huber loss as a least-squares problem LM can run unchanged: each residual r becomes
 * ψ(r) = sign(r)·√(2ρ_δ(r)), so Σ ψ² = 2·Σ ρ_δ(r) — r itself within ±δ, √(2δ|r| − δ²) beyond. The
 * map is monotone and invertible, so the raw residual the law's Jacobian may want is recovered
 * from ψ, and dψ/dr = δ/|ψ| beyond δ (1 within). The returned SSE and residuals are ψ's.
 */
export function huberProblem(problem: LeastSquaresProblem, delta: number): LeastSquaresProblem {
  const n = problem.n;
  const raw = new Float64Array(n);
  const psi = (r: number): number => (Math.abs(r) <= delta ? r : Math.sign(r) * Math.sqrt(2 * delta * Math.abs(r) - delta * delta));
  const unpsi = (q: number): number => (Math.abs(q) <= delta ? q : (Math.sign(q) * (q * q + delta * delta)) / (2 * delta));
  const inner = problem.jacobian;
  return {
    constraints: problem.constraints,
    n,
    residuals(p, out) {
      problem.residuals(p, out);
      for (let i = 0; i < n; i++) out[i] = psi(out[i]);
    },
    jacobian: inner
      ? (p, r, jac) => {
          for (let i = 0; i < n; i++) raw[i] = unpsi(r[i]);
          inner(p, raw, jac);
          const m = jac.length / n;
          for (let i = 0; i < n; i++) {
            const a = Math.abs(r[i]);
            if (a <= delta) continue;
            const k = delta / a;
            for (let j = i * m; j < (i + 1) * m; j++) jac[j] *= k;
          }
        }
      : undefined,
  };
}

function plainLeastSquares(problem: LeastSquaresProblem, opts: LmOptions): LmResult {
  const m = problem.constraints.length;
  const n = problem.n;
  const transforms: Transform[] = problem.constraints.map(transformFor);
  const maxIterations = opts.maxIterations ?? 200;
  const screenCount = opts.screen ?? 6;
  const screenIters = Math.min(opts.screenIterations ?? 15, maxIterations);
  const keep = opts.keep ?? 2;
  const relTol = opts.relTol ?? 1e-10;
  const engine = opts.engine ?? 'native';
  const window = Math.min(FLAT_WINDOW, Math.floor(maxIterations / 2));
  const widths = problem.constraints.map((c) => (typeof c === 'object' ? c.max - c.min : c === 'nonnegative' ? 1 : 0));

  const p = new Float64Array(m);
  const r = new Float64Array(n);
  const toValues = (t: ArrayLike<number>, out: Float64Array): Float64Array => {
    for (let k = 0; k < m; k++) out[k] = transforms[k].toValue(t[k]);
    return out;
  };
  // The internal point whose residuals `r` holds, when known: an accepted step's residuals are
  // those the next Jacobian needs, so they are not computed a second time.
  let rHolds: Float64Array | null = null;
  const sseAt = (t: ArrayLike<number>, out: Float64Array = r): number => {
    if (out === r) rHolds = null;
    problem.residuals(toValues(t, p), out);
    let s = 0;
    for (let i = 0; i < n; i++) s += out[i] * out[i];
    return Number.isNaN(s) ? NaN : s;
  };

  const proposeLibrary = libraryStepper(problem, transforms);
  const proposeNative = nativeStepper(problem, transforms, sseAt, (t) => (t === rHolds ? r : null));
  const trial = new Float64Array(m);

  const between = problem.residualsBetween?.bind(problem);
  /** sseAt(t), or a partial sum once that sum passes `limit` (see residualsBetween). */
  const sseUnlessAbove = (t: ArrayLike<number>, limit: number): number => {
    if (!between || limit === Infinity) return sseAt(t);
    rHolds = null;
    toValues(t, p);
    let s = 0;
    for (let from = 0; from < n; from += SCREEN_CHUNK) {
      const to = Math.min(n, from + SCREEN_CHUNK);
      between(p, r, from, to);
      for (let i = from; i < to; i++) s += r[i] * r[i];
      if (s > limit) return s;
    }
    return Number.isNaN(s) ? NaN : s;
  };
  const ranking = screenRanking(screenCount);
  const states: StartState[] = opts.starts.map((start) => {
    const t = Float64Array.from(start, (v, k) => transforms[k].toInternal(v));
    const limit = ranking.limit();
    const sse = sseUnlessAbove(t, limit);
    // finite and above the screen-th best so far: `screen` starts are better, so it is never run
    if (Number.isFinite(sse) && sse > limit) return { t, sse, damping: 1e-3, iterations: 0, done: true, converged: false, reason: 'screened out', history: [], trail: [] };
    const ok = Number.isFinite(sse);
    if (ok) ranking.add(sse);
    return { t, sse: ok ? sse : NaN, damping: 1e-3, iterations: 0, done: !ok, converged: false, reason: ok ? '' : 'NaN objective', history: [], trail: [] };
  });
  const failedStarts = states.filter((s) => s.reason === 'NaN objective').length;

  const iterate = (s: StartState, until: number): void => {
    while (!s.done && s.iterations < until) {
      s.iterations++;
      let err: number;
      if (engine === 'library') {
        const next = proposeLibrary(s.t, s.damping);
        if (next) capStep(s.t, next);
        err = next ? sseAt(next) : NaN;
        if (next) trial.set(next);
      } else {
        err = proposeNative(s, trial) ? sseAt(trial) : NaN;
      }
      if (Number.isFinite(err) && err < s.sse) {
        const rel = (s.sse - err) / Math.max(s.sse, 1e-300);
        s.t = Float64Array.from(trial);
        rHolds = s.t;
        s.sse = err;
        s.cache = undefined;
        s.damping = Math.max(s.damping / 5, 1e-15);
        // Crawling along a flat valley: many accepted steps that together change the SSE by
        // almost nothing, so also test the relative change over the last STALL_WINDOW steps.
        s.history.push(err);
        const old = s.history.length > STALL_WINDOW ? s.history.shift()! : Infinity;
        if (rel < relTol || err < 1e-28 || (old - err) / old < STALL_TOL) {
          s.done = s.converged = true;
          s.reason = 'relative change < tol';
        }
      } else {
        s.damping *= 8;
        if (s.damping > MAX_DAMPING) {
          // no damped step lowers the SSE any more: a stationary point to working precision
          s.done = s.converged = true;
          s.reason = 'relative change < tol';
        }
      }
      if (window >= MIN_FLAT_WINDOW) {
        s.trail.push({ sse: s.sse, t: Float64Array.from(s.t) });
        if (s.trail.length > window + 1) s.trail.shift();
      }
    }
    if (!s.done && s.iterations >= maxIterations) {
      s.done = true;
      s.reason = 'max iterations';
      const old = s.trail.length > window ? s.trail[0] : undefined;
      if (old && (old.sse - s.sse) / Math.max(old.sse, 1e-300) < FLAT_TOL) {
        const drifting: number[] = [];
        const atBound: number[] = [];
        for (let k = 0; k < m; k++) {
          if (widths[k] > 0 && transforms[k].derivative(s.t[k]) < SATURATED * widths[k]) atBound.push(k);
          else if (Math.abs(s.t[k] - old.t[k]) > DRIFT_TOL) drifting.push(k);
        }
        s.converged = true;
        s.flat = { drifting, atBound };
        s.reason = drifting.length > 0 ? 'objective flat; parameters weakly identified' : atBound.length > 0 ? 'converged at a bound' : 'objective flat';
      }
    }
  };

  let cancelled = false;
  const live = states.filter((s) => !s.done).sort((a, b) => a.sse - b.sse).slice(0, screenCount);
  for (const s of live) {
    if (opts.isCancelled?.()) {
      cancelled = true;
      break;
    }
    iterate(s, screenIters);
  }
  const ranked = live.filter((s) => Number.isFinite(s.sse)).sort((a, b) => a.sse - b.sse);
  const kept = ranked.slice(0, keep);
  if (!cancelled) {
    for (const s of kept) {
      if (opts.isCancelled?.()) {
        cancelled = true;
        break;
      }
      iterate(s, maxIterations);
    }
  }

  let best: StartState | undefined;
  for (const s of states) if (Number.isFinite(s.sse) && (!best || s.sse < best.sse)) best = s;
  const iterations = states.reduce((acc, s) => acc + s.iterations, 0);
  if (!best) {
    const t0 = states[0]?.t ?? new Float64Array(m);
    return {
      params: toValues(t0, new Float64Array(m)),
      sse: NaN,
      residuals: new Float64Array(n).fill(NaN),
      iterations,
      converged: false,
      reason: 'NaN objective',
      failedStarts,
      others: [],
    };
  }
  const params = toValues(best.t, new Float64Array(m));
  const residuals = new Float64Array(n);
  problem.residuals(params, residuals);
  return {
    params,
    sse: best.sse,
    residuals,
    iterations,
    converged: best.converged && !cancelled,
    reason: cancelled ? 'cancelled' : best.done ? best.reason : 'max iterations',
    ...(best.flat && !cancelled ? { flat: best.flat } : {}),
    failedStarts,
    others: kept
      .filter((s) => s !== best)
      .sort((a, b) => a.sse - b.sse)
      .map((s) => ({ params: toValues(s.t, new Float64Array(m)), sse: s.sse })),
  };
}

/** Residuals summed at a time when screening starts (see residualsBetween). */
const SCREEN_CHUNK = 32;

/** The screen-th smallest of the start SSEs added so far (Infinity until there are that many). */
function screenRanking(screen: number): { add(sse: number): void; limit(): number } {
  const best: number[] = [];
  return {
    add(sse) {
      if (best.length === screen && !(sse < best[screen - 1])) return;
      let i = best.length;
      while (i > 0 && best[i - 1] > sse) i--;
      best.splice(i, 0, sse);
      if (best.length > screen) best.pop();
    },
    limit: () => (screen > 0 && best.length === screen ? best[screen - 1] : Infinity),
  };
}

/**
 * Clips each internal coordinate's move to ±MAX_STEP. A long Gauss–Newton step can throw a bounded
 * parameter deep into the flat tail of its logistic transform, where the gradient vanishes and the
 * fit would stall on the bound for good. Clipping per coordinate (rather than shrinking the whole
 * step) keeps one nearly-inert parameter with a huge step from freezing all the others.
 */
const MAX_STEP = 2;
function capStep(from: Float64Array, to: Float64Array): void {
  for (let k = 0; k < from.length; k++) {
    const d = to[k] - from[k];
    if (d > MAX_STEP) to[k] = from[k] + MAX_STEP;
    else if (d < -MAX_STEP) to[k] = from[k] - MAX_STEP;
  }
}

/** One ml-levenberg-marquardt iteration from t: the proposed point, or null when it failed. */
function libraryStepper(problem: LeastSquaresProblem, transforms: Transform[]) {
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
function nativeStepper(
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

  return (s: StartState, out: Float64Array): boolean => {
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

/** Solves A x = b for symmetric positive-definite A (overwritten). False if not positive-definite. */
export function choleskySolve(a: Float64Array, b: Float64Array, x: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let v = a[i * m + j];
      for (let k = 0; k < j; k++) v -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = v / ljj;
    }
  }
  for (let i = 0; i < m; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= a[i * m + k] * x[k];
    x[i] = v / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = x[i];
    for (let k = i + 1; k < m; k++) v -= a[k * m + i] * x[k];
    x[i] = v / a[i * m + i];
  }
  return true;
}

/**
 * The warning for a run stopped on a flat objective (`LmResult.flat`), naming its parameters by
 * `names` (one per constraint, in order); undefined when the run did not stop that way.
 */
export function flatObjectiveWarning(run: LmResult, names: readonly string[]): string | undefined {
  if (!run.flat) return undefined;
  const list = (ks: readonly number[]): string => ks.map((k) => names[k] ?? `#${k}`).join(', ');
  const parts: string[] = [];
  if (run.flat.drifting.length > 0) parts.push(`still drifting along a flat valley: ${list(run.flat.drifting)}`);
  if (run.flat.atBound.length > 0) parts.push(`at the limit of their allowed range: ${list(run.flat.atBound)}`);
  return `the fit stopped improving at the iteration cap (${run.reason})${parts.length ? `; ${parts.join('; ')}` : ''}`;
}

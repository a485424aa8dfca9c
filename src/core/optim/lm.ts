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
import type { Constraint, HuberSpec } from '../types';
import { huberProblem } from './huberProblem';
import { capStep, libraryStepper, nativeStepper, type StepState } from './lmSteps';
import { screenRanking } from './screenRanking';
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
  /**
   * Set when the iteration cap was reached on an objective still falling by FLAT_TOL or more over
   * the last `over` iterations: a real non-convergence. `drop` is that fall (relative), `drifting`
   * and `atBound` as in `flat`. The reason then says the figure.
   */
  readonly stillFalling?: { readonly drop: number; readonly over: number; readonly drifting: readonly number[]; readonly atBound: readonly number[] };
  /** Starts whose objective was not a number at the start point. */
  readonly failedStarts: number;
  /** The other starts run to the end (`keep` − 1 of them), best first: alternative basins. */
  readonly others: readonly { readonly params: Float64Array; readonly sse: number }[];
}

interface StartState extends StepState {
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
  stillFalling?: { drop: number; over: number; drifting: number[]; atBound: number[] };
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
      if (old) {
        const drop = (old.sse - s.sse) / Math.max(old.sse, 1e-300);
        const drifting: number[] = [];
        const atBound: number[] = [];
        for (let k = 0; k < m; k++) {
          if (widths[k] > 0 && transforms[k].derivative(s.t[k]) < SATURATED * widths[k]) atBound.push(k);
          else if (Math.abs(s.t[k] - old.t[k]) > DRIFT_TOL) drifting.push(k);
        }
        if (drop < FLAT_TOL) {
          s.converged = true;
          s.flat = { drifting, atBound };
          s.reason = drifting.length > 0 ? 'objective flat; parameters weakly identified' : atBound.length > 0 ? 'converged at a bound' : 'objective flat';
        } else {
          // a real non-convergence (the RNSL benchmark's M4 ends so still fall 0.1–4% per 50
          // iterations): the figure lets the user judge it; ', ' because averages join parts with '; '
          s.stillFalling = { drop, over: window, drifting, atBound };
          s.reason = `max iterations, objective still falling ${percent(drop)} over the last ${window} iterations`;
        }
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
    ...(best.stillFalling && !cancelled ? { stillFalling: best.stillFalling } : {}),
    failedStarts,
    others: kept
      .filter((s) => s !== best)
      .sort((a, b) => a.sse - b.sse)
      .map((s) => ({ params: toValues(s.t, new Float64Array(m)), sse: s.sse })),
  };
}

/** 0.0030 → '0.30%', 0.178 → '18%'. */
const percent = (v: number): string => `${(100 * v).toPrecision(2)}%`;

/** Residuals summed at a time when screening starts (see residualsBetween). */
const SCREEN_CHUNK = 32;

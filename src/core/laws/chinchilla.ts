// Chinchilla L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022), fitted the Approach-3 way as
// the Epoch replication (Besiroglu et al. 2024) prescribes: summed Huber (δ = 1e-3, sum not mean)
// on log L with the log-sum-exp parametrisation, BFGS with the analytic gradient and tight
// stopping, from the 4,500-point grid of starts, keeping the best.
import { minimize, type MinimizeResult } from '../optim/bfgs';
import { ScalingLensError, type FitOptions, type FitResult, type Law, type Observations, type Params } from '../types';
import { A_IDX, ALPHA_IDX, B_IDX, BETA_IDX, E_IDX, huberLseObjective, type SurfaceLogData } from './chinchillaObjective';
import { KnownMinima, PathIndex } from './chinchillaJoin';
import { distinctCount, logOf, requireMinPoints, requirePositiveFinite, requireSameLength } from './surfaceInput';
import { extent } from '../arrayStats';

export interface ChinchillaParams {
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

export const CHINCHILLA_DELTA = 1e-3;
export const CHINCHILLA_MIN_POINTS = 5;

export function chinchillaLoss(s: ChinchillaParams, N: number, D: number): number {
  return s.E + s.A * Math.pow(N, -s.alpha) + s.B * Math.pow(D, -s.beta);
}

/** Optimiser vector [a, b, e, α, β] ↔ named parameters. */
export function toVector(s: ChinchillaParams): Float64Array {
  const v = new Float64Array(5);
  v[A_IDX] = Math.log(s.A);
  v[B_IDX] = Math.log(s.B);
  v[E_IDX] = Math.log(s.E);
  v[ALPHA_IDX] = s.alpha;
  v[BETA_IDX] = s.beta;
  return v;
}

export function fromVector(v: Float64Array): ChinchillaParams {
  return { E: Math.exp(v[E_IDX]), A: Math.exp(v[A_IDX]), B: Math.exp(v[B_IDX]), alpha: v[ALPHA_IDX], beta: v[BETA_IDX] };
}

export function asParams(s: ChinchillaParams): Params {
  return { E: s.E, A: s.A, B: s.B, alpha: s.alpha, beta: s.beta };
}

/** Reads E, A, B, alpha, beta from a Params record; throws a plain error if one is missing. */
export function chinchillaFromParams(p: Params): ChinchillaParams {
  for (const k of ['E', 'A', 'B', 'alpha', 'beta']) {
    if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) {
      throw new ScalingLensError('bad-argument', `Chinchilla parameters need a finite "${k}".`);
    }
  }
  return { E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta };
}

/** Every 10th start of the grid (450): `fit --quick`, and a check where the surface is not the answer. */
export function chinchillaQuickStarts(): Float64Array[] {
  return chinchillaStartGrid().filter((_, i) => i % 10 === 0);
}

/** The replication's grid: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}. */
export function chinchillaStartGrid(): Float64Array[] {
  const starts: Float64Array[] = [];
  const half = [0, 0.5, 1, 1.5, 2];
  const es = [-1, -0.5, 0, 0.5, 1];
  const abs = [0, 5, 10, 15, 20, 25];
  for (const alpha of half) {
    for (const beta of half) {
      for (const e of es) {
        for (const a of abs) {
          for (const b of abs) {
            const v = new Float64Array(5);
            v[A_IDX] = a;
            v[B_IDX] = b;
            v[E_IDX] = e;
            v[ALPHA_IDX] = alpha;
            v[BETA_IDX] = beta;
            starts.push(v);
          }
        }
      }
    }
  }
  return starts;
}

/** Validated log-space data for the surface fit. */
export function surfaceLogData(obs: Observations, law = 'chinchilla'): SurfaceLogData {
  const n = obs.y.length;
  requireSameLength(n, { N: obs.x, D: obs.x2 });
  requireMinPoints(n, CHINCHILLA_MIN_POINTS, law);
  requirePositiveFinite(obs.x, 'N (parameters)');
  requirePositiveFinite(obs.x2!, 'D (tokens)');
  requirePositiveFinite(obs.y, 'L (loss)');
  if (distinctCount(obs.y) < 2) throw new ScalingLensError('constant-y', `${law}: every loss value is the same, so there is nothing to fit.`);
  if (distinctCount(obs.x) < 2) throw new ScalingLensError('bad-argument', `${law}: all points have the same N, so the N term cannot be fitted.`);
  if (distinctCount(obs.x2!) < 2) throw new ScalingLensError('bad-argument', `${law}: all points have the same D, so the D term cannot be fitted.`);
  return { logN: logOf(obs.x), logD: logOf(obs.x2!), logL: logOf(obs.y) };
}

export interface ChinchillaFitOptions extends FitOptions {
  /** Huber δ; default 1e-3. */
  readonly delta?: number;
  /** Start vectors [a, b, e, α, β]; default the 4,500-point grid. */
  readonly starts?: readonly Float64Array[];
  readonly gradTol?: number;
  readonly relTol?: number;
  /** Multiplicity of each point (bootstrap); default all 1. */
  readonly weights?: Float64Array;
  /**
   * Stop a start once it is next to a minimum an earlier start converged to, or on the path an
   * earlier start took (see chinchillaJoin). Default true; false runs every start to its own
   * convergence.
   */
  readonly joinBasins?: boolean;
  /** With joinBasins, also stop starts on an earlier start's path (default true); false keeps only the minimum test. */
  readonly joinPaths?: boolean;
}

/**
 * Recognises a start that has settled into a degenerate limit at infinity: everything else has
 * converged (‖∇f‖∞ < 1e-6) while a term no longer contributes (below 1e-12 of the smallest loss at
 * every point, so moving further changes the objective by less than that) or an exponent has gone
 * beyond ±MAX_EXPONENT (a step, not a power law). BFGS would otherwise crawl along the vanishing
 * gradient for hundreds of iterations; the point reached is already at the limit's objective to
 * ~1e-12, so it stays a candidate for the best.
 */
export function degeneracyCheck(data: CentredData): (x: Float64Array, f: number, grad: Float64Array) => boolean {
  let lo = Infinity;
  for (const v of data.logL) lo = Math.min(lo, v);
  const floor = lo - 27.6; // log(1e-12)
  const [n0, n1] = extent(data.logN);
  const [d0, d1] = extent(data.logD);
  return (x, _f, grad) => {
    const alpha = x[ALPHA_IDX];
    const beta = x[BETA_IDX];
    if (Math.abs(alpha) > MAX_EXPONENT || Math.abs(beta) > MAX_EXPONENT) return true;
    let g = 0;
    for (let i = 0; i < grad.length; i++) g = Math.max(g, Math.abs(grad[i]));
    if (!(g < 1e-6)) return false;
    if (Math.abs(x[E_IDX]) > 50) return true;
    // Largest value of a − α·log N over the data sits at one end of the log N range.
    const maxA = x[A_IDX] - Math.min(alpha * n0, alpha * n1);
    const maxB = x[B_IDX] - Math.min(beta * d0, beta * d1);
    return maxA < floor || maxB < floor || x[E_IDX] < floor;
  };
}

/** Exponents beyond this describe a step, not a power law; no real sweep has one. */
const MAX_EXPONENT = 10;

export interface ChinchillaFit extends FitResult {
  readonly surface: ChinchillaParams;
  /**
   * Starts tried; how many converged on their own, were stopped next to a known minimum (joined),
   * were stopped on an earlier start's path (merged), or settled at a degenerate limit. The rest
   * failed (iteration cap, line search) and are still candidates for the best.
   */
  readonly starts: number;
  readonly convergedStarts: number;
  readonly joinedStarts: number;
  readonly mergedStarts: number;
  readonly degenerateStarts: number;
}

/**
 * log N and log D shifted by their means. The fit runs in these centred coordinates
 * (a' = a − α·mean log N, b' = b − β·mean log D): the same optimum, but the a–α and b–β valleys
 * are far less correlated, so BFGS needs about a third fewer iterations from the grid.
 */
export interface CentredData extends SurfaceLogData {
  readonly centreN: number;
  readonly centreD: number;
}

export function centre(data: SurfaceLogData): CentredData {
  const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
  const centreN = mean(data.logN);
  const centreD = mean(data.logD);
  return {
    logN: data.logN.map((v) => v - centreN),
    logD: data.logD.map((v) => v - centreD),
    logL: data.logL,
    centreN,
    centreD,
  };
}

/** Original-coordinate vector → centred (in place on a copy). */
export function toCentred(v: Float64Array, c: CentredData): Float64Array {
  const out = Float64Array.from(v);
  out[A_IDX] -= out[ALPHA_IDX] * c.centreN;
  out[B_IDX] -= out[BETA_IDX] * c.centreD;
  return out;
}

export function fromCentred(v: Float64Array, c: CentredData): Float64Array {
  const out = Float64Array.from(v);
  out[A_IDX] += out[ALPHA_IDX] * c.centreN;
  out[B_IDX] += out[BETA_IDX] * c.centreD;
  return out;
}

export interface MultiStartRun {
  /** Best minimiser result, x in ORIGINAL coordinates [a, b, e, α, β]. */
  readonly best: MinimizeResult | undefined;
  /** The best start ended at a degenerate limit (a vanished term or a runaway exponent). */
  readonly bestDegenerate: boolean;
  /** Starts that converged on their own, joined a known minimum, merged into an earlier path, or settled at a degenerate limit. */
  readonly convergedStarts: number;
  readonly joinedStarts: number;
  readonly mergedStarts: number;
  readonly degenerateStarts: number;
  readonly totalIterations: number;
  readonly totalEvaluations: number;
  readonly cancelled: boolean;
}

/** Runs BFGS from every start (original coordinates) and keeps the lowest objective. */
export function minimizeFromStarts(data: CentredData, starts: readonly Float64Array[], opts: ChinchillaFitOptions = {}): MultiStartRun {
  const objective = huberLseObjective(data, opts.delta ?? CHINCHILLA_DELTA, opts.weights);
  let best: MinimizeResult | undefined;
  let bestDegenerate = false;
  let convergedStarts = 0;
  let joinedStarts = 0;
  let mergedStarts = 0;
  let degenerateStarts = 0;
  let totalIterations = 0;
  let totalEvaluations = 0;
  let cancelled = false;
  const joinBasins = opts.joinBasins ?? true;
  const joinPaths = joinBasins && (opts.joinPaths ?? true);
  const minima = new KnownMinima();
  const paths = new PathIndex(5);
  const degenerate = degeneracyCheck(data);
  let stop: 'joined' | 'merged' | 'degenerate' | undefined;
  const shouldStop = (x: Float64Array, f: number, g: Float64Array): boolean => {
    if (degenerate(x, f, g)) stop = 'degenerate';
    else if (joinBasins && minima.joins(x, f)) stop = 'joined';
    else if (joinPaths && paths.joins(x, f)) stop = 'merged';
    else if (joinPaths) paths.record(x, f);
    return stop !== undefined;
  };
  for (const x0 of starts) {
    if (opts.isCancelled?.()) {
      cancelled = true;
      break;
    }
    stop = undefined;
    const r = minimize(objective, toCentred(x0, data), {
      maxIterations: opts.maxIterations ?? 1000,
      gradTol: opts.gradTol ?? 1e-9,
      relTol: opts.relTol ?? 1e-15,
      shouldStop,
    });
    totalIterations += r.iterations;
    totalEvaluations += r.evaluations;
    if (stop === 'joined') joinedStarts++;
    else if (stop === 'merged') mergedStarts++;
    else if (stop === 'degenerate') degenerateStarts++;
    else if (r.converged) {
      convergedStarts++;
      minima.add(r.x, r.f);
    }
    // A path is indexed only once its outcome is known; a failed start's path leads nowhere known.
    if (stop !== undefined || r.converged) paths.commit();
    else paths.discard();
    if (Number.isFinite(r.f) && (best === undefined || r.f < best.f)) {
      best = r;
      bestDegenerate = stop === 'degenerate';
    }
  }
  if (best !== undefined) best = { ...best, x: fromCentred(best.x, data) };
  return { best, bestDegenerate, convergedStarts, joinedStarts, mergedStarts, degenerateStarts, totalIterations, totalEvaluations, cancelled };
}

/** Rows past which the start grid is searched on a subsample of this size (see screenedRun). */
export const SCREEN_ROWS = 1000;

/**
 * The multistart search, on every row, or on a large table on SCREEN_ROWS of its rows spread over
 * its compute range, the best of which is then refitted on all of them. The search costs its starts
 * times the rows (4.5 ms a row: a 40,000-row table of checkpoints took minutes); the basin it finds
 * on a thousand rows spread over the range is the one the full table's fit refines.
 */
export function screenedRun(obs: Observations, data: CentredData, starts: readonly Float64Array[], opts: ChinchillaFitOptions): { run: MultiStartRun; screenedOn?: number } {
  const n = obs.y.length;
  if (n <= SCREEN_ROWS || starts.length <= 1) return { run: minimizeFromStarts(data, starts, opts) };
  const byCompute = Array.from({ length: n }, (_, i) => i).sort((a, b) => obs.x[a]! * obs.x2![a]! - obs.x[b]! * obs.x2![b]! || a - b);
  const rows = Array.from({ length: SCREEN_ROWS }, (_, k) => byCompute[Math.floor((k * (n - 1)) / (SCREEN_ROWS - 1))]!);
  const at = (a: ArrayLike<number>): Float64Array => Float64Array.from(rows, (i) => a[i]!);
  const sub = centre(surfaceLogData({ x: at(obs.x), x2: at(obs.x2!), y: at(obs.y) }));
  const screen = minimizeFromStarts(sub, starts, { ...opts, ...(opts.weights ? { weights: at(opts.weights) } : {}) });
  if (screen.best === undefined || screen.cancelled) return { run: screen };
  const run = minimizeFromStarts(data, [screen.best.x], opts);
  return { run: { ...run, totalIterations: run.totalIterations + screen.totalIterations, totalEvaluations: run.totalEvaluations + screen.totalEvaluations }, screenedOn: SCREEN_ROWS };
}

export function fitChinchilla(obs: Observations, opts: ChinchillaFitOptions = {}): ChinchillaFit {
  const data = centre(surfaceLogData(obs));
  const starts = opts.starts ?? chinchillaStartGrid();
  const { run, screenedOn } = screenedRun(obs, data, starts, opts);
  if (run.best === undefined) {
    throw new ScalingLensError('no-convergence', 'chinchilla: no start gave a finite objective; check the data scale.');
  }
  const best = run.best;
  const surface = fromVector(best.x);
  const warnings: string[] = [];
  if (screenedOn !== undefined) warnings.push(`the ${starts.length} starts were searched on ${screenedOn} of the ${obs.y.length} rows, spread over their compute; the best was then fitted to all of them.`);
  if (run.bestDegenerate) {
    warnings.push('the best fit is a degenerate limit: one term vanishes or an exponent runs away, so the law reduces to fewer terms on this data.');
  } else if (!best.converged) warnings.push(`best start stopped without converging (${best.reason}).`);
  if (surface.alpha <= 0 || surface.beta <= 0) {
    warnings.push(`fitted exponent is not positive (α = ${surface.alpha.toPrecision(3)}, β = ${surface.beta.toPrecision(3)}): loss does not fall with scale in this data.`);
  }
  const residuals = new Float64Array(data.logL.length);
  for (let i = 0; i < residuals.length; i++) residuals[i] = data.logL[i] - Math.log(chinchillaLoss(surface, obs.x[i], obs.x2![i]));
  return {
    law: 'chinchilla',
    params: asParams(surface),
    residuals,
    objective: best.f,
    iterations: run.totalIterations,
    converged: (best.converged || run.bestDegenerate) && !run.cancelled,
    reason: run.cancelled ? 'cancelled' : run.bestDegenerate ? 'degenerate limit' : best.reason,
    warnings,
    surface,
    starts: starts.length,
    convergedStarts: run.convergedStarts,
    joinedStarts: run.joinedStarts,
    mergedStarts: run.mergedStarts,
    degenerateStarts: run.degenerateStarts,
  };
}

export const chinchillaLaw: Law = {
  id: 'chinchilla',
  name: 'Chinchilla L(N, D)',
  formula: 'L = E + A/N^α + B/D^β',
  inputs: ['N', 'D'],
  params: [
    { name: 'E', constraint: 'positive', description: 'irreducible loss' },
    { name: 'A', constraint: 'positive', description: 'parameter-term scale' },
    { name: 'B', constraint: 'positive', description: 'data-term scale' },
    { name: 'alpha', constraint: 'real', description: 'parameter exponent α' },
    { name: 'beta', constraint: 'real', description: 'data exponent β' },
  ],
  minPoints: CHINCHILLA_MIN_POINTS,
  predict(p: Params, x: number, x2?: number): number {
    if (x2 === undefined) throw new ScalingLensError('bad-argument', 'chinchilla needs both N and D to predict.');
    return chinchillaLoss(chinchillaFromParams(p), x, x2);
  },
  fit(obs: Observations, opts?: FitOptions): FitResult {
    return fitChinchilla(obs, opts);
  },
};

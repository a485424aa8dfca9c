// Shared vocabulary of the estimator core. Every law is a value of `Law`, every fit returns a
// `FitResult`, so the CLI and the panel can list, fit and compare estimators uniformly.

export type Params = Record<string, number>;

/** How a parameter may move. Laws reparametrise internally so optimisers never clamp. */
export type Constraint = 'real' | 'positive' | 'negative' | 'nonnegative' | { min: number; max: number };

export interface ParamSpec {
  readonly name: string;
  readonly constraint: Constraint;
  readonly description: string;
}

/**
 * Observations. One input (`x`) for learning curves; two (`x`, `x2`) for surfaces such as
 * Chinchilla L(N, D) (x = N, x2 = D) or Kaplan L(N, S).
 */
export interface Observations {
  readonly x: Float64Array;
  readonly x2?: Float64Array;
  /** Third input, for laws that need one: unique tokens U for 'chinchilla-dc' (x = N, x2 = D). */
  readonly x3?: Float64Array;
  readonly y: Float64Array;
}

export interface FitOptions {
  /** Upper bound of the metric (error rates: 1); M4 uses it to bound ε0. */
  readonly upperBound?: number;
  /** Seed for multistart / random restarts. Same seed, same result. */
  readonly seed?: number;
  /** Hard cap on optimiser iterations per start. */
  readonly maxIterations?: number;
  /** Cancellation: polled between starts; a cancelled fit returns its best so far, converged=false. */
  readonly isCancelled?: () => boolean;
  /** Every 10th start of a law's grid of starts (the laws that search one: kaplan-nd): a quicker, rougher fit, as `fit --quick` is for Chinchilla. */
  readonly quick?: boolean;
  /**
   * Robust fitting: a Huber loss on the law's log residuals (Σ ρ_δ instead of Σ r²), so a few
   * far-off points (loss spikes) pull linearly, not quadratically. Used by M2–M4 (and so mix);
   * BNSL stays least squares, as its authors fit it, and leaves loss spikes out instead.
   * Undefined = plain least squares.
   */
  readonly huber?: HuberSpec;
}

/**
 * The Huber threshold: a fixed δ (in residual units), or k times the robust scale (1.4826·MAD) of
 * the plain least-squares fit's residuals, re-estimated per fit (the classic M-estimator recipe).
 */
export type HuberSpec = { readonly delta: number } | { readonly k: number };

export interface FitResult {
  readonly law: string;
  readonly params: Params;
  /** Residuals in the space the law is fitted in (log y for most laws), fit points in input order. */
  readonly residuals: Float64Array;
  /** Final objective value (the law's own: SSE in log space, summed Huber, …). */
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Why the optimiser stopped: 'relative change < tol', 'gradient norm < tol', 'max iterations' (LM adds how much the objective still fell: 'max iterations, objective still falling 0.30% over the last 50 iterations'), 'NaN objective', 'cancelled'. */
  readonly reason: string;
  readonly warnings: readonly string[];
  /**
   * For laws that model only the recent part of the curve (flat, loglin, and averages with them):
   * the smallest x they were fitted to. Before it their formula says nothing about the data, so
   * the chart draws them from here.
   */
  readonly fittedFrom?: number;
}

export interface Law {
  /** Stable id used by CLI flags and JSON: 'm1' … 'm4', 'bnsl-0' … 'bnsl-3', 'kaplan-n', 'chinchilla', … */
  readonly id: string;
  readonly name: string;
  /** Plain-text formula, e.g. "y = ε∞ + β·x^c". */
  readonly formula: string;
  /** Names of the inputs: ['x'] for curves, ['N', 'D'] for Chinchilla, ['N', 'S'] for Kaplan L(N,S). */
  readonly inputs: readonly string[];
  readonly params: readonly ParamSpec[];
  /** Minimum number of (distinct-x) points needed to fit. */
  readonly minPoints: number;
  predict(p: Params, x: number, x2?: number, x3?: number): number;
  fit(obs: Observations, opts?: FitOptions): FitResult;
}

export type ErrorCode =
  | 'too-few-points'
  | 'constant-y'
  | 'non-finite'
  | 'non-positive'
  | 'bad-argument'
  | 'no-convergence'
  | 'unknown-law';

/** A problem with the caller's input or request, with a message meant for the user. */
export class ScalingLensError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ScalingLensError';
  }
}

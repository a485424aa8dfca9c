// The result of analysing one learning curve: every requested estimator fitted, back-tested and
// extrapolated, plus the back-tested `auto` choice. The CLI and the panel both render this.
import type { IntervalInputs } from './calibrate';
import type { ErrorFit } from './accuracyFit';
import type { FitReuse } from './fitReuse';
import type { RobustMode } from './spikes';
import type { Upturn } from './upturn';
import type { FitResult, Params } from './types';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Prediction {
  readonly x: number;
  readonly y: number;
  /**
   * Prediction interval at the requested level (default 95 %), calibrated on back-tests (see
   * core/calibrate.ts); absent when no bootstrap was run or when `intervalNote` says why not.
   */
  readonly lo?: number;
  readonly hi?: number;
  /** Why there is no interval although one was asked for ("no interval: 38 of 40 resamples …"). */
  readonly intervalNote?: string;
  /**
   * Set when one logged value's own noise makes most of the interval (a per-step loss): the spread
   * of one value about the curve, as a fraction (0.27: ±27%). The interval is then for one logged
   * value there; the curve itself is known far better (`trust`).
   */
  readonly scatter?: number;
  /** The curve's own back-test error at the nearest extrapolation factor (absent inside the fit range). */
  readonly trust?: { readonly factor: number; readonly missedBy: number; readonly beyond?: true; readonly targetFactor?: number };
}

/** A held-out point beside the estimator's prediction there (and its interval when bootstrapped). */
export interface HeldOutPoint {
  readonly x: number;
  readonly y: number;
  readonly pred: number;
  readonly lo?: number;
  readonly hi?: number;
}

export interface BacktestScore {
  /**
   * RMSLE of the law fitted on the first part of the fit points, scored on the rest (weighted mean
   * over the back-test cuts, see core/backtest.ts; nFit/nScored are those of the main cut).
   */
  readonly rmsle: number;
  readonly nFit: number;
  readonly nScored: number;
}

export interface EstimatorReport {
  readonly law: string;
  /** null when the fit failed; `error` then says why in plain words. */
  readonly fit: FitResult | null;
  readonly error?: string;
  readonly backtest?: BacktestScore;
  /**
   * An average's back-test (auto's 'avg(…)'), which is never back-tested itself: at each cut the
   * geometric mean of its parts' back-tested predictions, scored as a law's; over `cuts` cuts, those
   * every part took. Not what auto ranked by (its parts' own scores).
   */
  readonly partsBacktest?: BacktestScore & { readonly cuts: number };
  /** Scored on the user's held-out points (never used to choose). */
  readonly heldOut?: { readonly n: number; readonly rmsle: number; readonly points?: readonly HeldOutPoint[] };
  readonly predictions: readonly Prediction[];
  /** Parameter intervals from the bootstrap, by name: [lo, hi]. */
  readonly intervals?: Record<string, readonly [number, number]>;
}

export interface AutoChoice {
  /** The law id chosen: usually an average of the best back-tested laws, 'avg(m4+mix+bnsl-1)' (reported among the estimators), or one law ('m4') when only one could be back-tested. */
  readonly law: string;
  readonly reason: string;
}

export interface CurveAnalysis {
  readonly fitPoints: readonly Point[];
  readonly heldOutPoints: readonly Point[];
  readonly estimators: readonly EstimatorReport[];
  readonly auto: AutoChoice | null;
  /** Laws fitted and reported that auto did not choose among (by default M1 and BNSL with 0, 2 or 3 breaks); absent when none. */
  readonly notAutoCandidates?: readonly string[];
  /** The weights auto ranked the back-test cuts (x ≤ x_max / 1.5, 2, 3) by: even on a short curve. Absent when nothing was fitted. */
  readonly cutWeights?: readonly number[];
  /**
   * Fit points left out of every fit as loss spikes (far above the curve's running median; see
   * core/spikes.ts), for the panel to draw as outliers. Empty when none, or `robust: false`.
   */
  readonly outliers?: readonly Point[];
  /** Points before fitFrom, left out of the fit (the LR warmup); in neither fitPoints nor heldOutPoints. */
  readonly warmupPoints?: readonly Point[];
  /** true when the outliers stayed in M2–M4's fits under the Huber loss (robust 'huber'), rather than left out. */
  readonly outliersDownWeighted?: boolean;
  /** The fit points fell to a low and have risen since: every law's fall past the data is in doubt. */
  readonly upturn?: Upturn;
  readonly warnings: readonly string[];
  /**
   * An accuracy fitted as its error and read back (core/accuracyFit.ts): the points, predictions and
   * intervals are the accuracy, each fit's parameters, back-tests and `upturn` the error's.
   */
  readonly fittedAsError?: ErrorFit;
}

export interface AnalyzeOptions {
  /** Law ids to fit; 'auto' is always computed from these. Default: m1 m2 m3 m4 bnsl-0..3. */
  readonly laws?: readonly string[];
  /** Points with x > fitUntil are held out. */
  readonly fitUntil?: number;
  /** Fit points with x < fitFrom are left out of the fit (a training log's LR warmup, core/warmup.ts): drawn, not fitted. */
  readonly fitFrom?: number;
  /** Where fitFrom was read, in words ("warmup_iters 2000 in the run's config"), for the warning that says what was left out. */
  readonly fitFromSource?: string;
  /** Hold out the last fraction of points (in x order). */
  readonly holdoutFrac?: number;
  /** Explicit per-point fit/held-out flags (the benchmark's Training column). */
  readonly trainMask?: readonly boolean[];
  /** x values at which to predict (extrapolation targets). */
  readonly targets?: readonly number[];
  /** Bootstrap resamples for intervals (0 = none). */
  readonly bootstrap?: number;
  /** Central coverage of the prediction intervals (default 0.95). */
  readonly level?: number;
  readonly upperBound?: number;
  readonly seed?: number;
  readonly isCancelled?: () => boolean;
  /**
   * Longer curves are averaged into this many equal-width bins in log x before fitting, so a live
   * run with tens of thousands of steps stays fast (default 300; the benchmark's curves are shorter).
   */
  readonly maxFitPoints?: number;
  /**
   * Robust fitting of training logs (curves of 20+ points): true (default) = core/spikes.ts's
   * DEFAULT_ROBUST; 'trim' leaves loss spikes out, 'huber' fits every point with a Huber loss on
   * log residuals (M2–M4), 'trim+huber' both; false or 'none' = plain least squares. Spikes are
   * reported as outliers unless false/'none'.
   */
  readonly robust?: boolean | RobustMode;
  /** Huber δ in robust σ of each plain fit's residuals (default spikes.ts's HUBER_K). */
  readonly huberK?: number;
  /** Law ids auto may choose among (default: every requested law except BNSL with 2–3 breaks). */
  readonly autoAmong?: readonly string[];
  /**
   * The target-free fits of an earlier analysis of the same points and options (core/fitReuse.ts),
   * used instead of fitting again, and filled when empty. The caller keys it (reuseKey) and drops
   * it when an analysis was cancelled: a cancelled refit may have stored a fit cut short.
   */
  readonly reuse?: FitReuse;
  /** Called with what each law's intervals were built from (the coverage benches recalibrate from it offline). */
  readonly onIntervalInputs?: (inputs: IntervalInputs) => void;
}

export type { Params };

// What a schedule forecast is asked (ForecastRequest) and what it answers (ScheduleForecast): forecast.ts.
import type { LrLog } from './lrSeries';
import type { ScheduleFit } from './prior';
import type { Schedule } from './schedule';

export interface ForecastRequest {
  /** Steps and loss logged so far. */
  readonly steps: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
  /** Logged learning rate, when the log has one. */
  readonly lr?: LrLog;
  /** The schedule: η for the steps not logged yet (and all steps without an LR log). */
  readonly schedule?: Schedule;
  readonly prior?: ScheduleFit;
  readonly targetLoss?: number;
  /** Bootstrap resamples for the band (default 200). */
  readonly bootstrap?: number;
  readonly seed?: number;
  /** Most points on the forecast curve (default 200). */
  readonly maxCurvePoints?: number;
  /** κ for the unseen-decay term instead of the calibrated KAPPA_PRIOR / KAPPA_OWN (for calibration). */
  readonly kappa?: number;
  /** Without a prior, before any decay: the assumed gain of a full decay instead of ANNEAL_GAIN (for calibration). */
  readonly annealingGain?: number;
  /** Without a prior, once the decay is measured: the two memories (λfast, λ) instead of MEASURED_LAMBDA_FAST, MEASURED_LAMBDA, or 'one' for the law's one (for calibration). */
  readonly memories?: readonly [number, number] | 'one';
  /** Without a prior: the share of the decay ahead the prefix must have seen for its gain to be used, instead of MEASURED_DECAY (for calibration). */
  readonly measuredDecay?: number;
  /** Without a prior: the fewest losses logged in the decay for its gain to be used, instead of MIN_DECAY_LOSSES (for calibration). */
  readonly decayLosses?: number;
  /** The run's planned length, when the log records it (HF max_steps): used only to suggest a schedule when none is given. */
  readonly plannedSteps?: number;
  /** Fit the losses logged during the LR warmup too (by default they are left out, as `fit` does). */
  readonly keepWarmup?: boolean;
}

export interface ForecastPoint {
  readonly step: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

export interface ScheduleForecast {
  readonly law: 'mpl' | 'tissue';
  /** 'prior': level refitted on the prefix, shape from the prior; 'prefix': the prefix alone. */
  readonly mode: 'prior' | 'prefix';
  readonly params: Record<string, number>;
  readonly free: readonly string[];
  readonly final: ForecastPoint;
  /** With a target loss, unless undetermined: where it is (or was) reached, and P(final < target). */
  readonly reaches?: { readonly loss: number; readonly step: number | null; readonly probability: number };
  readonly curve: ForecastPoint[];
  readonly powerLaw: { readonly final: ForecastPoint; readonly params: { readonly E: number; readonly A: number; readonly a: number } };
  readonly lastValue: { readonly final: { readonly step: number; readonly y: number } };
  /**
   * What the final interval is made of, as log-scale standard deviations: the resampled prefix,
   * the back-test grown to the horizon, and the unseen decay's scale (its share is κ·unseenDecay).
   */
  readonly spread?: { readonly resample: number; readonly backTest: number; readonly unseenDecay: number; readonly kappa: number; readonly total: number };
  /**
   * Without a prior, once the prefix shows some decay: the gain of a full decay fitted on it (a
   * share of the last loss) and whether the forecast used it (else the assumed ANNEAL_GAIN).
   */
  readonly annealing?: { readonly gain: number; readonly sd: number; readonly measured: boolean };
  /** The 95% band of the final loss spans more than UNDETERMINED_BAND: the log so far does not determine the end. */
  readonly undetermined?: true;
  readonly warnings: string[];
}

// What one analysis of a curve fitted that does not depend on its targets: every law's fit, the
// back-tests and the bootstrap's refits. Kept, a new target ("100x", "when does the loss reach
// 2.5?") is answered by evaluating those fits there, not by fitting the curve again.
import type { LawBacktest } from './backtest';
import type { ResampleFits } from './bootstrap';
import type { FitCurve } from './fitCurve';
import type { FitOutcome } from './fitMany';

export interface FitReuse {
  /** Each filled by the first analysis; valid only for the same points and options but the targets (the caller keys it). */
  prepared?: FitCurve;
  fits?: Map<string, FitOutcome>;
  backtests?: Map<string, LawBacktest>;
  readonly resampleFits: ResampleFits;
  /** The noise of one late raw point, and each law's noise terms (analyze.ts); not the late points themselves, which a long log has 50,000 of. */
  pointNoise?: number;
  noises?: Map<string, { readonly fitNoise: number; readonly noise: number; readonly pointNoise: number }>;
}

export function newFitReuse(): FitReuse {
  return { resampleFits: new Map() };
}

// What one analysis of a curve fitted that does not depend on its targets: every law's fit, the
// back-tests and the bootstrap's refits. Kept, a new target ("100x", "when does the loss reach
// 2.5?") is answered by evaluating those fits there, not by fitting the curve again.
import type { LawBacktest } from './backtest';
import type { ResampleFits } from './bootstrap';
import type { Point } from './analysis';
import type { FitCurve } from './fitCurve';
import type { FitOutcome } from './fitMany';

export interface FitReuse {
  /** Each filled by the first analysis; valid only for the same points and options but the targets (see reuseKey). */
  prepared?: FitCurve;
  fits?: Map<string, FitOutcome>;
  backtests?: Map<string, LawBacktest>;
  readonly resampleFits: ResampleFits;
  /** The late raw points the intervals' noise terms read, the noise of one of them, and each law's noise terms (analyze.ts). */
  late?: readonly Point[];
  pointNoise?: number;
  noises?: Map<string, { readonly fitNoise: number; readonly noise: number; readonly pointNoise: number }>;
}

export function newFitReuse(): FitReuse {
  return { resampleFits: new Map() };
}

/**
 * The key under which a FitReuse may serve an analysis: a digest of every point and the options
 * other than `targets`. Every point counts, not the count and the last one: a log rewritten with
 * the same length would otherwise be answered from the old fits.
 */
export function reuseKey(x: Float64Array, y: Float64Array, options: object): string {
  const { targets: _targets, ...rest } = options as { targets?: unknown };
  return `${x.length}:${digest(x)}:${digest(y)}:${JSON.stringify(rest)}`;
}

/** FNV-1a over the values' bytes, as 8 hex digits. */
function digest(values: Float64Array): string {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

// A curve that has turned up: the loss fell to a low and has risen since (repeated data,
// overfitting, a learning-rate restart). Every law here but flat falls monotonically, so each would
// extrapolate a fall that the data no longer show; the analysis says so, and auto holds the level
// (auto.ts holdRisenCurve).
import { medianInPlace, successiveNoise } from './arrayStats';
import { formatAmount, formatPercent } from './units';

export interface Upturn {
  /** x at the middle of the lowest stretch. */
  readonly fromX: number;
  /** The loss there and over the last stretch (medians). */
  readonly lowY: number;
  readonly lastY: number;
  /** lastY / lowY − 1. */
  readonly rise: number;
  /**
   * The last half-stretch is below the one before it by more than 2 standard errors: the rise is
   * over and the loss falls again (a learning-rate restart's recovery), so holding it is no answer.
   */
  readonly fallingAgain: boolean;
}

/** Curves shorter than this are too short to tell a rise from noise. */
export const UPTURN_MIN_POINTS = 8;
/** A rise counts from 1% of the loss… */
const MIN_RISE_LOG = Math.log(1.01);
/** …and when the two medians differ by this many of their standard errors. */
const Z = 4;

/** The upturn of a curve sorted by x (spikes already out), or undefined when it has not risen. */
export function findUpturn(x: ArrayLike<number>, y: ArrayLike<number>): Upturn | undefined {
  const n = y.length;
  if (n < UPTURN_MIN_POINTS) return undefined;
  const ly = Float64Array.from({ length: n }, (_, i) => Math.log(y[i]!));
  const w = Math.max(3, Math.floor(n / 8));
  const last = medianInPlace(ly.slice(n - w));
  let low = Infinity;
  let lowAt = -1;
  for (let s = 0; s + w <= n - w; s++) {
    const m = medianInPlace(ly.slice(s, s + w));
    if (m < low) [low, lowAt] = [m, s];
  }
  if (lowAt < 0) return undefined;
  // point-to-point noise (differences cancel the trend); a median of w points has about 1.25 σ/√w
  const sigma = successiveNoise(ly);
  /** The standard error of the difference of two medians of k points. */
  const seOf = (k: number): number => Math.SQRT2 * 1.25 * (sigma / Math.sqrt(k));
  const rise = last - low;
  if (!(rise > MIN_RISE_LOG) || rise < Z * seOf(w)) return undefined;
  const h = Math.max(2, w >> 1);
  const recent = medianInPlace(ly.slice(n - h)) - medianInPlace(ly.slice(n - 2 * h, n - h));
  const fallingAgain = recent < -2 * seOf(h);
  return { fromX: x[lowAt + (w >> 1)]!, lowY: Math.exp(low), lastY: Math.exp(last), rise: Math.exp(rise) - 1, fallingAgain };
}

/** The analysis warning (and the panel's caution) for an upturn; `held`: auto holds the recent level. */
export function upturnWarning(u: Upturn, held: boolean): string {
  const answer = held ? ' (auto holds the recent level)' : '';
  return `the loss has risen ${formatPercent(u.rise)} since x ≈ ${formatAmount(u.fromX)} (from ${u.lowY.toPrecision(4)} to ${u.lastY.toPrecision(4)}): every law here but flat assumes it keeps falling${answer}, so a fall predicted past the data is in doubt (repeated data, overfitting or a learning-rate restart can keep it rising)`;
}

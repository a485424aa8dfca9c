// A law that, past the data, falls much faster on the log-log plot than the data have lately is
// extrapolating a cliff no data show. Flexible laws can: M4 fitted to the steep stretch right
// after a warmup took β = 4e231, c = −86, α = 124, a sigmoid whose drop begins just past the fit
// points, and predicted a loss of 1e-12 at 4× the data (RMSLE 18 against 0.14 for E + A·x^−a).
// Its back-tests, fitted on shorter prefixes, did not bend that way, so they cannot catch it.
// Auto leaves such a law out and says so; the law stays in the table for anyone who wants it.
import { lineFit } from './laws/common';
import { recentStart } from './laws/logLinear';

/** How far past the data the shape is judged: the law's mean log-log slope over [x_max, 4·x_max]. */
export const CLIFF_WINDOW = 4;

/**
 * How much steeper than the data's recent log-log slope a law may fall over that window. Chosen on
 * the dev seeds of the synthetic LM logs (bench/evalLogRuns.ts: 60 eval and 40 per-step logs, fit
 * on 25/50/75%, 2,041 law fits): the 4 fits that steepened by more than 0.2 missed the held-out
 * losses by 2.2–106× the best law's error, and any bound from 0.1 to 0.5 flagged only laws at least
 * 2.2× the best's. On the RNSL benchmark and the real-curve corpus (1,664 fits) the steepest is
 * 0.188, an M4 on an RNSL IC 25% prefix that missed by 8× the best law's error.
 */
export const MAX_STEEPENING = 0.2;

/** The log-log slope of the recent half of the points (by count): the data's recent trend, as loglin fits it. */
export function recentSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const from = Math.max(0, recentStart(n));
  const lx: number[] = [];
  const ly: number[] = [];
  for (let i = from; i < n; i++) {
    lx.push(Math.log(x[i]!));
    ly.push(Math.log(y[i]!));
  }
  return lineFit(lx, ly)[1];
}

export interface Cliff {
  /** The law's mean log-log slope over [x_max, CLIFF_WINDOW·x_max]. */
  readonly slope: number;
  /** The data's recent slope it is compared with (a rise counts as flat). */
  readonly recent: number;
}

/**
 * The law's fall past `xMax` when it is steeper than the data's recent slope (`recent`; a rising
 * trend counts as flat) by more than MAX_STEEPENING; undefined when it is not, or cannot be told.
 */
export function cliffOf(predict: (x: number) => number, xMax: number, recent: number): Cliff | undefined {
  const y0 = predict(xMax);
  const y1 = predict(CLIFF_WINDOW * xMax);
  if (!(y0 > 0) || !Number.isFinite(recent) || Number.isNaN(y1)) return undefined;
  // a prediction at or below zero is the steepest fall of all
  const slope = y1 > 0 ? Math.log(y1 / y0) / Math.log(CLIFF_WINDOW) : -Infinity;
  const base = Math.min(recent, 0);
  return slope < base - MAX_STEEPENING ? { slope, recent: base } : undefined;
}

export function cliffNote(law: string, c: Cliff): string {
  const s = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '−∞');
  return `${law} left out of auto: past the data it falls with log-log slope ${s(c.slope)} over the next ${CLIFF_WINDOW}×, against the data's recent ${s(c.recent)}, a steepening no data show`;
}

/**
 * `ids` without the laws that fall off a cliff past the fit points `curve` (each named in
 * `warnings`); all of them when every one does, since auto then has nothing better to offer.
 */
export function withoutCliffs(
  ids: readonly string[],
  predictorOf: (id: string) => ((x: number) => number) | undefined,
  curve: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> },
  warnings: string[],
): string[] {
  const recent = recentSlope(curve.x, curve.y);
  const xMax = curve.x[curve.x.length - 1]!;
  const notes = new Map<string, string>();
  for (const id of ids) {
    const predict = predictorOf(id);
    const c = predict && cliffOf(predict, xMax, recent);
    if (c) notes.set(id, cliffNote(id, c));
  }
  const kept = ids.filter((id) => !notes.has(id));
  if (kept.length === 0) return [...ids];
  warnings.push(...notes.values());
  return kept;
}

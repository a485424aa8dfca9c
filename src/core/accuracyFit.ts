// An accuracy that rises, fitted as its error and read back as the accuracy: the laws fit the
// error (scale − acc) and every value of the analysis (its points, predictions and their
// intervals, the held-out points) is turned back into the accuracy, so whatever shows it (a chart,
// a headline, a status line, an export) shows the accuracy as logged; each fit's parameters stay
// the error's, and `errorLaw` evaluates them as the accuracy. The CLI's rule (cli/yMetricCurves.ts)
// on one curve: an accuracy named so that falls here is a misnamed error, fitted as it is. Pure.
import type { CurveAnalysis, EstimatorReport, HeldOutPoint, Point, Prediction } from './analysis';
import type { Law } from './types';
import { errorNameOf, risingMetric, yMetricOf, type YMetric } from './yMetric';
import { upturnWarning, type Upturn } from './upturn';
import { lateFallWarning, type LateFall } from './lateFall';
import { formatAmount, formatPercent } from './units';

/** An accuracy `name` up to `scale` (1, or 100 for a percent) fitted as its error, scale − acc. */
export interface ErrorFit {
  readonly name: string;
  readonly scale: 1 | 100;
}

/** How a curve rises: an accuracy, fitted as its error; or another score no law here fits (`refused`: BLEU, F1, an accuracy out of [0, 1] and [0, 100]). */
export type RisingY = { readonly fit: ErrorFit; readonly refused?: undefined } | { readonly refused: YMetric; readonly fit?: undefined };

/** How a curve of `name` with `points` rises; undefined when it falls, or its name says it falls or nothing. */
export function risingYOf(name: string | undefined, points: readonly Point[]): RisingY | undefined {
  const metric = risingMetric(yMetricOf(name, () => points.map((p) => p.y)), points);
  if (!metric) return undefined;
  return metric.kind === 'accuracy' ? { fit: { name: name!.trim(), scale: metric.scale } } : { refused: metric };
}

/** The points as scale − y: an accuracy's error, or (the same flip) an error's accuracy. */
export function flipped<P extends Point>(points: readonly P[], scale: number): P[] {
  return points.map((p) => ({ ...p, y: scale - p.y }));
}

/** A value and its interval as scale − them (an error's as the accuracy, or back): the upper end of one is the lower end of the other. */
export function flippedValue(v: { readonly y: number; readonly lo?: number; readonly hi?: number }, scale: number): { y: number; lo?: number; hi?: number } {
  return { y: scale - v.y, ...(v.lo !== undefined && v.hi !== undefined ? { lo: scale - v.hi, hi: scale - v.lo } : {}) };
}

function flippedPrediction(p: Prediction, scale: number): Prediction {
  const { lo: _lo, hi: _hi, ...rest } = p;
  return { ...rest, ...flippedValue(p, scale) };
}

function flippedHeldOut(p: HeldOutPoint, scale: number): HeldOutPoint {
  const { lo: _lo, hi: _hi, ...rest } = p;
  return { ...rest, ...flippedValue(p, scale), pred: scale - p.pred };
}

function flippedReport(e: EstimatorReport, scale: number): EstimatorReport {
  const held = e.heldOut?.points ? { heldOut: { ...e.heldOut, points: e.heldOut.points.map((p) => flippedHeldOut(p, scale)) } } : {};
  return { ...e, predictions: e.predictions.map((p) => flippedPrediction(p, scale)), ...held };
}

/**
 * The analysis of an accuracy's error read back as the accuracy: points, predictions and intervals
 * (their ends swapped) in the accuracy; parameters, back-tests (relative misses of the error) and
 * warnings as fitted. `fittedAsError` says so to every reader.
 */
export function analysisAsAccuracy(a: CurveAnalysis, fit: ErrorFit): CurveAnalysis {
  const s = fit.scale;
  // auto's reason for holding it names what turned up: the error (its parameters' curve), not a loss
  const turned = 'the loss has turned up';
  const auto = a.auto?.reason.startsWith(turned) ? { auto: { ...a.auto, reason: `its error, ${errorNameOf(fit.name, s)}, has turned up${a.auto.reason.slice(turned.length)}` } } : {};
  return {
    ...a,
    ...auto,
    fitPoints: flipped(a.fitPoints, s),
    heldOutPoints: flipped(a.heldOutPoints, s),
    estimators: a.estimators.map((e) => flippedReport(e, s)),
    ...(a.outliers ? { outliers: flipped(a.outliers, s) } : {}),
    ...(a.warmupPoints ? { warmupPoints: flipped(a.warmupPoints, s) } : {}),
    warnings: a.warnings.map((w) => accuracyWarning(w, fit, a.upturn, a.auto?.law === 'flat')),
    fittedAsError: fit,
  };
}

// core/fitCurve.ts's words for the spikes it finds: of an accuracy's error, they are its dips
const LOSS_SPIKES = /^(left )?(\d+) loss spikes? /;
// core/newestJumpNote.ts's: the newest rows of an accuracy's error that jumped up are the accuracy's fall
const NEWEST_JUMP = /^the last (?:loss|(\d+) losses) jumped /;

/**
 * An analysis warning of an accuracy's error said of the accuracy: its upturn (`upturn`, with `held`
 * when auto holds the recent level), its spikes, its newest rows' jump; else as it is. The panel's
 * analysis and the CLI's warnings (which fit the error too) say them so.
 */
export function accuracyWarning(w: string, fit: ErrorFit, upturn?: Upturn, held = false): string {
  if (upturn && w === upturnWarning(upturn, held)) return accuracyUpturnWarning(upturn, held, fit);
  const err = errorNameOf(fit.name, fit.scale);
  return w
    .replace(LOSS_SPIKES, (_m, left: string | undefined, n: string) => `${left ?? ''}${n} dip${n === '1' ? '' : 's'} of ${fit.name} (${n === '1' ? 'a spike' : 'spikes'} of its error) `)
    .replace(NEWEST_JUMP, (_m, n: string | undefined) => (n === undefined ? `the last value of ${fit.name} fell, its error (${err}) jumped ` : `the last ${n} values of ${fit.name} fell, their error (${err}) jumped `));
}

/**
 * An upturn of an accuracy's error (core/upturn.ts) said as the accuracy: it has fallen, in its own
 * values, and a rise predicted past the data is in doubt. "the loss has risen … (from 0.2347 to
 * 0.2504)" under an accuracy's chart quoted the error as a loss.
 */
export function accuracyUpturnWarning(u: Upturn, held: boolean, fit: ErrorFit): string {
  const s = fit.scale;
  const answer = held ? ' (auto holds the recent level)' : '';
  return `${fit.name} has fallen since x ≈ ${formatAmount(u.fromX)} (from ${(s - u.lowY).toPrecision(4)} to ${(s - u.lastY).toPrecision(4)}; its error, ${errorNameOf(fit.name, s)}, rose ${formatPercent(u.rise)}): every law here but flat assumes the error keeps falling${answer}, so a rise predicted past the data is in doubt (repeated data, overfitting or a learning-rate restart can keep it falling)`;
}

/** The upturn warning of an analysis as its values read: of the accuracy for one fitted as its error. */
export function upturnWarningOf(a: CurveAnalysis): string | undefined {
  if (!a.upturn) return undefined;
  const held = a.auto?.law === 'flat';
  return a.fittedAsError ? accuracyUpturnWarning(a.upturn, held, a.fittedAsError) : upturnWarning(a.upturn, held);
}

/**
 * An accuracy's error falling away below its fit (core/lateFall.ts) said as the accuracy: its points
 * lie above the curve drawn, and its predictions are likely too low (the loss's words said "too high").
 */
export function lateFallWarningOf(f: LateFall, fit: ErrorFit | undefined): string {
  if (!fit) return lateFallWarning(f);
  return `the last ${f.points} points lie above the fitted curve (their error, ${errorNameOf(fit.name, fit.scale)}, ${(100 * -Math.expm1(f.fall)).toFixed(1)}% below its fit): ${fit.name} rises faster than the laws follow (an LR decay or cooldown, which they do not see), so predictions past the data are likely too low`;
}

/** The law of an error evaluated as the accuracy: scale − the law's value; its parameters, name and formula the error's. */
export function errorLaw(law: Law, scale: number): Law {
  return { ...law, predict: (p, x, x2, x3) => scale - law.predict(p, x, x2, x3) };
}

/** The laws as an analysis' values read: as the accuracy for one fitted as an accuracy's error, else as they are. */
export function lawsOf(lawOf: (id: string) => Law | undefined, a: CurveAnalysis): (id: string) => Law | undefined {
  const fit = a.fittedAsError;
  if (!fit) return lawOf;
  return (id) => {
    const law = lawOf(id);
    return law && errorLaw(law, fit.scale);
  };
}

/** The fit points as fitted: the error of an analysis read back as an accuracy, else the points. */
export function fittedPointsOf(a: CurveAnalysis): readonly Point[] {
  return a.fittedAsError ? flipped(a.fitPoints, a.fittedAsError.scale) : a.fitPoints;
}

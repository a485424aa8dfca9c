// analyzeCurve: everything the CLI and the panel show for one learning curve. Splits the points
// into fit and held-out, fits every requested law on the fit points, back-tests them inside the
// fit region, picks `auto` from the back-tests alone, and predicts (with optional bootstrap
// intervals) at the requested targets.
import type { AnalyzeOptions, CurveAnalysis, EstimatorReport, Point, Prediction } from './analysis';
import { chooseLaw } from './auto';
import { backtest } from './backtest';
import { bootstrapCurve } from './bootstrap';
import { fitMany, type FitOutcome } from './fitMany';
import { AUTO_CANDIDATES, CURVE_LAW_IDS, getLaw } from './laws/index';
import { combineFits, partsOf } from './laws/mix';
import { ScalingLensError, type FitResult } from './types';
import { findSpikes } from './spikes';
import { prepareCurve, rmsle } from './validate';

export function analyzeCurve(points: readonly Point[], opts: AnalyzeOptions = {}): CurveAnalysis {
  const warnings: string[] = [];
  const lawIds = [...new Set((opts.laws ?? CURVE_LAW_IDS).map((id) => id.toLowerCase()))];
  for (const id of lawIds) getLaw(id); // unknown ids are the caller's mistake: throw now
  const { fitPoints, heldOutPoints } = split(points, opts, warnings);
  const targets = opts.targets ?? [];
  const fitOpts = { upperBound: opts.upperBound, seed: opts.seed, isCancelled: opts.isCancelled };

  let curve: { x: Float64Array; y: Float64Array } | null = null;
  const outliers: Point[] = [];
  try {
    const c = prepareCurve(
      fitPoints.map((p) => p.x),
      fitPoints.map((p) => p.y),
      2,
      'the curve',
    );
    warnings.push(...c.warnings);
    let cx = c.x;
    let cy = c.y;
    const spikes = opts.robust === false ? [] : findSpikes(cy);
    if (spikes.length > 0) {
      outliers.push(...spikes.map((i) => ({ x: cx[i], y: cy[i] })));
      warnings.push(`left ${spikes.length} loss spike${spikes.length === 1 ? '' : 's'} out of the fit (far above the running median; see outliers)`);
      const keep = (_: number, i: number): boolean => !spikes.includes(i);
      cx = cx.filter(keep);
      cy = cy.filter(keep);
    }
    curve = logBinned(cx, cy, opts.maxFitPoints ?? 300);
    if (curve.x.length < cx.length) warnings.push(`fitted ${cx.length} points as ${curve.x.length} log-x bins (averages)`);
  } catch (e) {
    if (!(e instanceof ScalingLensError)) throw e;
    warnings.push(`cannot fit: ${e.message}`);
  }
  if (!curve) {
    return {
      fitPoints,
      heldOutPoints,
      estimators: lawIds.map((law) => ({ law, fit: null, error: warnings[warnings.length - 1], predictions: [] })),
      auto: null,
      outliers,
      warnings,
    };
  }

  const fits = fitMany(lawIds, curve, fitOpts);
  const among = (opts.autoAmong ?? AUTO_CANDIDATES).map((id) => id.toLowerCase());
  const candidates = lawIds.filter((id) => among.includes(id));
  const backtests = backtest(candidates, curve.x, curve.y, fitOpts);
  const report = (id: string, outcome: FitOutcome): EstimatorReport => {
    if (!('fit' in outcome)) return { law: id, fit: null, error: outcome.error, predictions: [] };
    const law = getLaw(id);
    const fit = outcome.fit;
    const atTargets = targets.map((x) => law.predict(fit.params, x));
    const bad = atTargets.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return { law: id, fit: null, error: `the fit predicts a non-finite value (${atTargets[bad]}) at x = ${targets[bad]}`, predictions: [] };
    const bt = backtests.get(id);
    const usable = bt?.perCut.filter((c) => c !== null) ?? [];
    // nFit/nScored of the heaviest-weighted cut (the first, the shortest rehearsal) that could be fitted
    const main = usable[0];
    const out: {
      -readonly [K in keyof EstimatorReport]: EstimatorReport[K];
    } = {
      law: id,
      fit,
      predictions: targets.map((x): Prediction => ({ x, y: law.predict(fit.params, x) })),
    };
    if (bt && main && Number.isFinite(bt.score)) out.backtest = { rmsle: bt.score, nFit: main.nFit, nScored: main.nScored };
    if (heldOutPoints.length > 0) {
      const pred = heldOutPoints.map((p) => law.predict(fit.params, p.x));
      out.heldOut = { n: heldOutPoints.length, rmsle: rmsle(pred, heldOutPoints.map((p) => p.y)) };
    }
    if ((opts.bootstrap ?? 0) > 0) {
      const b = bootstrapCurve(id, curve!.x, curve!.y, targets, { ...fitOpts, resamples: opts.bootstrap!, seed: opts.seed ?? 1 });
      out.intervals = b.params;
      out.predictions = out.predictions.map((p, i) => ({ ...p, lo: b.predictions[i][0], hi: b.predictions[i][1] }));
      if (b.used < b.requested) warnings.push(`${id}: ${b.requested - b.used} of ${b.requested} bootstrap resamples could not be fitted`);
    }
    return out;
  };
  const estimators = lawIds.map((id) => report(id, fits.get(id)!));
  // only laws that could also be fitted to all the fit points can be chosen (or averaged)
  // a law whose fit or predictions are not finite is reported as an error and never chosen
  const ok = (id: string): boolean => !!estimators.find((e) => e.law === id)?.fit;
  // when no candidate fitted (a 2-point curve), any law that did is still an answer
  const fitted = candidates.some(ok) ? candidates.filter(ok) : candidates.length > 1 ? lawIds.filter(ok) : [];
  const fittable = new Map([...backtests].filter(([id]) => fitted.includes(id)));
  const auto = chooseLaw(fittable, fitted);
  // said only when auto was asked for (the caller named more than one candidate to choose among)
  if (!auto && candidates.length > 1) warnings.push('no candidate law could be fitted; auto has no choice');
  else if (auto && !lawIds.includes(auto.law)) {
    // an average of the best laws: reported as one more estimator, built from its parts' fits
    const parts = partsOf(getLaw(auto.law))!.map((l) => fits.get(l.id)!);
    estimators.push(report(auto.law, { fit: combineFits(getLaw(auto.law), parts.map((o) => (o as { fit: FitResult }).fit)) }));
  }
  return { fitPoints, heldOutPoints, estimators, auto, outliers, warnings };
}

function split(
  points: readonly Point[],
  opts: AnalyzeOptions,
  warnings: string[],
): { fitPoints: Point[]; heldOutPoints: Point[] } {
  const fitPoints: Point[] = [];
  const heldOutPoints: Point[] = [];
  let dropped = 0;
  const usable = points.map((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0 && p.y > 0);
  if (opts.trainMask && opts.trainMask.length !== points.length) {
    throw new ScalingLensError('bad-argument', `trainMask has ${opts.trainMask.length} flags for ${points.length} points`);
  }
  let cutX = Infinity;
  if (opts.fitUntil !== undefined) cutX = opts.fitUntil;
  else if (opts.holdoutFrac !== undefined) {
    if (!(opts.holdoutFrac >= 0 && opts.holdoutFrac < 1)) {
      throw new ScalingLensError('bad-argument', `holdout fraction must be in [0, 1), got ${opts.holdoutFrac}`);
    }
    const xs = [...new Set(points.filter((_, i) => usable[i]).map((p) => p.x))].sort((a, b) => a - b);
    const keep = Math.max(1, Math.ceil(xs.length * (1 - opts.holdoutFrac)));
    cutX = keep < xs.length ? xs[keep - 1] : Infinity;
  }
  points.forEach((p, i) => {
    if (!usable[i]) {
      dropped++;
      return;
    }
    const isFit = opts.trainMask ? opts.trainMask[i] : p.x <= cutX;
    (isFit ? fitPoints : heldOutPoints).push(p);
  });
  if (dropped > 0) warnings.push(`ignored ${dropped} point${dropped === 1 ? '' : 's'} with a missing, infinite or non-positive value`);
  return { fitPoints, heldOutPoints };
}

/**
 * Averages a sorted curve into at most `bins` equal-width bins of log x (geometric means of x and
 * of y: every law is fitted and scored in log y, and on noisy per-step losses the arithmetic mean
 * sits above the level a log-space fit is after); returns the curve itself when it is short enough.
 */
export function logBinned(x: Float64Array, y: Float64Array, bins: number): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (n <= bins || bins < 2) return { x, y };
  const l0 = Math.log(x[0]);
  const width = (Math.log(x[n - 1]) - l0) / bins;
  const bx: number[] = [];
  const by: number[] = [];
  let i = 0;
  while (i < n) {
    const bin = Math.min(bins - 1, Math.floor((Math.log(x[i]) - l0) / width));
    let sl = 0;
    let sy = 0;
    let k = 0;
    while (i < n && Math.min(bins - 1, Math.floor((Math.log(x[i]) - l0) / width)) === bin) {
      sl += Math.log(x[i]);
      sy += Math.log(y[i]);
      k++;
      i++;
    }
    bx.push(Math.exp(sl / k));
    by.push(Math.exp(sy / k));
  }
  return { x: Float64Array.from(bx), y: Float64Array.from(by) };
}

/** Predictions of one fitted law at many x (for plotting). */
export function predictCurve(lawId: string, params: Record<string, number>, xs: readonly number[]): number[] {
  const law = getLaw(lawId);
  return xs.map((x) => law.predict(params, x));
}

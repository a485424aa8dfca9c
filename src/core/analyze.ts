// analyzeCurve: everything the CLI and the panel show for one learning curve. Splits the points
// into fit and held-out, fits every requested law on the fit points, back-tests them inside the
// fit region, picks `auto` from the back-tests alone, and predicts (with optional bootstrap
// intervals) at the requested targets.
import type { AnalyzeOptions, CurveAnalysis, EstimatorReport, Point, Prediction } from './analysis';
import { AUTO_TOP_K, chooseLaw, cutWeightsFor, holdRisenCurve } from './auto';
import { backtest, scoreOfResiduals } from './backtest';
import { bootstrapCurve, type ResampleFits } from './bootstrap';
import { successiveNoise } from './arrayStats';
import { DEFAULT_LEVEL, bootstrapFailure, errorScale, predictionInterval, residualsFor, robustSigma, trustAt } from './calibrate';
import { fitMany, type FitOutcome } from './fitMany';
import { AUTO_CANDIDATES, CURVE_LAW_IDS, getLaw } from './laws/index';
import { baseWeights, combineFits, partsOf } from './laws/mix';
import { ScalingLensError, type FitResult } from './types';
import { upturnWarning } from './upturn';
import { fitCurveOf } from './fitCurve';
import { leaveOutWarmup } from './warmup';
import { rmsle } from './validate';
import { bootstrapLossLine, type BootstrapLoss } from './bootstrapFailures';
import { withoutCliffs } from './cliff';
import { sameCurveNote } from './sameCurve';
import { droppedText } from './droppedPoints';

export function analyzeCurve(points: readonly Point[], opts: AnalyzeOptions = {}): CurveAnalysis {
  const warnings: string[] = [];
  const lawIds = [...new Set((opts.laws ?? CURVE_LAW_IDS).map((id) => id.toLowerCase()))];
  for (const id of lawIds) getLaw(id); // unknown ids are the caller's mistake: throw now
  const parts = split(points, opts, warnings);
  const { heldOutPoints } = parts;
  const warm = leaveOutWarmup(parts.fitPoints, opts.fitFrom, opts.fitFromSource);
  if (warm.warning) warnings.push(warm.warning);
  const fitPoints = warm.fit;
  const warmup = warm.warmup.length > 0 ? { warmupPoints: warm.warmup } : {};
  const targets = opts.targets ?? [];
  const reuse = opts.reuse;
  const prepared = reuse?.prepared ?? fitCurveOf(fitPoints, opts);
  if (reuse) reuse.prepared = prepared;
  warnings.push(...prepared.warnings);
  const { curve, upturn, huber, outliers } = prepared;
  if (!curve) {
    return {
      fitPoints,
      heldOutPoints,
      ...warmup,
      estimators: lawIds.map((law) => ({ law, fit: null, error: warnings[warnings.length - 1], predictions: [] })),
      auto: null,
      outliers,
      warnings,
    };
  }

  const fitOpts = { upperBound: opts.upperBound, seed: opts.seed, isCancelled: opts.isCancelled, huber };
  const fits = reuse?.fits ?? fitMany(lawIds, curve, fitOpts);
  const among = (opts.autoAmong ?? AUTO_CANDIDATES).map((id) => id.toLowerCase());
  const candidates = lawIds.filter((id) => among.includes(id));
  // with intervals asked for (or one law named), every reported law is back-tested: its residuals
  // size its interval and say how far its extrapolations missed
  const boot = (opts.bootstrap ?? 0) > 0;
  // cut weights by point count (auto.ts): even on short curves
  const cutWeights = cutWeightsFor(curve.x.length);
  const backtests = reuse?.backtests ?? backtest(boot || lawIds.length === 1 ? [...new Set([...candidates, ...lawIds])] : candidates, curve.x, curve.y, { ...fitOpts, weights: cutWeights });
  if (reuse) Object.assign(reuse, { fits, backtests });
  const level = opts.level ?? DEFAULT_LEVEL;
  const xMaxFit = curve.x[curve.x.length - 1];
  // law-independent input of every law's raw-noise estimate, found on first use
  let late: readonly Point[] | undefined;
  // one late point's own scatter from the next: law-independent
  let pointNoise = reuse?.pointNoise;
  const resampleFits: ResampleFits = reuse?.resampleFits ?? new Map();
  const bootstrapLosses: BootstrapLoss[] = [];
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
    const residuals = residualsFor(id, backtests);
    if (!bt && residuals && partsOf(law)) {
      const bases = [...baseWeights(law).keys()];
      const nFitAt = (cut: number): number | undefined => bases.map((b) => backtests.get(b.id)?.perCut[cut]?.nFit).find((n) => n !== undefined);
      const own = scoreOfResiduals(residuals, cutWeights, nFitAt);
      if (own) out.partsBacktest = own;
    }
    const distance = (x: number): number => Math.max(0, Math.log(x / xMaxFit));
    out.predictions = out.predictions.map((p) => {
      const trust = trustAt(residuals, distance(p.x));
      return trust ? { ...p, trust } : p;
    });
    let heldPoints: { x: number; y: number; pred: number; lo?: number; hi?: number }[] = [];
    if (heldOutPoints.length > 0) {
      heldPoints = heldOutPoints.map((p) => ({ x: p.x, y: p.y, pred: law.predict(fit.params, p.x) }));
      out.heldOut = { n: heldOutPoints.length, rmsle: rmsle(heldPoints.map((p) => p.pred), heldOutPoints.map((p) => p.y)), points: heldPoints };
    }
    if (boot) {
      const heldXs = heldPoints.map((p) => p.x);
      const b = bootstrapCurve(id, curve!.x, curve!.y, [...targets, ...heldXs], { ...fitOpts, resamples: opts.bootstrap!, seed: opts.seed ?? 1, level, shared: resampleFits });
      // an interval that leaves out its own fitted value (a parameter at a bound, a skewed refit
      // cloud) says nothing true of it: stretched to hold it
      out.intervals = Object.fromEntries(Object.entries(b.params).map(([k, [lo, hi]]) => {
        const v = fit.params[k];
        return [k, v !== undefined && Number.isFinite(v) ? [Math.min(lo, v), Math.max(hi, v)] as const : [lo, hi] as const];
      }));
      const failure = bootstrapFailure(b.used, b.requested);
      pointNoise ??= pointNoiseOf((late ??= latePoints(fitPoints)));
      if (reuse) reuse.pointNoise = pointNoise;
      const kept = reuse?.noises?.get(id);
      const noises = kept ?? { fitNoise: fitNoise(law, fit.params, curve!.x, curve!.y), noise: rawNoise(law, fit.params, (late ??= latePoints(fitPoints))), pointNoise };
      if (reuse && !kept) (reuse.noises ??= new Map()).set(id, noises);
      opts.onIntervalInputs?.({ law: id, residuals, ...noises, bootstrap: b, xMaxFit });
      const scale = errorScale(residuals, noises.fitNoise, noises.noise, noises.pointNoise);
      const y0 = law.predict(fit.params, xMaxFit);
      const at = (y: number, x: number, i: number): { lo?: number; hi?: number; scatter?: number; intervalNote?: string } => {
        if (failure) return { intervalNote: failure };
        const change = x > xMaxFit && y0 > 0 ? Math.log(y / y0) : 0;
        const r = predictionInterval({ point: y, distance: distance(x), scale, bootstrapLogSd: b.logSd[i], predictedChange: Number.isFinite(change) ? change : 0, level });
        return 'reason' in r ? { intervalNote: r.reason } : r;
      };
      out.predictions = out.predictions.map((p, i) => ({ ...p, ...at(p.y, p.x, i) }));
      heldPoints.forEach((p, i) => {
        const { scatter: _scatter, ...interval } = at(p.pred, p.x, targets.length + i);
        Object.assign(p, interval);
      });
      bootstrapLosses.push({ law: id, failed: b.requested - b.used, requested: b.requested });
    }
    return out;
  };
  const estimators = lawIds.map((id) => report(id, fits.get(id)!));
  // only laws that could also be fitted to all the fit points can be chosen (or averaged)
  // a law whose fit or predictions are not finite is reported as an error and never chosen
  const ok = (id: string): boolean => !!estimators.find((e) => e.law === id)?.fit;
  // when no candidate fitted (a 2-point curve), any law that did is still an answer
  const pool = candidates.some(ok) ? candidates : candidates.length > 1 ? lawIds : [];
  const fitted = withoutCliffs(pool.filter(ok), (id) => predictorOf(id, fits.get(id)), curve, warnings);
  // fitted and reported beside the candidates, which a reader of the auto note should know (M1 may back-test best)
  const notAutoCandidates = pool.length > 0 ? lawIds.filter((id) => !pool.includes(id)) : [];
  const fittable = new Map([...backtests].filter(([id]) => fitted.includes(id)));
  const choice = chooseLaw(fittable, fitted, AUTO_TOP_K, { falling: curve.y[curve.y.length - 1] < curve.y[0] });
  const twins = choice && sameCurveNote(choice.law, (id, x) => predictorOf(id, fits.get(id))?.(x), xMaxFit);
  const chosen = choice && twins ? { ...choice, reason: `${choice.reason}; ${twins}` } : choice;
  // said only when auto was asked for (the caller named more than one candidate to choose among)
  if (!chosen && candidates.length > 1) warnings.push('no candidate law could be fitted; auto has no choice');
  else if (chosen && !lawIds.includes(chosen.law)) {
    // an average of the best laws: reported as one more estimator, built from its parts' fits
    // (also when an upturn overrules it, so the table still shows what the back-tests chose)
    const parts = partsOf(getLaw(chosen.law))!.map((l) => fits.get(l.id)!);
    estimators.push(report(chosen.law, { fit: combineFits(getLaw(chosen.law), parts.map((o) => (o as { fit: FitResult }).fit)) }));
  }
  const lossLine = bootstrapLossLine(bootstrapLosses);
  if (lossLine) warnings.push(lossLine);
  const auto = holdRisenCurve(chosen, upturn, fitted);
  if (upturn) warnings.push(upturnWarning(upturn, auto?.law === 'flat'));
  return { fitPoints, heldOutPoints, ...warmup, estimators, auto, ...(notAutoCandidates.length > 0 ? { notAutoCandidates } : {}), cutWeights, outliers, ...(prepared.robust === 'huber' && outliers.length > 0 ? { outliersDownWeighted: true } : {}), ...(upturn ? { upturn } : {}), warnings };
}

/** Robust scatter of the fitted (possibly binned) curve about the law, in log units. */
function fitNoise(law: { predict(p: Record<string, number>, x: number): number }, params: Record<string, number>, x: Float64Array, y: Float64Array): number {
  return robustSigma(Array.from(x, (xi, i) => Math.log(y[i] / law.predict(params, xi))));
}

/**
 * Most raw points the scatter estimate reads: a robust σ from 50,000 evenly spread points is as good
 * as from millions, and every law pays for each point again (a 1M-row log spent 12 of its 18 s of
 * analysis with 40 resamples here). Above every bundled curve (Mamba's 44k rows), so their
 * intervals are unchanged.
 */
export const MAX_LATE_POINTS = 50_000;

/**
 * The raw fit points whose scatter a held-out point carries: the later half (in log x) of the fit
 * range, where the curve is near what is being predicted (all usable points when that half has
 * fewer than 3), thinned to MAX_LATE_POINTS by an even stride. The same for every law, so found once
 * per analysis.
 */
export function latePoints(points: readonly Point[]): readonly Point[] {
  const ok = points.filter((p) => p.x > 0 && p.y > 0);
  if (ok.length === 0) return ok;
  const lo = ok.reduce((m, p) => Math.min(m, p.x), Infinity);
  const hi = ok.reduce((m, p) => Math.max(m, p.x), 0);
  const mid = Math.sqrt(lo * hi);
  const late = ok.filter((p) => p.x >= mid);
  const use = late.length >= 3 ? late : ok;
  if (use.length <= MAX_LATE_POINTS) return use;
  const stride = use.length / MAX_LATE_POINTS;
  return Array.from({ length: MAX_LATE_POINTS }, (_, i) => use[Math.floor(i * stride)]);
}

/**
 * One late point's own noise (log units), from differences a hundredth of the late points apart
 * (at least adjacent ones): far enough apart that a per-step loss's correlated noise has
 * decorrelated (adjacent differences of noise correlated 0.8 from step to step show 45% of it),
 * near enough that the trend cancels. A stated spacing, not tuned.
 */
function pointNoiseOf(late: readonly Point[]): number {
  return successiveNoise(late.map((p) => Math.log(p.y)), Math.max(1, Math.floor(late.length / 100)));
}

/** Robust scatter of single raw fit points (see latePoints) about the law, in log units. */
function rawNoise(law: { predict(p: Record<string, number>, x: number): number }, params: Record<string, number>, late: readonly Point[]): number {
  if (late.length === 0) return 0;
  return robustSigma(late.map((p) => Math.log(p.y / law.predict(params, p.x))));
}

function predictorOf(id: string, outcome: FitOutcome | undefined): ((x: number) => number) | undefined {
  if (!outcome || !('fit' in outcome)) return undefined;
  const law = getLaw(id);
  return (x) => law.predict(outcome.fit.params, x);
}

function split(
  points: readonly Point[],
  opts: AnalyzeOptions,
  warnings: string[],
): { fitPoints: readonly Point[]; heldOutPoints: readonly Point[] } {
  const fitPoints: Point[] = [];
  const heldOutPoints: Point[] = [];
  let dropped = 0;
  const usable = new Uint8Array(points.length);
  let nUsable = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0 && p.y > 0) {
      usable[i] = 1;
      nUsable++;
    }
  }
  if (opts.trainMask && opts.trainMask.length !== points.length) {
    throw new ScalingLensError('bad-argument', `trainMask has ${opts.trainMask.length} flags for ${points.length} points`);
  }
  let cutX = Infinity;
  if (opts.fitUntil !== undefined) cutX = opts.fitUntil;
  else if (opts.holdoutFrac !== undefined) {
    if (!(opts.holdoutFrac >= 0 && opts.holdoutFrac < 1)) {
      throw new ScalingLensError('bad-argument', `holdout fraction must be in [0, 1), got ${opts.holdoutFrac}`);
    }
    const xs = distinctSorted(points, usable, nUsable);
    const keep = Math.max(1, Math.ceil(xs.length * (1 - opts.holdoutFrac)));
    cutX = keep < xs.length ? xs[keep - 1] : Infinity;
  }
  // every point usable and fitted (no hold-out): the caller's array itself, not a copy of millions
  if (nUsable === points.length && !opts.trainMask && cutX === Infinity) return { fitPoints: points, heldOutPoints };
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!usable[i]) {
      dropped++;
      continue;
    }
    const isFit = opts.trainMask ? opts.trainMask[i] : p.x <= cutX;
    (isFit ? fitPoints : heldOutPoints).push(p);
  }
  if (dropped > 0) warnings.push(allAtZero(points) ? `all ${points.length} points are at x = 0 (a metric logged without a step, as MLflow's log_metric does unless given step=): there is no x to fit it against` : droppedText(points, usable));
  return { fitPoints, heldOutPoints };
}

/** Whether every point sits at x = 0: an x never logged, not a few bad values. */
function allAtZero(points: readonly Point[]): boolean {
  return points.length > 1 && points.every((p) => p.x === 0);
}

/** The distinct x of the usable points, ascending (a numeric typed-array sort, only when out of order). */
function distinctSorted(points: readonly Point[], usable: Uint8Array, nUsable: number): Float64Array {
  const xs = new Float64Array(nUsable);
  let sorted = true;
  for (let i = 0, k = 0; i < points.length; i++) {
    if (!usable[i]) continue;
    xs[k] = points[i].x;
    if (k > 0 && xs[k] < xs[k - 1]) sorted = false;
    k++;
  }
  if (!sorted) xs.sort();
  let m = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[m - 1]) xs[m++] = xs[i];
  return xs.subarray(0, m);
}


/** Predictions of one fitted law at many x (for plotting). */
export function predictCurve(lawId: string, params: Record<string, number>, xs: readonly number[]): number[] {
  const law = getLaw(lawId);
  return xs.map((x) => law.predict(params, x));
}

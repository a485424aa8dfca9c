// One curve's fit: the law asked for, or the one the back-tests choose (then bootstrapped alone),
// with its predictions, --reach answers and the warnings the panel gives beside them.
import { UsageError } from './args';
import type { CurveFitJson } from './curveFitJson';
import type { CurveFitRequest } from './curveRequest';
import type { WarmupStart } from '../ingest/model/warmupStart';
import { analyzeCurve } from '../core/analyze';
import type { CurveAnalysis, EstimatorReport, Point } from '../core/analysis';
import { CURVE_LAW_IDS, getLaw } from '../core/laws/index';
import { maxBy } from '../core/arrayStats';
import { lossReach, reachGridOf } from '../core/reach';
import type { Params } from '../core/types';
import { parseTarget } from '../core/units';
import { lateFallOf } from '../core/lateFall';
import { twoPointCaution } from '../core/fewPoints';
import { sameFitLaws } from '../core/sameFit';
import { outsideTheData } from '../core/outsideTheData';

/** Why one curve could not be fitted, with how many fit points it had. */
export class CurveFailure extends UsageError {
  constructor(
    message: string,
    readonly nFit: number,
  ) {
    super(message);
  }
}

export function fitOne(req: CurveFitRequest, group: Record<string, string>, points: Point[], warmup?: WarmupStart, xKind?: string): CurveFitJson {
  if (points.length === 0) throw new UsageError(`no rows with numbers in both ${req.xCol ?? 'x'} and ${req.yCol ?? 'y'}`);
  const maxX = maxBy(points, (p) => p.x);
  const targets = req.targets.map((t) => parseTarget(t, maxX, xKind).value);
  const choosing = req.law === 'auto' || req.law === 'bnsl';
  const laws = req.law === 'auto' ? CURVE_LAW_IDS : req.law === 'bnsl' ? ['bnsl-0', 'bnsl-1', 'bnsl-2', 'bnsl-3'] : [req.law];
  // the curve is predicted on a grid past the data for --reach, after the asked targets
  const grid = req.reach?.length ? reachGridOf(points, warmup?.at) : [];
  const base = { fitUntil: req.fitUntil, holdoutFrac: req.holdoutFrac, fitFrom: warmup?.at, fitFromSource: warmup?.from, targets: [...targets, ...grid], seed: req.seed, upperBound: req.upperBound, robust: req.robust };
  const first = analyzeCurve(points, { ...base, laws, autoAmong: req.law === 'bnsl' ? laws : undefined });
  const chosen = choosing ? first.auto?.law : req.law;
  if (!chosen) {
    const why = first.estimators.map((e) => `${e.law}: ${e.error ?? 'no back-test'}`).join('; ');
    const fitted = first.estimators.filter((e) => e.fit).map((e) => e.law);
    const hint = fitted.length > 0 ? `; name one with --law (fitted: ${fitted.join(', ')})` : '';
    throw new CurveFailure(`could not choose a law (${first.warnings.join('; ') || why})${hint}`, first.fitPoints.length);
  }
  // bootstrap only the law that is reported: resampling every candidate would multiply the cost
  const final: CurveAnalysis = req.bootstrap > 0 ? analyzeCurve(points, { ...base, laws: [chosen], bootstrap: req.bootstrap, level: req.level }) : first;
  const est = final.estimators.find((e) => e.law === chosen)!;
  if (!est.fit) throw new CurveFailure(choosing ? `${chosen}: ${est.error}` : (est.error ?? 'fit failed'), final.fitPoints.length);
  const firstEst = first.estimators.find((e) => e.law === chosen)!;
  const json: CurveFitJson = {
    group,
    law: chosen,
    formula: getLaw(chosen).formula,
    params: est.fit.params,
    intervals: est.intervals ?? {},
    converged: est.fit.converged,
    reason: est.fit.reason,
    backtest: firstEst.backtest ?? null,
    heldOut: est.heldOut ?? null,
    predictions: est.predictions.slice(0, targets.length).map((p) => ({ ...p })),
    ...(req.reach?.length ? { reach: req.reach.map((loss) => lossReach(est.predictions.slice(targets.length), loss, maxX, points)) } : {}),
    // trimmed spikes are among the fit points but no law saw them
    nFit: final.fitPoints.length - (final.outliersDownWeighted ? 0 : (final.outliers?.length ?? 0)),
    outliers: (final.outliers ?? []).map((p) => ({ x: p.x, y: p.y })),
    ...(final.warmupPoints && warmup ? { warmup: { before: warmup.at, points: final.warmupPoints.length, from: warmup.from } } : {}),
    ...(final.upturn ? { upturn: { ...final.upturn } } : {}),
    warnings: [...new Set([...final.warnings, ...est.fit.warnings, ...outsideTheData(targets, points, xKind), ...fallingAway(final, chosen, est.fit.params), ...pastTwoPoints(final, targets)])],
  };
  if (req.bootstrap > 0) json.level = req.level ?? 0.95;
  if (choosing && first.auto) {
    // a law that collapsed to an earlier one's fit is marked as the panel's table marks it
    const twins = sameFitLaws(first.estimators);
    json.auto = {
      law: first.auto.law,
      reason: first.auto.reason,
      // an average auto built from its best candidates is a choice (auto's, or the back-tests' an upturn overruled), not a candidate
      candidates: first.estimators.flatMap((e: EstimatorReport, i) =>
        laws.includes(e.law) ? [{ law: e.law, backtest: e.backtest?.rmsle ?? null, ...(e.error ? { error: e.error } : {}), ...(twins[i] !== undefined ? { sameAs: twins[i] } : {}) }] : [],
      ),
    };
  }
  return json;
}

/** The loss falling away below the fit at the end of the data (core/lateFall.ts), as the panel says it. */
function fallingAway(a: CurveAnalysis, law: string, params: Params): string[] {
  const said = lateFallOf(a, getLaw(law), params);
  return said ? [said] : [];
}

/** A target past a curve of 2 fit points (core/fewPoints.ts), as the panel says it beside its prediction. */
function pastTwoPoints(a: CurveAnalysis, targets: readonly number[]): string[] {
  const said = a.fitPoints.length > 0 && targets.some((t) => t > maxBy(a.fitPoints, (p) => p.x)) ? twoPointCaution(a.fitPoints.length) : undefined;
  return said ? [said] : [];
}

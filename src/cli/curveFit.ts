// Shared by `fit` and `predict`: analyse each curve read (loadCurves.ts) with the requested law (or
// the back-tested choice), one curve's failure never stopping the others.
import { UsageError } from './args';
import type { LoadedCurves } from './sourceCurves';
import type { CurveFitJson } from './curveFitJson';
import type { CurveFitRequest } from './curveRequest';
import { loadCurves } from './loadCurves';
import { CurveFailure, fitOne } from './fitOneCurve';
import { getLaw } from '../core/laws/index';
import { axisOfUnit } from '../core/targetText';
import { ScalingLensError } from '../core/types';
import { parseTarget } from '../core/units';
import { addMeanings, reachAsFitted } from './yMetricCurves';
import { accuracyWarning } from '../core/accuracyFit';

/** Every curve's outcome: fitted, or `error` saying why (one curve's problem never stops the others). */
export async function fitCurves(req: CurveFitRequest): Promise<CurveFitJson[]> {
  return fitLoaded(req, await loadCurves(req));
}

export function fitLoaded(req: CurveFitRequest, loaded: LoadedCurves): CurveFitJson[] {
  // a target that cannot be read is the caller's mistake for every curve: stop before fitting any
  req.targets.forEach((t, i) => {
    try {
      parseTarget(t, 1, loaded.xKind);
    } catch (e) {
      if (!(e instanceof ScalingLensError)) throw e;
      // `--target 300B tokens` unquoted: the shell made the unit a target of its own
      if (i > 0 && !/\d/.test(t) && axisOfUnit(t)) throw new UsageError(`"${t}" is a unit, not a target: quote a target with its unit, e.g. "${req.targets[i - 1]} ${t}"`);
      throw new UsageError(e.message);
    }
  });
  const asked = req.reach?.length ? { ...req, reach: reachAsFitted(loaded, req.reach) } : req;
  return loaded.curves.map(({ group, points, warnings, warmup, outliers }) => {
    let r: CurveFitJson;
    try {
      r = fitOne(asked, group, points, req.keepWarmup ? undefined : warmup, loaded.xKind);
      addMeanings(r.predictions, loaded.metric);
      // the error of an accuracy that turned up, spiked or jumped is said as the accuracy, as the panel says it
      if (loaded.accuracyOf !== undefined && loaded.metric?.kind === 'accuracy') {
        const fit = { name: loaded.accuracyOf, scale: loaded.metric.scale };
        const { upturn, auto } = r;
        r.warnings = r.warnings.map((w) => accuracyWarning(w, fit, upturn, auto?.law === 'flat'));
      }
    } catch (e) {
      if (!(e instanceof UsageError || e instanceof ScalingLensError)) throw e;
      r = failed(req, group, e instanceof CurveFailure ? e.nFit : 0, e.message);
    }
    if (loaded.yKey !== undefined) r = { metric: loaded.yKey, ...r };
    r.warnings.unshift(...loaded.warnings, ...(warnings ?? []));
    r.outliers.push(...(outliers ?? []).map((p) => ({ x: p.x, y: p.y, why: FAR_ABOVE_SURFACE })));
    return r;
  });
}

/** Why a sweep's run is in a curve's outliers (the sweep's warnings name it). */
export const FAR_ABOVE_SURFACE = 'far above the surface through the other runs';

/** The same shape as a fitted curve, empty, with `error`. */
function failed(req: CurveFitRequest, group: Record<string, string>, n: number, error: string): CurveFitJson {
  const named = req.law !== 'auto' && req.law !== 'bnsl';
  return {
    group,
    law: req.law,
    formula: named ? getLaw(req.law).formula : '',
    params: {},
    intervals: {},
    converged: false,
    reason: 'not fitted',
    backtest: null,
    heldOut: null,
    predictions: [],
    nFit: n,
    outliers: [],
    warnings: [],
    // the keys of a fitted curve with the same request: a script reads `level` off every object
    ...(req.bootstrap > 0 ? { level: req.level ?? 0.95 } : {}),
    error,
  };
}

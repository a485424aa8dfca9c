// The headline prediction of one curve: the chosen estimator at its fit's target, with its
// interval, trust and cautions.
import { DEFAULT_LEVEL } from '../../core/calibrate';
import type { PredictionView } from '../../shared/protocol';
import { decayCaution } from '../model/decayCaution';
import { pastPlannedEnd } from '../model/plannedEnd';
import { forecastShown } from '../model/forecastView';
import { cautionOf, outsideOf, reachedNow, trustOf } from '../model/predictionNotes';
import { acrossSizesCautionOf } from '../model/curves';
import { chosenReport, predictionAt } from '../panel/viewModel';
import type { LensSession } from '../session';
import { INTERVALS_PENDING } from './texts';
import { accuracyReadBackText, errorNameOf, lossMeaningText, yMetricOf } from '../../core/yMetric';
import { flippedValue } from '../../core/accuracyFit';

/** The chosen estimator's prediction at the target of its last fit, for one curve. */
export function predictionOf(session: LensSession, curveId?: string): PredictionView | undefined {
  const ref = session.curves.find((c) => c.id === (curveId ?? session.selected[0]));
  const cached = ref && session.fits.get(ref.id);
  const target = cached?.target;
  if (!ref || !cached || target === undefined) return undefined;
  const report = chosenReport(cached.analysis);
  const cell = report && predictionAt(report, target);
  if (!report || !cell) return undefined;
  const name = session.deps.lawOf(report.law)?.name;
  const ctx = session.forecastContext();
  const own = ctx.input?.curveId === ref.id ? ctx.input : undefined;
  // the cautions point at the Forecast block only when it has a forecast to show
  const shown = own !== undefined && forecastShown(session.forecast, ctx);
  const past = pastPlannedEnd(own, cell.x, own ? session.forecast.specTotal : undefined, shown);
  const schedule = [decayCaution(own, shown), past?.caution].filter((w) => w !== undefined).join('; ') || undefined;
  const endTarget = past?.endTarget;
  const across = session.source && acrossSizesCautionOf(session.source, ref);
  // a perplexity or bits is answered in its own metric, and as the loss in nats it means
  const meaning = lossMeaningText(yMetricOf(session.columns?.y), cell.y, cell.lo, cell.hi);
  // an accuracy answered from its error: which error, and its value the accuracy is read from
  const asError = cached.analysis.fittedAsError;
  const err = asError && flippedValue(cell, asError.scale);
  const readBack = asError && err && accuracyReadBackText(asError.name, asError.scale, err.y, err.lo, err.hi);
  return {
    curve: ref.label,
    targetText: session.targetText,
    // named as the question the fit answered (it may be older than the text typed since)
    targetLabel: session.targetLabelOf(cached, cell.x),
    ...(cached.atScheduleEnd ? { atScheduleEnd: true as const } : {}),
    x: cell.x,
    y: cell.y,
    law: report.law,
    ...(name ? { lawName: name } : {}),
    ...(cell.lo !== undefined && cell.hi !== undefined ? { lo: cell.lo, hi: cell.hi, level: DEFAULT_LEVEL } : {}),
    // the back-tests rehearse the error's fit: its miss is the error's, so named
    ...trustOf(report, cell.x, DEFAULT_LEVEL, session.settings().smoothing > 0, asError && errorNameOf(asError.name, asError.scale)),
    ...(cached.partial ? { intervalNote: INTERVALS_PENDING } : {}),
    ...cautionOf(cached.analysis, cell.x, schedule, across, session.divergedOf(ref), session.fallingAway(cached.analysis, report), outsideOf(cached.analysis, cell.x, session.columns?.x)),
    ...(endTarget !== undefined ? { endTarget } : {}),
    ...(report.fit && !report.fit.converged ? { unconverged: report.fit.reason } : {}),
    ...(meaning ? { meaning } : {}),
    ...(readBack ? { fittedAsError: readBack } : {}),
    ...(session.reached?.curve === ref.id && session.reached.targetText === session.targetText ? { reached: reachedNow(session.reached, session.points(ref).points) } : {}),
  };
}

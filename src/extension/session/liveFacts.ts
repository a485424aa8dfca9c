// What a watch's status bar item and the panel's live line say: the latest value and the forecast
// at the watch's target (the schedule's end, a planned end, or the target typed).
import type { CurveAnalysis } from '../../core/analysis';
import { axisNoun } from '../../core/targetText';
import type { LiveFacts } from '../live/statusText';
import { latestLevel } from '../live/latestLevel';
import { atPlannedEnd, pastPlannedEndX, plannedEnd } from '../model/plannedEnd';
import { watchPredictionEnd, watchReachedEnd } from '../live/watchTarget';
import { forecastHeadline } from '../model/forecastView';
import { nonFiniteTail } from '../../ingest/model/divergedTail';
import { chosenReport } from '../panel/viewModel';
import type { LensSession } from '../session';
import { isRelativeTarget } from './texts';
import { lawsOf, type ErrorFit } from '../../core/accuracyFit';
import type { Upturn } from '../../core/upturn';

/** What the status bar and the panel's live line say: latest value and forecast. */
export function liveFactsOf(session: LensSession): LiveFacts | undefined {
  const ref = session.selectedRefs()[0];
  if (!ref || !session.columns) return undefined;
  const pts = session.points(ref).points;
  const latest = latestLevel(pts);
  const cached = session.fits.get(ref.id);
  const ctx = session.forecastContext();
  const end = plannedEnd(ctx.input?.curveId === ref.id ? ctx.input : undefined, session.forecast.specTotal);
  // a run with a learning-rate schedule: its forecast to the end of the schedule is the headline
  const schedule = forecastHeadline(session.forecast, ctx);
  // else the laws, at the run's planned end rather than at a default 10x that slides past it
  const facts = { end, lastX: session.maxXOf(ref), typed: session.targetTyped, relative: isRelativeTarget(session.targetText) };
  const lawsEnd = schedule ? undefined : watchPredictionEnd(facts);
  // a run logged to its planned end has no loss further on: a default 10x would be past the end
  const ended = schedule ? undefined : watchReachedEnd(facts);
  // a score that rises as no accuracy does is not forecast by laws of a fall (the panel's notice says what to do); an accuracy is, by its error's
  const risingY = session.risingOf(session.points(ref))?.refused !== undefined;
  const p = ended || risingY ? undefined : (schedule ?? (cached ? (lawsEnd ? predictAt(session, cached.analysis, lawsEnd.x) : session.predict(ref.id)) : undefined));
  const scheduleAtEnd = schedule && end && atPlannedEnd(schedule.x, end.x) ? end : undefined;
  const atEnd = scheduleAtEnd ? { step: scheduleAtEnd.step, where: scheduleAtEnd.where } : lawsEnd && p ? { step: lawsEnd.step, where: lawsEnd.where, instead: session.targetText } : undefined;
  const pastEnd = !atEnd && p && end && pastPlannedEndX(p.x, end.x) ? { step: end.step, where: end.where, target: session.targetText, typed: session.targetTyped } : undefined;
  const stale = schedule ? schedule.stale : cached ? cached.key !== session.keyOf(session.points(ref), session.optionsFor(ref, session.points(ref))) : false;
  // "at 389K steps", "at 3.1B tokens": an amount's plural noun ("389K step" read as a typo)
  const x = session.columns.x;
  const unit = x === 'samples' ? ' examples' : x === 'time' ? ' s' : x === 'index' ? '' : ` ${axisNoun(x) ?? x}`;
  const why = session.fits.error(ref.id) ?? (cached && !p ? 'no forecast yet' : undefined);
  const series = session.wholeSeriesOf(ref);
  const nonFinite = series ? nonFiniteTail(series, x) : undefined;
  return {
    yKey: session.columns.y,
    xUnit: unit,
    ...(latest ? { latest } : {}),
    ...(p ? { forecast: { x: p.x, y: p.y } } : {}),
    ...(p && schedule?.trust ? { forecastTrust: schedule.trust } : {}),
    ...(atEnd ? { atEnd } : {}),
    ...(pastEnd ? { pastEnd } : {}),
    ...(p && stale ? { stale: true } : {}),
    ...(cached?.analysis.upturn && !risingY ? { rising: risingOf(cached.analysis.upturn, cached.analysis.fittedAsError) } : {}),
    ...(nonFinite?.diverged ? { diverged: { fromX: nonFinite.fromX } } : nonFinite ? { lastNotFinite: { x: nonFinite.fromX } } : {}),
    ...(ended ? { noForecast: "the run's planned end" } : risingY ? { noForecast: 'it rises: no law of a fall fits it' } : !p && why ? { noForecast: why.length > 40 ? `${why.slice(0, 40)}…` : why } : !p && !cached && latest ? { noForecast: 'first fit on its way' } : {}),
  };
}

/** An upturn as the status bar says it: of an accuracy fitted as its error (`asError`), that accuracy's fall from its high to its last level. */
function risingOf(u: Upturn, asError: ErrorFit | undefined): NonNullable<LiveFacts['rising']> {
  if (!asError) return { fromX: u.fromX, rise: u.rise };
  const [high, last] = [asError.scale - u.lowY, asError.scale - u.lastY];
  return { fromX: u.fromX, rise: u.rise, accuracy: { name: asError.name, scale: asError.scale, fell: (high - last) / high } };
}

/** The chosen estimator's point prediction at `x` (no interval: the status bar shows none). */
function predictAt(session: LensSession, a: CurveAnalysis, x: number): { x: number; y: number } | undefined {
  const report = chosenReport(a);
  const law = report?.fit ? lawsOf(session.deps.lawOf, a)(report.law) : undefined;
  const y = law && report?.fit ? law.predict(report.fit.params, x) : NaN;
  return Number.isFinite(y) ? { x, y } : undefined;
}

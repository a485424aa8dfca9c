// The forecast as the panel shows it: the Forecast block (final loss with its interval, when a
// target loss is reached with an ETA, the power law in steps beside it) and the chart series (the
// forecast to the end of the schedule with its band, the power law, a what-if as a dashed curve).
// Pure.
import { forecastLawName, type ForecastPoint, type ScheduleForecast } from '../../core/schedule/index';
import { ownHistoryText, stepText } from '../../core/schedule/ownHistoryText';
import { COLOR_DATA, COLOR_MUTED, COLOR_TARGET, type ChartSeries, type ForecastPointView, type ForecastReachView, type ForecastView, type XY } from '../../shared/protocol';
import type { ForecastInput } from './forecastInput';
import { panelForecastNotes } from './forecastNotes';
import { configScheduleHint, endedHint, loggedLrHint, SCHEDULE_HINT, type ForecastContext, type ForecastState } from './forecastState';

/**
 * Palette slots of the forecast's series. Every series slot may be an estimator's (up to 12), so
 * the forecast continues the data in the data's own colour, and a what-if takes the target's.
 */
export const FORECAST_COLOR = COLOR_DATA;
export const WHATIF_COLOR = COLOR_TARGET;

const pointView = (p: ForecastPoint): ForecastPointView => ({ step: p.step, y: p.y, lo: p.lo, hi: p.hi });

function reachView(fc: ScheduleForecast, input: ForecastInput): ForecastReachView | undefined {
  const r = fc.reaches;
  if (!r) return undefined;
  const ahead = r.step !== null && r.step > input.lastStep ? r.step - input.lastStep : undefined;
  return {
    loss: r.loss,
    step: r.step,
    probability: Math.min(1, Math.max(0, r.probability)),
    ...(ahead !== undefined ? { etaSteps: ahead } : {}),
    ...(ahead !== undefined && input.secondsPerStep !== undefined ? { etaSeconds: ahead * input.secondsPerStep } : {}),
  };
}

/** The Forecast block's data, or undefined when the selected curve has no step axis. */
export function forecastView(state: ForecastState, ctx: ForecastContext): ForecastView | undefined {
  const input = ctx.input;
  // an accuracy or a score that rises: no Forecast block offering a schedule it would not forecast
  if (!input || ctx.rises) return undefined;
  const inForce = state.specFor(ctx);
  const base = {
    curve: input.curveLabel,
    ...(inForce ? { spec: inForce.text } : {}),
    ...(inForce?.fromConfig !== undefined ? { specFrom: `the run's config (${inForce.fromConfig})` } : {}),
    ...(state.configDeclined && input.configSchedule?.ok ? { configDeclined: true } : {}),
    ...(state.specError !== undefined ? { specError: state.specError } : {}),
    ...(state.prior ? { prior: state.prior.label, priorFit: { law: state.prior.fit.law, params: { ...state.prior.fit.params } } } : {}),
    ...(input.lr ? { lrKey: input.lr.key } : {}),
    ...(state.targetLoss !== undefined ? { target: { loss: state.targetLoss, ...(state.targetFrom !== undefined ? { from: state.targetFrom } : {}) } } : {}),
    ...(state.whatIf ? { cooldown: { at: state.whatIf.at, over: state.whatIf.over, shape: state.whatIf.shape, ...(state.whatIf.end !== undefined ? { end: state.whatIf.end } : {}) } } : {}),
  };
  if (!state.wanted(ctx)) {
    const planned = input.configSchedule;
    const guess = state.spec === undefined && input.lr ? state.scheduleGuess(input.lr, input.plannedSteps) : undefined;
    // a run logged to its planned end: its final loss is logged, no forecast of it is offered
    const ended = endedHint(input, input.plannedSteps ?? (planned?.ok ? planned.spec.total : guess?.ok ? guess.spec.total : undefined));
    if (ended !== undefined) return { ...base, hint: ended, warnings: [] };
    if (planned?.ok && state.spec === undefined) return { ...base, hint: configScheduleHint(planned, input), suggestedSpec: planned.text, warnings: [] };
    if (!input.lr) return { ...base, hint: SCHEDULE_HINT, warnings: [] };
    const unread = guess && !guess.ok ? { notSuggested: { why: guess.why, ...(guess.template !== undefined ? { template: guess.template } : {}) } } : {};
    return { ...base, hint: loggedLrHint(input.lr.key, guess), ...(guess?.ok ? { suggestedSpec: guess.text } : unread), warnings: [] };
  }
  const error = state.errorFor(ctx);
  const landed = state.latest(input.curveId);
  if (error !== undefined) return { ...base, error, warnings: [] };
  if (!landed) return { ...base, warnings: [] };
  const fc = landed.outcome.base;
  const w = landed.outcome.whatIf;
  const reaches = reachView(fc, input);
  // the what-if's own warnings (an assumed decay gain when the run's schedule has no decay), not the ones both share
  const whatIfNotes = w ? w.forecast.warnings.filter((x) => !fc.warnings.includes(x)).map((x) => `what-if: ${x}`) : [];
  const warnings = panelForecastNotes([...fc.warnings, ...whatIfNotes, ...(landed.outcome.whatIfError ? [landed.outcome.whatIfError] : [])]);
  return {
    ...base,
    result: {
      law: fc.law,
      lawName: forecastLawName(fc),
      mode: fc.mode,
      final: pointView(fc.final),
      ...(fc.undetermined ? { undetermined: true } : {}),
      ...(reaches ? { reaches } : {}),
      powerLaw: { final: pointView(fc.powerLaw.final) },
      lastValue: { step: input.lastStep, y: fc.lastValue.final.y },
      ...(w ? { whatIf: { label: w.label, final: pointView(w.forecast.final) } } : {}),
      fittedTo: landed.fittedTo,
      ...(landed.outcome.ownHistory ? { ownHistory: { ...landed.outcome.ownHistory } } : {}),
    },
    warnings,
    ...(landed.key !== state.keyOf(ctx) ? { stale: true } : {}),
    ...(reaches && ctx.warnBelow !== undefined && reaches.probability < ctx.warnBelow ? { warning: { probability: reaches.probability, threshold: ctx.warnBelow } } : {}),
  };
}

/**
 * The Forecast block of a run whose loss turned NaN or infinite to the end of its log at step
 * `divergedAt`: the forecast of the points before stays, as where the run was heading, but not
 * P(final < target), its early warning or the back-test on the run's own history, which speak of
 * a run going on to the end of its schedule.
 */
export function divergedForecast(view: ForecastView | undefined, divergedAt: number | undefined): ForecastView | undefined {
  if (!view?.result || divergedAt === undefined) return view;
  const { reaches: _reaches, ownHistory: _own, ...result } = view.result;
  const { warning: _warning, ...rest } = view;
  const note = `The run diverged at step ${stepText(divergedAt)} (its loss is NaN or infinite from there to the end of the log): this forecasts the steps before it as if the run had gone on, with no P(final < target) or back-test.`;
  return { ...rest, result, warnings: [note, ...view.warnings] };
}

const finite = (p: XY): boolean => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0 && p.y > 0;

/**
 * The forecast last landed for the selected curve, while it can stand for the current data: not
 * once the current data's forecast failed (a schedule the log has outrun), when it is another
 * schedule's, kept only until one lands.
 */
function shownForecast(state: ForecastState, ctx: ForecastContext): ReturnType<ForecastState['latest']> {
  const input = ctx.input;
  return input && state.wanted(ctx) && state.errorFor(ctx) === undefined ? state.latest(input.curveId) : undefined;
}

/** Whether the Forecast block shows a forecast for the selected curve (not an error, a hint or nothing yet): what a caution may point at. */
export function forecastShown(state: ForecastState, ctx: ForecastContext): boolean {
  return shownForecast(state, ctx) !== undefined;
}

/** The forecast's chart series on the chart's x axis (none when steps cannot be placed on it). */
export function forecastSeries(state: ForecastState, ctx: ForecastContext): ChartSeries[] {
  const input = ctx.input;
  const xOf = input?.xOf;
  const landed = shownForecast(state, ctx);
  if (!input || !xOf || !landed) return [];
  const fc = landed.outcome.base;
  const lawName = forecastLawName(fc);
  const common = { curve: input.curveLabel, estimator: `schedule-${fc.law}` };
  const pts = (c: readonly ForecastPoint[]): XY[] => c.map((p) => ({ x: xOf(p.step), y: p.y })).filter(finite);
  // an undetermined end is not drawn: its middle is no prediction, its band would set the axis; a
  // run at the end of its schedule has nothing ahead to draw
  if (input.lastStep >= fc.final.step) return [];
  const out: ChartSeries[] = fc.undetermined ? [] : [
    { ...common, id: 'forecast', label: `forecast to end of schedule (${lawName})`, role: 'forecast', group: 'forecast', color: FORECAST_COLOR, points: pts(fc.curve) },
    {
      ...common,
      id: 'forecast-band',
      label: 'forecast 95% band',
      role: 'band',
      group: 'forecast',
      color: FORECAST_COLOR,
      points: [],
      band: fc.curve.map((p) => ({ x: xOf(p.step), lo: p.lo, hi: p.hi })).filter((p) => Number.isFinite(p.x) && p.lo > 0 && p.hi > 0),
    },
  ];
  const pl = fc.powerLaw.params;
  if ([pl.E, pl.A, pl.a].every(Number.isFinite)) {
    const points = fc.curve.map((p) => ({ x: xOf(p.step), y: pl.E + pl.A * Math.pow(p.step, -pl.a) })).filter(finite);
    out.push({ ...common, estimator: 'power-law-steps', id: 'forecast-powerlaw', label: 'power law in steps (same prefix)', role: 'segment', group: 'forecast-powerlaw', color: COLOR_MUTED, points });
  }
  const w = landed.outcome.whatIf;
  if (w) out.push({ ...common, id: 'forecast-whatif', label: `what if: ${w.label}`, role: 'extrapolation', group: 'forecast-whatif', color: WHATIF_COLOR, points: pts(w.forecast.curve) });
  return out;
}

/** The schedule-aware final loss on the chart's x axis: the live line's headline when there is one. */
export function forecastHeadline(state: ForecastState, ctx: ForecastContext): { x: number; y: number; stale: boolean; trust?: string } | undefined {
  const input = ctx.input;
  const landed = input?.xOf ? shownForecast(state, ctx) : undefined;
  if (!input?.xOf || !landed) return undefined;
  // an undetermined end is no headline: the status bar shows the laws' prediction meanwhile
  if (landed.outcome.base.undetermined) return undefined;
  const f = landed.outcome.base.final;
  const own = landed.outcome.ownHistory;
  return { x: input.xOf(f.step), y: f.y, stale: landed.key !== state.keyOf(ctx), ...(own ? { trust: ownHistoryText(own) } : {}) };
}

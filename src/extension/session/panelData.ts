// The panel's whole picture of a session (PanelData): columns, chart, tables, headline, forecast,
// warnings and notices, as the webview draws them.
import { targetMultiple } from '../../core/units';
import type { PanelData } from '../../shared/protocol';
import { nonPositiveWarning } from '../model/nonPositiveWarning';
import { risingMetricWarning } from '../model/risingMetricWarning';
import { plannedEndMarker } from '../model/plannedEnd';
import { divergedForecast, forecastSeries, forecastView } from '../model/forecastView';
import { runConfigLine } from '../model/runConfigText';
import { finishedRunsHint } from '../model/finishedRunsHint';
import { sweepPlanHint } from '../model/sweepPlanHint';
import { sweepHeadline } from '../model/sweepHeadline';
import { sweepOutlierNotes } from '../model/sweepOutliers';
import { nonFiniteTail } from '../../ingest/model/divergedTail';
import { nonFiniteInside } from '../../ingest/model/nonFiniteInside';
import { noFitNotice } from '../model/noFitNotice';
import { acrossSizesHint, xKindsOf, yKeysOf, type CurveRef } from '../model/curves';
import { buildChart, buildTable } from '../panel/viewModel';
import { relativeTargetMarkers } from '../model/overlay';
import type { LensSession } from '../session';
import { ownXLabelsOf } from './xLabels';
import { NO_SERIES, inEditorWords, isRelativeTarget } from './texts';
import { analyzedSelectionOf } from './analyzedSelection';

/** That the run's loss was NaN or infinite at points inside its log (left out of the fit, as in the CLI). */
function nonFiniteInsideOf(session: LensSession, ref: CurveRef): string | undefined {
  const x = session.columns?.x;
  const s = session.wholeSeriesOf(ref);
  return x && s ? nonFiniteInside(s, x, ref.key)?.text : undefined;
}

/** Everything the panel draws for the session now; a fit older than the points shows, marked stale. */
export function panelDataOf(session: LensSession): PanelData {
  const s = session.settings();
  const analyzed = analyzedSelectionOf(session);
  const pointsOf = (id: string) => session.curves.find((r) => r.id === id)?.points ?? 0;
  const single = analyzed.length === 1;
  const relative = isRelativeTarget(session.targetText);
  // one target line serves a single curve or an absolute target; a relative target over several
  // curves is each curve's own (10x of its own data), drawn in that curve's colour
  const sharedTarget = single || !relative ? (analyzed[0]?.target ?? session.target()) : undefined;
  const viewOpts = {
    xLabel: session.xLabel(),
    yLabel: session.columns?.y ?? 'y',
    lawOf: session.deps.lawOf,
    maxPoints: s.maxChartPoints,
    ...(sharedTarget !== undefined ? { target: sharedTarget, ...(single && analyzed[0]?.atScheduleEnd ? { targetName: "the schedule's end" } : {}) } : {}),
  };
  const warnings = (session.source?.warnings ?? []).slice(0, 20).map((w) => `${w.file}${w.line ? `:${w.line}` : ''}: ${inEditorWords(w.message)}`);
  // a watch waiting for its run's first points is no source without series
  if (session.source && !session.columns && !(session.watching && session.nothingRead())) warnings.unshift(NO_SERIES);
  if (session.source) warnings.push(...sweepOutlierNotes(session.source, session.columns));
  for (const ref of session.selectedRefs()) {
    const diverged = session.divergedOf(ref);
    if (diverged) warnings.push(`${ref.label}: ${diverged}`);
    const inside = nonFiniteInsideOf(session, ref);
    if (inside) warnings.push(`${ref.label}: ${inside}`);
  }
  const yName = session.columns?.y ?? 'y';
  const unusable = session.selectedRefs()
    .map((ref) => nonPositiveWarning(ref.label, yName, session.points(ref).points) ?? risingMetricWarning(ref.label, yName, session.points(ref).points))
    .filter((w): w is string => w !== undefined);
  const noFit = unusable.length === 0 ? noFitNotice(analyzed) : undefined;
  const notice = session.notice ?? (unusable.length > 0 ? { text: unusable.join(' ') } : noFit ? { text: noFit } : session.source && (finishedRunsHint(session.source) ?? sweepPlanHint(session.source) ?? acrossSizesHint(session.source, session.columns)));
  // every curve shown unusable (no positive loss): the notice says why, and a table of ten failed
  // laws or a forecast under it says nothing more
  const noneUsable = analyzed.length > 0 && unusable.length >= analyzed.length;
  let chart = analyzed.length > 0 && !noneUsable ? buildChart(analyzed, viewOpts) : undefined;
  const fcCtx = session.forecastContext();
  // a run that diverged gets no P(final < target) nor a back-test of a forecast it will not reach
  const fcRef = session.selectedRefs().find((r) => r.id === fcCtx.input?.curveId);
  const fcSeriesData = fcRef ? session.wholeSeriesOf(fcRef) : undefined;
  const fcTail = fcSeriesData ? nonFiniteTail(fcSeriesData, 'step') : undefined;
  const forecast = noneUsable ? undefined : divergedForecast(forecastView(session.forecast, fcCtx), fcTail?.diverged ? fcTail.fromX : undefined);
  const fcSeries = chart ? forecastSeries(session.forecast, fcCtx) : [];
  if (chart && fcSeries.length > 0) chart = { ...chart, series: [...chart.series, ...fcSeries] };
  if (chart && !single && relative) {
    chart = { ...chart, markers: [...chart.markers, ...relativeTargetMarkers(analyzed, `${targetMultiple(session.targetText)}x`)] };
  }
  const end = single && fcCtx.input?.curveId === analyzed[0]?.id ? plannedEndMarker(fcCtx.input, session.forecast.specTotal) : undefined;
  if (chart && end) chart = { ...chart, markers: [...chart.markers, end] };
  const stale = analyzed.filter((c) => c.stale);
  // the same points: a new target (or setting), answered from the fits kept, not new data
  const samePoints = stale.every((c) => c.fittedOn === pointsOf(c.id));
  const staleLine =
    stale.length === 0
      ? undefined
      : samePoints
        ? stale.some((c) => c.targetText !== session.targetText)
          ? `Predicting at ${session.targetText}…`
          : 'Refitting with the new settings…'
        : `Fit from ${stale.map((c) => `${c.fittedOn} points`).join(', ')}; refitting with the newest ${stale.map((c) => pointsOf(c.id)).join(', ')}…`;
  const prediction = session.prediction;
  // a sweep opens with all its curves shown and so no one curve's prediction: its own result leads
  // (a curve whose prediction is on its way keeps the headline's place for it)
  const headline = session.predictionCurve() === undefined && session.source && session.columns ? sweepHeadline(session.source, session.columns.y) : undefined;
  return {
    title: session.title,
    source: session.path,
    curves: session.curves.map((c) => {
      const config = runConfigLine(session.source?.runs[c.runIndex]);
      return { id: c.id, label: c.label, points: c.points, ...(config ? { config } : {}) };
    }),
    selected: [...session.selected],
    ...(session.source && session.columns
      ? {
          columns: {
            x: xKindsOf(session.source),
            y: yKeysOf(session.source),
            selectedX: session.columns.x,
            selectedY: session.columns.y,
            ...(session.columnsPicked ? { picked: true } : {}),
            ...ownXLabelsOf(session.source, session.columns),
          },
        }
      : {}),
    ...(chart ? { chart } : {}),
    tables: (noneUsable ? [] : analyzed).map((c) => {
      const t = buildTable(c, { lawOf: session.deps.lawOf, ...(c.target !== undefined ? { target: c.target } : {}) });
      return c.target !== undefined ? { ...t, targetX: c.target, targetLabel: session.targetLabelOf(c, c.target) } : t;
    }),
    ...(prediction ? { prediction } : {}),
    ...(session.plan ? { plan: session.plan } : {}),
    ...(session.benchmark ? { benchmark: session.benchmark } : {}),
    ...(session.live ? { live: session.live } : {}),
    ...(session.watching ? { watching: true } : {}),
    ...(staleLine ? { stale: staleLine } : {}),
    ...(notice ? { notice } : {}),
    ...(session.backtest ? { backtest: session.backtest } : {}),
    ...(forecast ? { forecast } : {}),
    ...(headline ? { sweepHeadline: headline } : {}),
    targetText: session.targetText,
    ...(session.targetTyped ? { targetTyped: true } : {}),
    warnings,
  };
}

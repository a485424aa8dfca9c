// One open data source in the panel: what was read, which columns and curves are chosen, the
// target, and the latest analysis of each selected curve. What was read and chosen is
// SessionSelection (session/selection.ts), which LensSession extends with the fits. What it turns
// into (PanelData, the live line's facts, the headline, a reach answer) and how its fits are asked
// and kept are in session/.
// No vscode import: the analysis function is injected, so the host decides where fits run.
import type { AnalyzeOptions, CurveAnalysis, EstimatorReport } from '../core/analysis';
import type { SeriesData } from '../ingest/model/model';
import type { BenchmarkView, PanelData, PanelNotice, PlanView, PredictionView } from '../shared/protocol';
import { liveStatusText, type LiveFacts } from './live/statusText';
import { forecastReach, type ForecastReach } from './model/forecastReach';
import { divergedTail } from '../ingest/model/divergedTail';
import { lateFallAt } from '../core/lateFall';
import { fittedPointsOf, lateFallWarningOf } from '../core/accuracyFit';
import type { CurveRef } from './model/curves';
import { MAX_OVERLAY } from './model/overlay';
import type { CachedAnalysis, CancelToken, CurveData, ReachAnswer } from './session/sessionDeps';
import { noPointsLine, nothingRead } from './session/noPoints';
import { panelDataOf } from './session/panelData';
import { liveFactsOf } from './session/liveFacts';
import { predictionOf } from './session/prediction';
import { reachOf } from './session/reach';
import { FitCache } from './session/fitCache';
import { refitLawsOf } from './session/lawRefit';
import { xLabelFor } from './session/xLabels';
import { fitKeyOf, fitOptionsOf, lawIdsOf, upperBoundOf } from './session/fitOptions';
import { SessionSelection } from './session/selection';

export { MAX_OVERLAY };
export type { AnalyzeFn, CancelToken, ReachAnswer, SessionDeps } from './session/sessionDeps';
export { INTERVALS_PENDING, inEditorWords, isRelativeTarget } from './session/texts';

export class LensSession extends SessionSelection {
  /** The curve the prediction box follows (set by Predict); the value is recomputed for every target. */
  predictionFor: string | undefined;
  plan: PlanView | undefined;
  benchmark: BenchmarkView | undefined;
  /** Compare Estimators: the back-test view of the first selected curve, once computed. */
  compare = false;
  live: string | undefined;
  notice: PanelNotice | undefined;
  /** Estimators to fit; undefined = the scalingLens.estimators setting. */
  laws: readonly string[] | undefined;
  /** Each selected curve's latest analysis, or why its fit failed. */
  readonly fits = new FitCache();

  /** The laws fitted, for the back-test view. */
  fittedLawIds(): string[] {
    return lawIdsOf(this);
  }

  /** A metric bounded above (an error rate: 1), from the run's metadata or the key's name. */
  upperBoundOf(ref: CurveRef, data: CurveData = this.points(ref)): number | undefined {
    return upperBoundOf(this, ref, data);
  }

  /** What the curve's analysis is asked (session/fitOptions.ts). */
  optionsFor(ref: CurveRef, data: CurveData): Omit<AnalyzeOptions, 'isCancelled'> {
    return fitOptionsOf(this, ref, data);
  }

  /** What a fit of `data` with `options` is of: a cached analysis with another key is stale. */
  keyOf(data: CurveData, options: Omit<AnalyzeOptions, 'isCancelled'>): string {
    return fitKeyOf(this.columns, data, options, this.risingOf(data)?.fit);
  }

  /** True when a selected curve shows a fit of older data (or older settings) than what it has now. */
  needsRefit(): boolean {
    return this.forecastNeedsRefit() || this.lawsNeedRefit();
  }

  /** The schedule-aware forecast is of older data or options than the current ones. */
  forecastNeedsRefit(): boolean {
    return this.forecast.needsRefit(this.forecastContext());
  }

  /** Some selected curve's law fits are of older data or settings than the current ones. */
  lawsNeedRefit(): boolean {
    return this.fittedRefs().some((ref) => !this.fitIsCurrent(ref) && !this.fits.hasError(ref.id));
  }

  /** The selected curves the laws fit: all but a score that rises as no accuracy does (BLEU, F1), which no law here fits. */
  fittedRefs(): CurveRef[] {
    return this.selectedRefs().filter((ref) => !this.risingOf(this.points(ref))?.refused);
  }

  /** The curve's cached analysis is of its current data and options, intervals included. */
  fitIsCurrent(ref: CurveRef): boolean {
    const cached = this.fits.get(ref.id);
    if (!cached || cached.partial) return false;
    const data = this.points(ref);
    return cached.key === this.keyOf(data, this.optionsFor(ref, data));
  }

  /** What the forecast refit would fit now (undefined: no forecast wanted). */
  forecastKey(): string | undefined {
    return this.forecast.keyOf(this.forecastContext());
  }

  /** What the law refit would fit now: every selected curve's data extent and options. */
  lawsKey(): string {
    return JSON.stringify(
      this.selectedRefs().map((ref) => {
        const data = this.points(ref);
        return [ref.id, this.keyOf(data, this.optionsFor(ref, data))];
      }),
    );
  }

  /**
   * Refits what changed: the forecast and the law fits at once (each on its own worker in the
   * extension), `onForecast` called as soon as the forecast lands, before slower law fits finish.
   */
  async refit(token?: CancelToken, onForecast?: () => void): Promise<void> {
    const forecast = this.refitForecast(token).then(() => {
      if (!token?.isCancellationRequested) onForecast?.();
    });
    // both settle before a failure propagates (no fit left running unobserved)
    const [f, l] = await Promise.allSettled([forecast, this.refitLaws(token)]);
    for (const r of [f, l]) if (r.status === 'rejected') throw r.reason;
  }

  /** Forecasts the first selected curve to the end of its schedule, when that changed. */
  async refitForecast(token?: CancelToken): Promise<void> {
    if (token?.isCancellationRequested) return;
    await this.forecast.refit(this.forecastContext(), token);
  }

  /**
   * Analyses the selected curves whose data, columns, target or settings changed. With
   * `onPointFits`, curves that show no fit yet get their point fits first (session/lawRefit.ts).
   */
  refitLaws(token?: CancelToken, onPointFits?: () => void): Promise<void> {
    return refitLawsOf(this, token, onPointFits);
  }

  /** The last reach answer made the target, shown with the prediction while that target stands; `dataEnd` the data's last x then. */
  reached: { readonly curve: string; readonly targetText: string; readonly text: string; readonly dataEnd: number; readonly x: number } | undefined;

  /**
   * Where a curve reaches `loss`: its analysis as the panel makes it (laws, warmup, bootstrap and
   * calibrated intervals) with predictions on the reach grid instead of the target's (session/reach.ts).
   */
  reach(curveId: string, loss: number, token?: CancelToken): Promise<ReachAnswer | undefined> {
    return reachOf(this, curveId, loss, token);
  }

  /**
   * The schedule-aware forecast's reach of `loss` on `curveId`, when the panel shows one for the
   * schedule in force and the data as they are now (not one left from a cleared schedule or fewer rows).
   */
  forecastReach(curveId: string, loss: number, dataEnd: number): ForecastReach | undefined {
    const ctx = this.forecastContext();
    const landed = this.forecast.latest(curveId);
    const key = this.forecast.keyOf(ctx);
    if (!landed || key === undefined || landed.key !== key) return undefined;
    return forecastReach(landed, ctx.input, loss, dataEnd);
  }

  analysisOf(id: string): CurveAnalysis | undefined {
    return this.fits.get(id)?.analysis;
  }

  /** The loss falling away below the chosen fit at the end of the data (core/lateFall.ts), said. */
  fallingAway(a: CurveAnalysis, report: EstimatorReport): string | undefined {
    const law = this.deps.lawOf(report.law);
    // of the points as fitted: an accuracy's error falls away below its fit as a loss does, said of the accuracy
    const fall = law && report.fit ? lateFallAt(fittedPointsOf(a), law, report.fit.params) : undefined;
    return fall && lateFallWarningOf(fall, a.fittedAsError);
  }

  /** That the run's loss turned NaN or infinite to the end of its log (it diverged), as the CLI says it. */
  divergedOf(ref: CurveRef): string | undefined {
    const x = this.columns?.x;
    const s = this.wholeSeriesOf(ref);
    // the panel fits every point it draws: the climb is in the fit
    return x && s?.x[x] ? divergedTail(s, x, this.points(ref).points, ref.key, () => 'the laws are fitted to the climb too, and carry it on') : undefined;
  }

  /** The logged series a curve draws, when it draws all of it (not one slice of a table). */
  wholeSeriesOf(ref: CurveRef): SeriesData | undefined {
    return ref.slice ? undefined : this.source?.runs[ref.runIndex]?.series.find((q) => q.key === ref.key);
  }

  /** The chosen estimator's prediction at the target of its last fit, for one curve. */
  predict(curveId?: string): PredictionView | undefined {
    return predictionOf(this, curveId);
  }

  /**
   * The headline prediction: the shown curve Predict chose, else the only curve shown, so a fit
   * always leads with its number. Follows the current target (never keeps an older one).
   */
  get prediction(): PredictionView | undefined {
    const id = this.predictionCurve();
    if (id === undefined) return undefined;
    const ref = this.curves.find((c) => c.id === id);
    const cached = this.fits.get(id);
    return ref && cached && this.fitAnswersTarget(ref, cached) ? this.predict(id) : undefined;
  }

  /** The curve the headline predicts for: the shown curve Predict chose, else the only curve shown. */
  predictionCurve(): string | undefined {
    const chosen = this.predictionFor !== undefined && this.selected.includes(this.predictionFor) ? this.predictionFor : undefined;
    return chosen ?? (this.selected.length === 1 ? this.selected[0] : undefined);
  }

  /**
   * The cached fit answers the current target: typed alike, or come to the same x in other words
   * ("10x", then "loss at 10x data?"): such a retyping leaves nothing to refit, so a text compare
   * alone would hide the headline for good.
   */
  fitAnswersTarget(ref: CurveRef, cached: CachedAnalysis): boolean {
    return cached.targetText === this.targetText || (cached.target !== undefined && cached.target === this.targetFor(ref));
  }

  /** The x axis's name: the log's own (Keras' "epochs completed"), else its kind's. */
  xLabel(): string {
    return xLabelFor(this.source, this.columns);
  }

  panelData(): PanelData {
    return panelDataOf(this);
  }

  /** What the status bar and the panel's live line say: latest value and forecast. */
  liveFacts(): LiveFacts | undefined {
    return liveFactsOf(this);
  }

  /** Why a watch shows no points, for its live line (session/noPoints.ts). */
  noPointsLine(): string {
    return noPointsLine(this.source, this.columns !== undefined);
  }

  /** No value read at all: the source is empty, a header alone, or a folder with no log yet. */
  nothingRead(): boolean {
    return nothingRead(this.source);
  }

  /** One line for the status bar: "val_loss 2.412 @ 60M tokens → 2.118 at 600M". */
  statusLine(): string | undefined {
    const f = this.liveFacts();
    return f ? liveStatusText(f) : undefined;
  }
}

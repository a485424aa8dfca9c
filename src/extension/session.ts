// One open data source in the panel: what was read, which columns and curves are chosen, the
// target, and the latest analysis of each selected curve. What it turns into (PanelData, the live
// line's facts, the headline, a reach answer) and how its fits are asked and kept are in session/.
// No vscode import: the analysis function is injected, so the host decides where fits run.
import type { AnalyzeOptions, CurveAnalysis, EstimatorReport, Point } from '../core/analysis';
import { ScalingLensError } from '../core/types';
import { parseTarget, targetLabel } from '../core/units';
import { unnamedReach } from '../core/targetText';
import { withSizeSweep } from '../ingest/model/sizeSweep';
import type { SeriesData, SourceData, XKind } from '../ingest/model/model';
import type { BacktestView, BenchmarkView, PanelData, PanelNotice, PlanView, PredictionView } from '../shared/protocol';
import { liveStatusText, type LiveFacts } from './live/statusText';
import { plannedEnd, type PlannedEnd } from './model/plannedEnd';
import { watchPredictionEnd } from './live/watchTarget';
import { forecastReach, type ForecastReach } from './model/forecastReach';
import { FORECAST_BOOTSTRAP, ForecastState, type ForecastContext } from './model/forecastState';
import { divergedTail } from '../ingest/model/divergedTail';
import { lateFallOf } from '../core/lateFall';
import { guessColumns, listCurves, xKindsOf, yKeysOf, type Columns, type CurveRef } from './model/curves';
import { MAX_OVERLAY, defaultSelection } from './model/overlay';
import type { Settings } from './settings';
import type { CachedAnalysis, CancelToken, CurveData, ReachAnswer, SessionDeps } from './session/sessionDeps';
import { isRelativeTarget } from './session/texts';
import { ForecastInputs } from './session/forecastInputs';
import { noPointsLine, nothingRead } from './session/noPoints';
import { panelDataOf } from './session/panelData';
import { liveFactsOf } from './session/liveFacts';
import { predictionOf } from './session/prediction';
import { forecastHoldsSeries } from './session/forecastHoldsSeries';
import { reachOf } from './session/reach';
import { CurvePoints } from './session/curvePoints';
import { FitCache } from './session/fitCache';
import { WarmupEnds } from './session/warmupEnds';
import { refitLawsOf } from './session/lawRefit';
import { xLabelFor } from './session/xLabels';
import { fitKeyOf, fitOptionsOf, lawIdsOf, upperBoundOf } from './session/fitOptions';

export { MAX_OVERLAY };
export type { AnalyzeFn, CancelToken, ReachAnswer, SessionDeps } from './session/sessionDeps';
export { INTERVALS_PENDING, inEditorWords, isRelativeTarget } from './session/texts';

export class LensSession {
  source: SourceData | undefined;
  columns: Columns | undefined;
  curves: CurveRef[] = [];
  selected: string[] = [];
  targetText: string;
  /** The target was typed (panel, Predict, a reach answer, a saved panel's own) rather than the setting's default. */
  targetTyped = false;
  /** The curve the prediction box follows (set by Predict); the value is recomputed for every target. */
  predictionFor: string | undefined;
  plan: PlanView | undefined;
  benchmark: BenchmarkView | undefined;
  /** Compare Estimators: the back-test view of the first selected curve, once computed. */
  compare = false;
  backtest: BacktestView | undefined;
  live: string | undefined;
  watching = false;
  /**
   * The user picked the columns (the panel's pickers, or a restored panel whose user had), not
   * guessed: a watch keeps them. Saved with the panel, so a reload does not turn a guess into a pick.
   */
  private picked = false;
  notice: PanelNotice | undefined;
  /** Estimators to fit; undefined = the scalingLens.estimators setting. */
  laws: readonly string[] | undefined;
  /** The schedule-aware forecast of the first selected curve: spec, prior, what-if, target, result. */
  readonly forecast: ForecastState;
  private readonly forecastInputs = new ForecastInputs();
  /** Each selected curve's latest analysis, or why its fit failed. */
  readonly fits = new FitCache();
  /** Where each curve's fit starts, past its LR warmup (read once per source read). */
  readonly warmupEnds = new WarmupEnds();
  private readonly pointCache = new CurvePoints();

  constructor(
    readonly path: string,
    private readonly fileTitle: string,
    readonly deps: SessionDeps,
  ) {
    this.targetText = this.settings().target;
    this.forecast = new ForecastState(deps.forecast);
  }

  /**
   * The panel's title: the file's name, led by its run's name for an MLflow metric file, which is
   * named for its metric ("loss") and says nothing of the run (its meta.yaml's run_name does).
   */
  get title(): string {
    const runs = this.source?.format === 'mlflow' ? this.source.runs : [];
    const name = runs.length === 1 ? runs[0]!.name : undefined;
    return name && name !== this.fileTitle ? `${name} · ${this.fileTitle}` : this.fileTitle;
  }

  /** The settings that apply to this session's file (a folder's own in a multi-root workspace). */
  settings(): Settings {
    return this.deps.settings(this.path || undefined);
  }

  /** What the forecast of the first selected curve works from (its input read once per source read). */
  forecastContext(): ForecastContext {
    const ref = this.selectedRefs()[0];
    const s = this.settings();
    const input = ref && this.source && this.columns ? this.forecastInputs.of(this.source, ref, this.columns.x) : undefined;
    return {
      input,
      bootstrap: FORECAST_BOOTSTRAP,
      ...(s.fitWarmup ? { keepWarmup: true } : {}),
      ...(s.targetLoss !== undefined ? { settingTargetLoss: s.targetLoss } : {}),
      ...(s.warnBelowProbability !== undefined ? { warnBelow: s.warnBelowProbability } : {}),
    };
  }

  /** Takes a (re)read source, with its sweeps across sized runs; keeps columns and selection when they still apply. */
  setSource(read: SourceData): void {
    const source = withSizeSweep(read);
    this.source = source;
    this.warmupEnds.clear();
    this.pointCache.markOld();
    const kinds = xKindsOf(source);
    const keys = yKeysOf(source);
    if (!this.columns || !kinds.includes(this.columns.x) || !keys.includes(this.columns.y)) this.columns = guessColumns(source);
    else if (this.watching && !this.picked) {
      // a watch begun before the first eval opened on the train loss: it follows the series it
      // would open on now (the val loss, once it has points enough), until the user picks one
      const now = guessColumns(source);
      if (now && now.y !== this.columns.y && !forecastHoldsSeries(source, now.y, this.forecast.wanted(this.forecastContext()))) {
        this.columns = now;
        this.forgetCurves();
      }
    }
    if (this.parseOrUndefined(1) === undefined) this.defaultTarget();
    this.refreshCurves();
  }

  private defaultTarget(): void {
    this.targetText = this.settings().target;
    this.targetTyped = false;
  }

  get columnsPicked(): boolean {
    return this.picked;
  }

  /** The user's pick of columns (the panel's x and y). */
  selectColumns(x: string, y: string): void {
    this.setColumns(x, y, true);
  }

  /**
   * A restored panel's saved columns. A pick stays a pick. A guess saved by a watch is guessed again
   * from the log as read now (the first read did): it follows the val loss as it would have without
   * the reload; a panel not watching shows the columns it showed.
   */
  restoreColumns(x: string, y: string, picked: boolean): void {
    if (!picked && this.watching) return;
    this.setColumns(x, y, picked);
  }

  private setColumns(x: string, y: string, picked: boolean): void {
    if (!this.source) return;
    const kinds = xKindsOf(this.source);
    const keys = yKeysOf(this.source);
    if (!kinds.includes(x as XKind) || !keys.includes(y)) throw new Error(`no column "${x}" / "${y}" in ${this.title}`);
    this.columns = { x: x as XKind, y };
    this.picked = picked;
    // "300B tokens" is no step: back to the default rather than no prediction
    if (this.parseOrUndefined(1) === undefined) this.defaultTarget();
    this.forgetCurves();
    this.refreshCurves();
  }

  /** New columns: the curves chosen and drawn for the old ones go. */
  private forgetCurves(): void {
    this.selected = [];
    this.pointCache.clear();
    this.backtest = undefined;
  }

  selectCurves(ids: readonly string[]): void {
    const known = new Set(this.curves.map((c) => c.id));
    const next = ids.filter((id) => known.has(id)).slice(0, MAX_OVERLAY);
    if (next.length > 0) {
      if (next[0] !== this.selected[0]) this.backtest = undefined;
      this.selected = next;
    }
  }

  setTarget(text: string): void {
    // validate now so a bad target is reported where it was typed
    const unnamed = unnamedReach(text, this.columns?.y);
    if (unnamed !== undefined) throw new ScalingLensError('bad-argument', unnamed);
    parseTarget(text, this.maxX() ?? 1, this.columns?.x);
    this.targetText = text.trim();
    this.targetTyped = true;
  }

  private refreshCurves(): void {
    this.curves = this.source && this.columns ? listCurves(this.source, this.columns) : [];
    const known = new Set(this.curves.map((c) => c.id));
    this.selected = this.selected.filter((id) => known.has(id));
    if (this.selected.length === 0 && this.curves.length > 0) this.selected = defaultSelection(this.curves);
  }

  selectedRefs(): CurveRef[] {
    return this.selected.map((id) => this.curves.find((c) => c.id === id)).filter((c): c is CurveRef => !!c);
  }

  points(ref: CurveRef): CurveData {
    if (!this.source || !this.columns) return { points: [] };
    return this.pointCache.of(ref, this.source, this.columns.x, this.settings().smoothing);
  }

  /** The curve's points as logged, before `smoothing`: what "the log got there" is about. */
  loggedPoints(ref: CurveRef): readonly Point[] {
    this.points(ref);
    return this.pointCache.logged(ref);
  }

  /** Largest positive x of one curve (points are in x order). */
  maxXOf(ref: CurveRef): number | undefined {
    const pts = this.points(ref).points;
    for (let i = pts.length - 1; i >= 0; i--) if (pts[i]!.x > 0) return pts[i]!.x;
    return undefined;
  }

  /** Largest observed x over the selected curves (what `10x` multiplies in the predict prompt). */
  maxX(): number | undefined {
    let max: number | undefined;
    for (const ref of this.selectedRefs()) {
      const m = this.maxXOf(ref);
      if (m !== undefined && (max === undefined || m > max)) max = m;
    }
    return max;
  }

  /** The target as an x value for the first selected curve. */
  target(): number | undefined {
    const ref = this.selectedRefs()[0];
    return ref ? this.targetFor(ref) : this.parseOrUndefined(this.maxX());
  }

  /**
   * The target for one curve: a relative target (10x) is ten times that curve's own largest x;
   * while that is the untyped default, the end of a schedule set for the curve shown (see scheduleEndOf).
   */
  targetFor(ref: CurveRef): number | undefined {
    return this.scheduleEndOf(ref)?.x ?? this.parseOrUndefined(this.maxXOf(ref));
  }

  /**
   * The end of the schedule set on the panel (Set Schedule) when the laws predict there: the one
   * curve shown is the run it was set for and the target is the untyped default multiple, which
   * would slide past the end with every new step (the status bar's rule, watchPredictionEnd). A
   * typed target is the user's question and stays; the log's or config's planned length alone
   * leaves the target as it is, with its caution.
   */
  scheduleEndOf(ref: CurveRef): PlannedEnd | undefined {
    const total = this.forecast.specTotal;
    if (total === undefined || this.selected.length !== 1) return undefined;
    const input = this.forecastContext().input;
    if (input?.curveId !== ref.id) return undefined;
    return watchPredictionEnd({ end: plannedEnd(input, total), lastX: this.maxXOf(ref), typed: this.targetTyped, relative: isRelativeTarget(this.targetText) });
  }

  /** "10x (720K steps)", or at a set schedule's end "the schedule's end (72K steps)". */
  targetLabelOf(c: { readonly targetText: string; readonly atScheduleEnd?: true }, x: number): string {
    return c.atScheduleEnd ? `the schedule's end (${targetLabel('', x, this.columns?.x)})` : targetLabel(c.targetText, x, this.columns?.x);
  }

  private parseOrUndefined(current: number | undefined): number | undefined {
    try {
      return parseTarget(this.targetText, current, this.columns?.x).value;
    } catch {
      return undefined;
    }
  }

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
    return fitKeyOf(this.columns, data, options);
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
    return this.selectedRefs().some((ref) => !this.fitIsCurrent(ref) && !this.fits.hasError(ref.id));
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
    return law && report.fit ? lateFallOf(a, law, report.fit.params) : undefined;
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

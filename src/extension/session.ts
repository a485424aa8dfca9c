// One open data source in the panel: what was read, which columns and curves are chosen, the
// target, and the latest analysis of each selected curve. Turns all of it into PanelData.
// No vscode import: the analysis function is injected, so the host decides where fits run.
import type { AnalyzeOptions, CurveAnalysis, EstimatorReport, Point } from '../core/analysis';
import { ScalingLensError, type Law } from '../core/types';
import { parseTarget, targetLabel, targetMultiple } from '../core/units';
import { axisNoun, unnamedReach } from '../core/targetText';
import { withSizeSweep } from '../ingest/model/sizeSweep';
import { warmupStartOf, type WarmupStart } from '../ingest/model/warmupStart';
import { DEFAULT_LEVEL } from '../core/calibrate';
import { maxBy } from '../core/arrayStats';
import { lossReach, reachFromLog, reachGridOf, type LossReach } from '../core/reach';
import type { SeriesData, SourceData, XKind } from '../ingest/model/model';
import { X_KIND_LABELS, type BacktestView, type BenchmarkView, type PanelData, type PanelNotice, type PlanView, type PredictionView } from '../shared/protocol';
import { liveStatusText, type LiveFacts } from './live/statusText';
import { latestLevel } from './live/latestLevel';
import { decayCaution } from './model/decayCaution';
import { nonPositiveWarning } from './model/nonPositiveWarning';
import { atPlannedEnd, pastPlannedEnd, pastPlannedEndX, plannedEnd, plannedEndMarker, type PlannedEnd } from './model/plannedEnd';
import { watchPredictionEnd, watchReachedEnd } from './live/watchTarget';
import { forecastInputOf, type ForecastInput } from './model/forecastInput';
import { forecastReach, type ForecastReach } from './model/forecastReach';
import { FORECAST_BOOTSTRAP, ForecastState, type ForecastContext, type ForecastFn } from './model/forecastState';
import { divergedForecast, forecastHeadline, forecastSeries, forecastShown, forecastView } from './model/forecastView';
import { runConfigLine } from './model/runConfigText';
import { finishedRunsHint } from './model/finishedRunsHint';
import { sweepPlanHint } from './model/sweepPlanHint';
import { sweepHeadline } from './model/sweepHeadline';
import { sweepOutlierNotes } from './model/sweepOutliers';
import { divergedTail, nonFiniteTail } from '../ingest/model/divergedTail';
import { nonFiniteInside } from '../ingest/model/nonFiniteInside';
import { noFitNotice } from './model/noFitNotice';
import { cautionOf, outsideOf, reachedNow, trustOf } from './model/predictionNotes';
import { displaySplit, staleSplit } from './model/displaySplit';
import { FORMAT_FLAG_HINT } from '../ingest/text/sniff';
import { xLabelOf } from '../ingest/model/epochsCompleted';
import { lateFallOf } from '../core/lateFall';
import { acrossSizesCautionOf, acrossSizesHint, curveDataOf, extendCurveData, guessColumns, type CurveDataBuild, listCurves, smoothLog, xKindsOf, yKeysOf, type Columns, type CurveRef } from './model/curves';
import { buildChart, buildTable, chosenReport, predictionAt, predictionGrid, type AnalyzedCurve } from './panel/viewModel';
import { MAX_OVERLAY, defaultSelection, relativeTargetMarkers } from './model/overlay';
import type { Settings } from './settings';

/** Where a curve reaches a loss, and by which estimator (the Predict box's "when does the loss reach 2.5?"). */
export interface ReachAnswer extends LossReach {
  readonly curve: string;
  /** The law whose fit answered; absent when the log itself did (a loss it already got to). */
  readonly law?: string;
  readonly lawName?: string;
}

/** The part of vscode.CancellationToken the session needs (kept structural so tests need no vscode). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type AnalyzeFn = (points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>, token?: CancelToken) => Promise<CurveAnalysis>;

export interface SessionDeps {
  readonly analyze: AnalyzeFn;
  /** The settings that apply to `file` (a folder's own settings in a multi-root workspace). */
  readonly settings: (file?: string) => Settings;
  readonly lawOf: (id: string) => Law | undefined;
  readonly knownLaws: () => readonly string[];
  /** The one-input learning-curve laws (M1–M4, BNSL 0–3). */
  readonly curveLaws: () => readonly string[];
  /** Metric bound from the run's metadata (the benchmark's IC and BB domains are error rates: 1). */
  readonly upperBoundOf?: (meta: Record<string, string | number> | undefined) => number | undefined;
  /** Runs a schedule-aware forecast (the fit worker); without it the panel has no forecast. */
  readonly forecast?: ForecastFn;
}

export { MAX_OVERLAY };

interface CachedAnalysis {
  readonly key: string;
  readonly analysis: CurveAnalysis;
  /** The x its predictions were asked at (a relative target moves as the data grow). */
  readonly target: number | undefined;
  readonly targetText: string;
  readonly points: number;
  /** Fitted without the bootstrap: shown while the intervals are computed (a tenth of the time first). */
  readonly partial?: true;
  /** `target` is the end of the schedule set on the panel, not the default multiple `targetText` says. */
  readonly atScheduleEnd?: true;
}

/** What the headline says while a first fit's intervals are still being computed. */
export const INTERVALS_PENDING = 'The interval follows: each law is refitted on resampled points.';

type CurveData = { points: Point[]; trainMask?: boolean[] };

/** "10x", "2.5 x", "loss at 10x data?": a target relative to the largest observed x of each curve. */
export function isRelativeTarget(text: string): boolean {
  return targetMultiple(text) !== undefined;
}

/** A reader's note as the editor says it: the CLI's --format hint left out (the editor has no such option). */
export function inEditorWords(message: string): string {
  return message.replace(FORMAT_FLAG_HINT, '');
}

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
  /** The columns were picked (the panel, a restored panel's saved ones), not guessed: a watch keeps them. */
  private columnsPicked = false;
  notice: PanelNotice | undefined;
  /** Estimators to fit; undefined = the scalingLens.estimators setting. */
  laws: readonly string[] | undefined;
  /** The schedule-aware forecast of the first selected curve: spec, prior, what-if, target, result. */
  readonly forecast: ForecastState;
  private fcInput: { source: SourceData; id: string; x: string; input: ForecastInput | undefined } | undefined;
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly warmupEnds = new Map<string, { x: XKind; end: WarmupStart | undefined }>();
  private readonly errors = new Map<string, string>();
  /**
   * Points per curve id (sorting a long series once, not per render). Entries of an earlier read
   * of the source stay (`fresh` false) so a grown log extends them instead of rebuilding.
   */
  private readonly pointCache = new Map<string, { smoothing: number; build: CurveDataBuild; data: CurveData; fresh: boolean }>();

  constructor(
    readonly path: string,
    private readonly fileTitle: string,
    private readonly deps: SessionDeps,
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
  private settings(): Settings {
    return this.deps.settings(this.path || undefined);
  }

  /** What the forecast of the first selected curve works from (its input read once per source read). */
  forecastContext(): ForecastContext {
    const ref = this.selectedRefs()[0];
    const s = this.settings();
    let input: ForecastInput | undefined;
    if (ref && this.source && this.columns) {
      const c = this.fcInput;
      if (c && c.source === this.source && c.id === ref.id && c.x === this.columns.x) input = c.input;
      else {
        input = forecastInputOf(this.source, ref, this.columns.x);
        this.fcInput = { source: this.source, id: ref.id, x: this.columns.x, input };
      }
    }
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
    for (const e of this.pointCache.values()) e.fresh = false;
    const kinds = xKindsOf(source);
    const keys = yKeysOf(source);
    if (!this.columns || !kinds.includes(this.columns.x) || !keys.includes(this.columns.y)) this.columns = guessColumns(source);
    else if (this.watching && !this.columnsPicked) {
      // a watch begun before the first eval opened on the train loss: it follows the series it
      // would open on now (the val loss, once it has points enough), until the user picks one
      const now = guessColumns(source);
      if (now && now.y !== this.columns.y) {
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

  selectColumns(x: string, y: string): void {
    if (!this.source) return;
    const kinds = xKindsOf(this.source);
    const keys = yKeysOf(this.source);
    if (!kinds.includes(x as XKind) || !keys.includes(y)) throw new Error(`no column "${x}" / "${y}" in ${this.title}`);
    this.columns = { x: x as XKind, y };
    this.columnsPicked = true;
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

  private selectedRefs(): CurveRef[] {
    return this.selected.map((id) => this.curves.find((c) => c.id === id)).filter((c): c is CurveRef => !!c);
  }

  points(ref: CurveRef): CurveData {
    if (!this.source || !this.columns) return { points: [] };
    const smoothing = this.settings().smoothing;
    const hit = this.pointCache.get(ref.id);
    if (hit && hit.fresh && hit.smoothing === smoothing) return hit.data;
    const build = hit ? extendCurveData(hit.build, this.source, ref, this.columns.x) : curveDataOf(this.source, ref, this.columns.x);
    const raw = build.data;
    const data = smoothing > 0 ? { ...raw, points: smoothLog(raw.points, smoothing) } : raw;
    this.pointCache.set(ref.id, { smoothing, build, data, fresh: true });
    return data;
  }

  /** The curve's points as logged, before `smoothing`: what "the log got there" is about. */
  private loggedPoints(ref: CurveRef): readonly Point[] {
    this.points(ref);
    return this.pointCache.get(ref.id)?.build.data.points ?? [];
  }

  /** Largest positive x of one curve (points are in x order). */
  private maxXOf(ref: CurveRef): number | undefined {
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
  private scheduleEndOf(ref: CurveRef): PlannedEnd | undefined {
    const total = this.forecast.specTotal;
    if (total === undefined || this.selected.length !== 1) return undefined;
    const input = this.forecastContext().input;
    if (input?.curveId !== ref.id) return undefined;
    return watchPredictionEnd({ end: plannedEnd(input, total), lastX: this.maxXOf(ref), typed: this.targetTyped, relative: isRelativeTarget(this.targetText) });
  }

  /** "10x (720K steps)", or at a set schedule's end "the schedule's end (72K steps)". */
  private targetLabelOf(c: { readonly targetText: string; readonly atScheduleEnd?: true }, x: number): string {
    return c.atScheduleEnd ? `the schedule's end (${targetLabel('', x, this.columns?.x)})` : targetLabel(c.targetText, x, this.columns?.x);
  }

  private parseOrUndefined(current: number | undefined): number | undefined {
    try {
      return parseTarget(this.targetText, current, this.columns?.x).value;
    } catch {
      return undefined;
    }
  }

  private lawIds(): string[] {
    const known = new Set(this.deps.knownLaws());
    const wanted = this.laws ?? this.settings().estimators;
    const ids = wanted.filter((id) => known.has(id));
    return ids.length > 0 ? ids : [...this.deps.curveLaws()];
  }

  /** The laws fitted, for the back-test view. */
  fittedLawIds(): string[] {
    return this.lawIds();
  }

  upperBoundOf(ref: CurveRef, data: CurveData = this.points(ref)): number | undefined {
    const fromMeta = this.deps.upperBoundOf?.(this.source?.runs[ref.runIndex]?.meta);
    return fromMeta ?? (/err|acc/i.test(ref.key) && data.points.every((p) => p.y <= 1) ? 1 : undefined);
  }

  /** Where a log's fit starts: past its LR warmup, logged or stated in its config (core/warmup.ts); undefined for a sweep's curves or a log without one. */
  private warmupEndOf(ref: CurveRef): WarmupStart | undefined {
    const run = this.source?.runs[ref.runIndex];
    const series = run?.series.find((s) => s.key === ref.key);
    if (!run || !series || !this.columns || ref.slice) return undefined;
    // asked for on every refit check: read the LR once per source read (setSource clears it) and x axis
    const memo = this.warmupEnds.get(ref.id);
    if (memo && memo.x === this.columns.x) return memo.end;
    const end = warmupStartOf(run, series, this.columns.x);
    this.warmupEnds.set(ref.id, { x: this.columns.x, end });
    return end;
  }

  private optionsFor(ref: CurveRef, data: CurveData): Omit<AnalyzeOptions, 'isCancelled'> {
    const s = this.settings();
    const target = this.targetFor(ref);
    const upperBound = this.upperBoundOf(ref, data);
    const warmup = data.trainMask || s.fitWarmup ? undefined : this.warmupEndOf(ref);
    return {
      laws: this.lawIds(),
      targets: predictionGrid(data.points, target),
      bootstrap: s.bootstrapSamples,
      seed: 1,
      ...(warmup ? { fitFrom: warmup.at, fitFromSource: warmup.from } : {}),
      ...(data.trainMask ? { trainMask: data.trainMask } : s.holdoutFraction > 0 ? { holdoutFrac: s.holdoutFraction } : {}),
      ...(upperBound !== undefined ? { upperBound } : {}),
    };
  }

  private keyOf(data: CurveData, options: Omit<AnalyzeOptions, 'isCancelled'>): string {
    const { trainMask, ...rest } = options;
    return JSON.stringify([this.columns, data.points.length, data.points[data.points.length - 1], rest, trainMask ? trainMask.filter(Boolean).length : -1]);
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
    return this.selectedRefs().some((ref) => !this.fitIsCurrent(ref) && !this.errors.has(ref.id));
  }

  /** The curve's cached analysis is of its current data and options, intervals included. */
  private fitIsCurrent(ref: CurveRef): boolean {
    const cached = this.analyses.get(ref.id);
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
   * `onPointFits`, curves that show no fit yet get their fits without the bootstrap first (about a
   * tenth of the time; `onPointFits` is called then), and their intervals after; a curve that
   * shows a fit keeps it, marked stale, until the whole refit lands.
   */
  async refitLaws(token?: CancelToken, onPointFits?: () => void): Promise<void> {
    const due = this.selectedRefs().filter((ref) => !this.fitIsCurrent(ref));
    const bare = onPointFits && this.settings().bootstrapSamples > 0 ? due.filter((ref) => !this.analyses.has(ref.id)) : [];
    for (const ref of bare) if (!(await this.analyzeInto(ref, token, true))) return;
    if (bare.length > 0) onPointFits?.();
    for (const ref of due) if (!(await this.analyzeInto(ref, token, false))) return;
  }

  /** Analyses one curve into the cache (its error into errors); false when cancelled. */
  private async analyzeInto(ref: CurveRef, token: CancelToken | undefined, partial: boolean): Promise<boolean> {
    if (token?.isCancellationRequested) return false;
    const data = this.points(ref);
    const options = this.optionsFor(ref, data);
    const key = this.keyOf(data, options);
    // the target the fit is asked for, read now: a log that grows while it runs moves a relative
    // target (10x) on, and the fit's predictions are at this one
    const target = this.targetFor(ref);
    const targetText = this.targetText;
    const atScheduleEnd = this.scheduleEndOf(ref) !== undefined;
    try {
      const analysis = await this.deps.analyze(data.points, partial ? { ...options, bootstrap: 0 } : options, token);
      this.analyses.set(ref.id, { key, analysis, target, targetText, points: data.points.length, ...(partial ? { partial } : {}), ...(atScheduleEnd ? { atScheduleEnd } : {}) });
      this.errors.delete(ref.id);
    } catch (err) {
      if (token?.isCancellationRequested) return false;
      if (err instanceof Error && err.name === 'CancelledError') throw err;
      this.analyses.delete(ref.id);
      this.errors.set(ref.id, err instanceof Error ? err.message : String(err));
    }
    return true;
  }

  /** The last reach answer made the target, shown with the prediction while that target stands; `dataEnd` the data's last x then. */
  reached: { readonly curve: string; readonly targetText: string; readonly text: string; readonly dataEnd: number; readonly x: number } | undefined;

  /**
   * Where a curve reaches `loss`: its analysis as the panel makes it (laws, warmup, bootstrap and
   * calibrated intervals) with predictions on the reach grid instead of the target's (core/reach.ts).
   */
  async reach(curveId: string, loss: number, token?: CancelToken): Promise<ReachAnswer | undefined> {
    const ref = this.curves.find((c) => c.id === curveId);
    const data = ref && this.points(ref);
    if (!ref || !data || data.points.length === 0) return undefined;
    const dataEnd = maxBy(data.points, (p) => p.x);
    // a loss the log already got to is the log's to answer, with no fit (the CLI's rule too)
    const logged = reachFromLog(this.loggedPoints(ref), loss, dataEnd);
    if (logged) return { curve: ref.label, ...logged };
    const opts = this.optionsFor(ref, data);
    const grid = reachGridOf(data.points, opts.fitFrom);
    const analysis = await this.deps.analyze(data.points, { ...opts, targets: grid }, token);
    const report = chosenReport(analysis);
    if (!report?.fit) return undefined;
    const name = this.deps.lawOf(report.law)?.name;
    return { curve: ref.label, law: report.law, ...(name ? { lawName: name } : {}), ...lossReach(report.predictions, loss, dataEnd) };
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
    return this.analyses.get(id)?.analysis;
  }

  /** Fitted when the analysis is of the current data; else the older fit over the current points. */
  private analyzedSelection(): (AnalyzedCurve & { target: number | undefined; targetText: string; atScheduleEnd?: true; stale: boolean; fittedOn: number })[] {
    const s = this.settings();
    return this.selectedRefs().map((ref) => {
      const data = this.points(ref);
      const cached = this.analyses.get(ref.id);
      if (cached) {
        const stale = cached.key !== this.keyOf(data, this.optionsFor(ref, data));
        // an older fit stays on screen (marked stale) over the newest points until its refit lands
        const analysis = stale ? { ...cached.analysis, ...staleSplit(data, s.holdoutFraction, cached.analysis) } : cached.analysis;
        return { id: ref.id, label: ref.label, analysis, target: cached.target, targetText: cached.targetText, ...(cached.atScheduleEnd ? { atScheduleEnd: true as const } : {}), stale, fittedOn: cached.points };
      }
      // not fitted (too few points, fit error, still running): show the data alone
      const error = this.errors.get(ref.id);
      return {
        id: ref.id,
        label: ref.label,
        analysis: { ...displaySplit(data, s.holdoutFraction), estimators: [], auto: null, warnings: error ? [error] : [] },
        target: this.targetFor(ref),
        targetText: this.targetText,
        ...(this.scheduleEndOf(ref) ? { atScheduleEnd: true as const } : {}),
        stale: false,
        fittedOn: 0,
      };
    });
  }

  /** The loss falling away below the chosen fit at the end of the data (core/lateFall.ts), said. */
  private fallingAway(a: CurveAnalysis, report: EstimatorReport): string | undefined {
    const law = this.deps.lawOf(report.law);
    return law && report.fit ? lateFallOf(a, law, report.fit.params) : undefined;
  }

  /** That the run's loss turned NaN or infinite to the end of its log (it diverged), as the CLI says it. */
  private divergedOf(ref: CurveRef): string | undefined {
    const x = this.columns?.x;
    const s = this.wholeSeriesOf(ref);
    // the panel fits every point it draws: the climb is in the fit
    return x && s?.x[x] ? divergedTail(s, x, this.points(ref).points, ref.key, () => 'the laws are fitted to the climb too, and carry it on') : undefined;
  }

  /** That the run's loss was NaN or infinite at points inside its log (left out of the fit, as in the CLI). */
  private nonFiniteInsideOf(ref: CurveRef): string | undefined {
    const x = this.columns?.x;
    const s = this.wholeSeriesOf(ref);
    return x && s ? nonFiniteInside(s, x, ref.key)?.text : undefined;
  }

  /** The logged series a curve draws, when it draws all of it (not one slice of a table). */
  private wholeSeriesOf(ref: CurveRef): SeriesData | undefined {
    return ref.slice ? undefined : this.source?.runs[ref.runIndex]?.series.find((q) => q.key === ref.key);
  }

  /** The chosen estimator's prediction at the target of its last fit, for one curve. */
  predict(curveId?: string): PredictionView | undefined {
    const ref = this.curves.find((c) => c.id === (curveId ?? this.selected[0]));
    const cached = ref && this.analyses.get(ref.id);
    const target = cached?.target;
    if (!ref || !cached || target === undefined) return undefined;
    const report = chosenReport(cached.analysis);
    const cell = report && predictionAt(report, target);
    if (!report || !cell) return undefined;
    const name = this.deps.lawOf(report.law)?.name;
    const ctx = this.forecastContext();
    const own = ctx.input?.curveId === ref.id ? ctx.input : undefined;
    // the cautions point at the Forecast block only when it has a forecast to show
    const shown = own !== undefined && forecastShown(this.forecast, ctx);
    const past = pastPlannedEnd(own, cell.x, own ? this.forecast.specTotal : undefined, shown);
    const schedule = [decayCaution(own, shown), past?.caution].filter((w) => w !== undefined).join('; ') || undefined;
    const endTarget = past?.endTarget;
    const across = this.source && acrossSizesCautionOf(this.source, ref);
    return {
      curve: ref.label,
      targetText: this.targetText,
      // named as the question the fit answered (it may be older than the text typed since)
      targetLabel: this.targetLabelOf(cached, cell.x),
      x: cell.x,
      y: cell.y,
      law: report.law,
      ...(name ? { lawName: name } : {}),
      ...(cell.lo !== undefined && cell.hi !== undefined ? { lo: cell.lo, hi: cell.hi, level: DEFAULT_LEVEL } : {}),
      ...trustOf(report, cell.x, DEFAULT_LEVEL, this.settings().smoothing > 0),
      ...(cached.partial ? { intervalNote: INTERVALS_PENDING } : {}),
      ...cautionOf(cached.analysis, cell.x, schedule, across, this.divergedOf(ref), this.fallingAway(cached.analysis, report), outsideOf(cached.analysis, cell.x, this.columns?.x)),
      ...(endTarget !== undefined ? { endTarget } : {}),
      ...(report.fit && !report.fit.converged ? { unconverged: report.fit.reason } : {}),
      ...(this.reached?.curve === ref.id && this.reached.targetText === this.targetText ? { reached: reachedNow(this.reached, this.points(ref).points) } : {}),
    };
  }

  /**
   * The headline prediction: the shown curve Predict chose, else the only curve shown, so a fit
   * always leads with its number. Follows the current target (never keeps an older one).
   */
  get prediction(): PredictionView | undefined {
    const id = this.predictionCurve();
    if (id === undefined) return undefined;
    const ref = this.curves.find((c) => c.id === id);
    const cached = this.analyses.get(id);
    return ref && cached && this.fitAnswersTarget(ref, cached) ? this.predict(id) : undefined;
  }

  /** The curve the headline predicts for: the shown curve Predict chose, else the only curve shown. */
  private predictionCurve(): string | undefined {
    const chosen = this.predictionFor !== undefined && this.selected.includes(this.predictionFor) ? this.predictionFor : undefined;
    return chosen ?? (this.selected.length === 1 ? this.selected[0] : undefined);
  }

  /**
   * The cached fit answers the current target: typed alike, or come to the same x in other words
   * ("10x", then "loss at 10x data?"): such a retyping leaves nothing to refit, so a text compare
   * alone would hide the headline for good.
   */
  private fitAnswersTarget(ref: CurveRef, cached: CachedAnalysis): boolean {
    return cached.targetText === this.targetText || (cached.target !== undefined && cached.target === this.targetFor(ref));
  }

  xLabel(): string {
    if (!this.columns) return 'x';
    const { x, y } = this.columns;
    return this.ownXLabel(x, y) ?? X_KIND_LABELS[x]!;
  }

  /** How the log names the x kind `x` of the series `y` (Keras' epochs: "epochs completed"), when it names it its own way. */
  private ownXLabel(x: XKind, y: string): string | undefined {
    return this.source && xLabelOf(this.source.runs.flatMap((r) => r.series.filter((s) => s.key === y)), x);
  }

  /** The x choices the log names its own way, for the panel's x dropdown. */
  private ownXLabels(): { xLabels?: Record<string, string> } {
    if (!this.source || !this.columns) return {};
    const y = this.columns.y;
    const own = xKindsOf(this.source).flatMap((k) => {
      const l = this.ownXLabel(k, y);
      return l ? [[k, l] as const] : [];
    });
    return own.length > 0 ? { xLabels: Object.fromEntries(own) } : {};
  }

  panelData(): PanelData {
    const s = this.settings();
    const analyzed = this.analyzedSelection();
    const pointsOf = (id: string) => this.curves.find((r) => r.id === id)?.points ?? 0;
    const single = analyzed.length === 1;
    const relative = isRelativeTarget(this.targetText);
    // one target line serves a single curve or an absolute target; a relative target over several
    // curves is each curve's own (10x of its own data), drawn in that curve's colour
    const sharedTarget = single || !relative ? (analyzed[0]?.target ?? this.target()) : undefined;
    const viewOpts = {
      xLabel: this.xLabel(),
      yLabel: this.columns?.y ?? 'y',
      lawOf: this.deps.lawOf,
      maxPoints: s.maxChartPoints,
      ...(sharedTarget !== undefined ? { target: sharedTarget, ...(single && analyzed[0]?.atScheduleEnd ? { targetName: "the schedule's end" } : {}) } : {}),
    };
    const warnings = (this.source?.warnings ?? []).slice(0, 20).map((w) => `${w.file}${w.line ? `:${w.line}` : ''}: ${inEditorWords(w.message)}`);
    // a watch waiting for its run's first points is no source without series
    if (this.source && !this.columns && !(this.watching && this.nothingRead())) warnings.unshift(NO_SERIES);
    if (this.source) warnings.push(...sweepOutlierNotes(this.source, this.columns));
    for (const ref of this.selectedRefs()) {
      const diverged = this.divergedOf(ref);
      if (diverged) warnings.push(`${ref.label}: ${diverged}`);
      const inside = this.nonFiniteInsideOf(ref);
      if (inside) warnings.push(`${ref.label}: ${inside}`);
    }
    const yName = this.columns?.y ?? 'y';
    const unusable = this.selectedRefs()
      .map((ref) => nonPositiveWarning(ref.label, yName, this.points(ref).points))
      .filter((w): w is string => w !== undefined);
    const noFit = unusable.length === 0 ? noFitNotice(analyzed) : undefined;
    const notice = this.notice ?? (unusable.length > 0 ? { text: unusable.join(' ') } : noFit ? { text: noFit } : this.source && (finishedRunsHint(this.source) ?? sweepPlanHint(this.source) ?? acrossSizesHint(this.source, this.columns)));
    let chart = analyzed.length > 0 && unusable.length < analyzed.length ? buildChart(analyzed, viewOpts) : undefined;
    const fcCtx = this.forecastContext();
    // a run that diverged gets no P(final < target) nor a back-test of a forecast it will not reach
    const fcRef = this.selectedRefs().find((r) => r.id === fcCtx.input?.curveId);
    const fcSeriesData = fcRef ? this.wholeSeriesOf(fcRef) : undefined;
    const fcTail = fcSeriesData ? nonFiniteTail(fcSeriesData, 'step') : undefined;
    const forecast = divergedForecast(forecastView(this.forecast, fcCtx), fcTail?.diverged ? fcTail.fromX : undefined);
    const fcSeries = chart ? forecastSeries(this.forecast, fcCtx) : [];
    if (chart && fcSeries.length > 0) chart = { ...chart, series: [...chart.series, ...fcSeries] };
    if (chart && !single && relative) {
      chart = { ...chart, markers: [...chart.markers, ...relativeTargetMarkers(analyzed, `${targetMultiple(this.targetText)}x`)] };
    }
    const end = single && fcCtx.input?.curveId === analyzed[0]?.id ? plannedEndMarker(fcCtx.input, this.forecast.specTotal) : undefined;
    if (chart && end) chart = { ...chart, markers: [...chart.markers, end] };
    const stale = analyzed.filter((c) => c.stale);
    // the same points: a new target (or setting), answered from the fits kept, not new data
    const samePoints = stale.every((c) => c.fittedOn === pointsOf(c.id));
    const staleLine =
      stale.length === 0
        ? undefined
        : samePoints
          ? stale.some((c) => c.targetText !== this.targetText)
            ? `Predicting at ${this.targetText}…`
            : 'Refitting with the new settings…'
          : `Fit from ${stale.map((c) => `${c.fittedOn} points`).join(', ')}; refitting with the newest ${stale.map((c) => pointsOf(c.id)).join(', ')}…`;
    const prediction = this.prediction;
    // a sweep opens with all its curves shown and so no one curve's prediction: its own result leads
    // (a curve whose prediction is on its way keeps the headline's place for it)
    const headline = this.predictionCurve() === undefined && this.source && this.columns ? sweepHeadline(this.source, this.columns.y) : undefined;
    return {
      title: this.title,
      source: this.path,
      curves: this.curves.map((c) => {
        const config = runConfigLine(this.source?.runs[c.runIndex]);
        return { id: c.id, label: c.label, points: c.points, ...(config ? { config } : {}) };
      }),
      selected: [...this.selected],
      ...(this.source && this.columns
        ? {
            columns: {
              x: xKindsOf(this.source),
              y: yKeysOf(this.source),
              selectedX: this.columns.x,
              selectedY: this.columns.y,
              ...this.ownXLabels(),
            },
          }
        : {}),
      ...(chart ? { chart } : {}),
      tables: analyzed.map((c) => {
        const t = buildTable(c, { lawOf: this.deps.lawOf, ...(c.target !== undefined ? { target: c.target } : {}) });
        return c.target !== undefined ? { ...t, targetX: c.target, targetLabel: this.targetLabelOf(c, c.target) } : t;
      }),
      ...(prediction ? { prediction } : {}),
      ...(this.plan ? { plan: this.plan } : {}),
      ...(this.benchmark ? { benchmark: this.benchmark } : {}),
      ...(this.live ? { live: this.live } : {}),
      ...(this.watching ? { watching: true } : {}),
      ...(staleLine ? { stale: staleLine } : {}),
      ...(notice ? { notice } : {}),
      ...(this.backtest ? { backtest: this.backtest } : {}),
      ...(forecast ? { forecast } : {}),
      ...(headline ? { sweepHeadline: headline } : {}),
      targetText: this.targetText,
      ...(this.targetTyped ? { targetTyped: true } : {}),
      warnings,
    };
  }

  /** What the status bar and the panel's live line say: latest value and forecast. */
  liveFacts(): LiveFacts | undefined {
    const ref = this.selectedRefs()[0];
    if (!ref || !this.columns) return undefined;
    const pts = this.points(ref).points;
    const latest = latestLevel(pts);
    const cached = this.analyses.get(ref.id);
    const ctx = this.forecastContext();
    const end = plannedEnd(ctx.input?.curveId === ref.id ? ctx.input : undefined, this.forecast.specTotal);
    // a run with a learning-rate schedule: its forecast to the end of the schedule is the headline
    const schedule = forecastHeadline(this.forecast, ctx);
    // else the laws, at the run's planned end rather than at a default 10x that slides past it
    const facts = { end, lastX: this.maxXOf(ref), typed: this.targetTyped, relative: isRelativeTarget(this.targetText) };
    const lawsEnd = schedule ? undefined : watchPredictionEnd(facts);
    // a run logged to its planned end has no loss further on: a default 10x would be past the end
    const ended = schedule ? undefined : watchReachedEnd(facts);
    const p = ended ? undefined : (schedule ?? (cached ? (lawsEnd ? this.predictAt(cached.analysis, lawsEnd.x) : this.predict(ref.id)) : undefined));
    const scheduleAtEnd = schedule && end && atPlannedEnd(schedule.x, end.x) ? end : undefined;
    const atEnd = scheduleAtEnd ? { step: scheduleAtEnd.step, where: scheduleAtEnd.where } : lawsEnd && p ? { step: lawsEnd.step, where: lawsEnd.where, instead: this.targetText } : undefined;
    const pastEnd = !atEnd && p && end && pastPlannedEndX(p.x, end.x) ? { step: end.step, where: end.where, target: this.targetText, typed: this.targetTyped } : undefined;
    const stale = schedule ? schedule.stale : cached ? cached.key !== this.keyOf(this.points(ref), this.optionsFor(ref, this.points(ref))) : false;
    // "at 389K steps", "at 3.1B tokens": an amount's plural noun ("389K step" read as a typo)
    const x = this.columns.x;
    const unit = x === 'samples' ? ' examples' : x === 'time' ? ' s' : x === 'index' ? '' : ` ${axisNoun(x) ?? x}`;
    const why = this.errors.get(ref.id) ?? (cached && !p ? 'no forecast yet' : undefined);
    const series = this.wholeSeriesOf(ref);
    const nonFinite = series ? nonFiniteTail(series, x) : undefined;
    return {
      yKey: this.columns.y,
      xUnit: unit,
      ...(latest ? { latest } : {}),
      ...(p ? { forecast: { x: p.x, y: p.y } } : {}),
      ...(p && schedule?.trust ? { forecastTrust: schedule.trust } : {}),
      ...(atEnd ? { atEnd } : {}),
      ...(pastEnd ? { pastEnd } : {}),
      ...(p && stale ? { stale: true } : {}),
      ...(cached?.analysis.upturn ? { rising: { fromX: cached.analysis.upturn.fromX, rise: cached.analysis.upturn.rise } } : {}),
      ...(nonFinite?.diverged ? { diverged: { fromX: nonFinite.fromX } } : nonFinite ? { lastNotFinite: { x: nonFinite.fromX } } : {}),
      ...(ended ? { noForecast: "the run's planned end" } : !p && why ? { noForecast: why.length > 40 ? `${why.slice(0, 40)}…` : why } : !p && !cached && latest ? { noForecast: 'first fit on its way' } : {}),
    };
  }

  /** The chosen estimator's point prediction at `x` (no interval: the status bar shows none). */
  private predictAt(a: CurveAnalysis, x: number): { x: number; y: number } | undefined {
    const report = chosenReport(a);
    const law = report?.fit ? this.deps.lawOf(report.law) : undefined;
    const y = law && report?.fit ? law.predict(report.fit.params, x) : NaN;
    return Number.isFinite(y) ? { x, y } : undefined;
  }

  /**
   * Why a watch shows no points, for its live line: a source read with no series against an x axis
   * (a CSV without a header row) says so and why, not "no points yet" as if more were coming. A
   * source with no value read at all (an empty file, a header alone, a folder the run has not
   * written to yet: a watch started before training logs) is waiting, not wrong.
   */
  noPointsLine(): string {
    if (!this.source || this.columns) return 'no points yet';
    const why = this.source.warnings[0]?.message;
    const because = why ? ` (${why})` : '';
    if (this.nothingRead()) return `no points yet${because}`;
    return `${NO_SERIES.toLowerCase().replace(/ was found in this source\.$/, '')}${because}`;
  }

  /** No value read at all: the source is empty, a header alone, or a folder with no log yet. */
  private nothingRead(): boolean {
    return this.source !== undefined && this.source.runs.every((r) => r.series.every((s) => s.y.length === 0));
  }

  /** One line for the status bar: "val_loss 2.412 @ 60M tokens → 2.118 at 600M". */
  statusLine(): string | undefined {
    const f = this.liveFacts();
    return f ? liveStatusText(f) : undefined;
  }
}

const NO_SERIES = 'No numeric series with an x axis was found in this source.';

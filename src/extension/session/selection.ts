// One open data source as the panel is pointed at it: what was read, the columns, curves and
// target chosen on it, and what its forecast works from. LensSession (../session.ts) adds the fits
// and what they turn into.
import type { Point } from '../../core/analysis';
import { risingYOf, type RisingY } from '../../core/accuracyFit';
import { ScalingLensError } from '../../core/types';
import { parseTarget, targetLabel } from '../../core/units';
import { unnamedReach } from '../../core/targetText';
import { withSizeSweep } from '../../ingest/model/sizeSweep';
import type { SourceData, XKind } from '../../ingest/model/model';
import type { BacktestView } from '../../shared/protocol';
import { plannedEnd, type PlannedEnd } from '../model/plannedEnd';
import { splitQuestion } from '../model/predictionText';
import { watchPredictionEnd } from '../live/watchTarget';
import { FORECAST_BOOTSTRAP, ForecastState, type ForecastContext } from '../model/forecastState';
import { guessColumns, listCurves, xKindsOf, yKeysOf, type Columns, type CurveRef } from '../model/curves';
import { MAX_OVERLAY, defaultSelection } from '../model/overlay';
import type { Settings } from '../settings';
import type { CurveData, SessionDeps } from './sessionDeps';
import { isRelativeTarget } from './texts';
import { ForecastInputs } from './forecastInputs';
import { forecastHoldsSeries } from './forecastHoldsSeries';
import { CurvePoints } from './curvePoints';
import { WarmupEnds } from './warmupEnds';

export class SessionSelection {
  source: SourceData | undefined;
  columns: Columns | undefined;
  curves: CurveRef[] = [];
  selected: string[] = [];
  targetText: string;
  /** The target was typed (panel, Predict, a reach answer, a saved panel's own) rather than the setting's default. */
  targetTyped = false;
  backtest: BacktestView | undefined;
  watching = false;
  /**
   * The user picked the columns (the panel's pickers, or a restored panel whose user had), not
   * guessed: a watch keeps them. Saved with the panel, so a reload does not turn a guess into a pick.
   */
  private picked = false;
  /** The schedule-aware forecast of the first selected curve: spec, prior, what-if, target, result. */
  readonly forecast: ForecastState;
  private readonly forecastInputs = new ForecastInputs();
  /** Where each curve's fit starts, past its LR warmup (read once per source read). */
  readonly warmupEnds = new WarmupEnds();
  private readonly pointCache = new CurvePoints();
  /** How each curve's points, as built, rise (read once per build: a long log is sorted to tell). */
  private readonly risings = new WeakMap<CurveData, { readonly y: string; readonly rising: RisingY | undefined }>();

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
      // the schedule laws are laws of a loss: an accuracy or a score that rises is not forecast by them (as the CLI's forecast refuses it)
      ...(ref && this.risingOf(this.points(ref)) ? { rises: true } : {}),
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
    const plan = splitQuestion(text);
    if (plan !== undefined) throw new ScalingLensError('bad-argument', plan);
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

  /**
   * How the curve's y rises (core/accuracyFit.ts): an accuracy is fitted as its error and read back,
   * another score that rises is not fitted (the panel's notice says why); undefined for a curve that falls.
   */
  risingOf(data: CurveData): RisingY | undefined {
    const y = this.columns?.y ?? '';
    const hit = this.risings.get(data);
    if (hit && hit.y === y) return hit.rising;
    const rising = risingYOf(y, data.points);
    this.risings.set(data, { y, rising });
    return rising;
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

}

// One open data source in the panel: what was read, which columns and curves are chosen, the
// target, and the latest analysis of each selected curve. Turns all of it into PanelData.
// No vscode import: the analysis function is injected, so the host decides where fits run.
import type { AnalyzeOptions, CurveAnalysis, Point } from '../core/analysis';
import type { Law } from '../core/types';
import { formatAmount, parseTarget } from '../core/units';
import type { SourceData, XKind } from '../ingest/model/model';
import type { BenchmarkView, PanelData, PlanView, PredictionView } from '../shared/protocol';
import { X_LABELS, curveData, guessColumns, listCurves, smoothLog, xKindsOf, yKeysOf, type Columns, type CurveRef } from './model/curves';
import { buildChart, buildTable, chosenReport, predictionAt, predictionGrid, type AnalyzedCurve } from './panel/viewModel';
import type { Settings } from './settings';

/** The part of vscode.CancellationToken the session needs (kept structural so tests need no vscode). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type AnalyzeFn = (points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>, token?: CancelToken) => Promise<CurveAnalysis>;

export interface SessionDeps {
  readonly analyze: AnalyzeFn;
  readonly settings: () => Settings;
  readonly lawOf: (id: string) => Law | undefined;
  readonly knownLaws: () => readonly string[];
  /** The one-input learning-curve laws (M1–M4, BNSL 0–3). */
  readonly curveLaws: () => readonly string[];
  /** Metric bound from the run's metadata (the benchmark's IC and BB domains are error rates: 1). */
  readonly upperBoundOf?: (meta: Record<string, string | number> | undefined) => number | undefined;
}

/** At most this many curves are fitted and overlaid at once. */
export const MAX_OVERLAY = 8;

interface CachedAnalysis {
  readonly key: string;
  readonly analysis: CurveAnalysis;
}

export class LensSession {
  source: SourceData | undefined;
  columns: Columns | undefined;
  curves: CurveRef[] = [];
  selected: string[] = [];
  targetText: string;
  prediction: PredictionView | undefined;
  plan: PlanView | undefined;
  benchmark: BenchmarkView | undefined;
  live: string | undefined;
  /** Estimators to fit; undefined = the scalingLens.estimators setting. */
  laws: readonly string[] | undefined;
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly errors = new Map<string, string>();

  constructor(
    readonly path: string,
    readonly title: string,
    private readonly deps: SessionDeps,
  ) {
    this.targetText = deps.settings().target;
  }

  /** Takes a (re)read source; keeps columns and selection when they still apply. */
  setSource(source: SourceData): void {
    this.source = source;
    const kinds = xKindsOf(source);
    const keys = yKeysOf(source);
    if (!this.columns || !kinds.includes(this.columns.x) || !keys.includes(this.columns.y)) this.columns = guessColumns(source);
    this.refreshCurves();
  }

  selectColumns(x: string, y: string): void {
    if (!this.source) return;
    const kinds = xKindsOf(this.source);
    const keys = yKeysOf(this.source);
    if (!kinds.includes(x as XKind) || !keys.includes(y)) throw new Error(`no column "${x}" / "${y}" in ${this.title}`);
    this.columns = { x: x as XKind, y };
    this.selected = [];
    this.refreshCurves();
  }

  selectCurves(ids: readonly string[]): void {
    const known = new Set(this.curves.map((c) => c.id));
    const next = ids.filter((id) => known.has(id)).slice(0, MAX_OVERLAY);
    if (next.length > 0) this.selected = next;
  }

  setTarget(text: string): void {
    // validate now so a bad target is reported where it was typed
    parseTarget(text, this.maxX() ?? 1);
    this.targetText = text.trim();
  }

  private refreshCurves(): void {
    this.curves = this.source && this.columns ? listCurves(this.source, this.columns) : [];
    const known = new Set(this.curves.map((c) => c.id));
    this.selected = this.selected.filter((id) => known.has(id));
    if (this.selected.length === 0 && this.curves.length > 0) this.selected = [this.curves[0]!.id];
  }

  private selectedRefs(): CurveRef[] {
    return this.selected.map((id) => this.curves.find((c) => c.id === id)).filter((c): c is CurveRef => !!c);
  }

  points(ref: CurveRef): { points: Point[]; trainMask?: boolean[] } {
    if (!this.source || !this.columns) return { points: [] };
    const data = curveData(this.source, ref, this.columns.x);
    const smoothing = this.deps.settings().smoothing;
    return smoothing > 0 ? { ...data, points: smoothLog(data.points, smoothing) } : data;
  }

  /** Largest observed x over the selected curves (what `10x` multiplies). */
  maxX(): number | undefined {
    let max: number | undefined;
    for (const ref of this.selectedRefs()) {
      for (const p of this.points(ref).points) if (p.x > 0 && (max === undefined || p.x > max)) max = p.x;
    }
    return max;
  }

  target(): number | undefined {
    try {
      return parseTarget(this.targetText, this.maxX()).value;
    } catch {
      return undefined;
    }
  }

  private lawIds(): string[] {
    const known = new Set(this.deps.knownLaws());
    const wanted = this.laws ?? this.deps.settings().estimators;
    const ids = wanted.filter((id) => known.has(id));
    return ids.length > 0 ? ids : [...this.deps.curveLaws()];
  }

  private optionsFor(ref: CurveRef, data: { points: Point[]; trainMask?: boolean[] }): Omit<AnalyzeOptions, 'isCancelled'> {
    const s = this.deps.settings();
    const target = this.target();
    const fromMeta = this.deps.upperBoundOf?.(this.source?.runs[ref.runIndex]?.meta);
    const upperBound = fromMeta ?? (/err|acc/i.test(ref.key) && data.points.every((p) => p.y <= 1) ? 1 : undefined);
    return {
      laws: this.lawIds(),
      targets: predictionGrid(data.points, target),
      bootstrap: s.bootstrapSamples,
      seed: 1,
      ...(data.trainMask ? { trainMask: data.trainMask } : s.holdoutFraction > 0 ? { holdoutFrac: s.holdoutFraction } : {}),
      ...(upperBound !== undefined ? { upperBound } : {}),
    };
  }

  /** Analyses the selected curves whose data, columns, target or settings changed. */
  async refit(token?: CancelToken): Promise<void> {
    const isCancelled = () => token?.isCancellationRequested === true;
    for (const ref of this.selectedRefs()) {
      if (isCancelled()) return;
      const data = this.points(ref);
      const options = this.optionsFor(ref, data);
      const key = JSON.stringify([this.columns, data.points.length, data.points[data.points.length - 1], options]);
      if (this.analyses.get(ref.id)?.key === key) continue;
      try {
        const analysis = await this.deps.analyze(data.points, options, token);
        this.analyses.set(ref.id, { key, analysis });
        this.errors.delete(ref.id);
      } catch (err) {
        if (isCancelled()) return;
        if (err instanceof Error && err.name === 'CancelledError') throw err;
        this.analyses.delete(ref.id);
        this.errors.set(ref.id, err instanceof Error ? err.message : String(err));
      }
    }
  }

  analysisOf(id: string): CurveAnalysis | undefined {
    return this.analyses.get(id)?.analysis;
  }

  private analyzedSelection(): AnalyzedCurve[] {
    return this.selectedRefs().map((ref) => {
      const cached = this.analyses.get(ref.id)?.analysis;
      if (cached) return { id: ref.id, label: ref.label, analysis: cached };
      // not fitted (too few points, fit error, still running): show the data alone
      const error = this.errors.get(ref.id);
      return {
        id: ref.id,
        label: ref.label,
        analysis: { fitPoints: this.points(ref).points, heldOutPoints: [], estimators: [], auto: null, warnings: error ? [error] : [] },
      };
    });
  }

  /** The chosen estimator's prediction at the current target, for one curve. */
  predict(curveId?: string): PredictionView | undefined {
    const ref = this.curves.find((c) => c.id === (curveId ?? this.selected[0]));
    const analysis = ref && this.analyses.get(ref.id)?.analysis;
    const target = this.target();
    if (!ref || !analysis || target === undefined) return undefined;
    const report = chosenReport(analysis);
    const cell = report && predictionAt(report, target);
    if (!report || !cell) return undefined;
    return {
      curve: ref.label,
      targetText: this.targetText,
      x: cell.x,
      y: cell.y,
      law: report.law,
      ...(cell.lo !== undefined && cell.hi !== undefined ? { lo: cell.lo, hi: cell.hi } : {}),
    };
  }

  xLabel(): string {
    return this.columns ? X_LABELS[this.columns.x] : 'x';
  }

  panelData(): PanelData {
    const s = this.deps.settings();
    const target = this.target();
    const analyzed = this.analyzedSelection();
    const viewOpts = {
      xLabel: this.xLabel(),
      yLabel: this.columns?.y ?? 'y',
      lawOf: this.deps.lawOf,
      maxPoints: s.maxChartPoints,
      ...(target !== undefined ? { target } : {}),
    };
    const warnings = (this.source?.warnings ?? []).slice(0, 20).map((w) => `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    if (this.source && !this.columns) warnings.unshift('No numeric series with an x axis was found in this source.');
    return {
      title: this.title,
      source: this.path,
      curves: this.curves.map((c) => ({ id: c.id, label: c.label, points: c.points })),
      selected: [...this.selected],
      ...(this.source && this.columns
        ? {
            columns: {
              x: xKindsOf(this.source),
              y: yKeysOf(this.source),
              selectedX: this.columns.x,
              selectedY: this.columns.y,
            },
          }
        : {}),
      ...(analyzed.length > 0 ? { chart: buildChart(analyzed, viewOpts) } : {}),
      tables: analyzed.map((c) => buildTable(c, viewOpts)),
      ...(this.prediction ? { prediction: this.prediction } : {}),
      ...(this.plan ? { plan: this.plan } : {}),
      ...(this.benchmark ? { benchmark: this.benchmark } : {}),
      ...(this.live ? { live: this.live } : {}),
      targetText: this.targetText,
      warnings,
    };
  }

  /** One line for the status bar: "val_loss → 2.31 at 1e10 tokens". */
  statusLine(): string | undefined {
    const p = this.predict();
    if (!p || !this.columns) return undefined;
    const unit = this.columns.x === 'tokens' ? ' tokens' : this.columns.x === 'samples' ? ' examples' : this.columns.x === 'flops' ? ' FLOPs' : ` ${this.columns.x}`;
    return `${this.columns.y} → ${p.y.toPrecision(3)} at ${formatAmount(p.x)}${unit}`;
  }
}

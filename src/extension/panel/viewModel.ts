// Pure functions that turn analysed curves into what the panel draws: chart series (observed fit
// and held-out points, each estimator's curve, the dashed extrapolation and its bootstrap band,
// BNSL segments), markers (breaks, limit, target) and the comparison table. Laws are passed in so
// this stays testable without the registry.
import type { CurveAnalysis, EstimatorReport, Point } from '../../core/analysis';
import { isBinnedNote } from '../../core/binnedNote';
import type { Law, Params } from '../../core/types';
import { COLOR_DATA, COLOR_MUTED, COLOR_TARGET, type ChartSeries, type ChartView, type CurveTable, type EstimatorRow, type Marker, type XY } from '../../shared/protocol';
import { maxBy, minBy } from '../../core/arrayStats';
import { m4Degenerate } from '../../core/laws/m4';
import { logSpace, thinToBins, type Thinned } from './thin';
import { outlierSeries } from './outlierSeries';
import { estimatorSlot } from './estimatorSlot';
import { sameFitLaws } from '../../core/sameFit';
import { fittedPointsOf, flipped, lawsOf } from '../../core/accuracyFit';

export interface AnalyzedCurve {
  readonly id: string;
  readonly label: string;
  readonly analysis: CurveAnalysis;
}

export interface ViewOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** Extrapolation target on the x axis; the dashed part of each curve runs up to it. */
  readonly target?: number;
  /** What the target line is named ("the schedule's end"), when not "target". */
  readonly targetName?: string;
  readonly lawOf: (id: string) => Law | undefined;
  /** Cap on observed points per series sent to the webview. */
  readonly maxPoints: number;
  /** Samples per drawn curve segment. */
  readonly curveSamples?: number;
}

function finite(points: readonly XY[]): XY[] {
  return points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

function xRange(a: CurveAnalysis): [number, number] | undefined {
  // one pass over each list: a per-step log has millions of points (no copies, no spreads)
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of [a.fitPoints, a.heldOutPoints]) {
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!.x;
      if (x > 0 && x < Infinity) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
  }
  return hi >= lo ? [lo, hi] : undefined;
}

function sample(law: Law, params: Params, xs: readonly number[]): XY[] {
  return finite(xs.map((x) => ({ x, y: law.predict(params, x) })));
}

function estimatorLabel(law: Law | undefined, id: string): string {
  return law ? `${law.name}` : id;
}

/** The chosen estimator's report, else the first one that fitted. */
export function chosenReport(a: CurveAnalysis): EstimatorReport | undefined {
  const auto = a.auto ? a.estimators.find((e) => e.law === a.auto!.law && e.fit) : undefined;
  return auto ?? a.estimators.find((e) => e.fit);
}

/** The legend group of one estimator's series on one curve (its table row toggles it too). */
export function estimatorGroup(curveId: string, law: string): string {
  return `${curveId}|${law}`;
}

/** Series for one estimator: solid over the data, dashed beyond it, band where intervals exist. */
function estimatorSeries(
  curve: AnalyzedCurve,
  report: EstimatorReport,
  color: number,
  opts: ViewOptions,
  labelPrefix: string,
): ChartSeries[] {
  // an accuracy fitted as its error is drawn as the accuracy, as its points are
  const law = lawsOf(opts.lawOf, curve.analysis)(report.law);
  const range = xRange(curve.analysis);
  if (!law || !report.fit || !range) return [];
  const n = opts.curveSamples ?? 80;
  const [lo0, hi] = range;
  const from = report.fit.fittedFrom;
  const lo = from !== undefined && from > lo0 && from < hi ? from : lo0;
  const group = estimatorGroup(curve.id, report.law);
  const label = `${labelPrefix}${estimatorLabel(law, report.law)}`;
  const base = { group, curve: curve.label, estimator: report.law, color };
  const out: ChartSeries[] = [
    { ...base, id: `${group}|curve`, label, role: 'curve', points: sample(law, report.fit.params, logSpace(lo, hi, n)) },
  ];
  const end = Math.max(hi, opts.target ?? hi, maxBy(report.predictions, (p) => p.x));
  if (end > hi) {
    out.push({
      ...base,
      id: `${group}|extrapolation`,
      label: `${label} (extrapolated)`,
      role: 'extrapolation',
      points: sample(law, report.fit.params, logSpace(hi, end, Math.max(8, Math.round(n / 2)))),
    });
  }
  const band = report.predictions
    .filter((p) => p.lo !== undefined && p.hi !== undefined && p.x >= hi && Number.isFinite(p.lo) && Number.isFinite(p.hi))
    .sort((a, b) => a.x - b.x)
    .map((p) => ({ x: p.x, lo: p.lo!, hi: p.hi! }));
  if (band.length >= 1) {
    // anchor the band at the last observed x, where the curve is pinned by data
    const y0 = law.predict(report.fit.params, hi);
    const anchored = band[0]!.x > hi && Number.isFinite(y0) ? [{ x: hi, lo: y0, hi: y0 }, ...band] : band;
    out.push({
      ...base,
      id: `${group}|band`,
      label: `${label} interval`,
      role: 'band',
      points: anchored.map((b) => ({ x: b.x, y: (b.lo + b.hi) / 2 })),
      band: anchored,
    });
  }
  return out;
}

export interface BnslDecomposition {
  /** One straight (on log-log, after subtracting a) power law per segment. */
  readonly segments: { readonly from: number; readonly to: number; readonly slope: number; readonly points: XY[] }[];
  readonly breaks: number[];
  readonly limit: number;
}

/**
 * BNSL y = a + b·x^(−c0)·Π(1 + (x/d_i)^(1/f_i))^(−c_i·f_i): far from the breaks, segment k is
 * a + b·x^(−c0)·Π_{i≤k}(x/d_i)^(−c_i). Returns undefined when the params are not BNSL's.
 */
export function bnslDecomposition(params: Params, xMin: number, xMax: number, samples = 24): BnslDecomposition | undefined {
  const { a, b, c0 } = params;
  if (a === undefined || b === undefined || c0 === undefined || !(xMin > 0) || !(xMax > xMin)) return undefined;
  const breaks: { d: number; c: number }[] = [];
  for (let i = 1; params[`d${i}`] !== undefined && params[`c${i}`] !== undefined; i++) {
    breaks.push({ d: params[`d${i}`]!, c: params[`c${i}`]! });
  }
  const segments: BnslDecomposition['segments'][number][] = [];
  let slope = c0;
  let logScale = Math.log(b);
  for (let k = 0; k <= breaks.length; k++) {
    if (k > 0) {
      const { d, c } = breaks[k - 1]!;
      slope += c;
      logScale += c * Math.log(d);
    }
    // draw each segment a little past the breaks that bound it, inside the plotted range
    const from = Math.max(xMin, k === 0 ? xMin : breaks[k - 1]!.d / 3);
    const to = Math.min(xMax, k === breaks.length ? xMax : breaks[k]!.d * 3);
    if (!(to > from)) continue;
    const ls = logScale;
    const s = slope;
    const points = finite(logSpace(from, to, samples).map((x) => ({ x, y: a + Math.exp(ls - s * Math.log(x)) })));
    segments.push({ from, to, slope: -s, points });
  }
  return { segments, breaks: breaks.map((x) => x.d).filter((d) => d > 0 && Number.isFinite(d)), limit: a };
}

/** BNSL's segments and limit of an accuracy's error (`scale`) drawn as the accuracy; slopes and breaks stay the error's. */
function readBackDecomposition(dec: BnslDecomposition | undefined, scale: number | undefined): BnslDecomposition | undefined {
  if (!dec || scale === undefined) return dec;
  return { ...dec, limit: scale - dec.limit, segments: dec.segments.map((seg) => ({ ...seg, points: flipped(seg.points, scale) })) };
}

/** A warning as the panel says it: the spikes are "see outliers" in the JSON, crosses on the chart. */
function panelWarning(w: string): string {
  return w.replace('(far above the running median; see outliers)', '(far above the running median; the × on the chart)');
}

/** The fit points but the analysis' spikes (the same x and y): the points themselves when there are none. */
export function withoutSpikes(points: readonly XY[], spikes: readonly XY[] | undefined): readonly XY[] {
  if (!spikes || spikes.length === 0) return points;
  const marked = new Map<number, number[]>();
  for (const p of spikes) marked.set(p.x, [...(marked.get(p.x) ?? []), p.y]);
  return points.filter((p) => !marked.get(p.x)?.includes(p.y));
}

/** A thinned series cut after x = `last` (the points are in x order): up to it, and past it. */
function splitThinned(t: Thinned, last: number): [Thinned, Thinned] {
  let k = t.points.findIndex((p) => p.x > last);
  if (k < 0) k = t.points.length;
  const part = (from: number, to: number): Thinned => ({ points: t.points.slice(from, to), ...(t.spread ? { spread: t.spread.slice(from, to) } : {}) });
  return [part(0, k), part(k, t.points.length)];
}

function isBnsl(id: string): boolean {
  return id.startsWith('bnsl');
}

/** The BNSL fit to decompose: the chosen one if BNSL was chosen, else the best back-tested BNSL with a break. */
function bnslToDecompose(a: CurveAnalysis): EstimatorReport | undefined {
  const chosen = chosenReport(a);
  if (chosen && isBnsl(chosen.law)) return chosen;
  const candidates = a.estimators.filter((e) => e.fit && isBnsl(e.law) && e.law !== 'bnsl-0');
  const score = (e: EstimatorReport) => e.backtest?.rmsle ?? Infinity;
  return candidates.sort((x, y) => score(x) - score(y))[0];
}

/**
 * One chart for the selected curves. A single curve shows every estimator (toggle each in the
 * legend); several curves show each curve's data with its chosen (`auto`) estimator.
 */
export function buildChart(curves: readonly AnalyzedCurve[], opts: ViewOptions): ChartView {
  const series: ChartSeries[] = [];
  const markers: Marker[] = [];
  const single = curves.length === 1;
  const logX = true;
  curves.forEach((curve, ci) => {
    const a = curve.analysis;
    const dataColor = single ? COLOR_DATA : ci + 1;
    const prefix = single ? '' : `${curve.label} · `;
    const dataGroup = `${curve.id}|data`;
    const drawn = (role: 'fit' | 'heldout' | 'warmup', t: Thinned, label: string, group = dataGroup): void => {
      // thinned: the dots are chart bins' medians (not the fit's bins, geometric means: core/binnedNote.ts), and the bins' full range is drawn behind them
      series.push({ id: `${curve.id}|${role}`, label: t.spread ? `${label} (median per chart bin)` : label, role, group, curve: curve.label, color: dataColor, points: t.points });
      if (t.spread) series.push({ id: `${curve.id}|${role}-spread`, label: `${label}: range per chart bin`, role: 'spread', group, curve: curve.label, color: dataColor, points: [], band: t.spread });
    };
    const observed = (role: 'fit' | 'heldout', points: readonly XY[], label: string, group = dataGroup): void => drawn(role, thinToBins(points, opts.maxPoints, logX), label, group);
    const fitLabel = single ? 'fit points' : curve.label;
    // a spike is drawn once, by its cross (below): a dot of the same colour under it hid the cross
    // and counted the spike among the fit points
    const fitPoints = withoutSpikes(a.fitPoints, a.outliers);
    const warmup = a.warmupPoints ?? [];
    if (warmup.length > 0) {
      // binned with the fit points (the same bins, so as dense), then split where the fit starts;
      // its own legend entry: the points the laws were not fitted to, shown or hidden apart
      const both = thinToBins(warmup.concat(fitPoints), opts.maxPoints, logX);
      const [before, after] = splitThinned(both, maxBy(warmup, (p) => p.x));
      drawn('warmup', before, single ? 'LR warmup (not fitted)' : `${curve.label} (LR warmup)`, `${curve.id}|warmup`);
      drawn('fit', after, fitLabel);
    } else observed('fit', fitPoints, fitLabel);
    // its own legend entry (hollow, beside the filled fit points), so it is said what the hollow dots are
    if (a.heldOutPoints.length > 0) observed('heldout', a.heldOutPoints, single ? 'held-out points' : `${curve.label} (held out)`, `${curve.id}|heldout`);
    const spikes = outlierSeries(curve.id, curve.label, a, dataColor, single);
    if (spikes) series.push(spikes);
    const reports = single ? a.estimators.filter((e) => e.fit) : [chosenReport(a)].filter((e): e is EstimatorReport => !!e);
    reports.forEach((report) => {
      // the slot its table row shows (buildTable), by law: a slot by fitted law drew each law after
      // one that failed (M4 on a 3-point sweep curve) in the colour of the row above its own
      const color = single ? estimatorSlot(report.law, a.estimators.indexOf(report)) : dataColor;
      const s = estimatorSeries(curve, report, color, opts, prefix);
      const chosen = a.auto?.law === report.law;
      // only the chosen estimator starts visible when a single curve has many estimators
      const hidden = single && a.auto !== null && !chosen && a.estimators.length > 3;
      series.push(...s.map((x) => (hidden ? { ...x, hidden: true } : x)));
    });
    const chosen = chosenReport(a);
    const bnsl = single ? bnslToDecompose(a) : undefined;
    const range = xRange(a);
    if (bnsl?.fit && range) {
      // shown when BNSL is the chosen fit; otherwise one legend click away
      const hidden = bnsl !== chosen;
      const group = `${curve.id}|segments`;
      const end = Math.max(range[1], opts.target ?? range[1]);
      const dec = readBackDecomposition(bnslDecomposition(bnsl.fit.params, range[0], end), a.fittedAsError?.scale);
      if (dec) {
        dec.segments.forEach((seg, k) => {
          series.push({
            id: `${curve.id}|segment${k}`,
            label: `${bnsl.law} segments (slope ${dec.segments.map((x) => x.slope.toPrecision(2)).join(', ')})`,
            role: 'segment',
            group,
            curve: curve.label,
            estimator: bnsl.law,
            color: COLOR_MUTED,
            points: seg.points,
            ...(hidden ? { hidden } : {}),
          });
        });
        const extra = { group, ...(hidden ? { hidden } : {}) };
        dec.breaks.forEach((d, i) => markers.push({ kind: 'break', label: `break ${i + 1}`, x: d, color: COLOR_MUTED, ...extra }));
        if (dec.limit > 0) markers.push({ kind: 'limit', label: `limit ${a.fittedAsError ? `${a.fittedAsError.scale} − a` : 'a'} = ${dec.limit.toPrecision(3)}`, y: dec.limit, color: COLOR_MUTED, ...extra });
      }
    }
  });
  if (opts.target !== undefined && Number.isFinite(opts.target) && opts.target > 0) {
    markers.push({ kind: 'target', label: targetMarkerLabel(single ? curves[0] : undefined, opts), x: opts.target, color: COLOR_TARGET });
  }
  const yLog = allPositive(series);
  return {
    id: curves.map((c) => c.id).join('+') || 'empty',
    title: single ? curves[0]!.label : `${curves.length} curves`,
    xLabel: opts.xLabel,
    yLabel: opts.yLabel,
    xLog: logX,
    yLog,
    series,
    markers,
  };
}

/**
 * "target (loss 2.914)" on one curve: the chosen law's value where the line stands, so the chart (and
 * a PNG of it, which has no headline) says what was predicted there, not only where.
 */
function targetMarkerLabel(curve: AnalyzedCurve | undefined, opts: ViewOptions): string {
  const chosen = curve ? chosenReport(curve.analysis) : undefined;
  const p = chosen ? predictionAt(chosen, opts.target) : undefined;
  const name = opts.targetName ?? 'target';
  return p && Number.isFinite(p.y) ? `${name} (${opts.yLabel} ${p.y.toPrecision(4)})` : name;
}

function allPositive(series: readonly ChartSeries[]): boolean {
  return series.every((s) => s.points.every((p) => p.y > 0) && (s.band ?? []).every((b) => b.lo > 0));
}

function rmsleOf(report: EstimatorReport): number | undefined {
  const v = report.backtest?.rmsle;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** An average's back-test from its parts' back-tested predictions (it is not back-tested itself), as row fields. */
function partsRmsleOf(report: EstimatorReport): Pick<EstimatorRow, 'backtestRmsle' | 'backtestFromParts'> {
  const b = report.partsBacktest;
  return b && Number.isFinite(b.rmsle) ? { backtestRmsle: b.rmsle, backtestFromParts: b.cuts } : {};
}

/** An M4 row whose α and ε0 the data does not set (core/laws/m4.ts m4Degenerate), as a row field. */
function degenerateOf(report: EstimatorReport, a: CurveAnalysis): Pick<EstimatorRow, 'degenerate'> {
  if (report.law !== 'm4' || !report.fit || a.fitPoints.length === 0) return {};
  const fitted = fittedPointsOf(a);
  const why = m4Degenerate(report.fit.params, minBy(fitted, (p) => p.y), maxBy(fitted, (p) => p.y));
  return why !== undefined ? { degenerate: why } : {};
}

/** The comparison table of one curve: estimator, parameters, back-test RMSLE, prediction at the target. */
export function buildTable(curve: AnalyzedCurve, opts: Pick<ViewOptions, 'lawOf' | 'target'>): CurveTable {
  const a = curve.analysis;
  const twins = sameFitLaws(a.estimators);
  const rows: EstimatorRow[] = a.estimators.map((report, i) => {
    const law = opts.lawOf(report.law);
    const params: [string, number][] = report.fit
      ? (law ? law.params.map((p) => p.name) : Object.keys(report.fit.params))
          .filter((name) => Number.isFinite(report.fit!.params[name]))
          .map((name) => [name, report.fit!.params[name]!])
      : [];
    const pred = predictionAt(report, opts.target);
    const held = report.heldOut?.rmsle;
    const row: EstimatorRow = {
      law: report.law,
      name: estimatorLabel(law, report.law),
      formula: law?.formula ?? '',
      params,
      auto: a.auto?.law === report.law,
      // on fitted rows only: a failed row says why it has no numbers instead
      ...(a.auto && report.fit && a.notAutoCandidates?.includes(report.law) ? { notAutoCandidate: true } : {}),
      converged: report.fit?.converged ?? false,
      ...(report.fit && !report.fit.converged && report.fit.reason ? { notConverged: report.fit.reason } : {}),
      ...degenerateOf(report, a),
      ...(twins[i] !== undefined ? { sameAs: estimatorLabel(opts.lawOf(twins[i]!), twins[i]!) } : {}),
      color: estimatorSlot(report.law, i),
      ...(rmsleOf(report) !== undefined ? { backtestRmsle: rmsleOf(report)! } : partsRmsleOf(report)),
      ...(held !== undefined && Number.isFinite(held) ? { heldOutRmsle: held } : {}),
      ...(pred ? { prediction: pred } : {}),
      ...(law && report.fit ? { chartGroup: estimatorGroup(curve.id, report.law) } : {}),
      ...(report.error !== undefined ? { error: report.error } : !report.fit ? { error: 'fit failed' } : {}),
    };
    return row;
  });
  return {
    curve: curve.id,
    label: curve.label,
    rows,
    ...(a.auto ? { autoReason: `${a.auto.law}: ${a.auto.reason}` } : {}),
    warnings: a.warnings.filter((w) => !isBinnedNote(w)).map(panelWarning),
    ...(a.warnings.some(isBinnedNote) ? { notes: a.warnings.filter(isBinnedNote) } : {}),
  };
}

/** The report's prediction at `target` (or its last prediction), with its interval when finite. */
export function predictionAt(report: EstimatorReport, target: number | undefined): EstimatorRow['prediction'] {
  const preds = report.predictions.filter((p) => Number.isFinite(p.y));
  if (preds.length === 0) return undefined;
  const p = target === undefined ? preds[preds.length - 1]! : preds.reduce((best, q) => (Math.abs(Math.log(q.x / target)) < Math.abs(Math.log(best.x / target)) ? q : best));
  if (target !== undefined && Math.abs(Math.log(p.x / target)) > 1e-9) return undefined;
  const cell: { x: number; y: number; lo?: number; hi?: number } = { x: p.x, y: p.y };
  if (p.lo !== undefined && p.hi !== undefined && Number.isFinite(p.lo) && Number.isFinite(p.hi)) {
    cell.lo = p.lo;
    cell.hi = p.hi;
  }
  return cell;
}

/**
 * Targets to ask the analysis for: the last observed x, a log grid from it to the target, and the
 * target (band shape). The last observed x is asked for so the band starts there at the in-sample
 * noise width the analysis gives it, not pinched to zero.
 */
export function predictionGrid(points: readonly Point[], target: number | undefined, n = 10): number[] {
  const hi = maxBy(points, (p) => (p.x > 0 && p.x < Infinity ? p.x : -Infinity));
  if (hi === -Infinity || target === undefined || !(target > 0)) return target !== undefined && target > 0 ? [target] : [];
  if (target <= hi) return [target];
  return logSpace(hi, target, n + 1).slice(0, -1).concat(target);
}

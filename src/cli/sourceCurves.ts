// `fit` / `predict` on any training log or folder of runs that the ingest layer reads (Lightning,
// TensorBoard, HF output_dir, W&B, JSONL, stdout logs …): the --y series of each run against one x
// kind (--x, or the most informative one the series has), one curve per run; a sweep table's
// curves at each model size (--group N).
import { isIsoflopDesign } from '../core/isoflopBudgets';
import { pickLrKey } from '../core/schedule/lrKeys';
import { scheduleOfLog } from '../core/schedule/index';
import type { Point } from '../core/analysis';
import { ScalingLensError } from '../core/types';
import type { YMetric } from '../core/yMetric';
import type { FormatId, RunData, SeriesData, XKind } from '../ingest/model/model';
import { locatedWarning } from '../ingest/model/warnings';
import { readSource } from '../ingest/files/read';
import { isMachineryKey, yKeysOf } from '../ingest/model/columns';
import { UsageError } from './args';
import { plannedStepsOf } from '../ingest/model/plannedSteps';
import { scheduleOfConfig } from '../ingest/model/configSchedule';
import { FRONTIER_LABEL, GROUP_SYMBOL, sliceMask, sweepDefaultX, sweepSlicesOf, type SweepSlice } from '../ingest/model/sweepGroups';
import { acrossSizesCaution, isSizeSweep, withSizeSweep } from '../ingest/model/sizeSweep';
import { warmupStartOf, type WarmupStart } from '../ingest/model/warmupStart';
import { formatAmount } from '../core/units';
import { divergedTail, nonFiniteTail } from '../ingest/model/divergedTail';
import { nonFiniteInside } from '../ingest/model/nonFiniteInside';
import { xLabelOf } from '../ingest/model/epochsCompleted';
import { farRowsOf, sweepOutlierNote } from '../ingest/model/sweepOutlierRows';

/** x kinds in the order a scaling law is usually stated in (the default --x is the first found). */
export const X_KINDS: readonly XKind[] = ['tokens', 'samples', 'flops', 'params', 'step', 'epoch', 'index', 'time'];

export function isXKind(v: string): v is XKind {
  return (X_KINDS as readonly string[]).includes(v);
}

export interface LoadedCurve {
  readonly group: Record<string, string>;
  readonly points: Point[];
  /** This curve's own reading notes (e.g. its skipped rows), shown with its result. */
  readonly warnings?: readonly string[];
  /** Where a log's fit starts: the end of its LR warmup, logged or stated in its config (ingest/model/warmupStart.ts). */
  readonly warmup?: WarmupStart;
  /** A sweep's rows on this curve left out as far above the surface through the others (core/outlierRuns.ts). */
  readonly outliers?: readonly Point[];
}

export interface LoadedCurves {
  readonly curves: LoadedCurve[];
  /** Apply to every curve (skipped points, problems met while reading). */
  readonly warnings: string[];
  /** What was fitted, for the text output: "val_loss vs tokens (lightning, 2 runs)". */
  readonly description?: string;
  /** The x kind the curves are against, which a target's unit must not contradict ("1e21 FLOPs" against tokens). */
  readonly xKind?: XKind;
  /** The series fitted: a table's --y column, or the log series the reader chose (its most loss-like); "1 − val_accuracy" for an accuracy fitted as its error. */
  readonly yKey?: string;
  /** What y measures, when it is no plain loss or error (core/yMetric.ts): a perplexity, bits, an accuracy fitted as its error. */
  readonly metric?: YMetric;
  /** The accuracy's own name, when yKey is its error. */
  readonly accuracyOf?: string;
}

export interface SourceCurveRequest {
  readonly path: string;
  readonly xCol?: string;
  /** Absent: the most loss-like series that has an x axis (said in the warnings). */
  readonly yCol?: string;
  readonly groupCols: readonly string[];
  readonly format?: FormatId;
}

const SHOWN_WARNINGS = 3;

function findSeries(run: RunData, key: string): SeriesData | undefined {
  return run.series.find((s) => s.key === key) ?? run.series.find((s) => s.key.toLowerCase() === key.toLowerCase());
}

/** The schedule a run's logged LR follows so far (core/schedule/infer), when it can be told. */
function scheduleOfLoggedLr(run: RunData, key: string): string | undefined {
  const s = run.series.find((x) => x.key === key);
  if (!s?.x.step) return undefined;
  const g = scheduleOfLog({ steps: s.x.step, lr: s.y }, plannedStepsOf(run));
  return g?.ok ? g.text : undefined;
}

function hasFinite(xs: Float64Array | undefined): boolean {
  return !!xs && xs.some((v) => Number.isFinite(v));
}

/** Whether the sweep's rows differ in a count other than `x`: models of several sizes (or data) on one curve. */
function otherCountVaries(series: SeriesData, x: XKind): boolean {
  const varies = (xs: Float64Array | undefined): boolean => {
    const finite = xs ? [...xs].filter((v) => Number.isFinite(v)) : [];
    return finite.some((v) => v !== finite[0]);
  };
  if (x === 'params') return varies(series.x.tokens);
  if (x === 'tokens') return varies(series.x.params);
  return varies(series.x.params) && varies(series.x.tokens);
}

export async function sourceCurves(req: SourceCurveRequest): Promise<LoadedCurves> {
  const extra = req.groupCols.filter((c) => c !== 'run' && !SWEEP_GROUP_FLAGS.has(c));
  if (extra.length > 0) throw new UsageError(`--group on a training log takes only "run" (one curve per run), or N / D on a sweep table, not ${extra.map((c) => `"${c}"`).join(', ')}`);
  if (req.xCol !== undefined && !isXKind(req.xCol)) throw new UsageError(`--x on a training log is an x kind (${X_KINDS.join(', ')}); got "${req.xCol}"`);
  let src;
  try {
    src = withSizeSweep(await readSource(req.path, req.format ? { format: req.format } : {}));
  } catch (err) {
    // one-line user errors, like the CSV path's
    if (err instanceof ScalingLensError) throw new UsageError(err.message);
    throw err;
  }
  const guessed = req.yCol === undefined ? guessY(src.runs, yKeysOf(src), req.xCol as XKind | undefined) : undefined;
  const yCol = req.yCol ?? guessed?.key;
  // the likeliest series is the run's machinery (lr, grad_norm, tokens_per_sec): nothing in the log is a curve to fit
  if (guessed && isMachineryKey(guessed.key)) {
    const keys = [guessed.key, ...guessed.others];
    throw new UsageError(`${req.path}: no series is named like a loss, an error or an accuracy (the likeliest, "${guessed.key}", is the run's machinery); choose the series to fit with --y (series: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''})`);
  }
  if (yCol === undefined) {
    const keys = yKeysOf(src);
    throw new UsageError(`${req.path} has no series to fit${keys.length > 0 ? ` against ${req.xCol ?? 'an x axis'} (series: ${keys.slice(0, 30).join(', ')})` : ''}; ${src.warnings[0]?.message ?? 'give --y'}`);
  }
  const found = src.runs.map((run) => ({ run, series: findSeries(run, yCol) })).filter((m): m is { run: RunData; series: SeriesData } => !!m.series);
  // a sweep across sized runs is the runs' copy, but against N it is all there is
  const across = found.filter((m) => isSizeSweep(m.run));
  const matched = across.length === 0 || across.length === found.length ? found : req.xCol === 'params' ? across : found.filter((m) => !isSizeSweep(m.run));
  if (matched.length === 0) {
    const keys = [...new Set(src.runs.flatMap((r) => r.series.map((s) => s.key)))];
    const why = keys.length > 0 ? `series are: ${keys.slice(0, 30).join(', ')}` : (src.warnings[0]?.message ?? 'no series found');
    throw new UsageError(`${req.path} has no series "${yCol}"; ${why}`);
  }
  const axes = X_KINDS.filter((k) => matched.some((m) => hasFinite(m.series.x[k])));
  // a sweep's default x gives it curves: an IsoFLOP design's frontier, else its sizes; --group N asks for the sizes
  const bySize = req.groupCols.some((c) => SWEEP_GROUP_FLAGS.has(c));
  const sliced = matched.length === 1 && matched[0]!.run.format === 'sweep' ? (bySize ? axes.find((k) => sweepSlicesOf(matched[0]!.series, k).length > 0) : sweepDefaultX(matched[0]!.series, axes)) : undefined;
  const x = (req.xCol as XKind | undefined) ?? sliced ?? axes[0];
  const withX = x ? matched.filter((m) => hasFinite(m.series.x[x])) : [];
  // no axis by a name the readers know (a table's x column called "x" or "size"): the table path reads any column
  const axesText = axes.length > 0 ? `it has: ${axes.join(', ')}` : 'it has none by a known name: give its x column with --x COL';
  if (!x || withX.length === 0) throw new UsageError(`"${yCol}" in ${req.path} has no ${x ?? 'x'} axis; ${axesText}`);
  const grouped = req.groupCols.includes('run');
  if (withX.length > 1 && !grouped) {
    const names = withX.map((m) => m.run.name);
    const againstN = across.length > 0 ? ', or --x params --group D to fit loss against N at shared D (their names state their sizes)' : '';
    throw new UsageError(`${withX.length} runs have "${yCol}" (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): add --group run to fit each one${againstN}`);
  }
  const sweepRun = withX.length === 1 && withX[0]!.run.format === 'sweep' ? withX[0]! : undefined;
  const sweep = sweepRun && sweepCurves(sweepRun.series, x, req, isSizeSweep(sweepRun.run) ? sweepRun.run : undefined);
  const warnings: string[] = [];
  // with one series there was nothing to choose, so nothing to say
  if (guessed && guessed.others.length > 0) warnings.push(`no --y: fitted "${yCol}", the most loss-like series (others: ${guessed.others.slice(0, 8).join(', ')}${guessed.others.length > 8 ? ', …' : ''}); choose with --y`);
  for (const m of matched) if (!withX.includes(m)) warnings.push(`run ${m.run.name} has no ${x} axis for "${m.series.key}"; left out`);
  if (sweep?.warnings.length) warnings.push(...sweep.warnings);
  else if (sweepRun && !sweep && otherCountVaries(sweepRun.series, x)) warnings.push(`a sweep table's rows are different models, and this curve runs through all of them; fit --law chinchilla fits the surface across sizes`);
  // one run fitted of several (a folder of runs, the others without this series or x): named in the
  // output, as --group run would name it, so it is clear which run the curve is
  const lone = !grouped && !sweep && withX.length === 1 && src.runs.length > 1 ? withX[0]!.run : undefined;
  let skipped = 0;
  const curves = sweep?.curves ?? withX.map(({ run, series }): LoadedCurve => {
    const found = finitePoints(series, x);
    const warmup = warmupStartOf(run, series, x);
    const diverged = divergedTail(series, x, found.points, yCol);
    // the NaN or inf that end the log are said by `diverged`, those inside it by `inside`, not
    // counted again as points without numbers
    const inside = nonFiniteInside(series, x, yCol);
    skipped += found.skipped - (diverged ? (nonFiniteTail(series, x)?.points ?? 0) : 0) - (inside?.points ?? 0);
    const said = [...(diverged ? [diverged] : []), ...(inside ? [inside.text] : [])];
    return { group: grouped || lone ? { run: run.name } : {}, points: found.points, ...(warmup ? { warmup } : {}), ...(said.length > 0 ? { warnings: said } : {}) };
  });
  if (skipped > 0) warnings.push(`skipped ${skipped} point${skipped === 1 ? '' : 's'} without numbers in ${x} and ${yCol}`);
  const lrKey = x === 'step' ? withX.map(({ run }) => pickLrKey(run.series.map((s) => s.key))).find((k) => k !== undefined) : undefined;
  const planned = withX.length === 1 ? scheduleOfConfig(withX[0]!.run.meta, plannedStepsOf(withX[0]!.run)) : undefined;
  if (planned?.ok) {
    warnings.push(`this run's config states its learning-rate schedule (${planned.text}), which the laws here do not see: \`scaling-lens forecast ${req.path}\` follows it to its end; a target past step ${planned.spec.total} is past this run's end`);
  } else if (lrKey !== undefined) {
    const spec = withX.length === 1 ? scheduleOfLoggedLr(withX[0]!.run, lrKey) : undefined;
    warnings.push(`this log records a learning rate ("${lrKey}"), which the laws here do not see: \`scaling-lens forecast ${req.path} --schedule ${spec ?? 'SPEC'}\` follows the schedule to its end${spec ? ' (the schedule its LR follows so far)' : ''}`);
  }
  for (const w of src.warnings.slice(0, SHOWN_WARNINGS)) warnings.push(locatedWarning(w));
  if (src.warnings.length > SHOWN_WARNINGS) warnings.push(`…and ${src.warnings.length - SHOWN_WARNINGS} more reading warnings (scaling-lens inspect ${req.path} lists them)`);
  const key = withX[0]!.series.key;
  const what = sweep ? sweep.what : lone ? `1 run: ${lone.name}` : `${withX.length} run${withX.length === 1 ? '' : 's'}`;
  // the fitted runs' own formats: a folder's format is that of most of its files, maybe none of these
  // (a sweep built from sized runs is theirs)
  const formats = sweepRun ? src.format : [...new Set(withX.map((m) => m.run.format))].join(', ');
  const xName = xLabelOf(withX.map((m) => m.series), x) ?? x;
  return { curves, warnings, description: `${key} vs ${xName} (${formats}, ${what})`, xKind: x, yKey: key };
}

/** The rows of `series` (those `rows` marks, when given) with a finite x and y, in x order, and how many others there were. */
function finitePoints(series: SeriesData, x: XKind, rows?: Uint8Array): { points: Point[]; skipped: number } {
  const xs = series.x[x]!;
  const points: Point[] = [];
  let skipped = 0;
  for (let i = 0; i < series.y.length; i++) {
    if (rows && !rows[i]) continue;
    if (Number.isFinite(xs[i]) && Number.isFinite(series.y[i])) points.push({ x: xs[i]!, y: series.y[i]! });
    else skipped++;
  }
  // a log is already in x order; sorting millions of points with a comparator took seconds
  let sorted = true;
  for (let i = 1; i < points.length && sorted; i++) sorted = points[i - 1]!.x <= points[i]!.x;
  return { points: sorted ? points : points.sort((a, b) => a.x - b.x), skipped };
}

/** --group values a sweep's slices answer to (N, D, step), besides a table's own columns. */
export const SWEEP_GROUP_FLAGS: ReadonlySet<string> = new Set(Object.values(GROUP_SYMBOL));

interface SweepCurves {
  readonly curves: LoadedCurve[];
  /** How the description names them: "one per N", "its compute frontier". */
  readonly what: string;
  readonly warnings: readonly string[];
}

/**
 * A sweep table's curves: with --group N (or D), one per value of that count (loss against D for
 * each N); without it, its compute frontier when x is compute and the table is an IsoFLOP design;
 * otherwise a sweep of several model sizes is refused, as a file of several runs is, since one
 * curve through every size would average losses of different models at equal D. A table with no
 * slice at all stays one curve, with a warning. `acrossRuns`: the sweep built from sized runs
 * (sizeSweep.ts), which has no surface to point to.
 */
function sweepCurves(series: SeriesData, x: XKind, req: SourceCurveRequest, acrossRuns?: RunData): SweepCurves | undefined {
  const slices = sweepSlicesOf(series, x);
  const groups = slices.filter((c): c is Exclude<SweepSlice, { frontier: true }> => !('frontier' in c));
  const symbol = groups[0] && GROUP_SYMBOL[groups[0].kind]!;
  const { params, tokens } = series.x;
  const far = slices.length > 0 ? farRowsOf(series) : [];
  const curveOf = (slice: SweepSlice, group: Record<string, string>): LoadedCurve => {
    const rows = sliceMask(series, slice);
    const left = far.filter((o) => rows[o.row]).map((o) => ({ x: series.x[x]![o.row]!, y: series.y[o.row]! }));
    for (const o of far) rows[o.row] = 0;
    return { group, points: finitePoints(series, x, rows).points, ...(left.length ? { outliers: left } : {}) };
  };
  const farNotes = far.map((o) => sweepOutlierNote(series, o));
  const said = (warning?: string): string[] => [...(warning ? [warning] : []), ...farNotes];
  if (symbol !== undefined && req.groupCols.includes(symbol)) {
    const curves = groups.map((g) => curveOf(g, { [symbol]: formatAmount(g.value) }));
    if (!acrossRuns) return { curves, what: `${groups.length} curves, one per ${symbol}`, warnings: said() };
    return { curves, what: `${groups.length} curves, one per ${symbol}, ${acrossRuns.name}`, warnings: said(acrossSizesCaution(acrossRuns, groups[0]!.kind, symbol)) };
  }
  const profiles = params !== undefined && tokens !== undefined && isIsoflopDesign({ N: params, D: tokens, loss: series.y });
  if (slices.some((c) => 'frontier' in c)) {
    const warning = `a sweep table: fitted its ${FRONTIER_LABEL}${symbol ? `; --group ${symbol} fits each size` : ''}; fit --law chinchilla fits the surface across sizes${profiles ? ' and reads its IsoFLOP profiles' : ''}`;
    return { curves: [curveOf({ frontier: true }, {})], what: 'its compute frontier', warnings: said(warning) };
  }
  if (symbol !== undefined) {
    const shown = groups.map((g) => formatAmount(g.value));
    const what = acrossRuns ? 'runs of several sizes' : 'a sweep table';
    throw new UsageError(`${what}: loss against ${x} at ${groups.length} values of ${symbol} (${shown.slice(0, 5).join(', ')}${shown.length > 5 ? ', …' : ''}): add --group ${symbol} to fit each${acrossRuns ? '' : `, or fit the surface across them with --law chinchilla${profiles ? ' (which also reads its IsoFLOP profiles)' : ''}`}`);
  }
  return undefined;
}

/** The first key, in loss-likeness order, that some run has against `x` (or against any x kind). */
function guessY(runs: readonly RunData[], keys: readonly string[], x: XKind | undefined): { key: string; others: string[] } | undefined {
  const key = keys.find((k) => runs.some((r) => r.series.some((s) => s.key === k && (x ? hasFinite(s.x[x]) : X_KINDS.some((kind) => hasFinite(s.x[kind]))))));
  return key === undefined ? undefined : { key, others: keys.filter((k) => k !== key) };
}

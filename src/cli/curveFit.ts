// Shared by `fit` and `predict`: read a CSV table (columns by name) or any training log / folder
// of runs (through the ingest layer), split it into curves (--group), analyse each curve with the
// requested law (or the back-tested choice) and shape the result for printing.
import { bootstrapArg, MAX_RESAMPLES, num, one, seedArg, UsageError, type ParsedArgs } from './args';
import { readCurveTable, type CurveTable } from './tableCurves';
import { isXKind, sourceCurves, SWEEP_GROUP_FLAGS, X_KINDS, type LoadedCurves } from './sourceCurves';
import { didYouMeanText } from './didYouMean';
import type { WarmupStart } from '../ingest/model/warmupStart';
import { parseFormat } from './formatArg';
import type { FormatId, XKind } from '../ingest/model/model';
import { xKindOf } from '../ingest/model/keys';
import { sweepColumns } from '../ingest/model/sweepColumns';
import { analyzeCurve } from '../core/analyze';
import type { CurveAnalysis, EstimatorReport, Point } from '../core/analysis';
import { CURVE_LAW_IDS, getLaw } from '../core/laws/index';
import { maxBy } from '../core/arrayStats';
import { lossReach, reachGridOf, type LossReach } from '../core/reach';
import { axisOfUnit } from '../core/targetText';
import { ScalingLensError, type Params } from '../core/types';
import { lossText, parseTarget, scatterText, trustText } from '../core/units';
import { ROBUST_MODES, type RobustMode } from '../core/spikes';
import { lateFallOf } from '../core/lateFall';
import { twoPointCaution } from '../core/fewPoints';
import { sameFitLaws } from '../core/sameFit';
import { outsideTheData } from '../core/outsideTheData';
import { addMeanings, asFallingMetric, reachAsFitted } from './yMetricCurves';

export const CURVE_FIT_VALUED = ['x', 'y', 'group', 'law', 'fit-until', 'holdout-frac', 'target', 'at', 'reach', 'bootstrap', 'level', 'seed', 'upper-bound', 'format', 'robust'] as const;
export const CURVE_FIT_BOOLEANS = ['json', 'keep-warmup'] as const;

export interface CurveFitJson {
  group: Record<string, string>;
  /** The series fitted, as the text names it ("val_perplexity"; "1 − val_accuracy" for an accuracy fitted as its error); absent when the table's y was not named. */
  metric?: string;
  law: string;
  /** The law's formula; for an average, the weighted geometric mean of its base laws. */
  formula: string;
  params: Record<string, number>;
  intervals: Record<string, readonly [number, number]>;
  converged: boolean;
  reason: string;
  backtest: { rmsle: number; nFit: number; nScored: number } | null;
  heldOut: { n: number; rmsle: number; points?: readonly { x: number; y: number; pred: number; lo?: number; hi?: number }[] } | null;
  /** lo/hi: the calibrated interval at `level`; intervalNote: why there is none; trust: the curve's own back-test error at the nearest extrapolation factor (beyond: the target is further out than any back-test reached). */
  /** scatter: when the interval is mostly one logged value's own noise, that value's spread off the curve (1σ, as a fraction: 0.32 is ±32%); the interval is then for one logged value. */
  /** lossNats: for a perplexity or bits, the loss in nats the value and its interval mean (ln ppl; bits · ln 2); accuracy: for an accuracy fitted as its error, the accuracy they mean. */
  predictions: { x: number; y: number; lo?: number; hi?: number; intervalNote?: string; scatter?: number; trust?: TrustJson; lossNats?: { y: number; lo?: number; hi?: number }; accuracy?: { y: number; lo?: number; hi?: number } }[];
  /** Present with --reach: where the fit (x) and its interval's edges (lo, hi) reach each loss; `until` the farthest x looked at, `dataEnd` the data's largest x; for a loss the log already reached, `logged` (where it first got there) and `loggedLevel` (the median of its next `loggedOver` points), which answer it, as in the panel. */
  reach?: LossReach[];
  /** Central coverage of lo/hi (present with --bootstrap). */
  level?: number;
  /** Present with --law auto / bnsl: what was chosen and why, and every candidate's back-test. */
  auto?: { law: string; reason: string; candidates: { law: string; backtest: number | null; error?: string; sameAs?: string }[] };
  nFit: number;
  /** Points left out of every fit: loss spikes, or (with `why`) a sweep's runs far above the surface through the others (empty when none). */
  outliers: { x: number; y: number; why?: string }[];
  /** Present when the log's learning-rate warmup was left out of the fit: the points before x = `before`, and where that end was read. */
  warmup?: { before: number; points: number; from: string };
  /** Present when the loss has turned up (core/upturn.ts): from where, from and to what, by how much, and whether it falls again. */
  upturn?: { fromX: number; lowY: number; lastY: number; rise: number; fallingAgain: boolean };
  warnings: string[];
  /** Present only when this curve could not be fitted: why, in one line (the other fields are then empty). */
  error?: string;
}

export interface CurveFitRequest {
  readonly path: string;
  /** A column of a CSV table; for a training log an x kind (default: the best one it has). */
  readonly xCol?: string;
  /** The loss column (required for a CSV table); for a training log, the most loss-like series when absent. */
  readonly yCol?: string;
  readonly groupCols: readonly string[];
  readonly law: string;
  readonly fitUntil?: number;
  readonly holdoutFrac?: number;
  readonly targets: readonly string[];
  /** Losses to find the x of (--reach): where the fitted curve, and its interval, get there. */
  readonly reach?: readonly number[];
  readonly bootstrap: number;
  /** Central coverage of the intervals (default 0.95). */
  readonly level?: number;
  readonly seed: number;
  readonly upperBound?: number;
  /** How loss spikes are handled (core/spikes.ts): 'trim' (default), 'huber', 'trim+huber', 'none'. */
  readonly robust?: RobustMode;
  /** Read the path as this log format (skips detection and the CSV-table reading). */
  readonly format?: FormatId;
  /** Fit a log's LR warmup too (by default the fit starts where its logged LR peaks, or where its config's warmup ends). */
  readonly keepWarmup?: boolean;
}

/** `predict --target` / `fit --at`: the other command's name for the x to predict at, said so (not only "unknown option"). */
export function refuseOtherTargetFlag(argv: readonly string[], own: 'target' | 'at'): void {
  const other = own === 'target' ? 'at' : 'target';
  if (argv.some((a) => a === `--${other}` || a.startsWith(`--${other}=`))) throw new UsageError(`unknown option --${other}: ${own === 'at' ? 'predict' : 'fit'} takes --${own} X for the x to predict at`);
}

/** `defaultBootstrap`: the resamples without --bootstrap (predict's 200; fit's none). */
export function curveRequest(args: ParsedArgs, targetFlag: 'target' | 'at', defaultBootstrap = 0): CurveFitRequest {
  const name = targetFlag === 'at' ? 'predict' : 'fit';
  // `fit runs/*.csv`: the shell's several files are one folder's runs
  if (args.positional.length > 1) throw new UsageError(`${name} takes one PATH, got ${args.positional.length} (${args.positional.slice(0, 3).join(', ')}${args.positional.length > 3 ? ', …' : ''}): for several runs give their folder (--group run fits each)`);
  if (args.positional.length === 0) throw new UsageError(`${name} needs a PATH (a CSV file, a training log or a folder of runs)`);
  const xCol = one(args, 'x');
  const yCol = one(args, 'y');
  const groups = args.flags.get('group') ?? [];
  // run, and a sweep's N / D / step, are groups the log readers know; any other names a table column
  // no --y: a table's column names (Domain, "Seen Examples") or a log's mistyped group or x kind (rn, tokns)
  const column = groups.find((g) => g !== 'run' && !SWEEP_GROUP_FLAGS.has(g));
  if (!yCol && column !== undefined) throw new UsageError(`--y is required with --group "${column}" (a table's column: --y names its loss column); on a training log --group takes run${didYouMeanText(column, ['run', ...SWEEP_GROUP_FLAGS])}, or N / D on a sweep`);
  if (!yCol && xCol !== undefined && !isXKind(xCol)) throw new UsageError(`--y is required with a column --x "${xCol}" (the loss column); on a training log --x is an x kind: ${X_KINDS.join(', ')}${didYouMeanText(xCol, X_KINDS)}`);
  const fitUntil = num(args, 'fit-until');
  const holdoutFrac = num(args, 'holdout-frac');
  if (fitUntil !== undefined && holdoutFrac !== undefined) throw new UsageError('give --fit-until or --holdout-frac, not both');
  if (holdoutFrac !== undefined && !(holdoutFrac >= 0 && holdoutFrac < 1)) throw new UsageError('--holdout-frac must be in [0, 1)');
  const bootstrap = bootstrapArg(args, MAX_RESAMPLES) ?? defaultBootstrap;
  // with no resamples there is no interval for --level to set the coverage of
  if (bootstrap === 0 && args.flags.has('level')) throw new UsageError('--level sets the coverage of the bootstrap intervals: add --bootstrap K (e.g. 200)');
  const level = num(args, 'level') ?? 0.95;
  if (!(level > 0 && level < 1)) throw new UsageError('--level must be between 0 and 1 (e.g. 0.8 or 0.95)');
  const upperBound = num(args, 'upper-bound');
  if (upperBound !== undefined && !(upperBound > 0)) throw new UsageError(`--upper-bound is the metric's maximum, above every loss (1 for an error rate); got ${upperBound}`);
  const law = (one(args, 'law') ?? 'auto').toLowerCase();
  if (law !== 'auto' && law !== 'bnsl') getLaw(law);
  const robust = one(args, 'robust')?.toLowerCase();
  if (robust !== undefined && !ROBUST_MODES.includes(robust as RobustMode)) throw new UsageError(`--robust must be one of ${ROBUST_MODES.join(', ')}`);
  return {
    path: args.positional[0],
    xCol,
    yCol,
    groupCols: groups,
    law,
    fitUntil,
    holdoutFrac,
    targets: args.flags.get(targetFlag) ?? [],
    ...reachArg(args),
    bootstrap,
    level,
    seed: seedArg(args) ?? 1,
    upperBound,
    ...(robust !== undefined ? { robust: robust as RobustMode } : {}),
    format: parseFormat(one(args, 'format')),
    ...(args.switches.has('keep-warmup') ? { keepWarmup: true } : {}),
  };
}

function reachArg(args: ParsedArgs): { reach?: number[] } {
  const texts = args.flags.get('reach');
  return texts?.length ? { reach: reachLosses(texts) } : {};
}

/** The losses of --reach (fit, predict, watch). */
export function reachLosses(texts: readonly string[]): number[] {
  return texts.map((t) => {
    const v = Number(t);
    if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--reach takes a positive loss (e.g. 2.5), got "${t}"`);
    return v;
  });
}

/**
 * A .csv file whose header has the --x column is a table, read as before (columns by name);
 * anything else — folders, other logs, a CSV without --x or with --x an x kind it has no column
 * for, --group run where it has no run column, or --format — goes through the ingest readers.
 */
export async function loadCurves(req: CurveFitRequest): Promise<LoadedCurves> {
  return asFallingMetric(await loadAsRead(req));
}

async function loadAsRead(req: CurveFitRequest): Promise<LoadedCurves> {
  const x = req.xCol;
  // a column that is no x kind, or groups by column, are the table's; an x kind alone goes through
  // the log readers, which also read a log's LR warmup and its run's config (one fit, --x or not)
  const byColumns = x !== undefined && (!isXKind(x) || req.groupCols.length > 0);
  if (byColumns && req.yCol !== undefined && !req.format && /\.csv$/i.test(req.path)) {
    let table: CurveTable | undefined;
    let tableError: unknown;
    try {
      table = await readCurveTable(req.path, { x, y: req.yCol, groups: req.groupCols });
    } catch (err) {
      if (!isXKind(x)) throw err;
      tableError = err;
    }
    // `--x tokens --y loss --group run` on a CSV with a model_name column: "run" (and a sweep's N, D)
    // is the log reader's group when the table has no such column, as it is without --x
    const logGroup = (g: string): boolean => (g === 'run' || SWEEP_GROUP_FLAGS.has(g)) && !table?.header.includes(g);
    if (table && (!isXKind(x) || (table.header.includes(x) && !req.groupCols.some(logGroup)))) {
      const xKind = xKindOf(x) ?? countKindOf(x);
      return { ...table.curves(), yKey: req.yCol, ...(xKind ? { xKind } : {}) };
    }
    const loaded = await sourceCurves(req);
    // a group the log reader did not split by either (one run; no N or D slices in a training log)
    // is refused with the table's columns, not fitted as one curve through every row without a word
    const header = table?.header;
    const unanswered = req.groupCols.find((g) => logGroup(g) && new Set(loaded.curves.map((c) => c.group[g]).filter((v) => v !== undefined)).size <= (g === 'run' ? 1 : 0));
    if (unanswered !== undefined) {
      const holds = unanswered === 'run' ? 'holds one run' : `is no sweep to take ${unanswered} from`;
      throw header ? new UsageError(`${req.path} has no column "${unanswered}" and ${holds}; columns are: ${header.join(', ')}`) : tableError;
    }
    return loaded;
  }
  const loaded = await sourceCurves(req);
  // without --x too: --group N on a training log has no sizes to split by, and was passed over
  const unsplit = req.groupCols.find((g) => SWEEP_GROUP_FLAGS.has(g) && loaded.curves.every((c) => c.group[g] === undefined));
  if (unsplit !== undefined) throw new UsageError(`${req.path} is no sweep to take ${unsplit} from (a table of one row per run): --group run fits each run of a log`);
  return loaded;
}

/** The count a sweep's column name states ("N", "num_params", "D", "total_flops"), which a target's unit must not contradict. */
function countKindOf(column: string): XKind | undefined {
  const c = sweepColumns([column]);
  return c.params === 0 ? 'params' : c.tokens === 0 ? 'tokens' : c.flops === 0 ? 'flops' : undefined;
}

/** Every curve's outcome: fitted, or `error` saying why (one curve's problem never stops the others). */
export async function fitCurves(req: CurveFitRequest): Promise<CurveFitJson[]> {
  return fitLoaded(req, await loadCurves(req));
}

export function fitLoaded(req: CurveFitRequest, loaded: LoadedCurves): CurveFitJson[] {
  // a target that cannot be read is the caller's mistake for every curve: stop before fitting any
  req.targets.forEach((t, i) => {
    try {
      parseTarget(t, 1, loaded.xKind);
    } catch (e) {
      if (!(e instanceof ScalingLensError)) throw e;
      // `--target 300B tokens` unquoted: the shell made the unit a target of its own
      if (i > 0 && !/\d/.test(t) && axisOfUnit(t)) throw new UsageError(`"${t}" is a unit, not a target: quote a target with its unit, e.g. "${req.targets[i - 1]} ${t}"`);
      throw new UsageError(e.message);
    }
  });
  const asked = req.reach?.length ? { ...req, reach: reachAsFitted(loaded, req.reach) } : req;
  return loaded.curves.map(({ group, points, warnings, warmup, outliers }) => {
    let r: CurveFitJson;
    try {
      r = fitOne(asked, group, points, req.keepWarmup ? undefined : warmup, loaded.xKind);
      addMeanings(r.predictions, loaded.metric);
    } catch (e) {
      if (!(e instanceof UsageError || e instanceof ScalingLensError)) throw e;
      r = failed(req, group, e instanceof CurveFailure ? e.nFit : 0, e.message);
    }
    if (loaded.yKey !== undefined) r = { metric: loaded.yKey, ...r };
    r.warnings.unshift(...loaded.warnings, ...(warnings ?? []));
    r.outliers.push(...(outliers ?? []).map((p) => ({ x: p.x, y: p.y, why: FAR_ABOVE_SURFACE })));
    return r;
  });
}

/** Why a sweep's run is in a curve's outliers (the sweep's warnings name it). */
export const FAR_ABOVE_SURFACE = 'far above the surface through the other runs';

/** In text, what was said of the whole source is said once, not under each of its curves. */
export function sharedWarnings(loaded: LoadedCurves, results: readonly CurveFitJson[]): ReadonlySet<string> {
  return new Set(results.length > 1 ? loaded.warnings : []);
}

/** Why one curve could not be fitted, with how many fit points it had. */
class CurveFailure extends UsageError {
  constructor(
    message: string,
    readonly nFit: number,
  ) {
    super(message);
  }
}

/** The same shape as a fitted curve, empty, with `error`. */
function failed(req: CurveFitRequest, group: Record<string, string>, n: number, error: string): CurveFitJson {
  const named = req.law !== 'auto' && req.law !== 'bnsl';
  return {
    group,
    law: req.law,
    formula: named ? getLaw(req.law).formula : '',
    params: {},
    intervals: {},
    converged: false,
    reason: 'not fitted',
    backtest: null,
    heldOut: null,
    predictions: [],
    nFit: n,
    outliers: [],
    warnings: [],
    // the keys of a fitted curve with the same request: a script reads `level` off every object
    ...(req.bootstrap > 0 ? { level: req.level ?? 0.95 } : {}),
    error,
  };
}

/** "28 fitted, 2 failed (1 too few points, 1 constant y)": the last line of a run over many curves. */
export function outcomeSummary(results: readonly CurveFitJson[]): string {
  const bad = results.filter((r) => r.error !== undefined);
  const kinds = new Map<string, number>();
  for (const r of bad) kinds.set(failureKind(r.error!), (kinds.get(failureKind(r.error!)) ?? 0) + 1);
  const why = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${n} ${k}`).join(', ');
  return `${results.length - bad.length} fitted, ${bad.length} failed${bad.length > 0 ? ` (${why})` : ''}`;
}

function failureKind(error: string): string {
  // the specific causes first: "could not choose a law (… y is constant …)" is about the data
  if (/constant/i.test(error)) return 'constant y';
  if (/no rows with numbers/i.test(error)) return 'no numbers';
  // a curve left without points by non-positive values is a wrong column or sign, not bad numbers
  if (/must be positive|non-positive|≤ 0/i.test(error)) return 'non-positive values';
  if (/not a finite|non-finite|missing or infinite/i.test(error)) return 'non-finite values';
  if (/needs at least \d+ points|too few|could not choose a law/i.test(error)) return 'too few points';
  return 'fit failed';
}

/** Exit status of a run over curves: 0 when at least one fitted, 1 when none did. */
export function outcomeStatus(results: readonly CurveFitJson[]): number {
  return results.some((r) => r.error === undefined) ? 0 : 1;
}

function fitOne(req: CurveFitRequest, group: Record<string, string>, points: Point[], warmup?: WarmupStart, xKind?: string): CurveFitJson {
  if (points.length === 0) throw new UsageError(`no rows with numbers in both ${req.xCol ?? 'x'} and ${req.yCol ?? 'y'}`);
  const maxX = maxBy(points, (p) => p.x);
  const targets = req.targets.map((t) => parseTarget(t, maxX, xKind).value);
  const choosing = req.law === 'auto' || req.law === 'bnsl';
  const laws = req.law === 'auto' ? CURVE_LAW_IDS : req.law === 'bnsl' ? ['bnsl-0', 'bnsl-1', 'bnsl-2', 'bnsl-3'] : [req.law];
  // the curve is predicted on a grid past the data for --reach, after the asked targets
  const grid = req.reach?.length ? reachGridOf(points, warmup?.at) : [];
  const base = { fitUntil: req.fitUntil, holdoutFrac: req.holdoutFrac, fitFrom: warmup?.at, fitFromSource: warmup?.from, targets: [...targets, ...grid], seed: req.seed, upperBound: req.upperBound, robust: req.robust };
  const first = analyzeCurve(points, { ...base, laws, autoAmong: req.law === 'bnsl' ? laws : undefined });
  const chosen = choosing ? first.auto?.law : req.law;
  if (!chosen) {
    const why = first.estimators.map((e) => `${e.law}: ${e.error ?? 'no back-test'}`).join('; ');
    const fitted = first.estimators.filter((e) => e.fit).map((e) => e.law);
    const hint = fitted.length > 0 ? `; name one with --law (fitted: ${fitted.join(', ')})` : '';
    throw new CurveFailure(`could not choose a law (${first.warnings.join('; ') || why})${hint}`, first.fitPoints.length);
  }
  // bootstrap only the law that is reported: resampling every candidate would multiply the cost
  const final: CurveAnalysis = req.bootstrap > 0 ? analyzeCurve(points, { ...base, laws: [chosen], bootstrap: req.bootstrap, level: req.level }) : first;
  const est = final.estimators.find((e) => e.law === chosen)!;
  if (!est.fit) throw new CurveFailure(choosing ? `${chosen}: ${est.error}` : (est.error ?? 'fit failed'), final.fitPoints.length);
  const firstEst = first.estimators.find((e) => e.law === chosen)!;
  const json: CurveFitJson = {
    group,
    law: chosen,
    formula: getLaw(chosen).formula,
    params: est.fit.params,
    intervals: est.intervals ?? {},
    converged: est.fit.converged,
    reason: est.fit.reason,
    backtest: firstEst.backtest ?? null,
    heldOut: est.heldOut ?? null,
    predictions: est.predictions.slice(0, targets.length).map((p) => ({ ...p })),
    ...(req.reach?.length ? { reach: req.reach.map((loss) => lossReach(est.predictions.slice(targets.length), loss, maxX, points)) } : {}),
    // trimmed spikes are among the fit points but no law saw them
    nFit: final.fitPoints.length - (final.outliersDownWeighted ? 0 : (final.outliers?.length ?? 0)),
    outliers: (final.outliers ?? []).map((p) => ({ x: p.x, y: p.y })),
    ...(final.warmupPoints && warmup ? { warmup: { before: warmup.at, points: final.warmupPoints.length, from: warmup.from } } : {}),
    ...(final.upturn ? { upturn: { ...final.upturn } } : {}),
    warnings: [...new Set([...final.warnings, ...est.fit.warnings, ...outsideTheData(targets, points, xKind), ...fallingAway(final, chosen, est.fit.params), ...pastTwoPoints(final, targets)])],
  };
  if (req.bootstrap > 0) json.level = req.level ?? 0.95;
  if (choosing && first.auto) {
    // a law that collapsed to an earlier one's fit is marked as the panel's table marks it
    const twins = sameFitLaws(first.estimators);
    json.auto = {
      law: first.auto.law,
      reason: first.auto.reason,
      // an average auto built from its best candidates is a choice (auto's, or the back-tests' an upturn overruled), not a candidate
      candidates: first.estimators.flatMap((e: EstimatorReport, i) =>
        laws.includes(e.law) ? [{ law: e.law, backtest: e.backtest?.rmsle ?? null, ...(e.error ? { error: e.error } : {}), ...(twins[i] !== undefined ? { sameAs: twins[i] } : {}) }] : [],
      ),
    };
  }
  return json;
}

/** The loss falling away below the fit at the end of the data (core/lateFall.ts), as the panel says it. */
function fallingAway(a: CurveAnalysis, law: string, params: Params): string[] {
  const said = lateFallOf(a, getLaw(law), params);
  return said ? [said] : [];
}

/** A target past a curve of 2 fit points (core/fewPoints.ts), as the panel says it beside its prediction. */
function pastTwoPoints(a: CurveAnalysis, targets: readonly number[]): string[] {
  const said = a.fitPoints.length > 0 && targets.some((t) => t > maxBy(a.fitPoints, (p) => p.x)) ? twoPointCaution(a.fitPoints.length) : undefined;
  return said ? [said] : [];
}

export function describe(group: Record<string, string>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(4) : Number(v.toPrecision(5)).toString();
}

/** A predicted value as the panel's headline writes it: four significant digits, trailing zeros kept ("3.210", not "3.21"). */
export function fmtLoss(v: number | undefined | null): string {
  return v === undefined || v === null ? '—' : lossText(v, fmt);
}

/** "95%" for 0.95, "80%" for 0.8. */
export function levelText(level: number | undefined): string {
  return `${Number(((level ?? 0.95) * 100).toPrecision(3))}%`;
}

/**
 * "left 3 loss spikes out of the fit (x = 2100, 5800, 9500)" ("3 loss spikes down-weighted by the
 * Huber loss, left out of BNSL (x = …)" when they stayed in the fit), '' without spikes; at most 8 x values are listed.
 */
export function outlierText(outliers: readonly { x: number }[], downWeighted = false): string {
  if (outliers.length === 0) return '';
  const xs = outliers.slice(0, 8).map((p) => fmt(p.x)).join(', ');
  const more = outliers.length > 8 ? `, … ${outliers.length - 8} more` : '';
  const n = `${outliers.length} loss spike${outliers.length === 1 ? '' : 's'}`;
  return downWeighted ? `${n} down-weighted by the Huber loss, left out of BNSL (x = ${xs}${more})` : `left ${n} out of the fit (x = ${xs}${more})`;
}

/** The curve's own back-test error at the nearest factor; `beyond` (with the target's factor) when the target is further out than any back-test. */
export interface TrustJson {
  factor: number;
  missedBy: number;
  beyond?: true;
  targetFactor?: number;
}

export { scatterText, trustText };

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => maxBy(rows, (r) => r[c].length));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

// Shared by `fit` and `predict`: read a CSV table (columns by name) or any training log / folder
// of runs (through the ingest layer), split it into curves (--group), analyse each curve with the
// requested law (or the back-tested choice) and shape the result for printing.
import { num, one, UsageError, type ParsedArgs } from './args';
import { readCsvTable, requireColumns, type CsvTable } from './csvTable';
import { isXKind, sourceCurves, type LoadedCurve, type LoadedCurves } from './sourceCurves';
import { parseFormat } from './formatArg';
import type { FormatId } from '../ingest/model/model';
import { analyzeCurve } from '../core/analyze';
import type { CurveAnalysis, EstimatorReport, Point } from '../core/analysis';
import { CURVE_LAW_IDS, getLaw } from '../core/laws/index';
import { parseTarget } from '../core/units';

export const CURVE_FIT_VALUED = ['x', 'y', 'group', 'law', 'fit-until', 'holdout-frac', 'target', 'at', 'bootstrap', 'seed', 'upper-bound', 'format'] as const;
export const CURVE_FIT_BOOLEANS = ['json'] as const;

export interface CurveFitJson {
  group: Record<string, string>;
  law: string;
  /** The law's formula; for an average, the weighted geometric mean of its base laws. */
  formula: string;
  params: Record<string, number>;
  intervals: Record<string, readonly [number, number]>;
  converged: boolean;
  reason: string;
  backtest: { rmsle: number; nFit: number; nScored: number } | null;
  heldOut: { n: number; rmsle: number } | null;
  predictions: { x: number; y: number; lo?: number; hi?: number }[];
  /** Present with --law auto / bnsl: what was chosen and why, and every candidate's back-test. */
  auto?: { law: string; reason: string; candidates: { law: string; backtest: number | null; error?: string }[] };
  nFit: number;
  warnings: string[];
}

export interface CurveFitRequest {
  readonly path: string;
  /** A column of a CSV table; for a training log an x kind (default: the best one it has). */
  readonly xCol?: string;
  readonly yCol: string;
  readonly groupCols: readonly string[];
  readonly law: string;
  readonly fitUntil?: number;
  readonly holdoutFrac?: number;
  readonly targets: readonly string[];
  readonly bootstrap: number;
  readonly seed: number;
  readonly upperBound?: number;
  /** Read the path as this log format (skips detection and the CSV-table reading). */
  readonly format?: FormatId;
}

export function curveRequest(args: ParsedArgs, targetFlag: 'target' | 'at'): CurveFitRequest {
  if (args.positional.length !== 1) throw new UsageError('needs exactly one PATH (a CSV file, a training log or a folder of runs)');
  const xCol = one(args, 'x');
  const yCol = one(args, 'y');
  if (!yCol) throw new UsageError('--y is required (the loss column or series; --x: the scaled quantity)');
  const fitUntil = num(args, 'fit-until');
  const holdoutFrac = num(args, 'holdout-frac');
  if (fitUntil !== undefined && holdoutFrac !== undefined) throw new UsageError('give --fit-until or --holdout-frac, not both');
  if (holdoutFrac !== undefined && !(holdoutFrac >= 0 && holdoutFrac < 1)) throw new UsageError('--holdout-frac must be in [0, 1)');
  const bootstrap = num(args, 'bootstrap') ?? 0;
  if (!Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 10000) throw new UsageError('--bootstrap must be a whole number between 0 and 10000');
  const law = (one(args, 'law') ?? 'auto').toLowerCase();
  if (law !== 'auto' && law !== 'bnsl') getLaw(law);
  return {
    path: args.positional[0],
    xCol,
    yCol,
    groupCols: args.flags.get('group') ?? [],
    law,
    fitUntil,
    holdoutFrac,
    targets: args.flags.get(targetFlag) ?? [],
    bootstrap,
    seed: num(args, 'seed') ?? 1,
    upperBound: num(args, 'upper-bound'),
    format: parseFormat(one(args, 'format')),
  };
}

/**
 * A .csv file whose header has the --x column is a table, read as before (columns by name);
 * anything else — folders, other logs, a CSV without --x or with --x an x kind it has no column
 * for, or --format — goes through the ingest readers.
 */
export async function loadCurves(req: CurveFitRequest): Promise<LoadedCurves> {
  const x = req.xCol;
  if (x !== undefined && !req.format && /\.csv$/i.test(req.path)) {
    let table: CsvTable | undefined;
    try {
      table = await readCsvTable(req.path);
    } catch (err) {
      if (!isXKind(x)) throw err;
    }
    if (table && (table.header.includes(x) || !isXKind(x))) return tableCurves(req, x, table);
  }
  return sourceCurves(req);
}

export async function fitCurves(req: CurveFitRequest): Promise<CurveFitJson[]> {
  return fitLoaded(req, await loadCurves(req));
}

export function fitLoaded(req: CurveFitRequest, loaded: LoadedCurves): CurveFitJson[] {
  return loaded.curves.map(({ group, points }) => {
    const r = fitOne(req, group, points);
    r.warnings.unshift(...loaded.warnings);
    return r;
  });
}

function tableCurves(req: CurveFitRequest, xCol: string, table: CsvTable): LoadedCurves {
  requireColumns(table, req.path, [xCol, req.yCol, ...req.groupCols]);
  const groups = new Map<string, LoadedCurve>();
  let skipped = 0;
  for (const row of table.rows) {
    const x = Number(row[xCol]);
    const y = Number(row[req.yCol]);
    if (row[xCol] === '' || row[req.yCol] === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      skipped++;
      continue;
    }
    const group = Object.fromEntries(req.groupCols.map((c) => [c, row[c]]));
    const key = JSON.stringify(group);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group, points: [] }));
    g.points.push({ x, y });
  }
  if (groups.size === 0) throw new UsageError(`${req.path} has no rows with numbers in both ${xCol} and ${req.yCol}`);
  const warnings = skipped > 0 ? [`skipped ${skipped} row${skipped === 1 ? '' : 's'} without numbers in ${xCol} and ${req.yCol}`] : [];
  return { curves: [...groups.values()], warnings };
}

function fitOne(req: CurveFitRequest, group: Record<string, string>, points: Point[]): CurveFitJson {
  const maxX = Math.max(...points.map((p) => p.x));
  const targets = req.targets.map((t) => parseTarget(t, maxX).value);
  const choosing = req.law === 'auto' || req.law === 'bnsl';
  const laws = req.law === 'auto' ? CURVE_LAW_IDS : req.law === 'bnsl' ? ['bnsl-0', 'bnsl-1', 'bnsl-2', 'bnsl-3'] : [req.law];
  const base = { fitUntil: req.fitUntil, holdoutFrac: req.holdoutFrac, targets, seed: req.seed, upperBound: req.upperBound };
  const first = analyzeCurve(points, { ...base, laws, autoAmong: req.law === 'bnsl' ? laws : undefined });
  const chosen = choosing ? first.auto?.law : req.law;
  if (!chosen) {
    const why = first.estimators.map((e) => `${e.law}: ${e.error ?? 'no back-test'}`).join('; ');
    const fitted = first.estimators.filter((e) => e.fit).map((e) => e.law);
    const hint = fitted.length > 0 ? `; name one with --law (fitted: ${fitted.join(', ')})` : '';
    throw new UsageError(`${describe(group)}could not choose a law (${first.warnings.join('; ') || why})${hint}`);
  }
  // bootstrap only the law that is reported: resampling every candidate would multiply the cost
  const final: CurveAnalysis = req.bootstrap > 0 ? analyzeCurve(points, { ...base, laws: [chosen], bootstrap: req.bootstrap }) : first;
  const est = final.estimators.find((e) => e.law === chosen)!;
  if (!est.fit) throw new UsageError(`${describe(group)}${chosen}: ${est.error}`);
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
    predictions: est.predictions.map((p) => ({ ...p })),
    nFit: final.fitPoints.length,
    warnings: [...new Set([...final.warnings, ...est.fit.warnings])],
  };
  if (choosing && first.auto) {
    json.auto = {
      law: first.auto.law,
      reason: first.auto.reason,
      // the average auto built from its best candidates is the choice itself, not a candidate
      candidates: first.estimators.filter((e) => !(e.law === first.auto!.law && !laws.includes(e.law))).map((e: EstimatorReport) => ({
        law: e.law,
        backtest: e.backtest?.rmsle ?? null,
        ...(e.error ? { error: e.error } : {}),
      })),
    };
  }
  return json;
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

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

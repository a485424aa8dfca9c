// `scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K]`:
// fits a scaling-law surface to a CSV sweep (one row per finished run) and prints the parameters,
// their bootstrap intervals and the compute-optimal frontier. The `fit` command delegates here
// for the surface laws (isSurfaceLaw); this module can also be used on its own.
import { basename } from 'node:path';
import { bootstrapArg, UsageError, one, seedArg, type ParsedArgs } from '../args';
import { otherMarkNote, readCsvTable, tableNumber } from '../csvTable';
import { optimalAllocation, type Allocation } from '../../core/allocation';
import { chinchillaFromParams } from '../../core/laws/chinchilla';
import { getLaw } from '../../core/laws/index';
import { allocationIntervals, type SurfaceBootstrap } from '../../core/surfaceBootstrap';
import { fitSweepSurface, observationsAt, type FarRun } from '../../core/sweepSurface';
import { ScalingLensError, type Observations } from '../../core/types';
import { countInMarkedText } from '../../ingest/text/sizeText';
import { parseCell, type DecimalMark } from '../../ingest/text/cells';
import { isFittableLoss, RowsWithoutLoss } from '../../ingest/model/rowsWithoutLoss';
import { scaledSweepColumns, type SweepColumns } from '../../ingest/model/sweepColumns';
import { headerUnit } from '../../ingest/text/headerUnit';
import { inHeaderUnit, type CountKind } from '../../ingest/model/countUnits';
import { readSweepTable, sweepLayout } from '../../ingest/model/sweepTable';
import { allocationTable, compactJson, fmt, intervalText, table } from './surfaceOutput';
import { finishedRunTable, isFolder } from '../finishedRuns';
import { isoflopJson, isoflopText, type IsoflopJson } from './isoflopOutput';
import { allocationExponents } from '../../core/allocation';
import { outlierNote } from '../../core/outlierRuns';
import { implausibleScale } from '../../core/surfaceDesign';
import { largestRunFlops } from '../../core/beyondSweep';

/** Laws this module fits, and the flags it reads (for the `fit` command's parser). */
export const SURFACE_LAW_IDS = ['chinchilla', 'chinchilla-dc', 'kaplan-nd', 'kaplan-ns', 'kaplan-n', 'kaplan-d', 'kaplan-c'] as const;
export const SURFACE_FIT_VALUED = ['law', 'n', 'd', 'c', 's', 'u', 'y', 'bootstrap', 'seed', 'group'] as const;
export const SURFACE_FIT_BOOLEANS = ['json', 'quick', 'keep-outliers'] as const;

export function isSurfaceLaw(id: string | undefined): boolean {
  return id !== undefined && (SURFACE_LAW_IDS as readonly string[]).includes(id.toLowerCase());
}

export const SURFACE_FIT_HELP = [
  'scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K] [--seed S] [--group COL] [--quick] [--keep-outliers] [--json]',
  '  Fit L(N, D) = E + A/N^α + B/D^β to a CSV sweep (one row per run: parameters, tokens or compute, final loss),',
  '  or to a folder of finished runs (a row per run that states its planned length and reached it: its size from',
  '  its name or config, its tokens and its loss at the end).',
  '  --c COL gives compute in FLOPs instead of tokens (D = C / 6N). --bootstrap K adds 95% intervals from K',
  '  resamples (of rows, or of --group runs); --json prints what `allocate --from` reads (with largestRunFlops,',
  '  the 6·N·D of the largest run fitted, so that it notes a budget over 10× that).',
  '  The fit runs BFGS from the 4,500-start grid of the Epoch replication; --quick uses every 10th start.',
  '  Rows whose loss is nan, inf or blank (diverged or crashed runs) are left out, named in a warning, and so are',
  '  rows whose N, D or loss is text, blank or not positive: the rows the panel\'s Plan fits. A run',
  '  far above the fitted surface (log residual over 6 robust σ of the other rows\' and over 10%: a diverged',
  '  or failed run) is left out and the surface refitted without it, named in a warning and in JSON "outliers";',
  '  --keep-outliers fits every row and only names them.',
  '  Other surface laws: --law chinchilla-dc (--u COL: unique tokens), kaplan-nd (--n, --d), kaplan-ns (--n, --s steps),',
  '  kaplan-n / kaplan-d / kaplan-c (one of --n, --d, --c).',
].join('\n');

type Row = Record<string, string>;

interface SweepRows {
  readonly rows: readonly Row[];
  readonly columns: readonly string[];
  /** The table's decimal mark, when it decided one. */
  readonly mark?: DecimalMark;
  /** Where the rows came from, when not a table (a folder's finished runs). */
  readonly note?: string;
  /** What the table reader said of the table (its decimal mark). */
  readonly warnings?: readonly string[];
}

async function readRows(path: string): Promise<SweepRows> {
  // a folder of runs: its finished runs' final losses are the sweep
  if (await isFolder(path)) return finishedRunTable(path);
  const { header, rows, mark, warnings } = await readCsvTable(path);
  if (rows.length === 0) throw new ScalingLensError('too-few-points', `${path} has a header but no data rows.`);
  return { rows, columns: header, mark, warnings };
}

/** The header's spelling of column `name` (exact, else ignoring case). */
function columnKey(table: SweepRows, name: string, flag: string, path: string): string {
  const { columns } = table;
  const key = columns.includes(name) ? name : columns.find((c) => c.toLowerCase() === name.toLowerCase());
  if (key === undefined) throw new UsageError(`--${flag}: no column "${name}" in ${path}; columns are ${columns.join(', ')}`);
  return key;
}

function notANumber(key: string, row: number, raw: string, why: string): ScalingLensError {
  return new ScalingLensError('non-finite', `column "${key}" row ${row}: "${raw}" is not a number${why}.`);
}

/** A row's line in the file: the header is line 1. */
const lineOf = (index: number): number => index + 2;

/** Whether a cell states that there is no value (blank, NA, nan, inf), as against text that is not a number. */
function statesNoValue(raw: string): boolean {
  const v = parseCell(raw);
  return v === undefined || (typeof v === 'number' && !Number.isFinite(v));
}

/**
 * The rows that have a loss to fit, their losses, and those left out: a loss that is blank, nan,
 * inf or not positive is a run that diverged or did not finish. Text where a loss belongs (a wrong
 * column) is an error.
 */
function lossRows(table: SweepRows, name: string, path: string): { rows: number[]; y: Float64Array; note?: string } {
  const key = columnKey(table, name, 'y', path);
  const rows: number[] = [];
  const losses: number[] = [];
  const without = new RowsWithoutLoss();
  table.rows.forEach((r, i) => {
    const raw = r[key] ?? '';
    const v = raw === '' ? NaN : tableNumber(raw, table.mark);
    if (isFittableLoss(v)) {
      rows.push(i);
      losses.push(v);
    } else if (Number.isFinite(v) || statesNoValue(raw)) without.add(lineOf(i), raw);
    else throw notANumber(key, lineOf(i), raw, otherMarkNote(raw, table.mark) ?? '');
  });
  return { rows, y: Float64Array.from(losses), note: without.note() };
}

/** Column `name` at `rows`; counts may be written as sizes ("125M", "pythia-1.4b", "300B"). */
function column(table: SweepRows, name: string, flag: string, path: string, rows: readonly number[], notes: string[]): Float64Array {
  const key = columnKey(table, name, flag, path);
  const scale = COUNT_FLAGS.has(flag) ? (headerUnit(key).scale ?? 1) : 1;
  const plain = new Uint8Array(rows.length);
  const values = Float64Array.from(rows, (i, k) => {
    const raw = table.rows[i]![key] ?? '';
    const v = raw === '' ? NaN : (countInMarkedText(raw, table.mark) ?? NaN);
    if (!Number.isFinite(v)) throw notANumber(key, lineOf(i), raw, otherMarkNote(raw, table.mark) ?? ' or a size such as 125M or 1.3B');
    // said here with its line: the law's own check counts points, not the file's rows
    if (!(v > 0)) throw new ScalingLensError('non-positive', `column "${key}" row ${lineOf(i)}: ${raw} is not positive (a count of parameters, tokens or FLOPs).`);
    plain[k] = PLAIN_NUMBER.test(raw) ? 1 : 0;
    return v;
  });
  return inHeaderUnit(values, plain, scale, key, flag as CountKind, notes);
}

/** Flags whose columns are counts, read in their header's unit ("params (M)"). */
const COUNT_FLAGS: ReadonlySet<string> = new Set(['n', 'd', 'c']);
/** A cell that is a number alone: a size ("125M") states its own scale and is not scaled again. */
const PLAIN_NUMBER = /^\s*[-+]?[0-9][0-9.,]*([eE][-+]?[0-9]+)?\s*$/;
const DEFAULT_COLUMN: Partial<Record<string, keyof SweepColumns>> = { n: 'params', d: 'tokens', c: 'flops', y: 'loss' };

/**
 * The column a flag names, or the sweep table's own for N, D, C and the loss (as the panel reads
 * it), said in `chosen` so the user sees which was taken.
 */
function need(args: ParsedArgs, flag: string, law: string, columns: readonly string[], chosen: string[]): string {
  const v = one(args, flag);
  if (v !== undefined) return v;
  const kind = DEFAULT_COLUMN[flag];
  const index = kind === undefined ? -1 : scaledSweepColumns(columns)[kind];
  if (index < 0) throw new UsageError(`--law ${law} needs --${flag} COL`);
  chosen.push(`--${flag} ${columns[index]}`);
  return columns[index]!;
}

interface SurfaceData {
  readonly obs: Observations;
  readonly groups?: Float64Array;
  readonly points: number;
  /** Columns taken without a flag, as `--n model`. */
  readonly chosen: readonly string[];
  /** Where the rows came from, when not a table (a folder's finished runs). */
  readonly note?: string;
  /** What the table reader said of the table, and the rows left out for their loss. */
  readonly reading: readonly string[];
  /** Each observation's line in the table (absent for a folder's finished runs). */
  readonly lines?: readonly number[];
}

/** Laws of N and D (x, x2): their rows are the sweep table's (ingest/model/sweepTable.ts), as the panel's Plan reads them. */
const ND_LAWS: ReadonlySet<string> = new Set(['chinchilla', 'chinchilla-dc', 'kaplan-nd']);

/** The rows a surface law is fitted to: the columns it needs at the rows that have a loss; D comes from --d, or from --c as C/6N. */
export async function readSurface(args: ParsedArgs, law: string, path: string): Promise<SurfaceData> {
  const table = await readRows(path);
  const { columns } = table;
  const groupCol = one(args, 'group');
  if (groupCol !== undefined && !columns.includes(groupCol)) throw new UsageError(`--group: no column "${groupCol}" in ${path}`);
  const groupsAt = (rows: readonly number[]): Float64Array | undefined => (groupCol === undefined ? undefined : Float64Array.from(rows, (i) => hashString(table.rows[i]![groupCol] ?? '')));
  if (ND_LAWS.has(law)) return readSweepSurface(args, law, path, table, groupsAt);
  const chosen: string[] = [];
  const named = (flag: string): string => need(args, flag, law, columns, chosen);
  const { rows, y, note: withoutLoss } = lossRows(table, named('y'), path);
  if (rows.length === 0) throw new ScalingLensError('too-few-points', `${path}: no row has a loss to fit (${withoutLoss}).`);
  // the columns' units are said with the table's reading (filled as the columns are read below)
  const reading = [...(table.warnings ?? []), ...(withoutLoss ? [withoutLoss] : [])];
  const col = (name: string, flag: string): Float64Array => column(table, name, flag, path, rows, reading);
  const shared = { groups: groupsAt(rows), chosen, note: table.note, reading, lines: table.note ? undefined : rows.map(lineOf) };
  if (law === 'kaplan-n' || law === 'kaplan-d' || law === 'kaplan-c') {
    const flag = law.slice(-1);
    return { obs: { x: col(named(flag), flag), y }, points: y.length, ...shared };
  }
  return { obs: { x: col(named('n'), 'n'), x2: col(named('s'), 's'), y }, points: y.length, ...shared };
}

/**
 * N, D and loss of the rows that give all three, read as the panel reads a sweep file (D from
 * --d, else C/6N from --c; the header's own columns when not named), the rows left out named.
 */
function readSweepSurface(args: ParsedArgs, law: string, path: string, table: SweepRows, groupsAt: (rows: readonly number[]) => Float64Array | undefined): SurfaceData {
  const names = { n: one(args, 'n'), d: one(args, 'd'), c: one(args, 'c'), y: one(args, 'y') };
  if (names.d !== undefined && names.c !== undefined) throw new UsageError('give either --d (tokens) or --c (compute), not both');
  const layout = sweepLayout(table.columns, names);
  if ('missing' in layout) throw new UsageError(`--${layout.flag}: no column "${layout.missing}" in ${path}; columns are ${table.columns.join(', ')}`);
  if (layout.y < 0) throw new UsageError(`--law ${law} needs --y COL`);
  if (layout.n < 0 && !(layout.d >= 0 && layout.c >= 0)) throw new UsageError(`--law ${law} needs --n COL`);
  if (layout.d < 0 && layout.c < 0) throw new UsageError(`--law ${law} needs --d COL (tokens) or --c COL (compute in FLOPs)`);
  const sweep = readSweepTable(layout, table.rows.map((r, i) => ({ cell: (k: number) => r[table.columns[k]!] ?? '', line: lineOf(i) })), table.mark);
  const { N, D, loss, lines } = sweep.surface;
  const reading = [...(table.warnings ?? []), ...sweep.notes];
  // a runs table (W&B's has train/global_step) or a sweep with epochs is fitted; a training log's checkpoints would be too, so it is said
  if (layout.stepColumn !== undefined) reading.push(`${basename(path)} has a "${layout.stepColumn}" column: if its rows are checkpoints of training runs rather than one per finished run, this surface is fitted to mid-training losses (a folder of runs gives its finished runs' final losses)`);
  if (loss.length === 0) {
    const what = sweep.rows.length === 0 ? 'a loss' : 'N, D and a loss';
    throw new ScalingLensError('too-few-points', `${path}: no row has ${what} to fit (${sweep.notes.join('; ')}).`);
  }
  const rows = lines.map((l) => l - lineOf(0));
  const x3 = law === 'chinchilla-dc' ? column(table, need(args, 'u', law, table.columns, []), 'u', path, rows, reading) : undefined;
  const chosen = layout.chosen.map((c) => `--${c.flag} ${c.column}`);
  return { obs: { x: Float64Array.from(N), x2: Float64Array.from(D), ...(x3 ? { x3 } : {}), y: Float64Array.from(loss) }, points: loss.length, groups: groupsAt(rows), chosen, note: table.note, reading, lines: table.note ? undefined : lines };
}

/** `fit()`, its "too few points" saying which rows were left out: the law counts points, not the file's rows. */
function withRowsLeftOut<T>(read: SurfaceData, fit: () => T): T {
  try {
    return fit();
  } catch (err) {
    const said = read.reading.filter((r) => r.startsWith('left out'));
    if (err instanceof ScalingLensError && err.code === 'too-few-points' && said.length > 0) throw new ScalingLensError(err.code, `${err.message} (${said.join('; ')})`);
    throw err;
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Decade budgets from the sweep's smallest compute to 1000× its largest (at most 10 rows). */
export function frontierBudgets(obs: Observations): number[] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < obs.y.length; i++) {
    const c = 6 * obs.x[i] * (obs.x2?.[i] ?? NaN);
    if (Number.isFinite(c)) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
  }
  if (!(hi > 0)) return [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi)) + 3;
  const stride = Math.max(1, Math.ceil((last - first + 1) / 10));
  const out: number[] = [];
  for (let e = first; e <= last; e += stride) out.push(10 ** e);
  return out;
}

/** `data` at the rows `kept` (indices into its observations). */
function rowsAt(data: SurfaceData, kept: readonly number[]): SurfaceData {
  const at = <T>(a: ArrayLike<T> | undefined): T[] | undefined => a && kept.map((i) => a[i]!);
  return { ...data, obs: observationsAt(data.obs, kept), groups: data.groups && Float64Array.from(at(data.groups)!), lines: at(data.lines), points: kept.length };
}

export interface SurfaceOutlier {
  /** The row's line in the table (absent for a folder's finished runs). */
  row?: number;
  /** The law's inputs there, as N, D. */
  at: Record<string, number>;
  loss: number;
  fitted: number;
}

function outlierRow(law: string, data: SurfaceData, run: FarRun): SurfaceOutlier {
  const { x, x2, x3, y } = data.obs;
  const i = run.index;
  const values = [x[i]!, x2?.[i], x3?.[i]];
  const at = Object.fromEntries(getLaw(law).inputs.map((name, k) => [name, values[k]!]));
  return { ...(data.lines ? { row: data.lines[i] } : {}), at, loss: y[i]!, fitted: run.fitted };
}

/** "left a run out of the surface fit as an outlier: row 16 (N = 4.1e8, D = 3e10), loss 10.8 against 2.62 from the surface through the other runs." */
function outlierRowNote(o: SurfaceOutlier, kept: boolean): string {
  const at = Object.entries(o.at).map(([name, v]) => `${name} = ${v.toPrecision(3)}`).join(', ');
  const run = o.row === undefined ? at : `row ${o.row} (${at})`;
  if (!kept) return outlierNote('the surface fit', run, o.loss, { value: o.fitted, from: 'the surface through the other runs' });
  return `a run far above the surface, kept in the fit (--keep-outliers): ${run}, loss ${o.loss.toPrecision(3)} against ${o.fitted.toPrecision(3)} from the surface.`;
}

export interface SurfaceFitJson {
  law: string;
  file: string;
  points: number;
  params: Record<string, number>;
  objective: number;
  converged: boolean;
  reason: string;
  /** Rows far above the surface (core/outlierRuns.ts): left out of the fit unless --keep-outliers; `fitted` is the surface's loss there. */
  outliers: SurfaceOutlier[];
  warnings: string[];
  starts?: number;
  bootstrap?: {
    resamples: number;
    level: number;
    failed: number;
    gridRefits: number;
    params: SurfaceBootstrap['params'];
    allocations: SurfaceBootstrap['allocations'];
    /** Every successful refit as [E, A, B, alpha, beta]: what `allocate --from` turns into intervals at any budget. */
    draws: number[][];
  };
  frontier?: Allocation[];
  /** Why the fit gives no compute-optimal frontier (core/surfaceDesign.ts); `allocate --from` refuses it. */
  noPlan?: string;
  /** An IsoFLOP sweep's Approach 2 (N_opt ∝ C^a from each budget's valley), at the frontier's budgets. */
  isoflop?: IsoflopJson;
  /** 6·N·D of the largest run the surface went through (chinchilla, chinchilla-dc): `allocate --from` says when a budget is over 10× it. */
  largestRunFlops?: number;
}

export async function runSurfaceFit(args: ParsedArgs): Promise<number> {
  const out = await surfaceFitJson(args);
  console.log(args.switches.has('json') ? compactJson(out) : surfaceFitText(out));
  return 0;
}

/** `fit --law chinchilla …` (or another surface law) as its JSON: what `allocate --from` plans from. */
export async function surfaceFitJson(args: ParsedArgs): Promise<SurfaceFitJson> {
  const law = (one(args, 'law') ?? '').toLowerCase();
  if (!isSurfaceLaw(law)) throw new UsageError(`--law must be one of ${SURFACE_LAW_IDS.join(', ')} for a surface fit; got "${law}"`);
  if (args.positional.length !== 1) throw new UsageError('fit needs exactly one CSV file, or a folder of finished runs');
  const path = args.positional[0];
  // 0 is none, as for a curve fit
  const resamples = bootstrapArg(args, 100000) || undefined;
  const seed = seedArg(args) ?? 1;
  if (resamples !== undefined && law !== 'chinchilla') throw new UsageError(`--bootstrap is available for --law chinchilla only`);
  const read = await readSurface(args, law, path);
  const swept = withRowsLeftOut(read, () => fitSweepSurface(law, read.obs, { seed, ...(resamples !== undefined ? { resamples } : {}), keepOutliers: args.switches.has('keep-outliers'), quick: args.switches.has('quick'), ...(read.groups ? { groups: read.groups } : {}) }));
  const { fit, surface, starts, noPlan } = swept;
  const keep = args.switches.has('keep-outliers') || swept.far.length === 0;
  const data = keep ? read : rowsAt(read, swept.kept);
  const outliers = swept.far.map((run) => outlierRow(law, read, run));

  const hasD = law === 'chinchilla' || law === 'chinchilla-dc';
  const budgets = hasD ? frontierBudgets(data.obs) : [];
  const canPlan = surface !== undefined && noPlan === undefined;
  const front = canPlan ? budgets.map((c) => optimalAllocation(surface!, c)) : undefined;
  const boot = swept.bootstrap;
  const bootAllocations = boot ? allocationIntervals(boot.draws, canPlan ? budgets : [], boot.level) : [];

  const out: SurfaceFitJson = {
    law,
    file: path,
    points: data.points,
    outliers,
    params: { ...fit.params },
    objective: fit.objective,
    converged: fit.converged,
    reason: fit.reason,
    warnings: [...data.reading, ...(data.note ? [data.note] : data.chosen.length ? [`columns not given, taken from the header: ${data.chosen.join(' ')}`] : []), ...fit.warnings],
    starts,
    bootstrap: boot && { resamples: boot.resamples, level: boot.level, failed: boot.failed, gridRefits: boot.gridRefits, params: boot.params, allocations: bootAllocations, draws: boot.draws.map((d) => [d.E, d.A, d.B, d.alpha, d.beta]) },
    frontier: front,
    ...(noPlan ? { noPlan } : {}),
  };
  out.warnings.push(...outliers.map((o) => outlierRowNote(o, keep)));
  if (noPlan) out.warnings.push(noPlan);
  const scale = data.obs.x2 && hasD ? implausibleScale(data.obs.x, data.obs.x2, { n: one(args, 'n') ?? 'N', d: one(args, 'd') ?? 'D' }) : undefined;
  if (scale) out.warnings.push(scale);
  if (hasD && data.obs.x2) out.largestRunFlops = largestRunFlops({ N: data.obs.x, D: data.obs.x2 });
  if (law === 'chinchilla' && data.obs.x2) {
    const iso = isoflopJson({ N: data.obs.x, D: data.obs.x2, loss: data.obs.y }, budgets, resamples, seed);
    if (iso.json) out.isoflop = iso.json;
    if (iso.note) out.warnings.push(iso.note);
  }
  return out;
}

export function surfaceFitText(out: SurfaceFitJson): string {
  const lines: string[] = [];
  lines.push(`${out.law} fit of ${out.file}: ${out.points} points${out.starts ? `, ${out.starts} starts` : ''}; ${out.converged ? 'converged' : 'NOT converged'} (${out.reason}); objective ${fmt(out.objective)}`);
  lines.push('');
  const ci = out.bootstrap?.params as Record<string, SurfaceBootstrap['params']['E']> | undefined;
  const header = ['parameter', 'value'];
  if (ci) header.push(`${Math.round((out.bootstrap!.level) * 100)}% CI (${out.bootstrap!.resamples} resamples)`);
  lines.push(table(header, Object.entries(out.params).map(([k, v]) => (ci ? [k, fmt(v), intervalText(ci[k])] : [k, fmt(v)]))));
  if (out.bootstrap && out.bootstrap.failed > 0) lines.push(`(${out.bootstrap.failed} resamples failed to refit and are excluded)`);
  if (out.frontier && out.frontier.length) {
    lines.push('', 'compute-optimal frontier (C ≈ 6ND):');
    lines.push(allocationTable(out.frontier, out.bootstrap?.allocations));
  }
  if (out.isoflop) {
    const p = out.params;
    const surfaceA = p.alpha > 0 && p.beta > 0 ? allocationExponents(chinchillaFromParams(p)).a : undefined;
    lines.push('', isoflopText(out.isoflop, surfaceA));
  }
  for (const w of out.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

// `scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K]`:
// fits a scaling-law surface (or another sweep law: Kaplan's, chinchilla-dc) to a CSV or JSONL sweep (one row
// per finished run), read by the one sweep reader (ingest/model/sweepTable.ts), and prints the parameters,
// their bootstrap intervals and the compute-optimal frontier. The `fit` command delegates here
// for the surface laws (isSurfaceLaw); this module can also be used on its own.
import { basename } from 'node:path';
import { bootstrapArg, UsageError, one, seedArg, type ParsedArgs } from '../args';
import { readCsvTable } from '../csvTable';
import { optimalAllocation, type Allocation } from '../../core/allocation';
import { chinchillaFromParams } from '../../core/laws/chinchilla';
import { getLaw } from '../../core/laws/index';
import { allocationIntervals, type SurfaceBootstrap } from '../../core/surfaceBootstrap';
import { fitSweepSurface, observationsAt, type FarRun } from '../../core/sweepSurface';
import { ScalingLensError, type Observations } from '../../core/types';
import type { DecimalMark } from '../../ingest/text/cells';
import { isManyLeftOutNote } from '../../ingest/model/sweepRowNotes';
import { isEveryRunUnfinishedNote } from '../../ingest/model/runStates';
import { printText, type TextAnswer } from '../textAnswer';
import { readSweepTable, sweepLayout, type ExtraColumn, type SweepColumnNames, type SweepLayout, type SweepRow } from '../../ingest/model/sweepTable';
import { uniqueTokensColumn } from '../../ingest/model/sweepColumns';
import { allocationTable, compactJson, fmt, intervalText, table } from './surfaceOutput';
import { finishedRunTable, isFolder } from '../finishedRuns';
import { readJsonlTable } from '../jsonlTable';
import { isJsonLinesName } from '../../ingest/formats/jsonlSweep';
import { isoflopJson, isoflopText, type IsoflopJson } from './isoflopOutput';
import { allocationExponents } from '../../core/allocation';
import { outlierNote } from '../../core/outlierRuns';
import { implausibleScale } from '../../core/surfaceDesign';
import { largestRunFlops } from '../../core/beyondSweep';
import { surfaceBackTestText, sweepBackTest, type SurfaceBackTest } from '../../core/surfaceBackTest';
import { backTestedText, compareSurfaceLaws, everyRunGivesUnique, standInFor, uncomparedDataConstrainedNote, type SurfaceLawComparison } from '../../core/surfaceLawComparison';

/** Laws this module fits, and the flags it reads (for the `fit` command's parser). */
export const SURFACE_LAW_IDS = ['chinchilla', 'chinchilla-dc', 'kaplan-nd', 'kaplan-ns', 'kaplan-n', 'kaplan-d', 'kaplan-c'] as const;
export const SURFACE_FIT_VALUED = ['law', 'n', 'd', 'c', 's', 'u', 'y', 'bootstrap', 'seed', 'group'] as const;
export const SURFACE_FIT_BOOLEANS = ['json', 'quick', 'keep-outliers'] as const;

export function isSurfaceLaw(id: string | undefined): boolean {
  return id !== undefined && (SURFACE_LAW_IDS as readonly string[]).includes(id.toLowerCase());
}

export const SURFACE_FIT_HELP = [
  'scaling-lens fit FILE --law chinchilla --n COL (--d COL | --c COL) --y COL [--bootstrap K] [--seed S] [--group COL] [--quick] [--keep-outliers] [--json]',
  '  Fit L(N, D) = E + A/N^α + B/D^β to a CSV or .jsonl sweep (one row or object per run: parameters, tokens or',
  '  compute, final loss), or to a folder of finished runs (a row per run that states its planned length and',
  '  reached it: its size from its name or config, its tokens and its loss at the end).',
  '  --c COL gives compute in FLOPs instead of tokens (D = C / 6N). --bootstrap K adds 95% intervals from K',
  '  resamples (of rows, or of --group runs); --json prints what `allocate --from` reads (with largestRunFlops,',
  '  the 6·N·D of the largest run fitted, so that it notes a budget over 10× that).',
  '  The fit runs BFGS from the 4,500-start grid of the Epoch replication; --quick uses every 10th start (of',
  '  kaplan-nd\'s 108-start grid too).',
  '  Rows whose loss is nan, inf or blank (diverged or crashed runs) are left out, named in a warning, and so are',
  '  rows whose N, D or loss is text, blank or not positive, and runs whose State or status column says crashed, failed,',
  '  killed or running (W&B, MLflow): the rows the panel\'s Plan fits. Every law here reads',
  '  its columns so (a row without the counts it fits is left out). Rows that repeat an earlier row\'s counts (seeds,',
  '  a row pasted twice) are fitted and named; more than a quarter of the rows left out is said first of the',
  '  warnings (on stderr, as every warning in text, and with --json). A run far above the fitted surface (log residual over 6 robust σ of the',
  '  other rows\' and over 10%: a diverged or failed run) is left out and the surface refitted without it, named',
  '  in a warning and in JSON "outliers"; --keep-outliers fits every row and only names them.',
  '  Other surface laws: --law chinchilla-dc (--u COL: unique tokens; else a unique_tokens or U column), kaplan-nd (--n, --d), kaplan-ns (--n, --s steps),',
  '  kaplan-n / kaplan-d / kaplan-c (one of --n, --d, --c; kaplan-c without a compute column takes C = 6·N·D).',
].join('\n');

type Row = Record<string, string>;

interface SweepRows {
  readonly rows: readonly Row[];
  readonly columns: readonly string[];
  /** The table's decimal mark, when it decided one. */
  readonly mark?: DecimalMark;
  /** Where the rows came from, when not a table (a folder's finished runs). */
  readonly note?: string;
  /** What the table reader said of the table (its decimal mark, JSON lines passed over). */
  readonly warnings?: readonly string[];
  /** Each row's line in the file, when not the one after its header's (a JSONL sweep's records). */
  readonly lines?: readonly number[];
}

async function readRows(path: string): Promise<SweepRows> {
  // a folder of runs: its finished runs' final losses are the sweep
  if (await isFolder(path)) return finishedRunTable(path);
  if (isJsonLinesName(path)) {
    const { header, rows, lines, warnings } = await readJsonlTable(path);
    if (rows.length === 0) throw new ScalingLensError('too-few-points', `${path} has no JSON object lines (one per run).`);
    return { rows, columns: header, lines, warnings };
  }
  const { header, rows, mark, warnings } = await readCsvTable(path);
  if (rows.length === 0) throw new ScalingLensError('too-few-points', `${path} has a header but no data rows.`);
  return { rows, columns: header, mark, warnings };
}

/** A table row's line in the file: the header is line 1. */
const lineOf = (index: number): number => index + 2;

/** What each law reads of a row: the column flags it takes (others are not read), extra columns, and what a row must give. */
interface LawColumns {
  readonly flags: readonly ('n' | 'd' | 'c')[];
  /** The count column a one-count law (and kaplan-ns) needs in the table: its value is not had from C ≈ 6ND alone. */
  readonly own?: 'n' | 'd' | 'c';
  readonly extras: readonly { readonly flag: string; readonly label: string }[];
  readonly needs: readonly string[];
}

const ND: LawColumns = { flags: ['n', 'd', 'c'], extras: [], needs: ['N', 'D'] };
const LAW_COLUMNS: Readonly<Record<string, LawColumns>> = {
  chinchilla: ND,
  'kaplan-nd': ND,
  'chinchilla-dc': { ...ND, extras: [{ flag: 'u', label: 'U' }], needs: ['N', 'D', 'U'] },
  // one count column named, the others are still found in the header: a row's D and C tell replicates from runs of one N
  'kaplan-n': { flags: ['n'], own: 'n', extras: [], needs: ['N'] },
  'kaplan-d': { flags: ['d'], own: 'd', extras: [], needs: ['D'] },
  // no compute column: C = 6·N·D, as every sweep reader takes a count the table lacks
  'kaplan-c': { flags: ['c', 'n', 'd'], own: 'c', extras: [], needs: ['C'] },
  'kaplan-ns': { flags: ['n'], own: 'n', extras: [{ flag: 's', label: 'S' }], needs: ['N', 'S'] },
};

/** Columns shown in a message: a W&B export has dozens, and the first are what a user scans. */
const COLUMNS_SHOWN = 12;

export function shownColumns(columns: readonly string[]): string {
  const more = columns.length - COLUMNS_SHOWN;
  return `${columns.slice(0, COLUMNS_SHOWN).join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
}

/** Why a law cannot read the table: the first column it needs and lacks, as the flag that would name it. */
function missingColumn(spec: LawColumns, layout: SweepLayout): { flags: string; what: string } | undefined {
  const { y, n, d, c } = layout;
  const flag = (f: 'y' | 'n' | 'd' | 'c') => ({ flags: `--${f} COL`, what: COUNTED[f] });
  if (y < 0) return flag('y');
  if (spec.own !== undefined) return layout[spec.own] < 0 && !(spec.own === 'c' && computeFromND(layout)) ? flag(spec.own) : undefined;
  if (n < 0 && !(d >= 0 && c >= 0)) return flag('n');
  if (d < 0 && c < 0) return { flags: '--d COL (tokens) or --c COL (compute in FLOPs)', what: `${COUNTED.d} or ${COUNTED.c}` };
  return undefined;
}

/** The column flags of every sweep law; one the law asked for does not read is refused, not passed over. */
const COLUMN_FLAGS = ['n', 'd', 'c', 's', 'u'] as const;

/** `--law chinchilla --s steps`: a column the law would never see is the user's slip (another law's flag), said before fitting. */
function refuseUnreadColumns(args: ParsedArgs, law: string, spec: LawColumns): void {
  const reads = [...spec.flags, ...spec.extras.map((e) => e.flag)];
  const unread = COLUMN_FLAGS.filter((f) => args.flags.has(f) && !reads.includes(f));
  if (unread.length > 0) throw new UsageError(`--law ${law} does not read ${unread.map((f) => `--${f}`).join(' or ')}: it takes ${[...reads, 'y'].map((f) => `--${f}`).join(', ')}`);
}

/** C is had as 6·N·D: the table has N and D columns and no compute column. */
const computeFromND = (layout: SweepLayout): boolean => layout.c < 0 && layout.n >= 0 && layout.d >= 0;

/** A table without a column the law needs: a learning curve, say, where a sweep was wanted (allocate --from says so in its own words). */
export class MissingColumnError extends UsageError {
  constructor(
    message: string,
    readonly columns: readonly string[],
    /** What the column would hold: "parameters (params, …)". */
    readonly what: string,
  ) {
    super(message);
  }
}

/** What a column a flag names holds, as a message says the header lacks one. */
const COUNTED = { y: 'the loss (loss, val_loss, eval/loss …)', n: 'parameters (params, num_parameters, model_size …)', d: 'tokens (tokens, train_tokens …)', c: 'compute (flops, compute …)' } as const;

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

/** Laws of N and D (x, x2). */
const ND_LAWS: ReadonlySet<string> = new Set(['chinchilla', 'chinchilla-dc', 'kaplan-nd']);

/**
 * The rows a sweep law is fitted to, read as the panel reads a sweep file (ingest/model/sweepTable.ts):
 * the columns the law needs (named, else the header's own), at the rows that give them all and a
 * loss; D from --d, else C/6N from --c. The rows left out, and rows repeated, are named.
 */
export async function readSurface(args: ParsedArgs, law: string, path: string): Promise<SurfaceData> {
  const table = await readRows(path);
  const { columns } = table;
  const groupCol = one(args, 'group');
  if (groupCol !== undefined && !columns.includes(groupCol)) throw new UsageError(`--group: no column "${groupCol}" in ${path}`);
  const spec = LAW_COLUMNS[law]!;
  refuseUnreadColumns(args, law, spec);
  const names: SweepColumnNames = { y: one(args, 'y'), ...Object.fromEntries(spec.flags.map((f) => [f, one(args, f)])) };
  if (ND_LAWS.has(law) && names.d !== undefined && names.c !== undefined) throw new UsageError('give either --d (tokens) or --c (compute), not both');
  // unique tokens from the header where not named: chinchilla-dc's own, and beside N and D so that
  // allocate --from compares chinchilla-dc as the panel's Plan does
  const uniqueFound = ND_LAWS.has(law) && one(args, 'u') === undefined ? uniqueTokensColumn(columns) : undefined;
  const named = spec.extras.map((e) => ({ ...e, name: one(args, e.flag) ?? (e.flag === 'u' ? uniqueFound?.name : undefined) }));
  const extras = uniqueFound && !spec.extras.some((e) => e.flag === 'u') ? [...named, uniqueFound] : named;
  const layout = sweepLayout(columns, names, extras.filter((e): e is ExtraColumn => e.name !== undefined));
  if ('missing' in layout) throw new UsageError(`--${layout.flag}: no column "${layout.missing}" in ${path}; columns are ${columns.join(', ')}`);
  // a column is found by its name (sweepColumns.ts): when none is, the file's columns show which to name
  const unfound = missingColumn(spec, layout);
  if (unfound) throw new MissingColumnError(`--law ${law} needs ${unfound.flags}: ${basename(path)} has no column named as ${unfound.what}; its columns: ${shownColumns(columns)}`, columns, unfound.what);
  const missing = extras.filter((e) => e.name === undefined).map((e) => `--${e.flag} COL`)[0];
  if (missing) throw new UsageError(`--law ${law} needs ${missing}`);
  const lineAt = (i: number): number => table.lines?.[i] ?? lineOf(i);
  const sweep = readSweepTable(layout, table.rows.map((r, i) => ({ cell: (k: number) => r[columns[k]!] ?? '', line: lineAt(i) })), table.mark, spec.needs);
  const { x, loss, lines } = sweep.fitted;
  const reading = [...(table.warnings ?? []), ...sweep.notes];
  // the columns taken from the header that give what the law fits: C beside D and N only stands in
  // for a blank D (C/6N), and a one-count law's other columns only tell replicates apart
  // (and N and D stand in for a compute column kaplan-c lacks)
  const derivedC = spec.needs.includes('C') && computeFromND(layout);
  const gives = (flag: string): boolean => flag === 'y' || spec.needs.includes(flag.toUpperCase()) || (flag === 'c' && ND_LAWS.has(law) && (layout.d < 0 || layout.n < 0)) || (derivedC && (flag === 'n' || flag === 'd'));
  if (derivedC) reading.push(`no compute column: C = 6·N·D from "${columns[layout.n]}" and "${columns[layout.d]}", as every sweep reader takes it`);
  const chosen = [...layout.chosen.filter((c) => gives(c.flag)).map((c) => `--${c.flag} ${c.column}`), ...(uniqueFound ? [`--u ${uniqueFound.name}`] : [])];
  // a runs table (W&B's has train/global_step) or a sweep with epochs is fitted; a training log's checkpoints would be too, so it is said
  // (but to kaplan-ns, whose L(N, S) is fitted to training curves)
  if (layout.stepColumn !== undefined && chosen.length > 0 && law !== 'kaplan-ns') reading.push(`${basename(path)} has a "${layout.stepColumn}" column: if its rows are checkpoints of training runs rather than one per finished run, ${ND_LAWS.has(law) ? 'this surface is' : 'the law is'} fitted to mid-training losses (a folder of runs gives its finished runs' final losses)`);
  const allUnfinished = sweep.notes.find(isEveryRunUnfinishedNote);
  if (loss.length === 0 && allUnfinished) throw new ScalingLensError('too-few-points', `${path}: nothing to fit: ${allUnfinished}.`);
  if (loss.length === 0) {
    const what = sweep.rows.length === 0 ? 'a loss' : `${spec.needs.join(', ')} and a loss`;
    throw new ScalingLensError('too-few-points', `${path}: no row has ${what} to fit (${sweep.notes.join('; ')}).`);
  }
  const indexOf = new Map(table.rows.map((_r, i) => [lineAt(i), i]));
  const rows = lines.map((l) => indexOf.get(l)!);
  const groups = groupCol === undefined ? undefined : Float64Array.from(rows, (i) => hashString(table.rows[i]![groupCol] ?? ''));
  const [first, second, found] = x.map((v) => Float64Array.from(v));
  const beside = uniqueFound && !found ? uniqueBeside(sweep.rows, lines) : undefined;
  const everyRun = beside !== undefined && everyRunGivesUnique(beside);
  const third = found ?? (everyRun ? beside : undefined);
  // a unique-tokens column some runs leave blank: chinchilla-dc is not compared, and that is said (chinchilla's fit compares the laws)
  const uncompared = law === 'chinchilla' && beside ? uncomparedDataConstrainedNote(beside) : undefined;
  if (uncompared) reading.push(uncompared);
  const obs: Observations = { x: first!, ...(second ? { x2: second } : {}), ...(third ? { x3: third } : {}), y: Float64Array.from(loss) };
  return { obs, points: loss.length, ...(groups ? { groups } : {}), chosen, note: table.note, reading, lines: table.note ? undefined : lines };
}

/** The unique tokens of the rows at `lines` from a column beside N and D (NaN where a row gives none). */
function uniqueBeside(rows: readonly SweepRow[], lines: readonly number[]): Float64Array {
  const byLine = new Map(rows.map((r) => [r.line, r.U]));
  return Float64Array.from(lines, (l) => byLine.get(l) ?? NaN);
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
  /** Why --bootstrap K gave no refits: the fit gives no plan (`noPlan`). */
  bootstrapSkipped?: string;
  frontier?: Allocation[];
  /** Why the fit gives no compute-optimal frontier (core/surfaceDesign.ts); `allocate --from` refuses it. */
  noPlan?: string;
  /** An IsoFLOP sweep's Approach 2 (N_opt ∝ C^a from each budget's valley), at the frontier's budgets. */
  isoflop?: IsoflopJson;
  /** 6·N·D of the largest run the surface went through (chinchilla, chinchilla-dc): `allocate --from` says when a budget is over 10× it. */
  largestRunFlops?: number;
  /** The surface refitted to the smaller runs and scored on the largest (core/surfaceBackTest.ts), or why not. */
  backTest?: SurfaceBackTest;
  /**
   * A chinchilla fit: each surface law back-tested on the same runs, Chinchilla's first, and the law
   * whose plan is shown beside Chinchilla's, or instead of it when its fit gives none
   * (core/surfaceLawComparison.ts); `backTest` is Chinchilla's. What `allocate --from` compares from.
   */
  lawBackTests?: SurfaceLawComparison;
}

export async function runSurfaceFit(args: ParsedArgs): Promise<number> {
  const out = await surfaceFitJson(args);
  const json = args.switches.has('json');
  // most of the file left out is said where a piped --json does not hide it, and first of the text's warnings
  if (json) {
    printText({ answer: '', warnings: out.warnings.filter(isManyLeftOutNote) });
    console.log(compactJson(out));
  } else printText(surfaceFitText(out));
  return 0;
}

/**
 * `fit --law chinchilla …` (or another surface law) as its JSON: what `allocate --from` plans from,
 * Chinchilla's with the other surface laws back-tested beside it, so that a saved fit compares them too.
 */
export async function surfaceFitJson(args: ParsedArgs): Promise<SurfaceFitJson> {
  const law = (one(args, 'law') ?? '').toLowerCase();
  if (!isSurfaceLaw(law)) throw new UsageError(`--law must be one of ${SURFACE_LAW_IDS.join(', ')} for a surface fit; got "${law}"`);
  if (args.positional.length !== 1) throw new UsageError('fit needs exactly one CSV or JSONL file, or a folder of finished runs');
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
    ...(swept.bootstrapSkipped ? { bootstrapSkipped: swept.bootstrapSkipped } : {}),
    frontier: front,
    ...(noPlan ? { noPlan } : {}),
  };
  out.warnings.push(...outliers.map((o) => outlierRowNote(o, keep)));
  if (noPlan) out.warnings.push(noPlan);
  const scale = data.obs.x2 && hasD ? implausibleScale(data.obs.x, data.obs.x2, { n: one(args, 'n') ?? 'N', d: one(args, 'd') ?? 'D' }) : undefined;
  if (scale) out.warnings.push(scale);
  if (hasD && data.obs.x2) out.largestRunFlops = largestRunFlops({ N: data.obs.x, D: data.obs.x2 });
  const backTestOpts = { seed, keepOutliers: args.switches.has('keep-outliers') };
  const standIn = law === 'chinchilla' ? standInFor(noPlan, data.obs) : undefined;
  if (law === 'chinchilla' && (!noPlan || standIn)) {
    out.lawBackTests = compareSurfaceLaws(data.obs, backTestOpts, standIn);
    if (!noPlan) out.backTest = out.lawBackTests.backTests[0]!.backTest;
  } else if (getLaw(law).inputs[1] === 'D' && !noPlan) out.backTest = sweepBackTest(law, data.obs, backTestOpts);
  if (law === 'chinchilla' && data.obs.x2) {
    const iso = isoflopJson({ N: data.obs.x, D: data.obs.x2, loss: data.obs.y }, budgets, resamples, seed);
    if (iso.json) out.isoflop = iso.json;
    if (iso.note) out.warnings.push(iso.note);
  }
  return out;
}

export function surfaceFitText(out: SurfaceFitJson): TextAnswer {
  const lines: string[] = [];
  lines.push(`${out.law} fit of ${out.file}: ${out.points} points${out.starts ? `, ${out.starts} starts` : ''}; ${out.converged ? 'converged' : 'NOT converged'} (${out.reason}); objective ${fmt(out.objective)}`);
  lines.push('');
  const ci = out.bootstrap?.params as Record<string, SurfaceBootstrap['params']['E']> | undefined;
  const header = ['parameter', 'value'];
  if (ci) header.push(`${Math.round((out.bootstrap!.level) * 100)}% CI (${out.bootstrap!.resamples} resamples)`);
  lines.push(table(header, Object.entries(out.params).map(([k, v]) => (ci ? [k, fmt(v), intervalText(ci[k])] : [k, fmt(v)]))));
  if (out.bootstrap && out.bootstrap.failed > 0) lines.push(`(${out.bootstrap.failed} resamples failed to refit and are excluded)`);
  if (out.bootstrapSkipped) lines.push(`(${out.bootstrapSkipped})`);
  if (out.frontier && out.frontier.length) {
    lines.push('', 'compute-optimal frontier (C ≈ 6ND):');
    lines.push(allocationTable(out.frontier, out.bootstrap?.allocations));
  }
  if (out.isoflop) {
    const p = out.params;
    const surfaceA = p.alpha > 0 && p.beta > 0 ? allocationExponents(chinchillaFromParams(p)).a : undefined;
    lines.push('', isoflopText(out.isoflop, surfaceA));
  }
  if (out.backTest) lines.push('', surfaceBackTestText(out.backTest));
  const compared = out.lawBackTests && backTestedText(out.lawBackTests);
  if (compared) lines.push(...(out.backTest ? [] : ['']), compared);
  const warnings = [...out.warnings.filter(isManyLeftOutNote), ...out.warnings.filter((w) => !isManyLeftOutNote(w)), ...(out.isoflop?.warnings ?? [])];
  return { answer: lines.join('\n'), warnings };
}

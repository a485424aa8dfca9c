// The rows a surface law is fitted to, read from a sweep table, a JSONL sweep or a folder of finished
// runs as the panel reads a sweep file, with what is said of the rows left out.
import { basename } from 'node:path';
import { risingMetric, risingMetricText, surfaceMetricNote, yMetricOf } from '../../core/yMetric';
import { UsageError, one, type ParsedArgs } from '../args';
import { readCsvTable } from '../csvTable';
import { observationsAt } from '../../core/sweepSurface';
import { ScalingLensError, type Observations } from '../../core/types';
import type { DecimalMark } from '../../ingest/text/cells';
import { isEveryRunUnfinishedNote } from '../../ingest/model/runStates';
import { readSweepTable, sweepLayout, type ExtraColumn, type SweepColumnNames, type SweepRow } from '../../ingest/model/sweepTable';
import { uniqueTokensColumn } from '../../ingest/model/sweepColumns';
import { computeFromND, LAW_COLUMNS, missingColumn, MissingColumnError, ND_LAWS, refuseUnreadColumns, shownColumns } from './sweepLawColumns';
import { finishedRunTable, isFolder } from '../finishedRuns';
import { readJsonlTable } from '../jsonlTable';
import { isJsonLinesName } from '../../ingest/formats/jsonlSweep';
import { everyRunGivesUnique, uncomparedDataConstrainedNote } from '../../core/surfaceLawComparison';

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
  /** A folder's finished runs: what they call the metric in the "loss" column ("val_bpb"). */
  readonly lossKey?: string;
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

export interface SurfaceData {
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
  /** The column fitted as y ("val_bpb"): what it measures is said (core/yMetric.ts), and `allocate --from` says it again. */
  readonly y?: string;
}

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
  // a folder's "loss" column is whatever its runs logged: a perplexity's or bits' surface is said as a table's
  const y = columns[layout.y] === 'loss' && table.lossKey !== undefined ? table.lossKey : columns[layout.y];
  const metricNote = ND_LAWS.has(law) ? surfaceMetricNote(y, law) : '';
  if (metricNote) reading.push(metricNote);
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
  const rising = risingSweepText(y, obs);
  if (rising) throw new UsageError(rising);
  return { obs, points: loss.length, ...(groups ? { groups } : {}), ...(y !== undefined ? { y } : {}), chosen, note: table.note, reading, lines: table.note ? undefined : lines };
}

/**
 * Why a sweep's y is not fitted to a surface law: an accuracy or a score (val_acc, BLEU) that rises
 * with the runs' scale (the product of the law's counts, N·D as compute). A surface law is a law of
 * a loss falling to a floor in N and D, whose plans (the frontier, allocate --from) spend compute
 * on that loss; an accuracy's error is not refitted here as `fit` refits one curve's, since every
 * answer of a surface and of a plan read from it would be the error's, and a task's accuracy is
 * seldom a floor plus power laws in N and D. One so named that falls with scale (a misnamed error)
 * is fitted as it is, as elsewhere.
 */
function risingSweepText(name: string | undefined, obs: Observations): string | undefined {
  if (name === undefined) return undefined;
  const runs = Array.from(obs.y, (y, i) => ({ x: obs.x[i]! * (obs.x2?.[i] ?? 1), y }));
  const metric = risingMetric(yMetricOf(name, () => Array.from(obs.y)), runs);
  return metric ? risingMetricText(name, 'name its column with --y', metric, { over: 'scale' }) : undefined;
}

/** The unique tokens of the rows at `lines` from a column beside N and D (NaN where a row gives none). */
function uniqueBeside(rows: readonly SweepRow[], lines: readonly number[]): Float64Array {
  const byLine = new Map(rows.map((r) => [r.line, r.U]));
  return Float64Array.from(lines, (l) => byLine.get(l) ?? NaN);
}

/** `fit()`, its "too few points" saying which rows were left out: the law counts points, not the file's rows. */
export function withRowsLeftOut<T>(read: SurfaceData, fit: () => T): T {
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

/** `data` at the rows `kept` (indices into its observations). */
export function rowsAt(data: SurfaceData, kept: readonly number[]): SurfaceData {
  const at = <T>(a: ArrayLike<T> | undefined): T[] | undefined => a && kept.map((i) => a[i]!);
  return { ...data, obs: observationsAt(data.obs, kept), groups: data.groups && Float64Array.from(at(data.groups)!), lines: at(data.lines), points: kept.length };
}

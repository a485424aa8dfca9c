// The rows of a sweep table (one row per finished run: parameters N, tokens D or compute C, final
// loss) that a scaling surface is fitted to, and the rows left out, named. The one reading behind
// the panel's sweep files (formats/sweep.ts, which its Plan fits) and the CLI's `fit --law
// chinchilla` / `allocate --from SWEEP` and its other sweep laws (Kaplan's, chinchilla-dc), so that
// all fit the same rows of the same file and say the same of the rest. Cells are
// kept as text until the table's decimal mark is known, since a header's unit is applied to a
// column only when its cells are not plain counts already, which takes the whole column. Pure.
import { shownCell } from '../text/shownCell';
import { StringCells, isOtherMark, otherMarkText, type DecimalMark } from '../text/cells';
import { countInMarkedText } from '../text/sizeText';
import { headerUnit } from '../text/headerUnit';
import { isFittableLoss, RowsWithoutLoss } from './rowsWithoutLoss';
import { isStepColumn, scaledSweepColumns, stateColumn } from './sweepColumns';
import { isFinishedState, RowsUnfinished } from './runStates';
import { inHeaderUnit, type CountKind } from './countUnits';
import { manyLeftOutNote, repeatedRowNotes, RowsUnread, type KeyedRow } from './sweepRowNotes';

/** Columns the user named (the CLI's --n, --d, --c, --y); the others are found by their header. */
export interface SweepColumnNames {
  readonly n?: string;
  readonly d?: string;
  readonly c?: string;
  readonly y?: string;
}

type Flag = 'n' | 'd' | 'c' | 'y';

/** A count column a law reads beside N, D and C (kaplan-ns's steps S, chinchilla-dc's unique tokens U): always named. */
export interface ExtraColumn {
  /** The CLI flag that names it ("s"). */
  readonly flag: string;
  /** What rows give in it, as notes say it ("S"). */
  readonly label: string;
  readonly name: string;
}

/** An extra column found in the header: its index and what a plain cell counts ("unique tokens (B)": 1e9). */
export interface ExtraLayout {
  readonly label: string;
  readonly index: number;
  readonly scale: number;
}

/** The columns read, as indices into the header (-1: none). */
export interface SweepLayout {
  readonly header: readonly string[];
  readonly n: number;
  readonly d: number;
  readonly c: number;
  readonly y: number;
  /** What a plain cell of each count column counts ("params (M)": 1e6). */
  readonly scale: { readonly n: number; readonly d: number; readonly c: number };
  /** Further count columns a law reads (ExtraColumn), in their order. */
  readonly more: readonly ExtraLayout[];
  /** The column that says how each run ended (W&B's State, MLflow's status), or -1: a row whose run did not finish is left out. */
  readonly state: number;
  /** The columns taken from the header rather than named, in the order y, n, d, c. */
  readonly chosen: readonly { readonly flag: Flag; readonly column: string }[];
  /**
   * A step or epoch column beside columns taken from the header: the rows may be checkpoints of
   * training runs, not one per finished run (a W&B runs table has one too, as a summary).
   */
  readonly stepColumn?: string;
}

/** Why a header gives no layout: a named column it lacks. */
export type SweepLayoutProblem = { readonly flag: string; readonly missing: string };

/** The header's spelling of `name` (exact, else ignoring case), or -1. */
function columnNamed(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  return exact >= 0 ? exact : header.findIndex((c) => c.toLowerCase() === name.toLowerCase());
}

/**
 * The columns of `header` to read: those named, else the sweep's own (scaledSweepColumns); D and C
 * both when neither is named (D where a row gives it, else C/6N). A step or epoch column beside
 * columns not named is said (stepColumn): its rows may be points of curves, not finished runs.
 */
export function sweepLayout(header: readonly string[], names: SweepColumnNames = {}, extras: readonly ExtraColumn[] = []): SweepLayout | SweepLayoutProblem {
  const found = scaledSweepColumns(header);
  const chosen: { flag: Flag; column: string }[] = [];
  const scale = { n: 1, d: 1, c: 1 };
  const pick = (flag: Flag, kind: 'params' | 'tokens' | 'flops' | 'loss', use: boolean): number | SweepLayoutProblem => {
    const name = names[flag];
    if (name !== undefined) {
      const i = columnNamed(header, name);
      if (i < 0) return { flag, missing: name };
      if (flag !== 'y') scale[flag] = headerUnit(header[i]!).scale ?? 1;
      return i;
    }
    const i = use ? found[kind] : -1;
    if (i >= 0) {
      chosen.push({ flag, column: header[i]! });
      if (kind !== 'loss') scale[flag as CountKind] = found.scale[kind];
    }
    return i;
  };
  const countNamed = names.d !== undefined || names.c !== undefined;
  const picked = [pick('y', 'loss', true), pick('n', 'params', true), pick('d', 'tokens', !countNamed), pick('c', 'flops', !countNamed)];
  const problem = picked.find((v): v is SweepLayoutProblem => typeof v !== 'number');
  if (problem) return problem;
  const more: ExtraLayout[] = [];
  for (const e of extras) {
    const i = columnNamed(header, e.name);
    if (i < 0) return { flag: e.flag, missing: e.name };
    more.push({ label: e.label, index: i, scale: headerUnit(header[i]!).scale ?? 1 });
  }
  const [y, n, d, c] = picked as number[];
  const step = header.find(isStepColumn);
  return { header, n: n!, d: d!, c: c!, y: y!, scale, more, state: stateColumn(header), chosen, ...(step !== undefined && chosen.length > 0 ? { stepColumn: step } : {}) };
}

/** A row with a loss to fit, and the counts it gives (a count it does not give is absent). */
export interface SweepRow {
  readonly line: number;
  readonly loss: number;
  readonly N?: number;
  readonly D?: number;
  readonly C?: number;
  /** Unique tokens, from an extra column labelled U (chinchilla-dc's), where the row gives them. */
  readonly U?: number;
}

/** What a law's fit needs of a row: N, D, C or an extra column's label. The surface L(N, D) by default. */
export type SweepNeeds = readonly string[];

export interface SweepTable {
  /** Every row with a loss to fit, in the table's order. */
  readonly rows: readonly SweepRow[];
  /** The rows that give every need too: what the law is fitted to, in the table's order; `x[k]` holds need k. */
  readonly fitted: { readonly x: readonly number[][]; readonly loss: number[]; readonly lines: number[] };
  /** The rows left out (their loss, or a need, not there or not read), rows repeated and the columns' units, to show with the table. */
  readonly notes: readonly string[];
}

interface Count {
  readonly value: number;
  /** A number alone, read in its column's unit; a size ("125M") states its own scale. */
  readonly plain: boolean;
}

/** A count column read: where it is, its unit, how unit checks take it and how notes name what it gives. */
interface CountColumn {
  readonly index: number;
  readonly scale: number;
  readonly kind: CountKind;
  readonly label: string;
}

function countColumns(layout: SweepLayout): CountColumn[] {
  const { n, d, c, scale } = layout;
  // an extra column is checked as tokens are: steps and unique tokens stay far below 1e17
  return [{ index: n, scale: scale.n, kind: 'n', label: 'N' }, { index: d, scale: scale.d, kind: 'd', label: 'D' }, { index: c, scale: scale.c, kind: 'c', label: 'C' }, ...layout.more.map((m): CountColumn => ({ index: m.index, scale: m.scale, kind: 'd', label: m.label }))];
}

/** Whether the table gives `need` in a column, or N, D and C by C ≈ 6ND from the other two. */
function hasSource(layout: SweepLayout, need: string): boolean {
  const { n, d, c } = layout;
  if (need === 'N') return n >= 0 || (d >= 0 && c >= 0);
  if (need === 'D') return d >= 0 || (n >= 0 && c >= 0);
  if (need === 'C') return c >= 0 || (n >= 0 && d >= 0);
  return layout.more.some((m) => m.label === need);
}

/** Reads a sweep table's rows as they come, then (finish) the rows to fit under the table's decimal mark. */
export class SweepTableReader {
  private readonly raw: { readonly line: number; readonly cells: string[] }[] = [];
  private readonly columns: CountColumn[];

  constructor(
    readonly layout: SweepLayout,
    private readonly needs: SweepNeeds = ['N', 'D'],
  ) {
    this.columns = countColumns(layout);
  }

  /** A data row: `cell(i)` is the text of header column i. */
  row(cell: (i: number) => string, line: number): void {
    const at = (i: number): string => (i >= 0 ? cell(i).trim() : '');
    // the counts, then the loss, then the run's state
    this.raw.push({ line, cells: [...this.columns.map((col) => at(col.index)), at(this.layout.y), at(this.layout.state)] });
  }

  finish(mark: DecimalMark | undefined): SweepTable {
    const { layout, columns, needs } = this;
    const withoutLoss = new RowsWithoutLoss();
    const unread = new RowsUnread(needs);
    const name = (i: number): string => layout.header[i]!.trim();
    const unfinished = new RowsUnfinished(layout.state >= 0 ? name(layout.state) : 'state');
    const notNumber = (i: number, line: number, raw: string, count: boolean): string =>
      `column "${name(i)}" row ${line}: "${shownCell(raw)}" is not a number${mark !== undefined && isOtherMark(raw, mark) ? ` (${otherMarkText(mark)})` : count ? ' or a size such as 125M or 1.3B' : ''}`;
    const kept: { line: number; loss: number; raw: readonly string[]; counts: (Count | string | undefined)[] }[] = [];
    const lossAt = columns.length;
    for (const { line, cells: raw } of this.raw) {
      if (!isFinishedState(raw[lossAt + 1]!)) {
        unfinished.add(line, raw[lossAt + 1]!);
        continue;
      }
      const cells = new StringCells(raw);
      cells.mark = mark;
      const loss = cells.num(lossAt);
      if (loss === null) {
        unread.add(line, notNumber(layout.y, line, raw[lossAt]!, false));
        continue;
      }
      if (!isFittableLoss(loss)) {
        withoutLoss.add(line, raw[lossAt]!);
        continue;
      }
      const counts = columns.map(({ index: col }, k): Count | string | undefined => {
        if (col < 0) return undefined;
        const v = cells.num(k);
        if (v === undefined) return `column "${name(col)}" row ${line}: blank`;
        if (typeof v === 'number') return Number.isFinite(v) ? { value: v, plain: true } : notNumber(col, line, raw[k]!, true);
        const size = countInMarkedText(raw[k]!, mark);
        return size === undefined ? notNumber(col, line, raw[k]!, true) : { value: size, plain: false };
      });
      kept.push({ line, loss, raw, counts });
    }
    const unitNotes: string[] = [];
    const scaled = columns.map((col, k) => {
      const cells = kept.map((r) => r.counts[k]).filter((v): v is Count => typeof v === 'object');
      const values = inHeaderUnit(Float64Array.from(cells, (v) => v.value), Uint8Array.from(cells, (v) => (v.plain ? 1 : 0)), col.scale, col.index >= 0 ? name(col.index) : '', col.kind, unitNotes);
      let next = 0;
      return kept.map((r) => (typeof r.counts[k] === 'object' ? values[next++]! : undefined));
    });
    // say which rows lack a need only when the table has its columns
    const sourced = needs.every((need) => hasSource(layout, need));
    const at = needs.map((need) => columns.findIndex((col) => col.label === need));
    const uAt = columns.findIndex((col) => col.label === 'U');
    const rows: SweepRow[] = [];
    const fitted = { x: needs.map((): number[] => []), loss: [] as number[], lines: [] as number[] };
    const keyed: KeyedRow[] = [];
    kept.forEach((r, i) => {
      const values = columns.map((col, k): number | string | undefined => {
        const v = scaled[k]![i];
        if (v === undefined) return r.counts[k] as string | undefined;
        return v > 0 ? v : `column "${name(col.index)}" row ${r.line}: ${shownCell(r.raw[k]!)} is not positive (a count of parameters, tokens or FLOPs)`;
      });
      let [N, D, C] = values;
      if (typeof D !== 'number' && typeof N === 'number' && typeof C === 'number') D = C / (6 * N);
      else if (typeof N !== 'number' && typeof D === 'number' && typeof C === 'number') N = C / (6 * D);
      else if (typeof C !== 'number' && typeof N === 'number' && typeof D === 'number') C = 6 * N * D;
      [values[0], values[1], values[2]] = [N, D, C];
      const num = (v: number | string | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
      const U = uAt >= 0 ? num(values[uAt]) : undefined;
      rows.push({ line: r.line, loss: r.loss, ...(num(N) !== undefined ? { N: num(N) } : {}), ...(num(D) !== undefined ? { D: num(D) } : {}), ...(num(C) !== undefined ? { C: num(C) } : {}), ...(U !== undefined ? { U } : {}) });
      const needed = at.map((k) => values[k]);
      if (needed.every((v) => typeof v === 'number')) {
        needed.forEach((v, k) => fitted.x[k]!.push(v as number));
        fitted.loss.push(r.loss);
        fitted.lines.push(r.line);
        keyed.push({ line: r.line, counts: values.map((v) => (typeof v === 'number' ? v : undefined)), loss: r.loss });
      } else if (sourced) {
        unread.add(r.line, [...needed, ...values].find((v): v is string => typeof v === 'string') ?? `row ${r.line}: no ${needs.join(' or ')}`);
      }
    });
    const many = manyLeftOutNote(unfinished.count + withoutLoss.count + unread.count, this.raw.length);
    const notes = [many, unfinished.note(this.raw.length), withoutLoss.note(), unread.note(), ...repeatedRowNotes(keyed, needs), ...unitNotes].filter((n): n is string => n !== undefined);
    return { rows, fitted, notes };
  }
}

/** `header` and its rows (cells as text, each with its line) read as a sweep table under `mark`, for a law that needs `needs` of a row. */
export function readSweepTable(layout: SweepLayout, rows: Iterable<{ readonly cell: (i: number) => string; readonly line: number }>, mark: DecimalMark | undefined, needs?: SweepNeeds): SweepTable {
  const reader = new SweepTableReader(layout, needs);
  for (const r of rows) reader.row(r.cell, r.line);
  return reader.finish(mark);
}

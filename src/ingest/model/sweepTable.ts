// The rows of a sweep table (one row per finished run: parameters N, tokens D or compute C, final
// loss) that a scaling surface is fitted to, and the rows left out, named. The one reading behind
// the panel's sweep files (formats/sweep.ts, which its Plan fits) and the CLI's `fit --law
// chinchilla` / `allocate --from SWEEP`, so that both fit the same rows of the same file. Cells are
// kept as text until the table's decimal mark is known, since a header's unit is applied to a
// column only when its cells are not plain counts already, which takes the whole column. Pure.
import { StringCells, isOtherMark, otherMarkText, type DecimalMark } from '../text/cells';
import { countInMarkedText } from '../text/sizeText';
import { headerUnit } from '../text/headerUnit';
import { xKindOf } from './keys';
import { isFittableLoss, RowsWithoutLoss } from './rowsWithoutLoss';
import { scaledSweepColumns } from './sweepColumns';
import { inHeaderUnit, type CountKind } from './countUnits';

/** Columns the user named (the CLI's --n, --d, --c, --y); the others are found by their header. */
export interface SweepColumnNames {
  readonly n?: string;
  readonly d?: string;
  readonly c?: string;
  readonly y?: string;
}

type Flag = 'n' | 'd' | 'c' | 'y';

/** The columns read, as indices into the header (-1: none). */
export interface SweepLayout {
  readonly header: readonly string[];
  readonly n: number;
  readonly d: number;
  readonly c: number;
  readonly y: number;
  /** What a plain cell of each count column counts ("params (M)": 1e6). */
  readonly scale: { readonly n: number; readonly d: number; readonly c: number };
  /** The columns taken from the header rather than named, in the order y, n, d, c. */
  readonly chosen: readonly { readonly flag: Flag; readonly column: string }[];
  /**
   * A step or epoch column beside columns taken from the header: the rows may be checkpoints of
   * training runs, not one per finished run (a W&B runs table has one too, as a summary).
   */
  readonly stepColumn?: string;
}

/** Why a header gives no layout: a named column it lacks. */
export type SweepLayoutProblem = { readonly flag: Flag; readonly missing: string };

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
export function sweepLayout(header: readonly string[], names: SweepColumnNames = {}): SweepLayout | SweepLayoutProblem {
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
  const [y, n, d, c] = picked as number[];
  const step = header.find((h) => ['step', 'epoch'].includes(xKindOf(h) ?? ''));
  // C beside D only stands in for a blank D (C/6N): said as taken when it is where D or N comes from
  const said = chosen.filter((ch) => ch.flag !== 'c' || d! < 0 || n! < 0);
  return { header, n: n!, d: d!, c: c!, y: y!, scale, chosen: said, ...(step !== undefined && chosen.length > 0 ? { stepColumn: step } : {}) };
}

/** A row with a loss to fit, and the counts it gives (a count it does not give is absent). */
export interface SweepRow {
  readonly line: number;
  readonly loss: number;
  readonly N?: number;
  readonly D?: number;
  readonly C?: number;
}

export interface SweepTable {
  /** Every row with a loss to fit, in the table's order. */
  readonly rows: readonly SweepRow[];
  /** The rows that give N and D too: what a surface L(N, D) is fitted to, in the table's order. */
  readonly surface: { readonly N: number[]; readonly D: number[]; readonly loss: number[]; readonly lines: number[] };
  /** The rows left out (their loss, or N and D, not there or not read) and the columns' units, to show with the table. */
  readonly notes: readonly string[];
}

/** Rows named in a note; the rest are counted. */
const SHOWN = 8;

/** Collects the rows left out for a cell that is not a count or not a number, for one note. */
class RowsUnread {
  private readonly shown: string[] = [];
  private total = 0;

  add(why: string): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push(why);
  }

  note(): string | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    const more = n > this.shown.length ? `; … ${n - this.shown.length} more` : '';
    return `left out ${n} row${n === 1 ? '' : 's'} without N, D and a loss that can be read (${this.shown.join('; ')}${more})`;
  }
}

/** A cell longer than this is cut in a note, and a quoted line break shown as one. */
const CELL_CHARS = 40;

function shownCell(raw: string): string {
  const t = raw.replace(/\r?\n/g, '\\n');
  return t.length > CELL_CHARS ? `${t.slice(0, CELL_CHARS - 1)}…` : t;
}

interface Count {
  readonly value: number;
  /** A number alone, read in its column's unit; a size ("125M") states its own scale. */
  readonly plain: boolean;
}

/** Reads a sweep table's rows as they come, then (finish) the rows to fit under the table's decimal mark. */
export class SweepTableReader {
  private readonly raw: { readonly line: number; readonly cells: string[] }[] = [];

  constructor(readonly layout: SweepLayout) {}

  /** A data row: `cell(i)` is the text of header column i. */
  row(cell: (i: number) => string, line: number): void {
    const { n, d, c, y } = this.layout;
    const at = (i: number): string => (i >= 0 ? cell(i).trim() : '');
    this.raw.push({ line, cells: [at(n), at(d), at(c), at(y)] });
  }

  finish(mark: DecimalMark | undefined): SweepTable {
    const { layout } = this;
    const withoutLoss = new RowsWithoutLoss();
    const unread = new RowsUnread();
    const name = (i: number): string => layout.header[i]!.trim();
    const notNumber = (i: number, line: number, raw: string, count: boolean): string =>
      `column "${name(i)}" row ${line}: "${shownCell(raw)}" is not a number${mark !== undefined && isOtherMark(raw, mark) ? ` (${otherMarkText(mark)})` : count ? ' or a size such as 125M or 1.3B' : ''}`;
    const kept: { line: number; loss: number; raw: readonly string[]; counts: (Count | string | undefined)[] }[] = [];
    for (const { line, cells: raw } of this.raw) {
      const cells = new StringCells(raw);
      cells.mark = mark;
      const loss = cells.num(3);
      if (loss === null) {
        unread.add(notNumber(layout.y, line, raw[3]!, false));
        continue;
      }
      if (!isFittableLoss(loss)) {
        withoutLoss.add(line, raw[3]!);
        continue;
      }
      const counts = [layout.n, layout.d, layout.c].map((col, k): Count | string | undefined => {
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
    const kinds: CountKind[] = ['n', 'd', 'c'];
    const scaled = kinds.map((kind, k) => {
      const col = layout[kind];
      const cells = kept.map((r) => r.counts[k]).filter((v): v is Count => typeof v === 'object');
      const values = inHeaderUnit(Float64Array.from(cells, (v) => v.value), Uint8Array.from(cells, (v) => (v.plain ? 1 : 0)), layout.scale[kind], col >= 0 ? name(col) : '', kind, unitNotes);
      let next = 0;
      return kept.map((r) => (typeof r.counts[k] === 'object' ? values[next++]! : undefined));
    });
    // a surface needs N and D from each row: say which rows give neither only when the table has the columns
    const hasSurface = (layout.n >= 0 || (layout.d >= 0 && layout.c >= 0)) && (layout.d >= 0 || layout.c >= 0);
    const rows: SweepRow[] = [];
    const surface = { N: [] as number[], D: [] as number[], loss: [] as number[], lines: [] as number[] };
    kept.forEach((r, i) => {
      const positive = (k: number): number | string | undefined => {
        const v = scaled[k]![i];
        if (v === undefined) return r.counts[k] as string | undefined;
        return v > 0 ? v : `column "${name(layout[kinds[k]!])}" row ${r.line}: ${shownCell(r.raw[k]!)} is not positive (a count of parameters, tokens or FLOPs)`;
      };
      let [N, D, C] = [positive(0), positive(1), positive(2)];
      if (typeof D !== 'number' && typeof N === 'number' && typeof C === 'number') D = C / (6 * N);
      else if (typeof N !== 'number' && typeof D === 'number' && typeof C === 'number') N = C / (6 * D);
      else if (typeof C !== 'number' && typeof N === 'number' && typeof D === 'number') C = 6 * N * D;
      const num = (v: number | string | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
      rows.push({ line: r.line, loss: r.loss, ...(num(N) !== undefined ? { N: num(N) } : {}), ...(num(D) !== undefined ? { D: num(D) } : {}), ...(num(C) !== undefined ? { C: num(C) } : {}) });
      if (typeof N === 'number' && typeof D === 'number') {
        surface.N.push(N);
        surface.D.push(D);
        surface.loss.push(r.loss);
        surface.lines.push(r.line);
      } else if (hasSurface) {
        unread.add([N, D, C].find((v): v is string => typeof v === 'string') ?? `row ${r.line}: no N or D`);
      }
    });
    const notes = [withoutLoss.note(), unread.note(), ...unitNotes].filter((n): n is string => n !== undefined);
    return { rows, surface, notes };
  }
}

/** `header` and its rows (cells as text, each with its line) read as a sweep table under `mark`. */
export function readSweepTable(layout: SweepLayout, rows: Iterable<{ readonly cell: (i: number) => string; readonly line: number }>, mark: DecimalMark | undefined): SweepTable {
  const reader = new SweepTableReader(layout);
  for (const r of rows) reader.row(r.cell, r.line);
  return reader.finish(mark);
}

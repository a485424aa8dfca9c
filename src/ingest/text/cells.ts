// One CSV cell → number. Blank/NA cells are "absent" (undefined); words are "not a number" (null).

/** number (NaN/±Infinity allowed), undefined for an absent value, null for non-numeric text. */
export function parseCell(raw: string): number | undefined | null {
  const v = Number(raw);
  if (!Number.isNaN(v)) {
    // Number('') and Number('  ') are 0, Number('0x1A') is 26: only trust decimal-looking text.
    if (raw.length === 0) return undefined;
    const c = raw.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
      if (raw.length > 1 && (raw.charCodeAt(1) === 120 || raw.charCodeAt(1) === 88)) return null;
      return v;
    }
    const t = raw.trim();
    if (t.length === 0) return undefined;
    // "Infinity" is already trimmed: recursing on it would never end
    if (t.length < raw.length) return parseCell(t);
  }
  const t = raw.trim().toLowerCase();
  switch (t) {
    case '':
    case 'na':
    case 'n/a':
    case 'null':
    case 'none':
    case '-':
      return undefined;
    case 'nan':
    case '+nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  // "1,234" thousands, "12.5%"
  if (t.endsWith('%')) {
    const p = Number(t.slice(0, -1));
    return Number.isNaN(p) || t.length === 1 ? null : p;
  }
  return null;
}

export type DecimalMark = '.' | ',';

// a whole cell; never a thousands group: tables that write decimal commas do not group
const COMMA_DECIMAL = /^\s*[+-]?\d+,\d+(?:[eE][+-]?\d+)?\s*$/;
const POINT_DECIMAL = /^\s*[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The mark a decimal number is written with ("3,412", "1,5e7" → ','; "3.412" → '.'); undefined
 *  for integers, words, blanks and anything else. */
export function decimalMarkOf(raw: string): DecimalMark | undefined {
  return COMMA_DECIMAL.test(raw) ? ',' : POINT_DECIMAL.test(raw) ? '.' : undefined;
}

/** Whether `raw` is a decimal written with the other mark than `mark` (which no reader reads). */
export function isOtherMark(raw: string, mark: DecimalMark): boolean {
  const written = decimalMarkOf(raw);
  return written !== undefined && written !== mark;
}

/** How a decimal written with the other mark than `mark` is named in warnings. */
export function otherMarkText(mark: DecimalMark): string {
  return mark === ',' ? 'a decimal point in a table read with decimal commas' : 'a decimal comma in a table read with decimal points';
}

/** As parseCell in a table whose decimal mark is ',': "3,412" is 3.412, and a cell with a '.' is
 *  text, as "3,412" is in a table of '.' decimals (one mark per file, never a guess per cell). */
export function parseCommaCell(raw: string): number | undefined | null {
  if (raw.indexOf('.') >= 0) return null;
  const comma = raw.indexOf(',');
  return parseCell(comma < 0 ? raw : `${raw.slice(0, comma)}.${raw.slice(comma + 1)}`);
}

/** One table row, read by index: numbers for the numeric columns, text for labels. */
export interface Cells {
  readonly length: number;
  /** As parseCell: number, undefined when absent, null for words. */
  num(i: number): number | undefined | null;
  str(i: number): string;
}

/** A row of a table that may have chosen its decimal mark (a ';' table: see TableDecoder). */
export interface MarkedCells extends Cells {
  /** The table's decimal mark, once it has one; undefined: parseCell alone. */
  mark: DecimalMark | undefined;
  /** The first cell read from this row that is a decimal written with the other mark (not read). */
  otherMark: string | undefined;
}

// thousands grouped for certain (several groups, or a group and a decimal point), or maybe (one group)
const SURELY_GROUPED = /^\s*[+-]?[1-9]\d{0,2}(?:,\d{3}(?:,\d{3})+(?:\.\d*)?|,\d{3}\.\d*)\s*$/;
const ONE_GROUP = /^\s*[+-]?[1-9]\d{0,2},\d{3}\s*$/;

/**
 * A number with thousands commas ("52,428,800", quoted in a CSV), in a table of '.' decimals.
 * `commaTable`: a ','-separated table, which reads no decimal comma, so one group ("1,000") is a
 * thousand too; in a ';' table or a TSV of '.' decimals one group stays unread (decimalMark.ts says why).
 */
function groupedNumber(raw: string, commaTable: boolean): number | null {
  if (raw.indexOf(',') < 0 || !(SURELY_GROUPED.test(raw) || (commaTable && ONE_GROUP.test(raw)))) return null;
  return Number(raw.replace(/,/g, ''));
}

/** A cell parseCell took for text (null) read again as a grouped number. */
function orGrouped(v: number | undefined | null, raw: string, commaTable: boolean): number | undefined | null {
  return v === null ? groupedNumber(raw, commaTable) : v;
}

/** parseCell under the row's decimal mark; a decimal with the other mark is null, noted on the row. */
export function parseMarkedCell(raw: string, row: MarkedCells): number | undefined | null {
  if (row.mark === undefined) return orGrouped(parseCell(raw), raw, true);
  const v = row.mark === ',' ? parseCommaCell(raw) : orGrouped(parseCell(raw), raw, false);
  if (v === null && row.otherMark === undefined && decimalMarkOf(raw) !== undefined) row.otherMark = raw.trim();
  return v;
}

/** Cells of a row already split into strings (the csv-parse and header paths). */
export class StringCells implements MarkedCells {
  mark: DecimalMark | undefined;
  otherMark: string | undefined;

  constructor(private readonly cells: readonly string[]) {}

  get length(): number {
    return this.cells.length;
  }

  num(i: number): number | undefined | null {
    return i < this.cells.length ? parseMarkedCell(this.cells[i], this) : undefined;
  }

  str(i: number): string {
    return this.cells[i] ?? '';
  }
}

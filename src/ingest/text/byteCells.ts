// A table row as byte ranges of the current push, split on the delimiter byte with its plain
// decimals parsed on the way (TableDecoder's fast path); other cells are parsed only when a sink asks.
import { parseMarkedCell, type DecimalMark, type MarkedCells } from './cells';
import { MAX_EXACT as EXACT_LIMIT, parseAsciiNumber, parseLongDecimal, POW10 as POWERS_OF_TEN } from './fastFloat';
import { textOfBytes } from './utf8OrWindows1252';

// module-local copies: plainCell reads them per cell, and an imported binding may compile to a
// getter call (CommonJS output)
const POW10: readonly number[] = POWERS_OF_TEN;
const MAX_EXACT = EXACT_LIMIT;

export const QUOTE = 34;

const latin1 = new TextDecoder('latin1');

/** A row as byte ranges of the current push: cells are parsed only when a sink asks. */
export class ByteCells implements MarkedCells {
  mark: DecimalMark | undefined;
  otherMark: string | undefined;
  private bytesOfBlock: Uint8Array = new Uint8Array(0);
  private blockText: string | undefined;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** The cell's value when the splitter already parsed it, NaN when num() must look (NaN is never
   *  a parsed value: "nan" cells go through parseCell). */
  vals = new Float64Array(64);

  get bytes(): Uint8Array {
    return this.bytesOfBlock;
  }

  set bytes(b: Uint8Array) {
    this.bytesOfBlock = b;
    this.blockText = undefined;
  }

  /** 1 when the quoted cell holds doubled quotes to unescape. */
  escaped = new Uint8Array(64);
  length = 0;

  num(i: number): number | undefined | null {
    if (i >= this.length) return undefined;
    const s = this.starts[i];
    const e = this.ends[i];
    if (s === e) return undefined;
    const pre = this.vals[i];
    if (pre === pre) return pre;
    // parseAsciiNumber and Number() read '.' decimals
    if (this.mark === ',') return parseMarkedCell(this.str(i), this);
    const v = parseAsciiNumber(this.bytes, s, e);
    if (v === v) return v;
    if (e - s <= 40) {
      // 17-digit float reprs miss the exact fast path: Number() on a slice of the block decoded once
      // as latin1 (1 byte = 1 char, so byte offsets are string offsets; V8 slices share the string)
      this.blockText ??= latin1.decode(this.bytes);
      const text = this.blockText.slice(s, e);
      const w = Number(text);
      if (w === w && isPlainDecimal(this.bytes, s, e)) return w;
      return parseMarkedCell(text, this);
    }
    return parseMarkedCell(this.str(i), this);
  }

  str(i: number): string {
    if (i >= this.length) return '';
    const s = this.starts[i];
    const e = this.ends[i];
    const b = this.bytes;
    // ASCII is the norm in tables: a slice of the block decoded once (a decoder call per cell costs
    // more than the cell); labels may be UTF-8, or windows-1252 in a file saved by Excel
    let text: string | undefined;
    for (let k = s; k < e; k++) {
      if (b[k] > 127) {
        text = textOfBytes(b.subarray(s, e));
        break;
      }
    }
    if (text === undefined) {
      this.blockText ??= latin1.decode(b);
      text = this.blockText.slice(s, e);
    }
    return this.escaped[i] ? text.split('""').join('"') : text;
  }

  grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.ends = e;
    const q = new Uint8Array(this.escaped.length * 2);
    q.set(this.escaped);
    this.escaped = q;
    const v = new Float64Array(this.vals.length * 2);
    v.set(this.vals);
    this.vals = v;
  }
}

/** Only digits, sign, '.', 'e': Number() also takes "0x1A", "0b1", " 1" — parseCell decides those. */
function isPlainDecimal(b: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = b[k];
    if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) return false;
  }
  return true;
}

/** Cells of b[start, end) split on `delim`, `point` the decimal mark; returns the cell count. */
export function splitParse(b: Uint8Array, start: number, end: number, delim: number, point: number, cells: ByteCells): number {
  let count = 0;
  let i = start;
  for (;;) {
    if (count === cells.starts.length) cells.grow();
    i = plainCell(b, i, end, delim, point, cells, count);
    count++;
    if (i >= end) return count;
    i++; // past the delimiter; a trailing one ends the row with an empty cell
  }
}

/** Stores the unquoted cell at b[i…] (up to `delim` or `end`) as cell `k`, a [-]digits[.digits]
 *  cell parsed on the way (fastFloat's exact cases; anything else is left NaN for num());
 *  returns where the cell ends. */
function plainCell(b: Uint8Array, i: number, end: number, delim: number, point: number, cells: ByteCells, k: number): number {
  const cs = i;
  let neg = false;
  if (i < end && b[i] === 45) {
    neg = true;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let c = 0;
  while (i < end && (c = b[i]) >= 48 && c <= 57) {
    mant = mant * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < end && c === point) {
    i++;
    while (i < end && (c = b[i]) >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      frac++;
      i++;
    }
  }
  let v = NaN;
  if (i < end && b[i] !== delim) {
    // not a plain decimal (exponent, word, space…): find the cell's end, num() decides
    while (i < end && b[i] !== delim) i++;
  } else if (digits > 0) {
    if (mant < MAX_EXACT && frac <= 22) {
      v = frac === 0 ? mant : mant / POW10[frac];
      if (neg) v = -v;
    } else v = parseLongDecimal(b, neg ? cs + 1 : cs, i, neg, -frac); // 17-digit float reprs
  }
  cells.starts[k] = cs;
  cells.ends[k] = i;
  cells.escaped[k] = 0;
  cells.vals[k] = v;
  return i;
}

/** As splitParse with RFC 4180 quoting (a quoted cell may hold the delimiter and doubled quotes);
 *  -1 when a quote is not closed on this line. Text after a closing quote up to the next delimiter
 *  is dropped; a stray quote inside an unquoted cell is kept (like csv-parse's relax_quotes). */
export function splitQuoted(b: Uint8Array, start: number, end: number, delim: number, point: number, cells: ByteCells): number {
  let count = 0;
  let i = start;
  for (;;) {
    if (count === cells.starts.length) cells.grow();
    if (i < end && b[i] === QUOTE) {
      const cs = i + 1;
      let esc = 0;
      let k = cs;
      for (;;) {
        if (k >= end) return -1;
        if (b[k] === QUOTE) {
          if (k + 1 < end && b[k + 1] === QUOTE) {
            esc = 1;
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      cells.starts[count] = cs;
      cells.ends[count] = k;
      cells.escaped[count] = esc;
      cells.vals[count] = NaN;
      i = k + 1;
      while (i < end && b[i] !== delim) i++;
    } else i = plainCell(b, i, end, delim, point, cells, count);
    count++;
    if (i >= end) return count;
    i++; // past the delimiter
    if (i === end) {
      // a trailing delimiter ends with one empty cell
      if (count === cells.starts.length) cells.grow();
      cells.starts[count] = end;
      cells.ends[count] = end;
      cells.escaped[count] = 0;
      cells.vals[count] = NaN;
      return count + 1;
    }
  }
}

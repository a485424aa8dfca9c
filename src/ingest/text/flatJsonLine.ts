// The byte-level fast path of JSONL: one line that is a flat object of numbers (plus strings,
// booleans and nulls, which carry no point) read straight from UTF-8 bytes — no line string, no
// JSON.parse, no object. Anything it is not sure reads exactly as JSON.parse + flatten would
// (escapes, nested values, integer-like or repeated keys, odd whitespace, invalid JSON) it declines,
// and the caller takes the general path for that line.
import { isDigit } from './asciiClass';
import { exactDecimal } from './fastFloat';
import { parseJsonNumber } from './jsonNumberBytes';
import type { KeyInterner } from './keyInterner';
import type { KeyInfo } from '../model/recordRows';

/** scanFlatJson results besides a key count. */
export const BLANK = -1;
export const DECLINED = -2;

const QUOTE = 34;
const BACKSLASH = 92;

const NL = 10;
const latin1 = new TextDecoder('latin1');

function isSpace(c: number): boolean {
  // JSON whitespace on one line (its '\n' is the line end); '\r' also ends a CRLF line
  return c === 32 || c === 9 || c === 13;
}

/** Bytes that may follow a value: ',', '}', whitespace, the line's end. */
function isEnd(c: number): boolean {
  return c === 44 || c === 125 || c === 32 || c === 9 || c === 13 || c === NL;
}

function literal(b: Uint8Array, p: number, end: number, word: string): boolean {
  if (p + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Past a string's closing quote (p at its first byte), or -1 for an escape, a control byte or no
 *  closing quote. */
function skipString(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = b[p];
    if (c === QUOTE) return p + 1;
    if (c === BACKSLASH || c < 32) return -1;
    p++;
  }
  return -1;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

export class FlatJsonScanner {
  readonly infos: KeyInfo[] = [];
  readonly values: number[] = [];
  private serial = 0;
  /** Where the last readNumber stopped. */
  private pos = 0;
  /** Where the last scan's line ended (its '\n', or the limit). */
  lineEnd = 0;

  constructor(private readonly keys: KeyInterner) {}

  /** Reads the line at b[start] up to its '\n' (or `end`), leaving that position in lineEnd;
   *  returns how many numeric keys it put in infos/values (in Object.keys order), BLANK for a
   *  whitespace-only line, or DECLINED (lineEnd is then not set). */
  scan(b: Uint8Array, start: number, end: number): number {
    const stamp = ++this.serial;
    let p = start;
    while (p < end && isSpace(b[p])) p++;
    if (p === end || b[p] === NL) {
      this.lineEnd = p;
      return BLANK;
    }
    if (b[p] !== 123) return DECLINED;
    p++;
    while (p < end && isSpace(b[p])) p++;
    let n = 0;
    if (p < end && b[p] === 125) p++;
    else
      for (;;) {
        if (p >= end || b[p] !== QUOTE) return DECLINED;
        const ks = p + 1;
        const ke = skipString(b, ks, end) - 1;
        if (ke < 0) return DECLINED;
        // integer-like keys come first in Object.keys order: keep that rule in one place
        if (ke > ks && b[ks] >= 48 && b[ks] <= 57) return DECLINED;
        const key = this.keys.get(b, ks, ke);
        // a repeated key keeps its first position but its last value: rare, left to JSON.parse
        if (key === undefined || key.stamp === stamp) return DECLINED;
        key.stamp = stamp;
        p = ke + 1;
        while (p < end && isSpace(b[p])) p++;
        if (p >= end || b[p] !== 58) return DECLINED;
        p++;
        while (p < end && isSpace(b[p])) p++;
        if (p >= end) return DECLINED;
        const c = b[p];
        if (c === QUOTE) {
          p = skipString(b, p + 1, end);
          if (p < 0) return DECLINED;
        } else if (c === 116 || c === 102 || c === 110) {
          const word = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
          if (!literal(b, p, end, word)) return DECLINED;
          p += word.length;
        } else {
          const v = this.readNumber(b, p, end);
          if (v === undefined) return DECLINED;
          p = this.pos;
          this.infos[n] = key.info;
          this.values[n] = v;
          n++;
        }
        while (p < end && isSpace(b[p])) p++;
        if (p >= end) return DECLINED;
        if (b[p] === 44) {
          p++;
          while (p < end && isSpace(b[p])) p++;
          continue;
        }
        if (b[p] !== 125) return DECLINED;
        p++;
        break;
      }
    while (p < end && isSpace(b[p])) p++;
    if (p < end && b[p] !== NL) return DECLINED;
    this.lineEnd = p;
    return n;
  }

  /** A JSON number (or NaN / Infinity / -Infinity) at b[p] that a delimiter ends; its end in pos. */
  private readNumber(b: Uint8Array, p: number, end: number): number | undefined {
    const start = p;
    let c = b[p];
    if (c === 45) c = b[++p];
    if (c === 78 || c === 73) {
      while (p < end && !isEnd(b[p])) p++;
      this.pos = p;
      // JSON's grammar plus Python's bare tokens
      return parseJsonNumber(b, start, p);
    }
    // significant digits: 15 exact in `head`, up to 4 more in `tail` (fastFloat's double-double)
    let head = 0;
    let tail = 0;
    let tailDigits = 0;
    let sig = 0;
    let exp = 0;
    let long = false;
    const intStart = p;
    // integer and fraction digits in one pass; `dot` is where the '.' was
    let dot = -1;
    for (; p < end; p++) {
      c = b[p];
      if (!isDigit(c)) {
        if (c === 46 && dot < 0) {
          dot = p;
          continue;
        }
        break;
      }
      if (sig < 15) {
        head = head * 10 + (c - 48);
        if (head !== 0) sig++;
      } else if (sig < 19) {
        tail = tail * 10 + (c - 48);
        tailDigits++;
        sig++;
      } else long = true;
    }
    const intDigits = (dot < 0 ? p : dot) - intStart;
    if (intDigits === 0 || (b[intStart] === 48 && intDigits > 1)) return undefined;
    if (dot >= 0) {
      if (p === dot + 1) return undefined;
      exp = dot + 1 - p;
    }
    if (p < end && (b[p] | 32) === 101) {
      p++;
      let eneg = false;
      if (p < end && (b[p] === 43 || b[p] === 45)) eneg = b[p++] === 45;
      const expStart = p;
      let e = 0;
      for (; p < end && isDigit((c = b[p])); p++) if (e < 100000) e = e * 10 + (c - 48);
      if (p === expStart) return undefined;
      exp += eneg ? -e : e;
    }
    if (p < end && !isEnd(b[p])) return undefined;
    this.pos = p;
    const neg = b[start] === 45;
    let v: number;
    if (long) return Number(latin1.decode(b.subarray(start, p)));
    if (head === 0) v = 0;
    // Clinger: an integer below 10^15 times or over an exact power of ten rounds once
    else if (tailDigits === 0 && exp >= -22 && exp <= 22) v = exp === 0 ? head : exp > 0 ? head * POW10[exp] : head / POW10[-exp];
    else {
      v = exactDecimal(head, tail, tailDigits, exp);
      if (v !== v) return Number(latin1.decode(b.subarray(start, p)));
    }
    return neg ? -v : v;
  }
}

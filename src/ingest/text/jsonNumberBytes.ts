// Parses a JSON number (plus Python's bare NaN / Infinity / -Infinity) straight from UTF-8 bytes.
// W&B stores every history value as JSON text; decoding each to a string first costs more than the
// rest of the record. Short decimals take Clinger's fast path (an integer mantissa below 2^53 and a
// power of ten up to 1e22 are both exact, so one division or multiplication rounds correctly);
// anything longer goes to fastFloat's exact byte parser, and only where that declines to Number().
import { parseAsciiNumber } from './fastFloat';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 9007199254740992;
const latin1 = new TextDecoder('latin1');

function isWord(buf: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** The number `buf[start, end)` spells (surrounding spaces allowed), or undefined if it is not one. */
export function parseJsonNumber(buf: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  if (start >= end) return undefined;
  let p = start;
  const neg = buf[p] === 0x2d;
  if (neg) p++;
  if (p < end && (buf[p] === 0x4e || buf[p] === 0x49)) {
    if (!neg && isWord(buf, p, end, 'NaN')) return NaN;
    if (isWord(buf, p, end, 'Infinity')) return neg ? -Infinity : Infinity;
    return undefined;
  }
  // validate the JSON grammar: int [frac] [exp], accumulating the mantissa while it is exact
  let mant = 0;
  let digits = 0;
  let scale = 0;
  const intStart = p;
  while (p < end && buf[p] >= 0x30 && buf[p] <= 0x39) {
    mant = mant * 10 + (buf[p] - 0x30);
    if (mant > 0) digits++;
    p++;
  }
  if (p === intStart || (buf[intStart] === 0x30 && p - intStart > 1)) return undefined;
  if (p < end && buf[p] === 0x2e) {
    p++;
    const fracStart = p;
    while (p < end && buf[p] >= 0x30 && buf[p] <= 0x39) {
      mant = mant * 10 + (buf[p] - 0x30);
      if (mant > 0) digits++;
      scale++;
      p++;
    }
    if (p === fracStart) return undefined;
  }
  let simple = true;
  if (p < end && (buf[p] === 0x65 || buf[p] === 0x45)) {
    simple = false;
    p++;
    if (p < end && (buf[p] === 0x2b || buf[p] === 0x2d)) p++;
    const expStart = p;
    while (p < end && buf[p] >= 0x30 && buf[p] <= 0x39) p++;
    if (p === expStart) return undefined;
  }
  if (p !== end) return undefined;
  if (simple && digits <= 15 && mant < MAX_EXACT && scale <= 22) {
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  }
  // exponents and long mantissas: the exact byte parser, else (near a rounding midpoint) Number()
  const v = parseAsciiNumber(buf, start, end);
  return v === v ? v : Number(latin1.decode(buf.subarray(start, end)));
}

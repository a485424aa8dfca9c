// Decimal ASCII → double straight from bytes, exactly as Number() would round it, without making a
// string. Two tiers:
//  * Clinger's fast path: a mantissa < 2^53 times/over an exact power of ten is one correctly
//    rounded IEEE operation (short decimals such as "0.0312");
//  * up to 19 significant digits (the 17-digit reprs float64/float32 loggers print, e.g. Keras'
//    "0.0010000000474974513"): the value in double-double arithmetic (~2^-104 relative error), kept
//    only when every real within 2^-90 of it rounds to the same double — so it is the correctly
//    rounded one. Near a rounding midpoint that check fails.
// Anything else (and the midpoint cases) returns NaN so the caller falls back to Number(string).

/** 10^k, exact for k ≤ 22. */
export const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
/** 2^53: integers below it are exact doubles. */
export const MAX_EXACT = 9007199254740992;
/** Significant digits gathered in the exact head (10^15 < 2^53) and at most in all. */
const HEAD_DIGITS = 15;
const MAX_DIGITS = 19;
/** Decimal exponents the double-double path takes (four steps of 10^22 keep results normal). */
const MAX_DD_EXP = 88;
/** Veltkamp splitter for Dekker's exact product: 2^27 + 1. */
const SPLITTER = 134217729;
/** Half-width of the interval that must round to one double: far above the ~2^-104 error. */
const SAFE_REL = 2 ** -90;

/** The rounding error of p = fl(a * b): a * b = p + twoProdErr(a, b, p) exactly (no FMA in JS). */
function twoProdErr(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * The correctly rounded value of (head * 10^tailDigits + tail) * 10^exp, or NaN when it cannot be
 * decided cheaply. head < 10^15 and tail < 10^tailDigits ≤ 10^4 are exact integers, not both 0.
 */
export function exactDecimal(head: number, tail: number, tailDigits: number, exp: number): number {
  let xh: number;
  let xl: number;
  if (tailDigits === 0) {
    xh = head;
    xl = 0;
  } else {
    // the mantissa (< 10^19 < 2^64) as an exact double-double
    const p10 = POW10[tailDigits];
    const p = head * p10;
    const pe = twoProdErr(head, p10, p);
    const s = p + tail;
    const bb = s - p;
    const e1 = p - (s - bb) + (tail - bb);
    const t = e1 + pe; // both are integers below 2^11 here: exact
    xh = s + t;
    xl = t - (xh - s);
  }
  if (exp < -MAX_DD_EXP || exp > MAX_DD_EXP) return NaN;
  while (exp > 0) {
    const j = exp > 22 ? 22 : exp;
    const P = POW10[j];
    const p = xh * P;
    const pe = twoProdErr(xh, P, p) + xl * P;
    xh = p + pe;
    xl = pe - (xh - p);
    exp -= j;
  }
  while (exp < 0) {
    const j = -exp > 22 ? 22 : -exp;
    const D = POW10[j];
    const q1 = xh / D;
    const p = q1 * D;
    const r = xh - p - twoProdErr(q1, D, p) + xl;
    const q2 = r / D;
    xh = q1 + q2;
    xl = q2 - (xh - q1);
    exp += j;
  }
  const d = xh * SAFE_REL;
  const lo = xh + (xl - d);
  return lo === xh + (xl + d) ? lo : NaN;
}

/** The value of a mantissa whose digits were summed into `mant` (exact while < 2^53) and decimal
 *  exponent `exp`; NaN where the longer digit string must be re-read (see the callers). */
function clinger(neg: boolean, mant: number, exp: number): number {
  let v: number;
  if (mant === 0) v = 0;
  // exact when < 2^53 (were the true sum larger, the rounded one would be ≥ 2^53)
  else if (mant >= MAX_EXACT) return NaN;
  else if (exp === 0) v = mant;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp];
  else if (exp > 22 && exp <= 22 + 15 && mant * POW10[exp - 22] < MAX_EXACT) v = mant * POW10[exp - 22] * 1e22; // "6e+23": an exact first factor
  else return NaN;
  return neg ? -v : v;
}

/** The digits of b[from, to) (a '.' among them is skipped) as 15 + up to 4 significant digits,
 *  times 10^exp, via exactDecimal; NaN beyond 19 significant digits or where rounding is close.
 *  For mantissas ≥ 2^53 or exponents Clinger's path cannot take. */
export function parseLongDecimal(b: Uint8Array, from: number, to: number, neg: boolean, exp: number): number {
  let head = 0;
  let tail = 0;
  let tailDigits = 0;
  let sig = 0;
  for (let k = from; k < to; k++) {
    const d = b[k] - 48;
    if (d < 0 || d > 9) continue; // the '.'
    if (sig < HEAD_DIGITS) {
      head = head * 10 + d;
      if (head !== 0) sig++;
    } else if (sig < MAX_DIGITS) {
      tail = tail * 10 + d;
      tailDigits++;
      sig++;
    } else return NaN;
  }
  if (head === 0) return neg ? -0 : 0;
  const v = exactDecimal(head, tail, tailDigits, exp);
  return neg ? -v : v;
}

/** parseLongDecimal over a string: the span holds only digits and '.', so its char codes are its bytes (a rare path: mantissas past 2^53). */
function parseLongDecimalString(s: string, from: number, to: number, neg: boolean, exp: number): number {
  const b = new Uint8Array(to - from);
  for (let k = from; k < to; k++) b[k - from] = s.charCodeAt(k);
  return parseLongDecimal(b, 0, b.length, neg, exp);
}

/** The value of b[start, end) or NaN when it is not a plain decimal the fast paths can do exactly. */
export function parseAsciiNumber(b: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = b[i];
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  const digitsFrom = i;
  let mant = 0;
  let exp = 0;
  let digits = 0;
  while (i < end) {
    c = b[i];
    if (c < 48 || c > 57) break;
    mant = mant * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < end && b[i] === 46) {
    i++;
    while (i < end) {
      c = b[i];
      if (c < 48 || c > 57) break;
      mant = mant * 10 + (c - 48);
      exp--;
      digits++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  const digitsTo = i;
  if (i < end && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < end && (b[i] === 45 || b[i] === 43)) {
      eneg = b[i] === 45;
      i++;
    }
    let e = 0;
    let edigits = 0;
    while (i < end) {
      c = b[i];
      if (c < 48 || c > 57) break;
      e = e * 10 + (c - 48);
      edigits++;
      i++;
      if (e > 10000) return NaN;
    }
    if (edigits === 0) return NaN;
    exp += eneg ? -e : e;
  }
  if (i !== end) return NaN;
  const v = clinger(neg, mant, exp);
  return v === v ? v : parseLongDecimal(b, digitsFrom, digitsTo, neg, exp);
}

/** parseAsciiNumber over a string's char codes (log lines are already strings): same rules. */
export function parseAsciiNumberString(s: string, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  const digitsFrom = i;
  let mant = 0;
  let exp = 0;
  let digits = 0;
  while (i < end) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mant = mant * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < end && s.charCodeAt(i) === 46) {
    i++;
    while (i < end) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mant = mant * 10 + (c - 48);
      exp--;
      digits++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  const digitsTo = i;
  if (i < end && (s.charCodeAt(i) | 32) === 101) {
    i++;
    let eneg = false;
    c = s.charCodeAt(i);
    if (i < end && (c === 45 || c === 43)) {
      eneg = c === 45;
      i++;
    }
    let e = 0;
    let edigits = 0;
    while (i < end) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      e = e * 10 + (c - 48);
      edigits++;
      i++;
      if (e > 10000) return NaN;
    }
    if (edigits === 0) return NaN;
    exp += eneg ? -e : e;
  }
  if (i !== end) return NaN;
  const v = clinger(neg, mant, exp);
  return v === v ? v : parseLongDecimalString(s, digitsFrom, digitsTo, neg, exp);
}

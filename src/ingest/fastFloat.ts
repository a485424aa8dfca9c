// Decimal ASCII → double straight from bytes, exactly as Number() would round it, for the common
// case (≤ 2^53 mantissa, |exponent| ≤ 22: one exact operand times/over an exact power of ten is a
// single correctly rounded IEEE operation — Clinger's fast path). Anything else returns NaN so the
// caller falls back to Number(string). Saves a string per cell on big CSVs.

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 9007199254740992; // 2^53

/** The value of b[start, end) or NaN when it is not a plain decimal the fast path can do exactly. */
export function parseAsciiNumber(b: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = b[i];
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
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
  if (i !== end || mant > MAX_EXACT) return NaN;
  let v: number;
  if (mant === 0) v = 0;
  else if (exp === 0) v = mant;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp];
  else return NaN;
  return neg ? -v : v;
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
  if (i !== end || mant > MAX_EXACT) return NaN;
  let v: number;
  if (mant === 0) v = 0;
  else if (exp === 0) v = mant;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp];
  else return NaN;
  return neg ? -v : v;
}

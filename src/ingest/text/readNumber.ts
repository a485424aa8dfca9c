// A number in log text: signed, thousands-grouped, with fraction and exponent, or nan/inf; and the
// multiplier of a humanised count's unit letter.
import * as asciiClass from './asciiClass';
import { parseAsciiNumberString } from './fastFloat';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { isDigit, isWord } = asciiClass;

interface NumberToken {
  value: number;
  end: number;
}

const WORD_NUMBERS: readonly (readonly [string, number])[] = [
  ['nan', NaN],
  ['infinity', Infinity],
  ['inf', Infinity],
];

function matchWord(s: string, i: number, word: string): boolean {
  if (s.length < i + word.length) return false;
  if (s.slice(i, i + word.length).toLowerCase() !== word) return false;
  return !isWord(s.charCodeAt(i + word.length));
}

/** A number at `i`: sign, digits with optional 3-digit thousands groups, fraction, exponent, or nan/inf. */
export function readNumber(s: string, i: number): NumberToken | null {
  const n = s.length;
  let j = i;
  let sign = 1;
  const c0 = s.charCodeAt(j);
  if (c0 === 45 || c0 === 43) {
    sign = c0 === 45 ? -1 : 1;
    j++;
  }
  const w0 = s.charCodeAt(j) | 32; // lower-cased
  if (w0 === 110 || w0 === 105) {
    for (const [w, v] of WORD_NUMBERS) if (matchWord(s, j, w)) return { value: sign * v, end: j + w.length };
    return null;
  }
  const start = j;
  let digits = 0;
  let grouped = false;
  while (j < n && isDigit(s.charCodeAt(j))) {
    j++;
    digits++;
  }
  // thousands separators: "16,384", "6,854" — only exact 3-digit groups after a 1-3 digit head
  if (digits >= 1 && digits <= 3) {
    while (s.charCodeAt(j) === 44 && isDigit(s.charCodeAt(j + 1)) && isDigit(s.charCodeAt(j + 2)) && isDigit(s.charCodeAt(j + 3)) && !isDigit(s.charCodeAt(j + 4))) {
      j += 4;
      digits += 3;
      grouped = true;
    }
  }
  let end = j;
  if (s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
    j++;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    end = j;
    digits++;
  } else if (s.charCodeAt(j) === 46 && digits > 0 && !isWord(s.charCodeAt(j + 1))) {
    j++; // "3." trailing dot: consumed, not part of the number text
  }
  if (digits === 0) return null;
  const e = s.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const sc = s.charCodeAt(k);
    if (sc === 43 || sc === 45) k++;
    if (isDigit(s.charCodeAt(k))) {
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      j = k;
      end = k;
    }
  }
  if (!grouped) {
    // most log numbers are short decimals: exact without building a string
    const fast = parseAsciiNumberString(s, start, end);
    if (fast === fast) return { value: sign * fast, end: j };
  }
  let text = s.slice(start, end);
  if (grouped) text = text.split(',').join('');
  const value = Number(text);
  if (Number.isNaN(value)) return null;
  return { value: sign * value, end: j };
}

/**
 * A humanised count's multiplier: "52.4M tokens", "1.2B", "6.8k tok/s" (one letter right after the
 * digits: K, k, M, B, T); 1 for any other unit ("ms", "GiB", "%", "m" for minutes).
 */
export function magnitudeOf(unit: number, unitLength: number): number {
  if (unitLength !== 1) return 1;
  return unit === 75 || unit === 107 ? 1e3 : unit === 77 ? 1e6 : unit === 66 ? 1e9 : unit === 84 ? 1e12 : 1;
}

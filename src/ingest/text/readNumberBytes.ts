// readNumber (readNumber.ts) over a line's bytes, into a reused token: the byte scanner's numbers.
import { parseAsciiNumber, POW10 } from './fastFloat';
import * as byteClass from './byteClass';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { at, isDigit, isWord } = byteClass;

const latin1 = new TextDecoder('latin1');

export interface Token {
  value: number;
  end: number;
}

const ungrouped = new Uint8Array(64);

/** "16,384.5": the digits without their thousands commas through parseAsciiNumber (NaN if long). */
function parseGrouped(b: Uint8Array, start: number, end: number): number {
  if (end - start > ungrouped.length) return NaN;
  let n = 0;
  for (let k = start; k < end; k++) if (b[k] !== 44) ungrouped[n++] = b[k];
  return parseAsciiNumber(ungrouped, 0, n);
}

function matchWord(b: Uint8Array, i: number, e: number, word: string): boolean {
  if (e < i + word.length) return false;
  for (let k = 0; k < word.length; k++) if ((b[i + k] | 32) !== word.charCodeAt(k)) return false;
  return !isWord(at(b, i + word.length, e));
}

/** readNumber of keyNumberScanner at b[i]: fills `tok` and returns true when a number starts there. */
export function readNumber(b: Uint8Array, i: number, e: number, tok: Token): boolean {
  let j = i;
  let sign = 1;
  const c0 = at(b, j, e);
  if (c0 === 45 || c0 === 43) {
    sign = c0 === 45 ? -1 : 1;
    j++;
  }
  const w0 = at(b, j, e) | 32;
  if (w0 === 110 || w0 === 105) {
    // the string scanner's order: nan, infinity, inf
    let len = 0;
    let v = 0;
    if (matchWord(b, j, e, 'nan')) (len = 3), (v = NaN);
    else if (matchWord(b, j, e, 'infinity')) (len = 8), (v = Infinity);
    else if (matchWord(b, j, e, 'inf')) (len = 3), (v = Infinity);
    else return false;
    tok.value = sign * v;
    tok.end = j + len;
    return true;
  }
  const start = j;
  let digits = 0;
  let grouped = false;
  // the value of a short plain decimal, gathered on the way (Clinger: exact below 10^15)
  let mant = 0;
  let scale = 0;
  let c = 0;
  while (j < e && isDigit((c = b[j]))) {
    mant = mant * 10 + (c - 48);
    j++;
    digits++;
  }
  if (digits >= 1 && digits <= 3) {
    while (at(b, j, e) === 44 && isDigit(at(b, j + 1, e)) && isDigit(at(b, j + 2, e)) && isDigit(at(b, j + 3, e)) && !isDigit(at(b, j + 4, e))) {
      j += 4;
      digits += 3;
      grouped = true;
    }
  }
  let end = j;
  if (at(b, j, e) === 46 && isDigit(at(b, j + 1, e))) {
    j++;
    const fracStart = j;
    while (j < e && isDigit((c = b[j]))) {
      mant = mant * 10 + (c - 48);
      j++;
    }
    scale = j - fracStart;
    end = j;
    digits++;
  } else if (at(b, j, e) === 46 && digits > 0 && !isWord(at(b, j + 1, e))) {
    j++;
  }
  if (digits === 0) return false;
  let plain = !grouped && end - start - (scale > 0 ? 1 : 0) <= 15;
  const ex = at(b, j, e);
  if (ex === 101 || ex === 69) {
    let k = j + 1;
    const sc = at(b, k, e);
    if (sc === 43 || sc === 45) k++;
    if (isDigit(at(b, k, e))) {
      while (k < e && isDigit(b[k])) k++;
      j = k;
      end = k;
      plain = false;
    }
  }
  if (plain) {
    tok.value = sign * (scale === 0 ? mant : mant / POW10[scale]);
    tok.end = j;
    return true;
  }
  const fast = grouped ? parseGrouped(b, start, end) : parseAsciiNumber(b, start, end);
  if (fast === fast) {
    tok.value = sign * fast;
    tok.end = j;
    return true;
  }
  let text = latin1.decode(b.subarray(start, end));
  if (grouped) text = text.split(',').join('');
  const value = Number(text);
  if (Number.isNaN(value)) return false;
  tok.value = sign * value;
  tok.end = j;
  return true;
}

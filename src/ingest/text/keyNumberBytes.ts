// keyNumberScanner (cleanLogLine + scanKeyNumbers) over a line's UTF-8 bytes: no line string, no
// key strings (keys are interned from their bytes), no token objects. It mirrors the string
// scanner rule for rule; the one place bytes and UTF-16 disagree — an ESC right before a non-ASCII
// character, which the string version drops with one code unit — it declines, as it does when the
// key table is full, and the caller runs the string scanner on that line. Every other non-ASCII
// byte, like every non-ASCII code unit, is in no character class, and keys are ASCII only.
import { pythonLoggingPrefixEnd } from './pythonLogging';
import { CHECKPOINT_BEST, CHECKPOINT_REACHED, epochOfCounter, isProseKey, isSentenceKey, LEVEL_WORDS, MARK_WORDS, MAX_QUALIFIER, mayCountIn, MEASURED_AFTER } from './keyNumberWords';
import * as numberText from './readNumber';
import * as byteClass from './byteClass';
import { type Token } from './readNumberBytes';
import * as numberBytes from './readNumberBytes';
import * as logLevel from './logLevelBytes';
import type { InternedKey, KeyInterner } from './keyInterner';
import type { KeyInfo } from '../model/recordRows';
import { scalarWrapperAtBytes, scalarWrapperEndBytes } from './scalarWrapper';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { ascii, at, endsWith, isDigit, isKeyChar, isKeyTrim, isLetter, isSeparator, isUnit, isWord, NONE, startsWith } = byteClass;
const { readNumber } = numberBytes;
const { levelEnd } = logLevel;
const { magnitudeOf } = numberText;

/** scan()'s answer when the caller must use the string scanner for this line. */
export const DECLINED = -1;

const MAX_KEY = 64;

/** Whether ':' or '=' and then a number start follow b[j] (spaces aside), as the string scanner's valueFollows. */
function valueFollows(b: Uint8Array, j: number, e: number): boolean {
  let k = j;
  while (at(b, k, e) === 32) k++;
  const c = at(b, k, e);
  if (c !== 58 && c !== 61) return false;
  k++;
  while (at(b, k, e) === 32) k++;
  const d = at(b, k, e);
  const x = d === 45 || d === 43 ? at(b, k + 1, e) : d;
  return isDigit(x) || (x === 46 && isDigit(at(b, k + (d === x ? 1 : 2), e)));
}

/** Whether '*' or '//' follows b[j] (spaces aside): the number before it may be a factor of integer arithmetic. */
function arithmeticFollows(b: Uint8Array, j: number, e: number): boolean {
  let k = j;
  while (at(b, k, e) === 32) k++;
  const c = at(b, k, e);
  return c === 42 || (c === 47 && at(b, k + 1, e) === 47);
}

/** Whether a ']' comes before b[i], spaces aside ("Epoch: [0]  [  10/5005]": the key names the next brackets too). */
function afterBracket(b: Uint8Array, s: number, i: number): boolean {
  let k = i - 1;
  while (k >= s && b[k] === 32) k--;
  return k >= s && b[k] === 93;
}
/** Whether "[ 200/1251" (spaces aside) follows b[j], as the string scanner's counterFollows. */
function counterFollows(b: Uint8Array, j: number, e: number): boolean {
  let k = j;
  while (at(b, k, e) === 32) k++;
  if (at(b, k, e) !== 91) return false;
  k++;
  while (at(b, k, e) === 32) k++;
  if (!isDigit(at(b, k, e))) return false;
  while (isDigit(at(b, k, e))) k++;
  while (at(b, k, e) === 32) k++;
  return at(b, k, e) === 47;
}

const SUBSET = ascii(MARK_WORDS.subset);
const NAMESPACE = ascii(MARK_WORDS.namespace);
const HYDRA = ascii(MARK_WORDS.hydra);
const TRAIN = ascii(MARK_WORDS.train);

/** pipedFieldIs of keyNumberScanner: the field b[from, to), led by a '|' after the line start s, is `word`. */
function pipedFieldIs(b: Uint8Array, s: number, from: number, to: number, word: Uint8Array): boolean {
  if (from === s || b[from - 1] !== 124) return false;
  let a = from;
  let z = to;
  while (a < z && b[a] === 32) a++;
  while (z > a && b[z - 1] === 32) z--;
  return z - a === word.length && startsWith(b, a, z, word);
}

const LEVEL_WORD_BYTES = LEVEL_WORDS.map(ascii);
const REACHED = ascii(CHECKPOINT_REACHED);
const BEST = ascii(CHECKPOINT_BEST);

/** separatedBefore of keyNumberScanner: a ':' or '=' in b[keyTo, to), what trimKey cut off the key's end. */
function separatedBefore(b: Uint8Array, keyTo: number, to: number): boolean {
  for (let k = keyTo; k < to; k++) if (b[k] === 58 || b[k] === 61) return true;
  return false;
}

/** levelWordEnd of keyNumberScanner over b[j, e). */
function levelWordEnd(b: Uint8Array, j: number, e: number): number {
  let k = j;
  if (at(b, k, e) === 93 || at(b, k, e) === 41) k++;
  const spaces = k;
  while (at(b, k, e) === 32 || at(b, k, e) === 9) k++;
  if (k === spaces) return -1;
  const c = at(b, k, e);
  // most numbers are followed by the next key: one test rules out every level word
  if (c !== 73 && c !== 87 && c !== 68 && c !== 69 && c !== 67) return -1;
  for (const w of LEVEL_WORD_BYTES) {
    let m = 0;
    while (m < w.length && at(b, k + m, e) === w[m]) m++;
    if (m === w.length && !isWord(at(b, k + m, e))) return k + m;
  }
  return -1;
}

/** isPrefixField of keyNumberScanner: b[i, end), after the line start s, is an integer glued to its name by ':'. */
function isPrefixField(b: Uint8Array, s: number, i: number, end: number): boolean {
  if (i - 2 < s || b[i - 1] !== 58 || !isWord(b[i - 2])) return false;
  for (let k = i; k < end; k++) if (!isDigit(b[k])) return false;
  return true;
}

/** sourceLocationEnd of keyNumberScanner: where the message starts after loguru's "module:function:line - ", b[i, end) the line number; or -1. */
function sourceLocationEnd(b: Uint8Array, s: number, i: number, end: number, e: number): number {
  let k = i - 2;
  while (k >= s && isWord(b[k])) k--;
  if (k === i - 2 || k <= s || b[k] !== 58 || !isWord(b[k - 1])) return -1;
  return at(b, end, e) === 32 && at(b, end + 1, e) === 45 && at(b, end + 2, e) === 32 ? end + 3 : -1;
}

/** isSentenceCount of keyNumberScanner: b[i, end) is an integer (thousands commas and all) before a word. */
function isSentenceCount(b: Uint8Array, i: number, end: number, e: number): boolean {
  for (let k = i; k < end; k++) if (!isDigit(b[k]) && b[k] !== 44) return false;
  if (at(b, end, e) !== 32) return false;
  let k = end;
  while (at(b, k, e) === 32) k++;
  return isLetter(at(b, k, e));
}

/** isProseWord of keyNumberScanner over b[lineStart, e). */
function isProseWord(b: Uint8Array, lineStart: number, i: number, end: number, e: number): boolean {
  const c = b[i];
  if (!isLetter(c === 45 || c === 43 ? at(b, i + 1, e) : c)) return false;
  let k = end;
  while (at(b, k, e) === 32) k++;
  if (!isLetter(at(b, k, e))) return false;
  let p = i - 1;
  while (p >= lineStart && b[p] === 32) p--;
  const before = p >= lineStart ? b[p] : 32;
  return before !== 58 && before !== 61;
}

export class KeyNumberBytes {
  readonly infos: KeyInfo[] = [];
  readonly values: number[] = [];
  private n = 0;
  /** A line with its ANSI escapes removed. */
  private clean = new Uint8Array(256);
  private readonly tok: Token = { value: 0, end: 0 };
  private readonly tot: Token = { value: 0, end: 0 };
  private declined = false;
  /** The last key trimKey found. */
  private keyFrom = 0;
  private keyTo = 0;

  constructor(private readonly keys: KeyInterner) {}

  /**
   * The pairs of line b[start, end) (no '\n', a trailing '\r' already cut) into infos/values: their
   * count, or DECLINED. `cr`: the line may hold a '\r'; `esc`: where its first ESC byte is, or -1
   * (the caller's line-splitting pass found them), so lines without either skip that work.
   */
  scan(b: Uint8Array, start: number, end: number, cr: boolean, esc: number): number {
    let s = start;
    let e = end;
    // cleanLogLine: what follows the last '\r', without ANSI escapes, after a logging prefix
    if (cr)
      for (let k = e - 1; k >= s; k--)
        if (b[k] === 13) {
          s = k + 1;
          break;
        }
    const py = pythonLoggingPrefixEnd(b, s, e);
    if (py >= 0) s = py;
    if (esc >= 0) {
      // stripping copies what precedes the first ESC unchanged, so a logging prefix that ends
      // before it is found in the raw bytes, and only what follows it is copied
      let firstEsc = esc;
      if (firstEsc < s) for (firstEsc = s; firstEsc < e && b[firstEsc] !== 27; ) firstEsc++;
      const level = levelEnd(b, s, firstEsc);
      if (level >= 0) s = level;
      e = this.stripAnsi(b, s, e);
      if (e < 0) return DECLINED;
      b = this.clean;
      s = 0;
      if (level < 0) {
        const after = levelEnd(b, s, e);
        if (after >= 0) s = after;
      }
    } else {
      const level = levelEnd(b, s, e);
      if (level >= 0) s = level;
    }
    this.n = 0;
    this.declined = false;
    this.pairs(b, s, e);
    return this.declined ? DECLINED : this.n;
  }

  /** Copies b[s, e) without escape sequences into `clean`; its length, or -1 to decline. */
  private stripAnsi(b: Uint8Array, s: number, e: number): number {
    if (this.clean.length < e - s) this.clean = new Uint8Array(Math.max(e - s, this.clean.length * 2));
    const out = this.clean;
    let o = 0;
    let i = s;
    while (i < e) {
      const c = b[i];
      if (c !== 27) {
        out[o++] = c;
        i++;
        continue;
      }
      const kind = at(b, i + 1, e);
      if (kind === 91) {
        i += 2;
        while (i < e) {
          const x = b[i++];
          if (x >= 0x40 && x <= 0x7e) break;
        }
      } else if (kind === 93) {
        i += 2;
        while (i < e) {
          const x = b[i];
          if (x === 7) {
            i++;
            break;
          }
          if (x === 27 && at(b, i + 1, e) === 92) {
            i += 2;
            break;
          }
          i++;
        }
      } else if (kind >= 0x80 && kind !== NONE) return -1; // the string version drops one UTF-16 unit of that character
      else i += 2;
    }
    return o;
  }

  private emit(key: InternedKey, v: number): void {
    this.infos[this.n] = key.info;
    this.values[this.n] = v;
    this.n++;
  }

  /** cleanKey: the key between from and to, trimmed, or undefined when it is not one. */
  private key(b: Uint8Array, from: number, to: number): InternedKey | undefined {
    if (!this.trimKey(b, from, to)) return undefined;
    const key = this.keys.get(b, this.keyFrom, this.keyTo);
    if (key === undefined) this.declined = true;
    return key;
  }

  /** Whether b[from, to) trims to a key, left in [keyFrom, keyTo). */
  private trimKey(b: Uint8Array, from: number, to: number): boolean {
    let a = from;
    let z = to;
    while (a < z && isKeyTrim(b[a])) a++;
    // trailing dots too: Megatron's argument dump leads each name to its value ("lr ........ 3e-4")
    while (z > a && (isKeyTrim(b[z - 1]) || b[z - 1] === 46)) z--;
    if (z - a === 0 || z - a > MAX_KEY) return false;
    const first = b[a];
    if (!isLetter(first) && first !== 95) return false;
    for (let k = a; k < z; k++) {
      // a count's thousands ',' inside a sentence's key (keyNumberScanner isGroupComma)
      if (isKeyChar(b[k]) || (b[k] === 44 && isDigit(b[k - 1]) && isDigit(b[k + 1]))) continue;
      // "Test: loss": a label before the key, read by the string scanner (keyNumberScanner labelledKey)
      if (b[k] === 58) this.declined = true;
      return false;
    }
    this.keyFrom = a;
    this.keyTo = z;
    return true;
  }

  /** checkpointMonitor of keyNumberScanner: the monitored metric of Lightning's "'val_loss' reached 2.345 (best …)", or undefined. */
  private checkpointMonitor(b: Uint8Array, from: number, to: number, valueEnd: number, e: number): InternedKey | undefined {
    let k = to;
    while (k > from && b[k - 1] === 32) k--;
    const nameEnd = k - REACHED.length;
    if (nameEnd <= from || !startsWith(b, nameEnd, k, REACHED)) return undefined;
    let j = valueEnd;
    while (at(b, j, e) === 32) j++;
    return startsWith(b, j, e, BEST) ? this.key(b, from, nameEnd) : undefined;
  }

  /** qualifierEnd of keyNumberScanner over b[open, e). */
  private qualifierEnd(b: Uint8Array, keyStart: number, open: number, e: number): number {
    const last = Math.min(e, open + MAX_QUALIFIER);
    let close = open + 1;
    while (close < last && (isWord(b[close]) || b[close] === 32)) close++;
    if (close === open + 1 || close >= last || b[close] !== 41) return -1;
    let k = close + 1;
    while (at(b, k, e) === 32) k++;
    const c = at(b, k, e);
    if (c !== 61 && c !== 58 && c !== 91) return -1;
    return this.trimKey(b, keyStart, open) ? close + 1 : -1;
  }

  /** scanKeyNumbers over b[s, e). */
  private pairs(b: Uint8Array, s: number, e: number): void {
    const tok = this.tok;
    let keyStart = s;
    let bracketKey: InternedKey | undefined;
    let bracketIdx = 0;
    let whereKey: InternedKey | undefined;
    /** Whether every pair read so far is a prefix field: a level word may still end a logging header. */
    let inHeader = true;
    /** A scalar wrapper's number ("np.float32(5.5)"), as in the string scanner. */
    let wrapNumber = -1;
    let wrapKeyEnd = 0;
    let wrapClose = 0;
    let i = s;
    while (i < e) {
      const c = b[i];
      if (isLetter(c)) {
        const lc = c | 32;
        if ((lc !== 110 && lc !== 105) || (i > s && isWord(b[i - 1]))) {
          // the rest of the word follows a word character: no number, bracket or separator starts
          // in it, so the string scanner steps over it one by one; skip it at once
          i++;
          while (i < e && isWord(b[i])) i++;
          continue;
        }
      }
      if (c === 91) {
        const k = this.key(b, keyStart, i);
        if (k) {
          bracketKey = k;
          bracketIdx = 0;
        } else if (!afterBracket(b, s, i)) bracketKey = undefined;
        keyStart = i + 1;
        i++;
        continue;
      }
      if (isSeparator(c)) {
        const q = c === 40 ? this.qualifierEnd(b, keyStart, i, e) : -1;
        if (q > 0) {
          i = q;
          continue;
        }
        const w = c === 40 ? scalarWrapperAtBytes(b, keyStart, i) : -1;
        if (w >= 0) {
          const close = readNumber(b, i + 1, e, tok) ? scalarWrapperEndBytes(b, tok.end, e) : -1;
          if (close >= 0) {
            wrapNumber = i + 1;
            wrapKeyEnd = w;
            wrapClose = close;
            i++;
            continue;
          }
        }
        if ((c === 124 && (endsWith(b, keyStart, i, SUBSET) || pipedFieldIs(b, s, keyStart, i, TRAIN))) || (c === 40 && endsWith(b, keyStart, i, NAMESPACE)) || (c === 123 && startsWith(b, i, e, HYDRA))) {
          // fairseq's "| valid on 'valid' subset |" or "| train |" gives the line its split, and its
          // "Namespace(lr=[0.0005], …)" or "{'_name': None, …}" is the run's config: the string
          // scanner marks them at this same place (LineMarks)
          this.declined = true;
          return;
        }
        keyStart = i + 1;
        i++;
        continue;
      }
      if (c === 32 && at(b, i + 1, e) === 45 && at(b, i + 2, e) === 32) {
        keyStart = i + 3;
        i += 3;
        continue;
      }
      const prev = i > s ? b[i - 1] : 32;
      // "lm-ws-1", "gpu-3": a number after a letter and '-' ends a name (a host), not a value
      const inName = prev === 45 && i - 1 > s && isLetter(b[i - 2]);
      if (!isWord(prev) && prev !== 46 && prev !== 64 && !inName && (isDigit(c) || c === 45 || c === 43 || c === 46 || c === 110 || c === 78 || c === 105 || c === 73) && readNumber(b, i, e, tok)) {
        if (arithmeticFollows(b, tok.end, e)) {
          // "gradient_accumulation_steps = 5 * 8" may be a config's arithmetic, which the string scanner evaluates (configArithmetic)
          this.declined = true;
          return;
        }
        if (isProseWord(b, s, i, tok.end, e)) {
          i = tok.end;
          continue;
        }
        let j = tok.end;
        const after = at(b, j, e);
        if ((after === 45 || after === 58) && isDigit(at(b, j + 1, e))) {
          // a date or clock time is not a value
          while (j < e && (isDigit(b[j]) || b[j] === 45 || b[j] === 58 || b[j] === 46 || (b[j] === 44 && isDigit(at(b, j + 1, e))))) j++;
          keyStart = j;
          i = j;
          continue;
        }
        const unitStart = j;
        while (j < e && isUnit(b[j])) j++;
        const value = tok.value * magnitudeOf(at(b, unitStart, e), j - unitStart);
        const wrapped = i === wrapNumber;
        const keyTo = wrapped ? wrapKeyEnd : i;
        if (wrapped) j = wrapClose;
        const field = isPrefixField(b, s, i, j);
        const level = levelWordEnd(b, j, e);
        const headerEnd = !field ? -1 : level >= 0 ? level : sourceLocationEnd(b, s, i, j, e);
        if (headerEnd >= 0) {
          // a logging header of prefix fields ends at its level word or loguru's " - ": none of it is values
          if (inHeader) {
            this.n = 0;
            bracketKey = undefined;
            bracketIdx = 0;
            whereKey = undefined;
            inHeader = false;
          }
          keyStart = headerEnd;
          i = headerEnd;
          continue;
        }
        let key = this.key(b, keyStart, keyTo);
        if (key && keyStart > s && b[keyStart - 1] === 40 && key.info.key === MEASURED_AFTER) {
          // Megatron's "(after 100 iterations)": where the line's values were measured, read by the string scanner (measuredAfter)
          this.declined = true;
          return;
        }
        if (key === undefined || key.form !== 'plain') {
          // Lightning's checkpoint message: its quoted monitor is no key ("'val_loss' reached"), an unquoted one ends in " reached"
          const monitor = key === undefined || key.form === 'reached' ? this.checkpointMonitor(b, keyStart, keyTo, j, e) : undefined;
          if (monitor) {
            this.emit(monitor, value);
            return;
          }
          // a key that ends in " reached" may be a sentence too
          if (key !== undefined && (key.form !== 'reached' || isSentenceKey(key.info.key, key.info.role)) && !separatedBefore(b, this.keyTo, keyTo)) {
            if (isSentenceCount(b, i, tok.end, e) && mayCountIn(key.info.key)) {
              // a count inside the sentence is one of its words: the key runs on past it
              i = tok.end;
              continue;
            }
            if (key.form === 'prose' || (key.form === 'reached' && isProseKey(key.info.key, key.info.role))) key = undefined;
          }
        }
        if (!key && whereKey) key = whereKey;
        whereKey = undefined;
        const inBracket = keyStart > s && b[keyStart - 1] === 91;
        if (!key && inBracket && bracketKey) key = bracketIdx++ === 0 ? bracketKey : this.keys.iter(bracketKey);
        else if (!inBracket) bracketKey = undefined;
        let total = 0;
        let hasTotal = false;
        let k = j;
        while (at(b, k, e) === 32) k++;
        if (at(b, k, e) === 47) {
          k++;
          while (at(b, k, e) === 32) k++;
          if (readNumber(b, k, e, this.tot)) {
            hasTotal = true;
            j = this.tot.end;
            while (j < e && isUnit(b[j])) j++;
            total = this.tot.value * magnitudeOf(at(b, this.tot.end, e), j - this.tot.end);
          }
        }
        if (key && !inBracket && !hasTotal && Number.isInteger(value) && counterFollows(b, j, e) && epochOfCounter(key.info.key)) {
          // timm's "Train: 0 [ 200/1251": the value is the epoch of the counter after it, read by the string scanner
          this.declined = true;
          return;
        }
        const where = key && !hasTotal && valueFollows(b, j, e) ? this.keys.where(key) : undefined;
        if (key) inHeader &&= field && !hasTotal;
        if (where) {
          this.emit(where.x, value);
          whereKey = where.metric;
        } else if (key) {
          if (hasTotal && inBracket && this.keys.total(key).info.role.type === 'splitBatch') {
            // "Test:  [ 40/196]": the values after it are running means in asides, read by the string scanner
            this.declined = true;
            return;
          }
          this.emit(key, value);
          if (hasTotal) this.emit(this.keys.total(key), total);
        }
        keyStart = j;
        k = j;
        while (at(b, k, e) === 32) k++;
        if (at(b, k, e) === 40) {
          // a parenthesised aside belongs to the value before it
          let close = k + 1;
          while (close < e && b[close] !== 41) close++;
          if (close < e) {
            j = close + 1;
            keyStart = j;
          }
        }
        // a level word after a value is the logger's, no word of the next key
        if (level >= 0) keyStart = j = level;
        i = j > i ? j : i + 1;
        continue;
      }
      i++;
    }
  }
}

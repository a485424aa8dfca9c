// One regex-free scanner for every prose log (nanoGPT, torchtitan, HF stdout dict lines,
// Megatron, mmdet): a number takes as key the words since the last separator; keyless numbers
// (progress bars, timestamps) are dropped. See log-formats.md §7.

import { configArithmetic } from './configArithmetic';
import { xKindOf } from '../model/keys';
import { isEvalBatchLabel, keyRole } from '../model/recordRows';
import { scalarWrapperAt, scalarWrapperEnd } from './scalarWrapper';
import * as asciiClass from './asciiClass';
import * as numberText from './readNumber';
import { CHECKPOINT_BEST, CHECKPOINT_REACHED, epochOfCounter, isSentenceKey, LEVEL_WORDS, LOSS_WORD, MARK_WORDS, MAX_QUALIFIER, mayCountIn, MEASURED_AFTER, whereClause, type LineMarks } from './keyNumberWords';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { isDigit, isLetter, isSeparator, isWord } = asciiClass;
const { magnitudeOf, readNumber } = numberText;

const MAX_KEY = 64;

/** Where a log level word that follows `j` after a closing bracket and spaces or tabs ends, or -1. */
function levelWordEnd(s: string, j: number): number {
  let k = j;
  if (s.charCodeAt(k) === 93 || s.charCodeAt(k) === 41) k++;
  const spaces = k;
  while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
  if (k === spaces) return -1;
  for (const w of LEVEL_WORDS) if (s.startsWith(w, k) && !isWord(s.charCodeAt(k + w.length))) return k + w.length;
  return -1;
}

/**
 * "olmo.train:1020", OLMo's host:rank "node0:0", "[rank:0]": an integer glued to its name by ':' is
 * how a logging prefix prints a logger's source line or a process's rank (%(name)s:%(lineno)d),
 * s[i, end) the number. Only such fields (and timestamps, which give no pairs) make up the header
 * a level word ends: a metric is printed with a space or '=' or a fraction ("loss 2.3", "lr=1e-4"),
 * so a level word after one is a word of the message ("step 5 loss 2.3 lr 1e-4 WARNING …").
 */
export function isPrefixField(s: string, i: number, end: number): boolean {
  if (i < 2 || s.charCodeAt(i - 1) !== 58 || !isWord(s.charCodeAt(i - 2))) return false;
  for (let k = i; k < end; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}

/**
 * Loguru's default format, "2024-05-01 12:00:00.123 | INFO     | __main__:train:42 - step 5 loss 2.3":
 * a prefix field (isPrefixField, s[i, end) its number) that ends a `module:function:line` source
 * location before " - " is where the logger was called, and the message starts after the " - ":
 * where it starts, or -1. The function name is what tells a location from a metric glued to its
 * name ("epoch:3 - loss:2.3").
 */
export function sourceLocationEnd(s: string, i: number, end: number): number {
  let k = i - 2;
  while (k >= 0 && isWord(s.charCodeAt(k))) k--;
  if (k === i - 2 || k < 1 || s.charCodeAt(k) !== 58 || !isWord(s.charCodeAt(k - 1))) return -1;
  return s.charCodeAt(end) === 32 && s.charCodeAt(end + 1) === 45 && s.charCodeAt(end + 2) === 32 ? end + 3 : -1;
}

/**
 * nan/inf between two words with no ':' or '=' before it is a word of a key, not a value
 * (Megatron's "number of nan iterations: 0"); "loss: nan  lr: 1" and "grad_norm=nan," stay values.
 */
function isProseWord(s: string, lineStart: number, i: number, end: number): boolean {
  const c = s.charCodeAt(i);
  if (!isLetter(c === 45 || c === 43 ? s.charCodeAt(i + 1) : c)) return false;
  let k = end;
  while (s.charCodeAt(k) === 32) k++;
  if (!isLetter(s.charCodeAt(k))) return false;
  let p = i - 1;
  while (p >= lineStart && s.charCodeAt(p) === 32) p--;
  const before = p >= lineStart ? s.charCodeAt(p) : 32;
  return before !== 58 && before !== 61;
}

/** Whether a ']' comes before s[i], spaces aside ("Epoch: [0]  [  10/5005]": the key names the next brackets too). */
function afterBracket(s: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && s.charCodeAt(k) === 32) k--;
  return k >= 0 && s.charCodeAt(k) === 93;
}

/** Whether "[ 200/1251" (spaces aside) follows s[j]: a batch counter within what the value before it counts. */
function counterFollows(s: string, j: number): boolean {
  let k = j;
  while (s.charCodeAt(k) === 32) k++;
  if (s.charCodeAt(k) !== 91) return false;
  k++;
  while (s.charCodeAt(k) === 32) k++;
  if (!isDigit(s.charCodeAt(k))) return false;
  while (isDigit(s.charCodeAt(k))) k++;
  while (s.charCodeAt(k) === 32) k++;
  return s.charCodeAt(k) === 47;
}

/** The number that is all of s[from, to) (spaces aside), or NaN. */
function asideNumber(s: string, from: number, to: number): number {
  let k = from;
  while (s.charCodeAt(k) === 32) k++;
  const t = readNumber(s, k);
  if (!t) return NaN;
  k = t.end;
  while (s.charCodeAt(k) === 32) k++;
  return k === to ? t.value : NaN;
}

/** Whether s[k] is a ',' between digits: only a count's thousands separator is inside a key (',' otherwise separates). */
function isGroupComma(s: string, k: number): boolean {
  return s.charCodeAt(k) === 44 && isDigit(s.charCodeAt(k - 1)) && isDigit(s.charCodeAt(k + 1));
}

/** Characters trimmed off a key's ends: space, ':', '=', quotes, tab. */
function isKeyTrim(c: number): boolean {
  return c === 32 || c === 58 || c === 61 || c === 39 || c === 34 || c === 9;
}

/**
 * The key text between `from` and `to`, trimmed of spaces, quotes and `: =`; '' when not a key.
 * `labelled.label` gets the split a label before the key names ("Test: loss": "Test").
 */
function cleanKey(s: string, from: number, to: number, labelled?: { label: string }): string {
  let a = from;
  let b = to;
  while (a < b && isKeyTrim(s.charCodeAt(a))) a++;
  // trailing dots too: Megatron's argument dump leads each name to its value ("lr ........ 3e-4")
  while (b > a && (isKeyTrim(s.charCodeAt(b - 1)) || s.charCodeAt(b - 1) === 46)) b--;
  if (b - a === 0 || b - a > MAX_KEY) return '';
  const first = s.charCodeAt(a);
  if (!isLetter(first) && first !== 95) return '';
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c === 58) return labelledKey(s, a, k, b, labelled);
    // word chars, space, '/', '.', '-', '@', the parentheses of a qualifier (see qualifierEnd) and
    // the thousands ',' of a count inside a sentence (isSentenceCount: "mean loss over last 1,000 steps")
    if (!(isWord(c) || c === 32 || c === 47 || c === 46 || c === 45 || c === 64 || c === 40 || c === 41 || isGroupComma(s, k))) return '';
  }
  return s.slice(a, b);
}

/** First words of a label that names the split of the key after it ("Test: loss" is the test loss). */
const SPLIT_LABELS = new Set(['train', 'training', 'val', 'valid', 'validation', 'eval', 'evaluation', 'test', 'dev']);

/**
 * "Test: loss 3.2", "Eval results: loss 3.1": a label, ':', then the key. The key is what follows
 * the label, named by it when the label names a split ("Test loss") or a message about something
 * that happened, whose values are no points ("Stopping threshold reached: val_loss = 0.01 < 0.02",
 * "Best epoch: val_loss 0.6"); '' when either is no key.
 * The byte scanner declines such keys (keyNumberBytes trimKey), so only this path reads them.
 */
function labelledKey(s: string, a: number, colon: number, b: number, labelled?: { label: string }): string {
  const rest = cleanKey(s, colon + 1, b);
  const label = rest ? cleanKey(s, a, colon) : '';
  if (!label) return rest && isLetter(s.charCodeAt(a)) ? rest : '';
  if (!SPLIT_LABELS.has(label.split(' ', 1)[0]!.toLowerCase()) && keyRole(label).type !== 'event') return rest;
  if (labelled) labelled.label = label;
  return `${label} ${rest}`;
}

/** Whether a ':' or '=' is among what cleanKey trims off the end of the key before s[to] (spaces, quotes, dots). */
function separatedBefore(s: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) {
    const c = s.charCodeAt(k);
    if (c === 58 || c === 61) return true;
    if (!isKeyTrim(c) && c !== 46) return false;
  }
  return false;
}

/**
 * "mean loss over last 100 steps 2.3", "did not improve in the last 3 records": an integer s[i, end)
 * after a sentence (isSentenceKey, whether or not it names a loss; the caller checks) and before a
 * word counts something the sentence tells. It is one of its words, and the key runs on past it,
 * so the number after the sentence is the value of all of it ("mean loss over last 100 steps" 2.3,
 * not a metric 100 and a step 2.3). A fraction or a number with a unit stays a value ("… val loss
 * 2.31 and acc").
 */
function isSentenceCount(s: string, i: number, end: number): boolean {
  // "last 1,000 steps": readNumber takes a ',' only between thousands groups
  for (let k = i; k < end; k++) if (!isDigit(s.charCodeAt(k)) && s.charCodeAt(k) !== 44) return false;
  if (s.charCodeAt(end) !== 32) return false;
  let k = end;
  while (s.charCodeAt(k) === 32) k++;
  return isLetter(s.charCodeAt(k));
}

/**
 * Lightning's ModelCheckpoint: "Epoch 3, global step 1200: 'val_loss' reached 2.34500 (best
 * 2.34500), saving model to '/x/epoch=3-step=1200.ckpt' as top 1" (the monitor unquoted before
 * Lightning 1.6). The value before `valueEnd` is the monitored metric's at this step: its name, or
 * '' for any other text. The rest of the message (the best so far, the file) holds no values.
 */
function checkpointMonitor(s: string, from: number, to: number, valueEnd: number): string {
  let k = to;
  while (k > from && s.charCodeAt(k - 1) === 32) k--;
  const nameEnd = k - CHECKPOINT_REACHED.length;
  if (nameEnd <= from || !s.startsWith(CHECKPOINT_REACHED, nameEnd)) return '';
  let j = valueEnd;
  while (s.charCodeAt(j) === 32) j++;
  return s.startsWith(CHECKPOINT_BEST, j) ? cleanKey(s, from, nameEnd) : '';
}

/** Whether ':' or '=' and then a number start follow s[j] (spaces aside): the value of a where-clause. */
function valueFollows(s: string, j: number): boolean {
  let k = j;
  while (s.charCodeAt(k) === 32) k++;
  const c = s.charCodeAt(k);
  if (c !== 58 && c !== 61) return false;
  k++;
  while (s.charCodeAt(k) === 32) k++;
  const d = s.charCodeAt(k);
  const e = d === 45 || d === 43 ? s.charCodeAt(k + 1) : d;
  return isDigit(e) || (e === 46 && isDigit(s.charCodeAt(k + (d === e ? 1 : 2))));
}

/** Whether the field s[from, to), led by a '|', is `word` (spaces aside). */
function pipedFieldIs(s: string, from: number, to: number, word: string): boolean {
  if (from === 0 || s.charCodeAt(from - 1) !== 124) return false;
  let a = from;
  let z = to;
  while (a < z && s.charCodeAt(a) === 32) a++;
  while (z > a && s.charCodeAt(z - 1) === 32) z--;
  return z - a === word.length && s.startsWith(word, a);
}

/** Whether the field s[from, to) ends with `word` (spaces after it aside). */
function fieldEndsWith(s: string, from: number, to: number, word: string): boolean {
  let z = to;
  while (z > from && s.charCodeAt(z - 1) === 32) z--;
  return z - from >= word.length && s.startsWith(word, z - word.length);
}

/**
 * OLMo-core's "optim/LR (group 0)=3.000E-04": a short parenthesised qualifier (letters, digits,
 * spaces, '_') between a key and its '=', ':' or '[' is part of the key, one series per group
 * (mmengine's "Epoch(train)  [1][50/2000]": the key of the bracketed numbers). Where
 * the ')' after the '(' at `open` ends, or -1 when this '(' opens no qualifier.
 */
function qualifierEnd(s: string, keyStart: number, open: number): number {
  const last = Math.min(s.length, open + MAX_QUALIFIER);
  let close = open + 1;
  while (close < last && (isWord(s.charCodeAt(close)) || s.charCodeAt(close) === 32)) close++;
  if (close === open + 1 || close >= last || s.charCodeAt(close) !== 41) return -1;
  let k = close + 1;
  while (s.charCodeAt(k) === 32) k++;
  const c = s.charCodeAt(k);
  // "optim/LR (group 0)=…", "iter time (s): …", mmengine's "Epoch(train)  [1][50/2000]"
  if (c !== 61 && c !== 58 && c !== 91) return -1;
  return cleanKey(s, keyStart, open) ? close + 1 : -1;
}

/**
 * Megatron's "[Rank 0] (after 100 iterations) memory (MB) | allocated: …": "(after N steps)" says
 * where the values after it were measured, it is no metric "after". The x word ("iterations") the
 * number is then read under, or '' for any other key (a grad clipper's "before 3.2 after 1.0").
 * s[keyStart - 1] is the '(' of the key `key`, its number s[i, end). The byte scanner declines a
 * line with such a key, so only this path reads it.
 */
function measuredAfter(s: string, keyStart: number, key: string, i: number, end: number): string {
  if (key !== MEASURED_AFTER || keyStart === 0 || s.charCodeAt(keyStart - 1) !== 40 || s.charCodeAt(end) !== 32) return '';
  for (let k = i; k < end; k++) if (!isDigit(s.charCodeAt(k))) return ''; // a count of steps
  let a = end;
  while (s.charCodeAt(a) === 32) a++;
  let z = a;
  while (isLetter(s.charCodeAt(z))) z++;
  const word = s.slice(a, z);
  const kind = xKindOf(word);
  return s.charCodeAt(z) === 41 && (kind === 'step' || kind === 'epoch') ? word : '';
}

function append(keys: string[], values: number[], key: string, value: number): void {
  keys.push(key);
  values.push(value);
}

/**
 * Appends every (key, number) pair of one cleaned line to keys/values, left to right; `marks` gets
 * what else it is. Arrays, not a callback: a logging prefix found on the line takes back the pairs
 * read before it.
 */
export function scanKeyNumbers(s: string, keys: string[], values: number[], marks?: LineMarks): void {
  // nanoGPT's "gradient_accumulation_steps = 5 * 8": the value is the product, not its first factor
  const assigned = configArithmetic(s);
  if (assigned) {
    append(keys, values, assigned[0], assigned[1]);
    return;
  }
  const first = keys.length;
  const n = s.length;
  let keyStart = 0;
  let bracketKey = '';
  let bracketIdx = 0;
  /** The metric of a where-clause ("loss at step 5:"): the key of the value after its ':'. */
  let whereKey = '';
  /** A split label before the line's keys ("Test: loss 3.2 acc 0.5"), see labelledKey. */
  let lineLabel = '';
  const labelled = { label: '' };
  /** Set when a value names the brackets that follow it (epochOfCounter), until they open. */
  let counterNamed = false;
  /** After an evaluation's batch counter ("Test:  [ 40/196]"): a value's aside is its running mean. */
  let runningMeans = false;
  /** Whether every pair read so far is a prefix field (isPrefixField): a level word may still end a logging header. */
  let inHeader = true;
  /** A scalar wrapper's number ("np.float32(5.5)"): where it starts, where the key before the
   *  wrapper ends, and where the wrapper closes. */
  let wrapNumber = -1;
  let wrapKeyEnd = 0;
  let wrapClose = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) {
      // most characters are key letters: skip them unless a word "nan"/"inf" may start here
      const lc = c | 32;
      if ((lc !== 110 && lc !== 105) || (i > 0 && isWord(s.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
    }
    if (c === 91) {
      // "Epoch [56][1050/1759]": a key right before '[' names the bracketed numbers
      const k = cleanKey(s, keyStart, i);
      if (k) {
        bracketKey = k;
        bracketIdx = 0;
      } else if (!afterBracket(s, i) && !counterNamed) bracketKey = '';
      counterNamed = false;
      keyStart = i + 1;
      i++;
      continue;
    }
    if (isSeparator(c)) {
      const q = c === 40 ? qualifierEnd(s, keyStart, i) : -1;
      if (q > 0) {
        i = q;
        continue;
      }
      const w = c === 40 ? scalarWrapperAt(s, keyStart, i) : -1;
      if (w >= 0) {
        const t = readNumber(s, i + 1);
        const close = t ? scalarWrapperEnd(s, t.end) : -1;
        if (close >= 0) {
          // the number inside is read as if it stood where the wrapper's name starts
          wrapNumber = i + 1;
          wrapKeyEnd = w;
          wrapClose = close;
          i++;
          continue;
        }
      }
      if (c === 124 && fieldEndsWith(s, keyStart, i, MARK_WORDS.subset)) {
        if (marks) marks.subset ??= s.slice(keyStart, i).trim();
      } else if (c === 124 && pipedFieldIs(s, keyStart, i, MARK_WORDS.train)) {
        if (marks) marks.trainField = true;
      } else if ((c === 40 && fieldEndsWith(s, keyStart, i, MARK_WORDS.namespace)) || (c === 123 && s.startsWith(MARK_WORDS.hydra, i))) {
        if (marks) marks.configAt = c === 40 ? i + 1 : i;
        return;
      }
      keyStart = i + 1;
      i++;
      continue;
    }
    if (c === 32 && s.charCodeAt(i + 1) === 45 && s.charCodeAt(i + 2) === 32) {
      keyStart = i + 3;
      i += 3;
      continue;
    }
    const prev = i > 0 ? s.charCodeAt(i - 1) : 32;
    // "lm-ws-1", "gpu-3": a number after a letter and '-' ends a name (a host), not a value
    const inName = prev === 45 && i > 1 && isLetter(s.charCodeAt(i - 2));
    // "pass@1: 0.35", "Acc@5 0.39": digits after '@' name a metric (at k), they are no value
    if (!isWord(prev) && prev !== 46 && prev !== 64 && !inName && (isDigit(c) || c === 45 || c === 43 || c === 46 || c === 110 || c === 78 || c === 105 || c === 73)) {
      const tok = readNumber(s, i);
      if (tok && isProseWord(s, 0, i, tok.end)) {
        i = tok.end;
        continue;
      }
      if (tok) {
        let j = tok.end;
        const after = s.charCodeAt(j);
        if ((after === 45 || after === 58) && isDigit(s.charCodeAt(j + 1))) {
          // a date or clock time (2024-01-02, 12:00:07,614) is not a value
          while (j < n && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 45 || s.charCodeAt(j) === 58 || s.charCodeAt(j) === 46 || (s.charCodeAt(j) === 44 && isDigit(s.charCodeAt(j + 1))))) j++;
          keyStart = j;
          i = j;
          continue;
        }
        const unitStart = j;
        while (j < n && (isLetter(s.charCodeAt(j)) || s.charCodeAt(j) === 37)) j++; // unit: ms, GiB, %
        const value = tok.value * magnitudeOf(s.charCodeAt(unitStart), j - unitStart);
        const wrapped = i === wrapNumber;
        const keyTo = wrapped ? wrapKeyEnd : i;
        if (wrapped) j = wrapClose;
        const field = isPrefixField(s, i, j);
        const level = levelWordEnd(s, j);
        const headerEnd = !field ? -1 : level >= 0 ? level : sourceLocationEnd(s, i, j);
        if (headerEnd >= 0) {
          // "olmo.train:1020\tINFO\t", loguru's "__main__:train:42 - ": a logging prefix's source
          // line (or rank), not a value, and nor is anything before it when it is all prefix fields
          // (OLMo's host:rank "node0:0\t" first): the message starts after the level word or " - ".
          // Once a metric was read, the header is over and takes nothing back.
          if (inHeader) {
            keys.length = first;
            values.length = first;
            bracketKey = '';
            bracketIdx = 0;
            whereKey = '';
            lineLabel = '';
            counterNamed = false;
            runningMeans = false;
            inHeader = false;
          }
          keyStart = headerEnd;
          i = headerEnd;
          continue;
        }
        const monitor = checkpointMonitor(s, keyStart, keyTo, j);
        if (monitor) {
          append(keys, values, monitor, value);
          return;
        }
        labelled.label = '';
        let key = cleanKey(s, keyStart, keyTo, labelled);
        key = measuredAfter(s, keyStart, key, i, tok.end) || key;
        const bare = labelled.label ? key.slice(labelled.label.length + 1) : key;
        const sentence = key !== '' && !separatedBefore(s, keyStart, keyTo) && isSentenceKey(bare);
        if (sentence && isSentenceCount(s, i, tok.end) && mayCountIn(bare)) {
          i = tok.end;
          continue;
        }
        if (sentence && !LOSS_WORD.test(bare)) key = '';
        // "Test: loss 3.2 acc 0.5": the label names the split of every key after it on the line
        if (labelled.label) lineLabel = labelled.label;
        else if (key && lineLabel) key = `${lineLabel} ${key}`;
        if (!key && whereKey) key = whereKey;
        whereKey = '';
        const inBracket = keyStart > 0 && s.charCodeAt(keyStart - 1) === 91;
        if (!key && inBracket && bracketKey) key = bracketIdx++ === 0 ? bracketKey : `${bracketKey}_iter`;
        else if (!inBracket) bracketKey = '';
        let total: number | undefined;
        let k = j;
        while (s.charCodeAt(k) === 32) k++;
        if (s.charCodeAt(k) === 47) {
          k++;
          while (s.charCodeAt(k) === 32) k++;
          const t = readNumber(s, k);
          if (t) {
            j = t.end;
            while (j < n && (isLetter(s.charCodeAt(j)) || s.charCodeAt(j) === 37)) j++;
            total = t.value * magnitudeOf(s.charCodeAt(t.end), j - t.end);
          }
        }
        const where = key && total === undefined && valueFollows(s, j) ? whereClause(key) : undefined;
        const epochKey = key && !inBracket && total === undefined && Number.isInteger(value) && counterFollows(s, j) ? epochOfCounter(key) : '';
        if (epochKey) {
          key = epochKey;
          bracketKey = epochKey;
          bracketIdx = 1;
          counterNamed = true;
        }
        let aside = NaN;
        keyStart = j;
        k = j;
        while (s.charCodeAt(k) === 32) k++;
        if (s.charCodeAt(k) === 40) {
          // "61.94GiB(78.00%)": a parenthesised aside belongs to the value before it
          const close = s.indexOf(')', k);
          if (close > 0) {
            if (runningMeans) aside = asideNumber(s, k + 1, close);
            j = close + 1;
            keyStart = j;
          }
        }
        // "lr 1e-4 WARNING grad_norm 5": the level word is the logger's, no word of the next key
        if (level >= 0) keyStart = j = level;
        if (where || key) inHeader &&= field && total === undefined;
        if (where) {
          append(keys, values, where.x, value);
          whereKey = where.metric;
        } else if (key) {
          // "Test: [ 40/196] … loss: 6.5 (6.4)": the running mean over the evaluation so far, not one batch's
          append(keys, values, key, Number.isNaN(aside) ? value : aside);
          if (total !== undefined) append(keys, values, `${key}_total`, total);
          if (total !== undefined && inBracket && isEvalBatchLabel(key)) runningMeans = true;
        }
        i = j > i ? j : i + 1;
        continue;
      }
    }
    i++;
  }
}

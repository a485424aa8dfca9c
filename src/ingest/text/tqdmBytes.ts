// tqdm's bare drawings read from bytes: a bar without a postfix (the HF Trainer's, redrawn every
// 0.1 s for the whole run) can be most of a stdout log, and all that matters of it is its count.
// Reads exactly what tqdmDrawing reads of the same text, or declines (the caller decodes).
const ESC = 27;
const SPACE = 32;
const PERCENT = 37;
const BAR = 124;
const OPEN = 91;
const CLOSE = 93;
const SLASH = 47;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
/** unit_scale's magnitude letter (k, M, G, T), or 0. */
function scaleOf(c: number): number {
  return c === 107 ? 1e3 : c === 77 ? 1e6 : c === 71 ? 1e9 : c === 84 ? 1e12 : 0;
}
const NEMO = [91, 78, 101, 77, 111, 32]; // "[NeMo "

export interface BareDrawing {
  /** Where the description ends (before the percentage), and the counter and total. */
  headEnd: number;
  n: number;
  total: number | undefined;
}

const TOO_LONG = -1;

/** Where c1 c2 first stand together in b[from, end), or -1. */
function indexOf2(b: Uint8Array, from: number, end: number, c1: number, c2: number): number {
  for (let i = b.indexOf(c1, from); i >= 0 && i + 1 < end; i = b.indexOf(c1, i + 1)) if (b[i + 1] === c2) return i;
  return -1;
}

/** tqdmBar's count over b[from, to): the same number (digits over a power of ten is one correctly
 *  rounded division, as Number() of the text), or undefined. */
function count(b: Uint8Array, from: number, to: number): number | undefined {
  while (from < to && b[from] === SPACE) from++;
  while (to > from && b[to - 1] === SPACE) to--;
  const scale = to > from ? scaleOf(b[to - 1]!) : 0;
  const digitsEnd = scale === 0 ? to : to - 1;
  if (digitsEnd === from || b[from] === DOT) return undefined;
  // past 15 digits the text's own parse decides
  if (digitsEnd - from > 15) return TOO_LONG;
  let mantissa = 0;
  let decimals = -1;
  for (let i = from; i < digitsEnd; i++) {
    const c = b[i]!;
    if (c === DOT) {
      if (decimals >= 0) return undefined;
      decimals = 0;
    } else if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else return undefined;
  }
  const value = decimals > 0 ? mantissa / 10 ** decimals : mantissa;
  return scale === 0 ? value : value * scale;
}

/**
 * Whether b[start, end) is a tqdm drawing with no postfix that cleanLogLine leaves as it is (no
 * escape, no logging prefix); `out` gets its counter. False: read it as text.
 */
export function bareDrawing(b: Uint8Array, start: number, end: number, out: BareDrawing): boolean {
  // a bounded loop: a native search for a byte that never comes would run to the end of the push
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === ESC || (c === DASH && b[i - 1] === SPACE && b[i + 1] === SPACE)) return false;
  }
  if (end - start >= NEMO.length && NEMO.every((c, k) => b[start + k] === c)) return false;
  if (epochStepPrefix(b, start, end)) return false;
  const pct = indexOf2(b, start, end, PERCENT, BAR);
  if (pct < 0) return false;
  const barEnd = b.indexOf(BAR, pct + 2);
  if (barEnd < 0 || barEnd >= end) return false;
  const open = indexOf2(b, barEnd, end, SPACE, OPEN);
  let close = end - 1;
  while (close >= start && b[close] !== CLOSE) close--;
  if (open < 0 || close < open) return false;
  const slash = b.indexOf(SLASH, barEnd);
  if (slash < 0 || slash > open) return false;
  const n = count(b, barEnd + 1, slash);
  const total = count(b, slash + 1, open);
  if (n === undefined || n === TOO_LONG || total === TOO_LONG) return false;
  const rate = indexOf2(b, open, end, COMMA, SPACE);
  const rateEnd = rate < 0 || rate > close ? -1 : indexOf2(b, rate + 2, end, COMMA, SPACE);
  if (!(rateEnd < 0 || rateEnd > close)) return false;
  let headEnd = pct;
  while (headEnd > start && b[headEnd - 1]! >= 48 && b[headEnd - 1]! <= 57 && pct - headEnd < 3) headEnd--;
  while (headEnd > start && b[headEnd - 1] === SPACE) headEnd--;
  out.headEnd = headEnd;
  out.n = n;
  out.total = total;
  return true;
}

/** Whether b[start, end) starts "digits|digits|": torchtune's description (tqdmBar's epochStepHead), metrics in it. */
function epochStepPrefix(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && b[i] === SPACE) i++;
  for (let field = 0; field < 2; field++) {
    const from = i;
    while (i < end && b[i]! >= 48 && b[i]! <= 57) i++;
    if (i === from || b[i] !== BAR) return false;
    i++;
  }
  return true;
}

/** Whether b[start, end) may be a tqdm drawing (holds "%|"): the text decides. */
export function hasTqdmBar(b: Uint8Array, start: number, end: number): boolean {
  const i = indexOf2(b, start, end, PERCENT, BAR);
  return i >= 0 && i + 1 < end;
}

/** Whether b[start, end) is only spaces (tqdm clearing its line before a message). */
export function isBlank(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== SPACE) return false;
  return true;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A bar's description, decoded again only when its bytes change (a bar keeps its description). */
export class DrawingHead {
  private bytes = new Uint8Array(0);
  private decoded = '';

  text(b: Uint8Array, start: number, end: number): string {
    const held = this.bytes;
    let same = end - start === held.length;
    for (let i = start; same && i < end; i++) same = b[i] === held[i - start];
    if (!same) {
      this.bytes = b.slice(start, end);
      this.decoded = utf8.decode(this.bytes);
    }
    return this.decoded;
  }
}

// nanoGPT echoes its config file into the log, and its configs write some values as arithmetic
// ("gradient_accumulation_steps = 5 * 8"). Read number by number, that line gives 5, and the tokens
// per step configTokens derives from it are 8× too few; so a config assignment whose whole value is
// integer arithmetic is evaluated. Only products, floor quotients and powers of integer literals
// (what configs write for batch sizes and lengths: "8*1024", "2**19", "512 // 4"): any other value
// is read as before.
import { isDigit, isWord } from './asciiClass';

/** A place in the line being parsed. */
interface Cursor {
  readonly s: string;
  i: number;
}

function skipSpaces(c: Cursor): void {
  while (c.s.charCodeAt(c.i) === 32) c.i++;
}

/** A Python name at the cursor ("gradient_accumulation_steps"), or ''. */
function readName(c: Cursor): string {
  const from = c.i;
  if (isDigit(c.s.charCodeAt(from))) return '';
  while (isWord(c.s.charCodeAt(c.i))) c.i++;
  return c.s.slice(from, c.i);
}

/** A non-negative integer literal at the cursor, or NaN ("8.0", "1e3", "8x" are none). */
function readInt(c: Cursor): number {
  const from = c.i;
  while (isDigit(c.s.charCodeAt(c.i))) c.i++;
  if (c.i === from || isWord(c.s.charCodeAt(c.i)) || c.s.charCodeAt(c.i) === 46) return NaN;
  return Number(c.s.slice(from, c.i));
}

/** Whether `op` is next (spaces before it aside), taking it if so. */
function take(c: Cursor, op: string): boolean {
  const at = c.i;
  skipSpaces(c);
  if (c.s.startsWith(op, c.i)) {
    c.i += op.length;
    skipSpaces(c);
    return true;
  }
  c.i = at;
  return false;
}

/** `int ** int ** …`, right-associative as in Python; NaN when it is no such power. */
function power(c: Cursor, ops: { n: number }): number {
  const base = readInt(c);
  if (!take(c, '**')) return base;
  ops.n++;
  return base ** power(c, ops);
}

/** `power (* | //) power …`, left to right as in Python; NaN when it is no such product, divides
 *  by 0, or passes 2^53 on the way (where a double is no longer the exact integer Python computes). */
function product(c: Cursor, ops: { n: number }): number {
  let value = power(c, ops);
  for (;;) {
    if (!Number.isSafeInteger(value)) return NaN;
    // a power took any '**' already, so a '*' here is a product's
    const floor = take(c, '//');
    if (!floor && !take(c, '*')) return value;
    ops.n++;
    const next = power(c, ops);
    value = floor ? (next === 0 ? NaN : Math.floor(value / next)) : value * next;
  }
}

/**
 * A `name = <integer arithmetic>` line (a trailing "# comment" allowed): the name and the value's
 * integer, or undefined for any other line, a plain number included (the scanner reads those).
 */
export function configArithmetic(s: string): [string, number] | undefined {
  const c: Cursor = { s, i: 0 };
  skipSpaces(c);
  const name = readName(c);
  if (!name || !take(c, '=') || s.charCodeAt(c.i) === 61) return undefined;
  const ops = { n: 0 };
  const value = product(c, ops);
  skipSpaces(c);
  const end = c.i === s.length || s.charCodeAt(c.i) === 35;
  return end && ops.n > 0 && Number.isSafeInteger(value) ? [name, value] : undefined;
}

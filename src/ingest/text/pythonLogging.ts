// Python's default logging format, logging.basicConfig's "%(levelname)s:%(name)s:%(message)s"
// ("INFO:__main__:step 5 loss 2.3"), or "%(levelname)s: %(message)s" ("INFO: step 5 loss 2.3"):
// the level and logger name glue onto the message's first key ("INFO:__main__:step"), which then
// is no key; the prefix is cut first, in both scanners.

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

const isNameChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;

/** Where the message starts after "LEVEL:name:" at `start` (char codes from `at`), or -1. */
function prefixEnd(at: (i: number) => number, start: number, end: number): number {
  for (const level of LEVELS) {
    let i = start;
    let k = 0;
    while (k < level.length && i < end && at(i) === level.charCodeAt(k)) {
      i++;
      k++;
    }
    if (k < level.length || at(i) !== 58) continue;
    // "%(levelname)s: %(message)s"
    if (at(i + 1) === 32) {
      i += 2;
      while (i < end && at(i) === 32) i++;
      return i;
    }
    const nameStart = ++i;
    while (i < end && i - nameStart <= 100 && isNameChar(at(i))) i++;
    return i > nameStart && i < end && at(i) === 58 ? i + 1 : -1;
  }
  return -1;
}

/** DE, IN, WA, ER, CR: the levels' first two letters (most lines, "Epoch 3 …" too, fail here, before any call). */
function mayStartLevel(c: number, d: number): boolean {
  return (c === 68 && d === 69) || (c === 73 && d === 78) || (c === 87 && d === 65) || (c === 69 && d === 82) || (c === 67 && d === 82);
}

/** The message of line `s` after Python's default logging prefix, or `s`. */
export function withoutPythonLoggingPrefix(s: string): string {
  if (!mayStartLevel(s.charCodeAt(0), s.charCodeAt(1))) return s;
  const e = prefixEnd((i) => s.charCodeAt(i), 0, s.length);
  return e < 0 ? s : s.slice(e);
}

/** Where the message of b[start, end) starts after Python's default logging prefix, or -1. */
export function pythonLoggingPrefixEnd(b: Uint8Array, start: number, end: number): number {
  if (start + 1 >= end || !mayStartLevel(b[start]!, b[start + 1]!)) return -1;
  return prefixEnd((i) => b[i]!, start, end);
}

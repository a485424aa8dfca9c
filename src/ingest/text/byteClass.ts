// Character classes of the byte key-number scanner (keyNumberBytes) by table, and its reads past a
// line's end.

/** A word's bytes (ASCII only). */
export const ascii = (w: string): Uint8Array => Uint8Array.from(w, (ch) => ch.charCodeAt(0));

/** What at() reads past the line end (the string scanner reads NaN there): in no class. */
export const NONE = 256;

const DIGIT = 1;

const LETTER = 2;

const WORD = 4;

const SEPARATOR = 8;

const KEY_TRIM = 16;

const KEY_CHAR = 32;

const UNIT = 64;

/** Character classes by byte (index NONE: none), one load instead of a chain of compares. */
const CLASS = (() => {
  const t = new Uint8Array(NONE + 1);
  const add = (chars: string, bits: number): void => {
    for (const ch of chars) t[ch.charCodeAt(0)] |= bits;
  };
  const digits = '0123456789';
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  add(digits, DIGIT | WORD | KEY_CHAR);
  add(letters, LETTER | WORD | KEY_CHAR | UNIT);
  add('_', WORD | KEY_CHAR);
  add(' /.-@', KEY_CHAR);
  add('()', KEY_CHAR); // a qualifier's, inside a key only (qualifierEnd)
  add('%', UNIT);
  add(',|;[](){}<>\t', SEPARATOR);
  add(' :=\'"\t', KEY_TRIM);
  return t;
})();

/** The byte at k, or NONE past the line end. */
export function at(b: Uint8Array, k: number, e: number): number {
  return k < e ? b[k] : NONE;
}

export function isDigit(c: number): boolean {
  return (CLASS[c] & DIGIT) !== 0;
}

export function isLetter(c: number): boolean {
  return (CLASS[c] & LETTER) !== 0;
}

export function isWord(c: number): boolean {
  return (CLASS[c] & WORD) !== 0;
}

/** , | ; [ ] ( ) { } < > tab */
export function isSeparator(c: number): boolean {
  return (CLASS[c] & SEPARATOR) !== 0;
}

/** Trimmed off a key's ends: space, ':', '=', quotes, tab. */
export function isKeyTrim(c: number): boolean {
  return (CLASS[c] & KEY_TRIM) !== 0;
}

/** Inside a key: word characters, space, '/', '.', '-'. */
export function isKeyChar(c: number): boolean {
  return (CLASS[c] & KEY_CHAR) !== 0;
}

/** A unit after a number: letters, '%'. */
export function isUnit(c: number): boolean {
  return (CLASS[c] & UNIT) !== 0;
}

/** Whether b[i, e) starts with `word`. */
export function startsWith(b: Uint8Array, i: number, e: number, word: Uint8Array): boolean {
  if (e - i < word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

/** Whether the field b[from, to) ends with `word` (spaces after it aside). */
export function endsWith(b: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  let z = to;
  while (z > from && b[z - 1] === 32) z--;
  if (z - from < word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[z - word.length + k] !== word[k]) return false;
  return true;
}

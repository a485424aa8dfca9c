// How Python prints a number that is not a float: numpy ≥ 2's repr of its scalars,
// `{'loss': np.float32(5.5252)}`, and torch's of a 0-d tensor, `loss tensor(2.3100,
// device='cuda:0', grad_fn=<NllLossBackward0>)`. The number inside is the value of the key before
// the wrapper; without this its '(' would end the key and the value would be dropped.
// The string and byte scanners share these rules (keyNumberScanner, keyNumberBytes).

const DOT = 46;
const OPEN = 40;
const CLOSE = 41;
const COMMA = 44;

/** "tensor", "np.", "numpy." as char codes: the wrapper names are ASCII. */
const TENSOR = [116, 101, 110, 115, 111, 114];
const NP = [110, 112];
const NUMPY = [110, 117, 109, 112, 121];

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 95;

/** Whether codes `at(from … from + word.length)` are `word`. */
function matches(at: (k: number) => number, from: number, to: number, word: readonly number[]): boolean {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (at(from + k) !== word[k]) return false;
  return true;
}

/**
 * Where the name of a scalar wrapper that ends at the '(' at `open` starts ("np.float32",
 * "numpy.int64", "tensor"), or -1. Nothing before `from` (the key's start) is looked at. `at(k)`
 * gives the character code at k.
 */
function wrapperStart(at: (k: number) => number, from: number, open: number): number {
  let w = open;
  while (w > from && isNameChar(at(w - 1))) w--;
  if (w === open) return -1;
  if (matches(at, w, open, TENSOR)) return w;
  // np.<type>: the type a name of letters, digits and '_' after "np." or "numpy."
  if (w - 1 <= from || at(w - 1) !== DOT || !isLetter(at(w))) return -1;
  const dot = w - 1;
  let m = dot;
  while (m > from && isLetter(at(m - 1))) m--;
  if (m > from && (isNameChar(at(m - 1)) || at(m - 1) === DOT)) return -1;
  return matches(at, m, dot, NP) || matches(at, m, dot, NUMPY) ? m : -1;
}

/** wrapperStart over a string. */
export function scalarWrapperAt(s: string, from: number, open: number): number {
  return s.charCodeAt(open) === OPEN ? wrapperStart((k) => s.charCodeAt(k), from, open) : -1;
}

/** wrapperStart over bytes. */
export function scalarWrapperAtBytes(b: Uint8Array, from: number, open: number): number {
  return b[open] === OPEN ? wrapperStart((k) => b[k]!, from, open) : -1;
}

/**
 * Where the wrapper whose number ends at `j` closes: past its ')' (after the rest of its
 * arguments, "…, device='cuda:0')"), or -1 when what follows the number is no argument list's rest.
 */
function wrapperEnd(at: (k: number) => number, j: number, end: number): number {
  const c = at(j);
  if (c === CLOSE) return j + 1;
  if (c !== COMMA) return -1;
  for (let k = j + 1; k < end; k++) {
    const d = at(k);
    if (d === CLOSE) return k + 1;
    if (d === OPEN) return -1;
  }
  return -1;
}

/** wrapperEnd over a string. */
export function scalarWrapperEnd(s: string, j: number): number {
  return wrapperEnd((k) => s.charCodeAt(k), j, s.length);
}

/** wrapperEnd over bytes b[…, e). */
export function scalarWrapperEndBytes(b: Uint8Array, j: number, e: number): number {
  return wrapperEnd((k) => (k < e ? b[k]! : 256), j, e);
}

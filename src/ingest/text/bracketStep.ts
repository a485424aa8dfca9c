// CLU's LoggingWriter (T5X, big_vision, scenic and other JAX code) writes a step's scalars as
// "[1000] train/loss=2.31, train/learning_rate=0.001", after absl's "I1201 12:00:00.123 1234
// logging_writer.py:48] " prefix or none: the bracketed number is the step. The line is read as
// "step=1000 train/loss=2.31, …"; the byte scanner leaves such lines to the string one.

/** "[1000] key=…" at the start of a line, or after absl's prefix ("I1201 … file.py:48] "). */
const BRACKET_STEP = /^(?:[IWEF]\d{4} [^\]]{0,100}\] )?\[(\d{1,12})\] (?=[^\s=\]]+=)/;

/** The line with its bracketed step spelled out ("step=1000 train/loss=…"), or the line itself. */
export function withBracketStep(line: string): string {
  const m = BRACKET_STEP.exec(line);
  return m ? `step=${m[1]} ${line.slice(m[0].length)}` : line;
}

const OPEN = 91;
const CLOSE = 93;
const SPACE = 32;
const EQUALS = 61;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
/** absl's severity letters: I, W, E, F. */
const isSeverity = (c: number | undefined): boolean => c === 73 || c === 87 || c === 69 || c === 70;

/** "[digits] key=" at `i`. */
function stepAt(bytes: Uint8Array, i: number, end: number): boolean {
  if (bytes[i] !== OPEN) return false;
  let j = i + 1;
  while (j < end && isDigit(bytes[j])) j++;
  if (j === i + 1 || bytes[j] !== CLOSE || bytes[j + 1] !== SPACE) return false;
  for (let k = j + 2; k < end && bytes[k] !== SPACE; k++) if (bytes[k] === EQUALS) return true;
  return false;
}

/**
 * Whether bytes[start, end) may be such a line (every line withBracketStep rewrites is; a few
 * others only take the slower path). Two bytes decide for most lines.
 */
export function mayHaveBracketStep(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] === OPEN) return stepAt(bytes, start, end);
  if (!isSeverity(bytes[start]) || !isDigit(bytes[start + 1]) || !isDigit(bytes[start + 4]) || bytes[start + 5] !== SPACE) return false;
  // the prefix's first ']' (100 characters at most, 4 bytes each in UTF-8), then " ["
  const limit = Math.min(end, start + 6 + 400);
  for (let i = start + 6; i < limit; i++) if (bytes[i] === CLOSE) return bytes[i + 1] === SPACE && stepAt(bytes, i + 2, end);
  return false;
}

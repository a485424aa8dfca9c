// CLU's LoggingWriter (T5X, big_vision, scenic and other JAX code) writes a step's scalars as
// "[1000] train/loss=2.31, train/learning_rate=0.001", after absl's "I1201 12:00:00.123 1234
// logging_writer.py:48] " prefix or none: the bracketed number is the step. The line is read as
// "step=1000 train/loss=2.31, …"; the byte scanner leaves such lines to the string one.

/** "[1000] key=…" at the start, or after a logging prefix that ends in "] ": the step and where the pairs start. */
const BRACKET_STEP = /^(?:[^\[\]]{0,100}\] )?\[(\d{1,12})\] (?=[^\s=\]]+=)/;

/** The line with its bracketed step spelled out ("step=1000 train/loss=…"), or the line itself. */
export function withBracketStep(line: string): string {
  const m = BRACKET_STEP.exec(line);
  return m ? `step=${m[1]} ${line.slice(m[0].length)}` : line;
}

const OPEN = 91;
const CLOSE = 93;
const SPACE = 32;
const EQUALS = 61;

/**
 * Whether bytes[start, end) may be such a line: "[digits] key=" anywhere in it (cleanLogLine may
 * strip any length before it). Loose on purpose: every line withBracketStep rewrites must be
 * declined; others only take the slower path.
 */
export function mayHaveBracketStep(bytes: Uint8Array, start: number, end: number): boolean {
  // a bounded loop: indexOf would search on past the line, through the rest of the push
  for (let i = start; i < end; i++) {
    if (bytes[i] !== OPEN) continue;
    let j = i + 1;
    while (j < end && bytes[j]! >= 48 && bytes[j]! <= 57) j++;
    if (j === i + 1 || bytes[j] !== CLOSE || bytes[j + 1] !== SPACE) continue;
    for (let k = j + 2; k < end && bytes[k] !== SPACE; k++) if (bytes[k] === EQUALS) return true;
  }
  return false;
}

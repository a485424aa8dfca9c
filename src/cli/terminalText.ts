// Log content (keys, run names, file names) is untrusted: an ESC or CR in a column name could retitle
// the terminal or erase lines. Every text the CLI prints passes through here, so control
// characters show as visible escapes (\x1b, \r, \u202e) instead of acting.

// C0 controls (but \n, kept by the caller's choice), DEL, C1 controls, and the bidi overrides/isolates
// that reorder what a reader sees
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_WITH_NL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` with every terminal control character replaced by a visible escape; newlines kept only when
 *  `keepNewlines` (multi-line messages the CLI itself composed). */
export function terminalSafe(s: string, keepNewlines = false): string {
  return s.replace(keepNewlines ? UNSAFE : UNSAFE_WITH_NL, escapeChar);
}

/** `JSON.stringify(value)` on one line, with the controls JSON leaves raw (DEL, C1, bidi) as \u escapes: still valid JSON. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_WITH_NL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// One rule for every command's text mode: the answer on stdout, what it warns or notes on stderr,
// so `fit … > out.txt` or `predict … | cut` holds the answer alone while the warnings still reach
// the terminal. --json is not printed here: its warnings stay inside the JSON.
import { terminalSafe } from './terminalText';

/** A warning or note about one part of the answer (a curve: "Domain=Lang: "), or about all of it. */
export type Said = string | { readonly about: string; readonly text: string };

export interface TextAnswer {
  /** What was asked for: the lines a script reads. */
  readonly answer: string;
  /** Printed on stderr as "warning: …" ("ABOUT warning: …"). */
  readonly warnings?: Iterable<Said>;
  /** Printed on stderr as "note: …". */
  readonly notes?: Iterable<Said>;
}

function saidLine(s: Said, label: 'warning' | 'note'): string {
  return typeof s === 'string' ? `${label}: ${s}` : `${s.about}${label}: ${s.text}`;
}

/** The lines `t` prints on stderr: its warnings then its notes, one line each. */
export function saidLines(t: TextAnswer): string[] {
  return [...[...(t.warnings ?? [])].map((w) => saidLine(w, 'warning')), ...[...(t.notes ?? [])].map((n) => saidLine(n, 'note'))];
}

/** Prints `t`: its answer on stdout, its warnings and notes on stderr, controls escaped. */
export function printText(t: TextAnswer): void {
  if (t.answer) console.log(terminalSafe(t.answer, true));
  for (const line of saidLines(t)) console.error(terminalSafe(line));
}

/** `texts` said about one part of the answer (`about` "" for the whole of it). */
export function saidAbout(about: string, texts: readonly string[]): Said[] {
  return texts.map((text) => (about ? { about, text } : text));
}

// A file of one line is most often a log whose writer has put down its header and nothing else yet
// (a CSV logger at step 0): said as such, not as "no series found", which reads like a parse failure.

/** The one non-blank line of `text` (a whole file; cut to 80 characters), or undefined when it has more. */
export function onlyLine(text: Uint8Array): string | undefined {
  const lines = new TextDecoder().decode(text).replace(/^\uFEFF/, '').split(/\r?\n|\r/).filter((l) => l.trim().length > 0);
  if (lines.length !== 1) return undefined;
  const line = lines[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

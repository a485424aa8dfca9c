// Cheap content checks shared by format detectors.

/** True when the first bytes look like text: no NUL, almost no control characters. */
export function looksTextual(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  return bad / n < 0.01;
}

/** What a text format says of a head that is no text (a binary file, or a log overwritten with one). */
export const NOT_TEXT = 'not text (a NUL byte or control characters in its first 4 KB)';

/** How a CLI user picks a format the detector did not find; a reader with no such flag (the editor) leaves it out. */
export const FORMAT_FLAG_HINT = ' (use --format to choose one)';

/**
 * Why no format was detected: bytes that are no text are none of the binary logs the readers know
 * (a model checkpoint named .csv, say), and --format would not help them; text gets the flag.
 */
export function unknownFormatNote(head: Uint8Array): string {
  return head.length > 0 && !looksTextual(head) ? `unknown format: ${NOT_TEXT}, and no binary log Scaling Lens reads (TensorBoard events, W&B .wandb, MLflow .db)` : `unknown format${FORMAT_FLAG_HINT}`;
}

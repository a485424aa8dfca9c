// How a command that threw ends the process: the user's mistakes (arguments, files, data) in one
// line with exit 2; anything else is a bug in scaling-lens, with its stack and an exit code of its
// own, so a CI job can tell it from "no curve could be fitted" (1).
import { UsageError } from './args';
import { ScalingLensError } from '../core/types';
import { errnoMessage } from './errnoMessage';
import { terminalSafe } from './terminalText';

/** Exit codes, as docs/cli.md's "Failures, exit codes and JSON" lists them. */
export const EXIT = { ok: 0, nothingFitted: 1, usage: 2, internal: 3 } as const;

/** Prints why `err` stopped the command (on stderr) and returns the exit code. */
export function reportFailure(err: unknown): number {
  // ordinary file-system failures (EACCES, ESPIPE, ELOOP …) are the user's to fix: one line, no stack
  const errno = errnoMessage(err);
  if (err instanceof UsageError || err instanceof ScalingLensError || errno !== undefined) {
    console.error(terminalSafe(`scaling-lens: ${errno ?? (err as Error).message}`, true));
    return EXIT.usage;
  }
  console.error(terminalSafe(`scaling-lens: internal error: ${err instanceof Error ? err.stack : String(err)}`, true));
  return EXIT.internal;
}

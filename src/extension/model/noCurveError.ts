// A file opened in the panel that gives no curve: what the reader said of it, and what to check
// next. "Check that it is a CSV…" is for a file that may be of the wrong kind; a run table whose
// every run is unfinished is a good file with nothing finished in it yet, and is told so. Pure.
import { isEveryRunUnfinishedNote } from '../../ingest/model/runStates';

/** The next step for a file that may not be a table, log or export of curves at all. */
export const CHECK_THE_FILE = 'Check that it is a CSV/JSON/log with numeric columns, or see the log.';

/** Opening a file found no curve in it; `hint` is what to check, when there is something to. */
export class NoCurveError extends Error {
  constructor(
    message: string,
    readonly hint: string | undefined,
  ) {
    super(message);
  }
}

/** Why `file` gives no curve, from the reader's first note (`reason`, in the editor's words). */
export function noCurveError(file: string, reason: string | undefined): NoCurveError {
  if (reason !== undefined && isEveryRunUnfinishedNote(reason)) return new NoCurveError(`Scaling Lens found no finished run in ${file}: ${reason}.`, undefined);
  return new NoCurveError(`Scaling Lens found no learning curve in ${file}: ${reason ?? 'no numeric series with an x axis (step, tokens, …) was found'}.`, CHECK_THE_FILE);
}

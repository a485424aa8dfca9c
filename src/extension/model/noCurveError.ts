// A file opened in the panel that gives no curve: what the reader said of it, and what to check
// next. "Check that it is a CSV…" is for a file that may be of the wrong kind; a run table whose
// every run is unfinished is a good file with nothing finished in it yet, and is told so; an empty
// file, a header alone or JSON cut mid-write is one its run has not written yet. Pure.
import { isEveryRunUnfinishedNote } from '../../ingest/model/runStates';

/** The next step for a file that may not be a table, log or export of curves at all. */
export const CHECK_THE_FILE = 'Check that it is a CSV/JSON/log with numeric columns, or see the log.';

/** The next step for a file its run has not written to yet (empty, a header alone, JSON cut mid-write). */
export const WAIT_FOR_THE_RUN = 'Fit it again once the run has written to it, or follow it as it grows with Scaling Lens: Watch Training Log.';

/** Readers' notes of a file not written yet: the file is of the right kind, with nothing in it so far. */
const NOT_WRITTEN_YET = /\bthe file is empty\b|\bno rows under it\b|\bnot complete JSON\b/;

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
  const why = reason ?? 'no numeric series with an x axis (step, tokens, …) was found';
  // a reason that ends in a question ("a header of a log not yet written?") takes no full stop after it
  const said = /[.?!]$/.test(why) ? why : `${why}.`;
  return new NoCurveError(`Scaling Lens found no learning curve in ${file}: ${said}`, reason !== undefined && NOT_WRITTEN_YET.test(reason) ? WAIT_FOR_THE_RUN : CHECK_THE_FILE);
}

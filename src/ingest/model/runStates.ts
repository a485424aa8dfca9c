// A run table exported from W&B or MLflow says how each run ended (W&B's State: finished, crashed,
// failed, killed, running; MLflow's status: FINISHED, FAILED, KILLED, RUNNING). The loss of a run
// that did not finish is its last logged one, not the final loss the surface reads as what its N
// and D reach: a run stopped at 40% of its tokens sits above the surface and pulls the fit, by less
// than the outlier test sees. Such rows are left out with one note naming them and their state. Pure.

/**
 * The states of a run that did not reach its end, as W&B, MLflow, Slurm and sweep tools write them.
 * Only these leave a row out: a column named status may hold other words ("baseline"), and a
 * blank says nothing, so such rows are fitted.
 */
const UNFINISHED = new Set(['crashed', 'failed', 'killed', 'running', 'preempted', 'preempting', 'pending', 'scheduled', 'queued', 'aborted', 'cancelled', 'canceled', 'timeout', 'timed out', 'diverged', 'error', 'stopped', 'interrupted']);

export function isFinishedState(cell: string): boolean {
  return !UNFINISHED.has(cell.trim().toLowerCase());
}

/** Rows named in the note; the rest are counted. */
const SHOWN = 8;

/** Collects the rows left out for their state, for one note. */
export class RowsUnfinished {
  private readonly shown: string[] = [];
  private total = 0;

  /** `column`: the state column's header, named in the note. */
  constructor(private readonly column: string) {}

  /** `row`: the row's line in the file; `state`: its cell as written. */
  add(row: number, state: string): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push(`row ${row}: ${state.trim()}`);
  }

  get count(): number {
    return this.total;
  }

  /** "left out 2 runs whose State is not finished (row 5: crashed; row 9: running): …"; undefined when none. */
  note(): string | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    const more = n > this.shown.length ? `; … ${n - this.shown.length} more` : '';
    return `left out ${n} run${n === 1 ? '' : 's'} whose ${this.column} is not finished (${this.shown.join('; ')}${more}): the last loss of a run that crashed or is still running is not its final loss`;
  }
}

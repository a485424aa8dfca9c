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
  /** Rows per state, by its first spelling, in the order first seen. */
  private readonly states = new Map<string, { spelt: string; rows: number }>();

  /** `column`: the state column's header, named in the note. */
  constructor(private readonly column: string) {}

  /** `row`: the row's line in the file; `state`: its cell as written. */
  add(row: number, state: string): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push(`row ${row}: ${state.trim()}`);
    const key = state.trim().toLowerCase();
    const seen = this.states.get(key) ?? { spelt: state.trim(), rows: 0 };
    seen.rows++;
    this.states.set(key, seen);
  }

  get count(): number {
    return this.total;
  }

  /**
   * "left out 2 runs whose State is not finished (row 5: crashed; row 9: running): …"; undefined
   * when none. When they are all of the table's `rows`, it says so and which states it holds: the
   * file is a good table of runs none of which has ended yet, not a file of the wrong kind.
   */
  note(rows?: number): string | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    if (n === rows) {
      const states = [...this.states.values()].map((s) => `${s.rows} ${s.spelt}`).join(', ');
      return `${EVERY_RUN_UNFINISHED} (${n} run${n === 1 ? '' : 's'}; ${this.column}: ${states}): the last loss of a run that crashed or is still running is not its final loss, so there is nothing to fit until runs finish`;
    }
    const more = n > this.shown.length ? `; … ${n - this.shown.length} more` : '';
    return `left out ${n} run${n === 1 ? '' : 's'} whose ${this.column} is not finished (${this.shown.join('; ')}${more}): the last loss of a run that crashed or is still running is not its final loss`;
  }
}

/** How the note of a table whose every run is unfinished starts (a "left out" note, as the others). */
const EVERY_RUN_UNFINISHED = 'left out every run: none has finished';

/** Whether `note` says that every run of its table is unfinished. */
export function isEveryRunUnfinishedNote(note: string): boolean {
  return note.startsWith(EVERY_RUN_UNFINISHED);
}

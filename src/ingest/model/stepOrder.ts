// Whether a generic CSV's rows are a training loop's own log that was resumed into the same file:
// its steps rise at a regular interval, then go back to a step that rise logged (the checkpoint's)
// and rise again. A table in another order is never taken for one: the
// bundled T5 export's rows rise in stretches that jump (0, then 1,170,000 … 1,470,000, back to
// 310,000): a step back that is no such resume ends the question for the file, which then keeps
// every row.

/** Rising steps a log shows before a step back counts as its resume (a sorted table's stretch is shorter). */
const RISING_BEFORE_RESUME = 10;
/** A rise's step more than this many times its smallest interval is a jump: the regular part starts after it. */
const JUMP = 20;

export class StepOrder {
  /** The steps of the current rise (from the first row, or from the last resume). */
  private rise: number[] = [];
  /** A step went back in a way no resumed log does: the rows are a table's. */
  private table = false;

  /** Takes the step of the next row; true when that row resumes the log at `step`. */
  resumesAt(step: number): boolean {
    if (this.table) return false;
    const last = this.rise.length > 0 ? this.rise[this.rise.length - 1]! : -Infinity;
    if (step >= last) {
      if (step > last) this.rise.push(step);
      return false;
    }
    const from = this.regularFrom();
    const regular = this.rise.length - from;
    // back to a step the regular part of the rise logged, after a log's worth of it: the loop resumed
    // from a checkpoint and logs on the same grid (a table's stretch jumps to steps never logged)
    if (regular >= RISING_BEFORE_RESUME && step > this.rise[from]! && this.logged(step)) {
      this.rise = [step];
      return true;
    }
    this.table = true;
    this.rise = [];
    return false;
  }

  /** Whether the rise logged `step` (it is sorted). */
  private logged(step: number): boolean {
    let lo = 0;
    let hi = this.rise.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.rise[mid]!;
      if (v === step) return true;
      if (v < step) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Index where the rise's regular part starts: after its last jump (an interval over JUMP × its smallest). */
  private regularFrom(): number {
    let smallest = Infinity;
    for (let i = 1; i < this.rise.length; i++) smallest = Math.min(smallest, this.rise[i]! - this.rise[i - 1]!);
    let from = 0;
    for (let i = 1; i < this.rise.length; i++) if (this.rise[i]! - this.rise[i - 1]! > JUMP * smallest) from = i;
    return from;
  }
}

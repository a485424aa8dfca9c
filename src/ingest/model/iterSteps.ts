// lit-gpt's "iter 240 step 60 | loss train: …": with gradient accumulation its iter counts
// micro-batches and its step the optimizer's steps (4 iters a step here), so the step is the step.
// Its validation line gives only the iter ("iter 1000: val loss …"): the latest lines that gave
// both say which step that iter is.

export class IterSteps {
  /** The latest iter and step given together (NaN: none yet). */
  private iter = NaN;
  private step = NaN;
  /** Iters per step between the latest two such lines (NaN: not known). */
  private perStep = NaN;

  /** Whether a line gave both: an iter alone is no step then. */
  get known(): boolean {
    return this.iter === this.iter;
  }

  /** A line that gave both. */
  note(iter: number, step: number): void {
    if (this.known && step !== this.step) {
      const perStep = (iter - this.iter) / (step - this.step);
      this.perStep = perStep > 0 ? perStep : NaN;
    }
    this.iter = iter;
    this.step = step;
  }

  /** The step at `iter`, or undefined when the lines seen do not tell it (between two steps, or no
   *  rate known yet). */
  stepOf(iter: number): number | undefined {
    if (iter === this.iter) return this.step;
    const steps = (iter - this.iter) / this.perStep;
    return Number.isInteger(steps) ? this.step + steps : undefined;
  }
}

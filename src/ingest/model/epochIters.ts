// mmcv's EpochBasedRunner logs `iter` as the batch within the epoch (it restarts at every epoch), so
// a curve against it would fold every epoch onto the first. The iteration across epochs is
// (epoch - 1) * L + iter, with L the epoch's length: every epoch of a run has the same, read off the
// first epoch to end (its last logged iter, or the evaluation's iter right after it, which mmcv
// logs as the train loader's length when it is within one logging interval above). Until an epoch
// has ended, only epoch 1's iterations are known (they start at 0); later ones wait (pending).

export class EpochIters {
  /** Iterations per epoch, once an epoch has ended. */
  private length: number | undefined;
  private epoch: number | undefined;
  private lastIter = 0;
  private prevIter = 0;
  private evalIter: number | undefined;

  get epochLength(): number | undefined {
    return this.length;
  }

  /** A training record of `epoch` at batch `iter` (1-based): the iteration across epochs, or undefined while not known. */
  train(epoch: number, iter: number): number | undefined {
    if (this.epoch !== undefined && epoch !== this.epoch && this.length === undefined && this.lastIter > 0) this.length = this.endedLength();
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.lastIter = this.prevIter = 0;
      this.evalIter = undefined;
    }
    if (iter > this.lastIter) {
      this.prevIter = this.lastIter;
      this.lastIter = iter;
    }
    return this.across(epoch, iter);
  }

  /** An evaluation after `epoch` (its record's iter is the loader's length it ran over): the iteration it was run at, or undefined. */
  evaluation(epoch: number, iter: number | undefined): number | undefined {
    if (epoch === this.epoch && iter !== undefined) this.evalIter = iter;
    if (this.length !== undefined) return epoch * this.length;
    return epoch === 1 && this.epoch === 1 && this.lastIter > 0 ? this.endedLength() : undefined;
  }

  /** The iteration across epochs of batch `iter` of `epoch`, or undefined while the epoch length is not known. */
  across(epoch: number, iter: number): number | undefined {
    if (!Number.isFinite(epoch) || !Number.isFinite(iter)) return undefined;
    if (epoch <= 1) return iter;
    return this.length === undefined ? undefined : (epoch - 1) * this.length + iter;
  }

  /** The length of the epoch that just ended: its last logged iter, or the evaluation's when that is within one interval above. */
  private endedLength(): number {
    const interval = this.lastIter - this.prevIter;
    const e = this.evalIter;
    return e !== undefined && e > this.lastIter && e <= this.lastIter + Math.max(interval, 1) ? e : this.lastIter;
  }
}

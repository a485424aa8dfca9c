// The fit worker's last few curves' target-free fits (core/fitReuse.ts), so a new target or a reach
// question on a curve already fitted takes a fraction of a second instead of a refit.
import { newFitReuse, reuseKey, type FitReuse } from '../core/fitReuse';

/** Curves kept: the overlays of one panel, or a few panels; each holds parameters and back-test residuals (about 1 MB). */
export const REUSE_CURVES = 8;

export class FitReuseCache {
  private readonly entries = new Map<string, FitReuse>();

  constructor(private readonly capacity = REUSE_CURVES) {}

  /**
   * Runs `analyze` with the fits kept for these points and options, if any, and keeps what it
   * fitted unless `cancelled()` says it was cut short (its fits may then be partial).
   */
  with<T>(x: Float64Array, y: Float64Array, options: object, cancelled: () => boolean, analyze: (reuse: FitReuse) => T): T {
    const key = reuseKey(x, y, options);
    const reuse = this.entries.get(key) ?? newFitReuse();
    this.entries.delete(key);
    const out = analyze(reuse);
    if (!cancelled()) {
      this.entries.set(key, reuse);
      // a Map iterates in insertion order: the first key is the least recently used
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}

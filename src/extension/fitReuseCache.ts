// The fit worker's last few curves' target-free fits (core/fitReuse.ts), so a new target or a reach
// question on a curve already fitted takes a fraction of a second instead of a refit.
import { createHash } from 'node:crypto';
import { newFitReuse, type FitReuse } from '../core/fitReuse';

/**
 * Curves kept: the overlays of one panel, or a few panels. With the panel's 40 resamples an entry
 * holds about 1 MB on a 5k-point log (measured); more resamples, more (2 MB at 200).
 */
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

/**
 * The key under which kept fits may serve an analysis: SHA-256 of every point's bytes and of the
 * options other than `targets`. Every bit counts: the same losses against steps and against 16×
 * the steps (samples of a batch of 16) are two curves, whatever a weaker hash would make of them.
 */
export function reuseKey(x: Float64Array, y: Float64Array, options: object): string {
  const { targets: _targets, ...rest } = options as { targets?: unknown };
  const h = createHash('sha256');
  h.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  h.update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  h.update(JSON.stringify(rest, exactNumbers));
  return `${x.length}:${h.digest('hex')}`;
}

/** JSON keeps NaN, ±Infinity and -0 apart (it writes null, null, null and 0). */
function exactNumbers(_key: string, v: unknown): unknown {
  if (typeof v !== 'number') return v;
  return Number.isFinite(v) && !Object.is(v, -0) ? v : `number:${Object.is(v, -0) ? '-0' : String(v)}`;
}

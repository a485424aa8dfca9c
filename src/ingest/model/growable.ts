// A Float64Array that grows by doubling: points cost 8 bytes each, never a string or an object.
export class GrowableFloat64 {
  private buf: Float64Array;
  private n = 0;

  constructor(capacity = 64) {
    this.buf = new Float64Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }

  /** The value at index `k` (< length). */
  at(k: number): number {
    return this.buf[k]!;
  }

  /** The last value pushed, or NaN when empty. */
  last(): number {
    return this.n > 0 ? this.buf[this.n - 1] : NaN;
  }

  /** Overwrites the value at index `k` (< length). */
  set(k: number, v: number): void {
    this.buf[k] = v;
  }

  /** Drop everything from index `k` on (TensorBoard purge_step, restarts). */
  truncate(k: number): void {
    this.n = Math.max(0, Math.min(this.n, k));
  }

  clear(): void {
    this.n = 0;
  }

  /** A view of the filled part; valid until the next push that reallocates. */
  view(): Float64Array {
    return this.buf.subarray(0, this.n);
  }
}

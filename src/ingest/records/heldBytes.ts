// A growable byte buffer for a torn record held back between pushes. It grows by doubling and is
// only ever filled with the bytes the record still needs, so a record that arrives in many small
// chunks costs linear, not quadratic, copying.
export class HeldBytes {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  length = 0;

  append(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (this.length + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.length + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.buf.set(src.subarray(start, end), this.length);
    this.length += n;
  }

  /** Drop the first `n` bytes. */
  shift(n: number): void {
    if (n >= this.length) {
      this.clear();
      return;
    }
    this.buf.copyWithin(0, n, this.length);
    this.length -= n;
  }

  /** Empty it, and give back memory a huge record took. */
  clear(): void {
    this.length = 0;
    if (this.buf.length > 1 << 20) {
      this.buf = new Uint8Array(256);
      this.view = new DataView(this.buf.buffer);
    }
  }
}

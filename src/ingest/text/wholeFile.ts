// The bytes of a file that is rewritten whole (trainer_state.json, an SQLite store, a TensorBoard
// download), kept until end(): such formats are decoded once the file is complete, not per chunk.

export class WholeFile {
  private chunks: Uint8Array[] = [];
  /** Bytes kept so far. */
  size = 0;
  /** A push went past `maxBytes`: what was kept is not the whole file. */
  tooBig = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array): void {
    if (this.tooBig || this.size + chunk.length > this.maxBytes) {
      this.tooBig = true;
      return;
    }
    // a copy: the caller reuses its buffer (and Buffer#slice would not copy)
    this.chunks.push(new Uint8Array(chunk));
    this.size += chunk.length;
  }

  /** Every byte kept, in one array; the chunks are let go. */
  take(): Uint8Array {
    const all = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    this.chunks = [];
    return all;
  }
}

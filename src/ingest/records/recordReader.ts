// Incremental framing shared by the binary formats: chunks of any size go in, whole framing units
// (records, padding, skipped spans) come out, and a torn unit at the end is held back until the
// bytes it needs arrive. Each format only describes one unit at a time (see FramingUnit).
import { HeldBytes } from './heldBytes';

/**
 * Inspects the unit starting at `buf[p]` (file offset `abs`) with `avail` bytes present.
 * Returns n > 0: the unit is n bytes long and has been handled (n > avail means "discard the rest
 * as it arrives", e.g. an oversized record); n < 0: incomplete, -n bytes are needed in total
 * (must exceed `avail`); 0: framing is lost, stop reading for good.
 */
export type FramingUnit = (buf: Uint8Array, view: DataView, p: number, avail: number, abs: number) => number;

export class FramedReader {
  private readonly held = new HeldBytes();
  /** Bytes still to discard of a unit whose rest has not arrived yet. */
  private skip = 0;
  private stopped = false;
  /** File offset of the first byte not yet absorbed into a complete unit. */
  consumed = 0;

  constructor(private readonly unit: FramingUnit) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Bytes of a torn unit held back. */
  get pending(): number {
    return this.held.length;
  }

  /** Bytes of a skipped unit that never arrived. */
  get pendingSkip(): number {
    return this.skip;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    const end = chunk.length;
    let pos = this.discard(chunk, 0);
    if (pos < 0) return;
    if (this.held.length > 0) {
      pos = this.completeHeld(chunk, pos);
      if (pos < 0) return;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pos < end) {
      const avail = end - pos;
      const r = this.unit(chunk, view, pos, avail, this.consumed);
      if (r === 0 || (r < 0 && -r <= avail)) {
        this.stop();
        return;
      }
      if (r < 0) break;
      if (r > avail) {
        this.skip = r - avail;
        this.consumed += avail;
        return;
      }
      pos += r;
      this.consumed += r;
    }
    // copied: the caller may reuse its chunk buffer
    this.held.append(chunk, pos, end);
  }

  /** Applies a pending skip to the chunk from `pos`; the next position, or -1 if the chunk is used up. */
  private discard(chunk: Uint8Array, pos: number): number {
    if (this.skip === 0) return pos;
    const n = Math.min(this.skip, chunk.length - pos);
    this.skip -= n;
    this.consumed += n;
    pos += n;
    return this.skip > 0 ? -1 : pos;
  }

  /** Feeds the held unit exactly the bytes it asks for; the chunk position after, or -1 if used up. */
  private completeHeld(chunk: Uint8Array, pos: number): number {
    const held = this.held;
    while (held.length > 0) {
      const r = this.unit(held.buf, held.view, 0, held.length, this.consumed);
      if (r === 0 || (r < 0 && -r <= held.length)) {
        this.stop();
        return -1;
      }
      if (r < 0) {
        const take = Math.min(-r - held.length, chunk.length - pos);
        held.append(chunk, pos, pos + take);
        pos += take;
        if (held.length < -r) return -1;
        continue;
      }
      if (r <= held.length) {
        held.shift(r);
        this.consumed += r;
        continue;
      }
      this.skip = r - held.length;
      this.consumed += held.length;
      held.clear();
      return this.discard(chunk, pos);
    }
    return pos < chunk.length ? pos : -1;
  }

  private stop(): void {
    this.stopped = true;
    this.held.clear();
  }
}

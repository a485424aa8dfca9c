// Splits a byte stream into complete lines. A torn last line is held back (copied: callers may
// reuse their chunk buffer) until its '\n' arrives, so a growing file is never read mid-line.
// A "line" longer than MAX_HELD (binary junk, a file with no newlines) is dropped, not buffered.
// With crBreaks a lone '\r' also completes what precedes it: a progress bar redrawn in place may
// write no '\n' for a whole epoch, and what it redraws must not wait for one.
const NL = 10;
const CR = 13;
/** Longest line kept; memory must track the numbers kept, not the file size. */
export const MAX_HELD = 64 * 1024 * 1024;

export type LineSink = (line: string, lineNo: number) => void;
/** Block mode: all complete lines of one push as one text (ends with '\n', CRs kept). */
export type BlockSink = (text: string, firstLineNo: number) => void;
/** Raw mode: the bytes of all complete lines of one push (a view, valid during the call only).
 *  Returns how many lines they hold: the sink walks them anyway, a second count would cost a pass. */
export type RawSink = (bytes: Uint8Array, firstLineNo: number) => number;

export class LineSplitter {
  /** Held bytes live in tailBuf[0, tailLen); the buffer doubles, so holding is amortised O(1). */
  private tailBuf: Uint8Array = new Uint8Array(0);
  private tailLen = 0;
  /** Inside a line longer than MAX_HELD: bytes are dropped until its newline. */
  private skipping = false;
  /** Called with the line number of each dropped over-long line. */
  onOverlong: ((lineNo: number) => void) | undefined;
  private readonly decoder = new TextDecoder('utf-8');
  private lineNo = 0;
  /** Bytes that ended in a complete line. */
  consumed = 0;
  private first = true;

  constructor(
    private readonly sink: LineSink,
    private readonly blockSink?: BlockSink,
    private readonly rawSink?: RawSink,
    private readonly maxHeld = MAX_HELD,
    private readonly crBreaks = false,
  ) {}

  /** Bytes held back as a torn tail. */
  get pending(): number {
    return this.tailLen;
  }

  push(chunk: Uint8Array): void {
    if (this.skipping) {
      const nl = this.firstEnd(chunk);
      if (nl < 0) {
        this.consumed += chunk.length;
        return;
      }
      this.consumed += nl + 1;
      this.skipping = false;
      this.lineNo++;
      this.first = false;
      this.onOverlong?.(this.lineNo);
      chunk = chunk.subarray(nl + 1);
    }
    const last = this.lastEnd(chunk);
    if (last < 0) {
      this.hold(chunk, 0);
      return;
    }
    let bytes: Uint8Array;
    if (this.tailLen > 0) {
      bytes = new Uint8Array(this.tailLen + last + 1);
      bytes.set(this.tailBuf.subarray(0, this.tailLen), 0);
      bytes.set(chunk.subarray(0, last + 1), this.tailLen);
      this.dropTail();
    } else bytes = chunk.subarray(0, last + 1);
    this.consumed += bytes.length;
    if (this.rawSink) this.emitRaw(bytes);
    else this.emitLines(this.decoder.decode(bytes));
    if (last + 1 < chunk.length) this.hold(chunk, last + 1);
  }

  /** Where the last complete line (or, with crBreaks, redraw) of the chunk ends, or -1. */
  private lastEnd(chunk: Uint8Array): number {
    const nl = chunk.lastIndexOf(NL);
    // only the bytes after the last '\n' are searched; a '\r' as the chunk's last byte may be the
    // first half of a torn CRLF, so it waits
    if (!this.crBreaks || chunk.length - nl < 3) return nl;
    const cr = chunk.subarray(nl + 1, chunk.length - 1).lastIndexOf(CR);
    return cr >= 0 ? nl + 1 + cr : nl;
  }

  private firstEnd(chunk: Uint8Array): number {
    const nl = chunk.indexOf(NL);
    if (!this.crBreaks) return nl;
    const cr = chunk.indexOf(CR);
    return cr >= 0 && (nl < 0 || cr < nl) ? cr : nl;
  }

  /** Emits a held tail as a final line (a file that does not end in '\n'). */
  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.onOverlong?.(++this.lineNo);
      return;
    }
    if (this.tailLen === 0) return;
    const text = this.decoder.decode(this.tailBuf.subarray(0, this.tailLen));
    this.consumed += this.tailLen;
    this.dropTail();
    if (this.rawSink) this.emitRaw(new TextEncoder().encode(`${text}\n`));
    else if (this.blockSink) this.emitLines(`${text}\n`);
    else this.emit(text);
  }

  /** The text of a held tail (a last line with no line end yet), or undefined when none is held. */
  heldTail(): string | undefined {
    return this.skipping || this.tailLen === 0 ? undefined : this.decoder.decode(this.tailBuf.subarray(0, this.tailLen));
  }

  /** Drops a held tail and returns its text, for a reader that does not take a line until it is
   *  complete; undefined when none is held. */
  discardTail(): string | undefined {
    const text = this.heldTail();
    if (text === undefined) return undefined;
    // as end(): the reader is done with these bytes, it only did not take them as a line
    this.consumed += this.tailLen;
    this.dropTail();
    return text;
  }

  private dropTail(): void {
    this.tailLen = 0;
    // a huge buffer from one long line is not kept for the life of the splitter
    if (this.tailBuf.length > 1 << 20) this.tailBuf = new Uint8Array(0);
  }

  private hold(chunk: Uint8Array, from: number): void {
    const rest = chunk.subarray(from);
    const need = this.tailLen + rest.length;
    if (need > this.maxHeld) {
      this.consumed += need;
      this.dropTail();
      this.skipping = true;
      return;
    }
    if (need > this.tailBuf.length) {
      const grown = new Uint8Array(Math.max(need, this.tailBuf.length * 2, 256));
      grown.set(this.tailBuf.subarray(0, this.tailLen), 0);
      this.tailBuf = grown;
    }
    this.tailBuf.set(rest, this.tailLen);
    this.tailLen = need;
  }

  private emitRaw(bytes: Uint8Array): void {
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    this.lineNo += this.rawSink!(bytes, this.lineNo + 1);
  }

  private emitLines(text: string): void {
    if (this.blockSink) {
      if (this.first) {
        this.first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const firstLine = this.lineNo + 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineNo++;
      this.blockSink(text, firstLine);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
  }

  private emit(raw: string): void {
    let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.first) {
      this.first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    this.sink(line, ++this.lineNo);
  }
}

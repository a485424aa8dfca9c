// The shell every line-based Decoder shares: a LineSplitter fed the pushed bytes, a capped warning
// list, and the one report of a dropped over-long line. Subclasses say what a line (or, for the
// byte-level table path, a block of complete lines) means and what runs they built.
import type { Decoder } from '../model/decoder';
import type { IngestWarning, RunData } from '../model/model';
import { LineSplitter, MAX_HELD } from './lines';
import { WarningList } from '../model/warnings';

export abstract class SplitDecoder implements Decoder {
  protected readonly warn: WarningList;
  protected readonly lines: LineSplitter;

  /** crBreaks: a lone '\r' completes a redraw too (LineSplitter); the raw sink then splits there. */
  constructor(
    readonly origin: string,
    crBreaks = false,
  ) {
    this.warn = new WarningList(origin);
    // rawLines is a prototype method, so a subclass that has one is known before its fields exist
    const raw = this.rawLines;
    const rawSink = raw && ((bytes: Uint8Array, first: number) => raw.call(this, bytes, first));
    this.lines = new LineSplitter((line, no) => this.line(line, no), undefined, rawSink, MAX_HELD, crBreaks);
    this.lines.onOverlong = (no) => this.warn.add(`line longer than ${MAX_HELD >> 20} MB skipped`, { line: no });
  }

  protected abstract line(text: string, lineNo: number): void;

  /** Optional: all complete lines of a push as bytes (LineSplitter's RawSink). A subclass that has
   *  it is handed every line this way; line() is then its own helper, never called by the splitter. */
  protected rawLines?(bytes: Uint8Array, firstLineNo: number): number;

  abstract runs(): RunData[];

  get consumed(): number {
    return this.lines.consumed;
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
  }

  warnings(): IngestWarning[] {
    return this.warn.list();
  }
}

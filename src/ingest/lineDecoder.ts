// A Decoder over complete lines: the common shell of the line-oriented formats (JSONL, MLflow,
// text). Each format supplies what one line means.
import type { Decoder } from './decoder';
import type { FormatId, IngestWarning, RunData } from './model';
import { runNameFromPath } from './keys';
import { LineSplitter, MAX_HELD } from './lines';
import { RunBuilder } from './runBuilder';
import { WarningList } from './warnings';

export abstract class LineDecoder implements Decoder {
  protected readonly run: RunBuilder;
  protected readonly warn: WarningList;
  private readonly lines: LineSplitter;

  constructor(
    readonly origin: string,
    format: FormatId,
  ) {
    this.run = new RunBuilder(runNameFromPath(origin), origin, format);
    this.warn = new WarningList(origin);
    this.lines = new LineSplitter((line, no) => this.line(line, no));
    this.lines.onOverlong = (no) => this.warn.add(`line longer than ${MAX_HELD >> 20} MB skipped`, { line: no });
  }

  protected abstract line(text: string, lineNo: number): void;

  get consumed(): number {
    return this.lines.consumed;
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
  }

  runs(): RunData[] {
    return [this.run.data()];
  }

  warnings(): IngestWarning[] {
    return this.warn.list();
  }
}

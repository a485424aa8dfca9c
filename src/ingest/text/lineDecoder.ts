// A Decoder over complete lines: the common shell of the line-oriented formats (JSONL, MLflow,
// text). Each format supplies what one line means.
import type { FormatId, RunData } from '../model/model';
import { runNameFromPath } from '../model/keys';
import { RunBuilder } from '../model/runBuilder';
import { SplitDecoder } from './splitDecoder';

export abstract class LineDecoder extends SplitDecoder {
  protected readonly run: RunBuilder;

  constructor(origin: string, format: FormatId, crBreaks = false) {
    super(origin, crBreaks);
    // a line log is written as the run goes: a step that goes back is a resume
    this.run = new RunBuilder(runNameFromPath(origin), origin, format, true);
  }

  runs(): RunData[] {
    return [this.run.data()];
  }
}

// A log that is one JSON document rewritten whole (HF trainer_state.json, a TensorBoard download):
// decoded at end() only. A half-written document sets `failed`, so the readers retry the snapshot
// instead of showing an empty run; a document of the wrong shape is said, not thrown.
import type { Decoder } from '../model/decoder';
import type { IngestWarning, RunData } from '../model/model';
import { parseRelaxedJson } from './relaxedJson';
import { WarningList } from '../model/warnings';
import { WholeFile } from './wholeFile';

export abstract class JsonDocumentDecoder implements Decoder {
  private readonly file: WholeFile;
  private result: RunData[] = [];
  protected readonly warn: WarningList;
  /** True when the last end() could not use the document (half-written, or not this format). */
  failed = false;
  consumed = 0;

  /** `what` names the document in messages ("trainer_state.json"). */
  constructor(
    readonly origin: string,
    maxBytes: number,
    private readonly what: string,
  ) {
    this.file = new WholeFile(maxBytes);
    this.warn = new WarningList(origin);
  }

  /** The runs of a parsed document, or why it is not one of this format. */
  protected abstract decode(doc: unknown): RunData[] | string;

  push(chunk: Uint8Array): void {
    this.file.push(chunk);
  }

  end(): void {
    let doc: unknown;
    try {
      doc = parseRelaxedJson(new TextDecoder().decode(this.file.take()));
    } catch (err) {
      this.failed = true;
      this.warn.add(`${this.what} is not complete JSON (being written?): ${err instanceof Error ? err.message : String(err)}`, { offset: this.file.size });
      return;
    }
    const runs = this.decode(doc);
    if (typeof runs === 'string') {
      this.failed = true;
      this.warn.add(runs, { offset: 0 });
      return;
    }
    this.consumed = this.file.size;
    this.result = runs;
  }

  runs(): RunData[] {
    return this.result;
  }

  warnings(): IngestWarning[] {
    return this.warn.list();
  }
}

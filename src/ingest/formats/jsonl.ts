// JSON Lines: one object per line (detectron2 metrics.json, mmengine scalars.json, wandb history),
// Python's bare NaN/Infinity allowed. Nested objects flatten to 'a/b' keys.
import type { Decoder, Format } from '../model/decoder';
import { BLANK, FlatJsonScanner } from '../text/flatJsonLine';
import { KeyInterner } from '../text/keyInterner';
import { baseName } from '../model/keys';
import { JsonObjectLineDecoder } from '../text/jsonObjectLines';
import { RecordAccumulator } from '../model/recordRows';
import { flattenMetrics } from '../text/metricObject';
import { stripCr } from '../text/delimitedLine';

const NL = 10;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The general path: each line decoded to a string, JSON.parse (relaxed), flattened. */
export class JsonlLineDecoder extends JsonObjectLineDecoder {
  protected readonly records = new RecordAccumulator(this.run);
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  constructor(origin: string) {
    super(origin, 'jsonl');
  }

  protected record(rec: Record<string, unknown>): void {
    this.keys.length = 0;
    this.values.length = 0;
    flattenMetrics(rec, '', this.keys, this.values);
    this.records.add(this.keys, this.values);
  }
}

/** Flat objects of numbers are read from the bytes (flatJsonLine); other lines take line(). */
class JsonlDecoder extends JsonlLineDecoder {
  private readonly flat = new FlatJsonScanner(new KeyInterner(this.records));

  protected override rawLines(bytes: Uint8Array, firstLineNo: number): number {
    const flat = this.flat;
    let no = firstLineNo;
    let start = 0;
    const n = bytes.length;
    while (start < n) {
      const count = flat.scan(bytes, start, n);
      let nl: number;
      if (count >= 0) {
        this.records.addInfos(flat.infos, flat.values, count);
        nl = flat.lineEnd;
      } else if (count === BLANK) nl = flat.lineEnd;
      else {
        nl = bytes.indexOf(NL, start); // a raw push ends with '\n'
        this.line(stripCr(utf8.decode(bytes.subarray(start, nl))), no);
      }
      no++;
      start = nl + 1;
    }
    return no - firstLineNo;
  }
}

export const jsonlFormat: Format = {
  id: 'jsonl',
  growth: 'append',
  detect(name, head) {
    const base = baseName(name).toLowerCase();
    const text = new TextDecoder().decode(head.subarray(0, 8192));
    const nl = text.indexOf('\n');
    const first = (nl >= 0 ? text.slice(0, nl) : text).trim();
    // a Python dict printed per line (the HF Trainer's stdout: {'loss': 2.8, …}) is not JSON; the
    // text reader takes its key: value pairs
    if (/^\{\s*'/.test(first)) return 0;
    const oneLineObject = first.startsWith('{') && first.endsWith('}');
    if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return oneLineObject || first === '' ? 0.9 : 0.5;
    if (!oneLineObject) return 0;
    // a whole JSON document on one line is also a JSONL file of one record
    return base.endsWith('.json') ? 0.75 : 0.6;
  },
  createDecoder: (origin): Decoder => new JsonlDecoder(origin),
};

// A JSON array of metric records, one object per logged step, dumped whole at the end of a run:
// json.dump(trainer.state.log_history, f), pandas df.to_json(orient="records"), a list of dicts a
// training script kept. Each record reads as a JSONL line would (same x keys, nested objects
// flattened); decoded at end() only, as the file is written whole.
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import { baseName, runNameFromPath } from '../model/keys';
import { RecordAccumulator } from '../model/recordRows';
import { RunBuilder } from '../model/runBuilder';
import { JsonDocumentDecoder } from '../text/jsonDocument';
import { flattenMetrics } from '../text/metricObject';

/** Keep at most this much of a file that is not JSON (the decoder holds the whole document). */
const MAX_BYTES = 512 * 1024 * 1024;

class JsonRecordsDecoder extends JsonDocumentDecoder {
  constructor(origin: string) {
    super(origin, MAX_BYTES, 'the JSON array');
  }

  protected decode(doc: unknown): RunData[] | string {
    if (!Array.isArray(doc)) return 'not a JSON array of records ({"step": …, "loss": …} objects)';
    // records come in the order the run logged them: a step that goes back is a resume
    const run = new RunBuilder(runNameFromPath(this.origin), this.origin, 'json-records', true);
    const rows = new RecordAccumulator(run);
    const keys: string[] = [];
    const values: number[] = [];
    let skipped = 0;
    for (const rec of doc) {
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
        skipped++;
        continue;
      }
      keys.length = 0;
      values.length = 0;
      flattenMetrics(rec as Record<string, unknown>, '', keys, values);
      rows.add(keys, values);
    }
    if (skipped > 0) this.warn.add(`${skipped} of ${doc.length} array entr${skipped === 1 ? 'y is' : 'ies are'} not an object; skipped`, { offset: 0 });
    return [run.data()];
  }
}

export const jsonRecordsFormat: Format = {
  id: 'json-records',
  growth: 'rewrite',
  detect(name, head) {
    const base = baseName(name).toLowerCase();
    const text = new TextDecoder().decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '');
    if (!/^\s*\[\s*(\{|$)/.test(text)) return 0;
    const lines = base.endsWith('.jsonl') || base.endsWith('.ndjson');
    // JSON Lines whose first line is an array and whose next lines are objects: a JSONL log with one odd line
    if (lines && /\]\s*\r?\n\s*\{/.test(text)) return 0;
    return base.endsWith('.json') ? 0.8 : lines ? 0.7 : 0.45;
  },
  createDecoder: (origin): Decoder => new JsonRecordsDecoder(origin),
};

// TensorBoard's scalar download as JSON (`run-<run>-tag-<tag>.json`): one array of
// [wall time, step, value] triples, rewritten whole, so decoded at end() only; the run and the
// metric's name are in the file name. A half-written or foreign array is reported, not thrown.
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import { baseName, runNameFromPath } from '../model/keys';
import { isTensorboardDownload, tensorboardExportNames } from '../model/exportColumns';
import { RunBuilder } from '../model/runBuilder';
import { JsonDocumentDecoder } from '../text/jsonDocument';

/** TensorBoard keeps at most 10k points per tag in its downloads; far larger is something else. */
const MAX_BYTES = 64 * 1024 * 1024;

class TensorboardJsonDecoder extends JsonDocumentDecoder {
  constructor(origin: string) {
    super(origin, MAX_BYTES, 'the TensorBoard download');
  }

  protected decode(doc: unknown): RunData[] | string {
    if (!Array.isArray(doc)) return 'not a TensorBoard scalar export (an array of [wall time, step, value])';
    const names = tensorboardExportNames(this.origin);
    const run = new RunBuilder(names.run ?? runNameFromPath(this.origin), this.origin, 'tensorboard-json');
    let skipped = 0;
    for (const row of doc) {
      const [wall, step, value] = Array.isArray(row) ? (row as unknown[]) : [];
      if (typeof step !== 'number' || typeof value !== 'number') {
        skipped++;
        continue;
      }
      run.add(names.key, value, typeof wall === 'number' ? { step, time: wall } : { step });
    }
    if (skipped > 0) this.warn.add(`${skipped} entr${skipped === 1 ? 'y is' : 'ies are'} not [wall time, step, value]; skipped`, { offset: 0 });
    return [run.data()];
  }
}

export const tensorboardJsonFormat: Format = {
  id: 'tensorboard-json',
  growth: 'rewrite',
  detect(name, head) {
    const base = baseName(name).toLowerCase();
    const text = new TextDecoder().decode(head.subarray(0, 256)).trimStart();
    if (!/^\[\s*\[\s*[-\d.eE+]+\s*,\s*[-\d.eE+]+\s*,/.test(text)) return 0;
    return base.endsWith('.json') && isTensorboardDownload(base) ? 0.95 : base.endsWith('.json') ? 0.8 : 0.4;
  },
  createDecoder: (origin): Decoder => new TensorboardJsonDecoder(origin),
};

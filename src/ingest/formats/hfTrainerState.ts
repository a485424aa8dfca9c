// Hugging Face Trainer trainer_state.json: rewritten whole at every checkpoint, so it is decoded at
// end() only. log_history holds train entries (loss…) and separate eval entries (eval_*) at the
// same step; num_input_tokens_seen is the tokens axis. A half-written file is reported, not thrown.
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import { baseName, runNameFromPath } from '../model/keys';
import { RunBuilder, type XValues } from '../model/runBuilder';
import { JsonDocumentDecoder } from '../text/jsonDocument';

const X_FIELDS: Record<string, keyof XValues> = { step: 'step', epoch: 'epoch', num_input_tokens_seen: 'tokens' };
/** Top-level facts worth keeping with the run. */
const META_FIELDS = ['global_step', 'max_steps', 'num_train_epochs', 'train_batch_size', 'logging_steps', 'eval_steps', 'save_steps', 'total_flos'];

/** Keep at most this much of a file that is not JSON (the decoder holds the whole document). */
const MAX_BYTES = 512 * 1024 * 1024;

export class HfTrainerStateDecoder extends JsonDocumentDecoder {
  constructor(origin: string) {
    super(origin, MAX_BYTES, 'trainer_state.json');
  }

  protected decode(doc: unknown): RunData[] | string {
    if (doc === null || typeof doc !== 'object' || !Array.isArray((doc as { log_history?: unknown }).log_history)) return 'no log_history array; not a trainer_state.json';
    return [this.run(doc as Record<string, unknown>)];
  }

  private run(doc: Record<string, unknown>): RunData {
    const run = new RunBuilder(runNameFromPath(this.origin), this.origin, 'hf-trainer-state');
    for (const m of META_FIELDS) if (typeof doc[m] === 'number') run.setMeta(m, doc[m] as number);
    const history = doc.log_history as unknown[];
    history.forEach((entry, i) => {
      if (entry === null || typeof entry !== 'object') {
        this.warn.add(`log_history[${i}] is not an object; skipped`);
        return;
      }
      const e = entry as Record<string, unknown>;
      const x: XValues = {};
      for (const [field, kind] of Object.entries(X_FIELDS)) if (typeof e[field] === 'number') x[kind] = e[field] as number;
      for (const [k, v] of Object.entries(e)) {
        if (k in X_FIELDS || typeof v !== 'number') continue;
        run.add(k, v, x);
      }
    });
    return run.data();
  }
}

export const hfTrainerStateFormat: Format = {
  id: 'hf-trainer-state',
  growth: 'rewrite',
  detect(name, head) {
    const base = baseName(name).toLowerCase();
    const text = new TextDecoder().decode(head.subarray(0, 65536));
    const looksJson = text.trimStart().startsWith('{');
    if (base === 'trainer_state.json') return looksJson || text.length === 0 ? 0.95 : 0.6;
    return looksJson && text.includes('"log_history"') ? 0.9 : 0;
  },
  createDecoder: (origin): Decoder => new HfTrainerStateDecoder(origin),
};

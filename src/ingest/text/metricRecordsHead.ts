// Whether the first bytes of a .json file look like a metric log dumped whole (a list of records:
// json.dump(trainer.state.log_history), df.to_json(orient="records")) rather than a config, a
// tokenizer or a dataset. A folder's walk asks this of every .json it meets, so it looks at a few
// KB of text and parses nothing: a config is an object, not an array, and neither a dataset's
// records ({"text": …, "label": 1}) nor a hyperparameter grid's ({"lr": …, "epochs": 10}) carry a
// loss- or accuracy-like number, which every curve worth fitting has.

/** Bytes looked at: a record or two of any real log, pretty-printed or not. */
export const METRIC_RECORDS_HEAD_BYTES = 4096;

const ARRAY_OF_OBJECTS = /^\s*\[\s*\{/;
/** "key": number, with Python's json.dump non-finite spellings. */
const NUMERIC_ENTRY = /"((?:[^"\\]|\\.)*)"\s*:\s*(?:-?(?:\d|\.\d)|NaN|-?Infinity)/g;
/** A metric's name: a loss, an accuracy, an error, a perplexity (not `eval_steps`, `test_size`, `loss_scale`). */
const METRIC_KEY = /(?:^|[\W_])(?:loss|acc|accuracy|err|error|perplexity|ppl|xent|entropy|bpb|bpc)(?:$|[\W_\d])/i;
const NOT_METRIC = /loss[\W_]*scale/i;

export function looksLikeMetricRecords(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, METRIC_RECORDS_HEAD_BYTES)).replace(/^\uFEFF/, '');
  if (!ARRAY_OF_OBJECTS.test(text)) return false;
  for (const m of text.matchAll(NUMERIC_ENTRY)) {
    // nested objects ({"eval": {"loss": …}}) are flattened by the reader: their inner key counts
    const key = m[1]!;
    if (METRIC_KEY.test(key) && !NOT_METRIC.test(key)) return true;
  }
  return false;
}

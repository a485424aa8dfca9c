// Metrics logged as nested dicts, wandb.log({"train": {"loss": …}, "val": {"loss": …}}), and W&B
// media beside them: the .wandb file holds each top-level key as one item whose value_json is the
// dict; wandb-history.jsonl holds the dicts nested. Both read as train/loss, val/loss; media
// objects ({"_type": "image-file", "width": 64, …}) are no series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonlFormat } from '../../../src/ingest/formats/jsonl';
import { decodeAll } from './helpers';

const IMAGE = JSON.stringify({ _type: 'image-file', path: 'media/images/x.png', width: 64, height: 64 });

test('JSONL: a nested W&B media object is no series; a line\'s own _type label does not drop the line', () => {
  const text = [
    `{"_step": 0, "train": {"loss": 2.5}, "samples": ${IMAGE}}`,
    `{"_step": 1, "train": {"loss": 2.25}, "table": {"_type": "table-file", "ncols": 3, "nrows": 10}}`,
    '{"_type": "train", "step": 2, "loss": 2.0}',
  ].join('\n');
  const d = decodeAll(jsonlFormat, '/x/wandb-history.jsonl', new TextEncoder().encode(text + '\n'));
  assert.deepEqual(d.runs()[0].series.map((s) => s.key).sort(), ['loss', 'train/loss']);
});

// Metrics logged as nested dicts, wandb.log({"train": {"loss": …}, "val": {"loss": …}}), and W&B
// media beside them: the .wandb file holds each top-level key as one item whose value_json is the
// dict; wandb-history.jsonl holds the dicts nested. Both read as train/loss, val/loss; media
// objects ({"_type": "image-file", "width": 64, …}) are no series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wandbFormat } from '../../../src/ingest/formats/wandb';
import { jsonlFormat } from '../../../src/ingest/formats/jsonl';
import { WandbLogWriter, historyRecord } from './binaryWriters';
import { decodeAll, series } from './helpers';

const IMAGE = JSON.stringify({ _type: 'image-file', path: 'media/images/x.png', width: 64, height: 64 });

test('.wandb: a dict logged under a key reads as key/sub series; a media item is no series', () => {
  const w = new WandbLogWriter();
  w.write(historyRecord(1, [['train', '{"loss": 2.5, "lr": 1e-4}'], ['val', '{"loss": NaN, "acc": {"top1": 0.5}}'], ['img', IMAGE]], 0));
  w.write(historyRecord(2, [['train', '{"loss": 2.25, "lr": 1e-4}']], 1));
  const d = decodeAll(wandbFormat, '/x/run-20240101_000000-ab1/run-ab1.wandb', w.bytes());
  const runs = d.runs();
  assert.deepEqual(runs[0].series.map((s) => s.key), ['train/loss', 'train/lr', 'val/loss', 'val/acc/top1']);
  assert.deepEqual(Array.from(series(runs, 'train/loss').y), [2.5, 2.25]);
  assert.deepEqual(Array.from(series(runs, 'train/loss').x.step!), [0, 1]);
  assert.equal(series(runs, 'val/loss').split, 'val');
});

test('JSONL: a nested W&B media object is no series; a line\'s own _type label does not drop the line', () => {
  const text = [
    `{"_step": 0, "train": {"loss": 2.5}, "samples": ${IMAGE}}`,
    `{"_step": 1, "train": {"loss": 2.25}, "table": {"_type": "table-file", "ncols": 3, "nrows": 10}}`,
    '{"_type": "train", "step": 2, "loss": 2.0}',
  ].join('\n');
  const d = decodeAll(jsonlFormat, '/x/wandb-history.jsonl', new TextEncoder().encode(text + '\n'));
  assert.deepEqual(d.runs()[0].series.map((s) => s.key).sort(), ['loss', 'train/loss']);
});

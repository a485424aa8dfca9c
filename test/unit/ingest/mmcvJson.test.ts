// mmdetection / mmcv `<timestamp>.log.json`: train and val records as separate series, x the
// iteration across epochs (mmcv's iter restarts every epoch), listed in a folder of work_dirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { mmcvJsonFormat } from '../../../src/ingest/formats/mmcvJson';
import { detect } from '../../../src/ingest/formats/detect';
import { decodeAll, decodeChunked, prng, scratchTree, series } from './helpers';

const { root, put } = scratchTree('sl-mmcv-');

const ENV = JSON.stringify({ env_info: 'sys.platform: linux\nPython: 3.8.10', config: "model = dict(type='FasterRCNN')\n", seed: 42, exp_name: 'faster_rcnn_r50_fpn_1x_coco.py', mmdet_version: '2.25.0', hook_msgs: {} });
const trainLoss = (g: number) => 0.5 + 3 * g ** -0.3;

/** A run of `epochs` epochs of `length` iterations logged every 50, each followed by an evaluation whose iter is `evalIter(length)`. */
function mmdetLog(first: number, epochs: number, length: number, evalIter = (l: number) => l): string {
  const lines = [ENV];
  for (let e = first; e < first + epochs; e++) {
    for (let i = 50; i <= length; i += 50) {
      const g = (e - 1) * length + i;
      lines.push(JSON.stringify({ mode: 'train', epoch: e, iter: i, lr: 0.02, memory: 3000, data_time: 0.01, loss_cls: trainLoss(g) * 0.4, loss: trainLoss(g), time: 0.3 }));
    }
    lines.push(JSON.stringify({ mode: 'val', epoch: e, iter: evalIter(length), lr: 0.02, bbox_mAP: 0.2 + e / 100, loss: 0.9 - e / 100 }));
  }
  return lines.join('\n') + '\n';
}

test('detected as mmcv-json (not plain JSONL) by its mode records, whatever the file is called', () => {
  const bytes = new TextEncoder().encode(mmdetLog(1, 2, 200));
  assert.equal(detect('20220101_120000.log.json', bytes)?.id, 'mmcv-json');
  assert.equal(detect('log.json', bytes)?.id, 'mmcv-json');
  // detectron2's metrics.json has no mode: still JSONL
  assert.equal(detect('metrics.json', new TextEncoder().encode('{"iteration": 19, "loss": 1.2}\n{"iteration": 39, "loss": 1.0}\n'))?.id, 'jsonl');
});

test('train and val records are separate series; x is the iteration across epochs; the environment record is meta', () => {
  const runs = decodeAll(mmcvJsonFormat, '/w/faster_rcnn/20220101_120000.log.json', new TextEncoder().encode(mmdetLog(1, 3, 200, () => 625))).runs();
  assert.equal(runs[0]!.name, '20220101_120000');
  assert.equal(runs[0]!.meta?.seed, 42);
  const loss = series(runs, 'loss');
  assert.equal(loss.split, 'train');
  assert.deepEqual(Array.from(loss.x.step!), [50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550, 600]);
  assert.deepEqual(Array.from(loss.x.epoch!), [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  assert.equal(loss.y[5], trainLoss(300));
  const val = series(runs, 'val loss');
  assert.equal(val.split, 'val');
  // each evaluation at its epoch's end (its own iter, 625, is the val loader's length, not a train iteration)
  assert.deepEqual(Array.from(val.x.step!), [200, 400, 600]);
  assert.deepEqual(Array.from(series(runs, 'val bbox_mAP').y), [1, 2, 3].map((e) => 0.2 + e / 100));
  assert.ok(!runs[0]!.series.some((s) => s.key === 'val lr' || s.key === 'mode' || s.key === 'iter'), 'the evaluation restates lr; mode and iter are no series');
});

test("an evaluation's iter just past the last logged one is the epoch's true length (7330 iterations, logged every 50)", () => {
  const runs = decodeAll(mmcvJsonFormat, 'a.log.json', new TextEncoder().encode(mmdetLog(1, 2, 7330))).runs();
  const loss = series(runs, 'loss');
  assert.equal(loss.x.step![146], 7330 + 50, 'epoch 2 starts after 7330 iterations, not after 7300');
  assert.deepEqual(Array.from(series(runs, 'val loss').x.step!), [7330, 14660]);
});

test('a log resumed at epoch 3: its first epoch gets its iterations once that epoch has ended, also when fed in pieces', () => {
  const bytes = new TextEncoder().encode(mmdetLog(3, 2, 200));
  for (const d of [decodeAll(mmcvJsonFormat, 'r.log.json', bytes), decodeChunked(mmcvJsonFormat, 'r.log.json', bytes, prng(7), 40)]) {
    const loss = series(d.runs(), 'loss');
    assert.deepEqual(Array.from(loss.x.step!), [450, 500, 550, 600, 650, 700, 750, 800]);
    assert.deepEqual(Array.from(series(d.runs(), 'val loss').x.step!), [600, 800]);
    assert.deepEqual(d.warnings(), []);
  }
});

test('a folder of work_dirs lists each .log.json as a run named by its folder and timestamp; its text twin is not read again', async () => {
  put('work_dirs/faster_rcnn/20220101_120000.log.json', mmdetLog(1, 2, 200));
  put('work_dirs/faster_rcnn/20220101_120000.log', '2022-01-01 12:00:00,000 - mmdet - INFO - Epoch [1][50/200]\tlr: 2.000e-02, time: 0.300, loss: 1.2000\n');
  put('work_dirs/retinanet/20220102_080000.log.json', mmdetLog(1, 2, 100));
  const s = await readSource(join(root, 'work_dirs'));
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['faster_rcnn/20220101_120000', 'retinanet/20220102_080000']);
  assert.equal(s.format, 'mmcv-json');
  assert.ok(s.warnings.some((w) => /text log is not read beside its \.log\.json/.test(w.message)), JSON.stringify(s.warnings));
  assert.deepEqual(Array.from(series(s.runs.filter((r) => r.name.startsWith('retina')), 'loss').x.step!), [50, 100, 150, 200]);
});

test('bad lines: a truncated last record, a non-object line and a record without counters neither crash nor invent points', () => {
  const text = mmdetLog(1, 1, 100) + '[1, 2]\n{"mode": "train", "lr": 0.02, "loss": 0.7}\n{"mode": "train", "epoch": 2, "iter": 5';
  const d = decodeAll(mmcvJsonFormat, 'b.log.json', new TextEncoder().encode(text));
  const loss = series(d.runs(), 'loss');
  assert.deepEqual(Array.from(loss.x.step!).slice(0, 2), [50, 100]);
  assert.ok(d.warnings().some((w) => /not a JSON object/.test(w.message)));
});

test('the fixture: 3 epochs of 400 iterations, 24 train points to iteration 1200, 3 evaluations', async () => {
  const s = await readSource(join(__dirname, '..', '..', 'fixtures', 'logformats', 'mmdet_20220101_120000.log.json'));
  assert.equal(s.format, 'mmcv-json');
  assert.deepEqual(s.warnings, []);
  const loss = series(s.runs, 'loss');
  assert.equal(loss.y.length, 24);
  assert.equal(loss.x.step![23], 1200);
  assert.deepEqual(Array.from(series(s.runs, 'val bbox_mAP').x.step!), [400, 800, 1200]);
  assert.ok(!s.runs[0]!.series.some((v) => v.key.includes('copypaste')), 'a string value is no series');
});

// Keras's TensorBoard callback: one run folder (logs/fit/<time>) with train/ and validation/ event
// files, `epoch_<metric>` tags at step = epoch and, with update_freq, `batch_<metric>` and
// `evaluation_<metric>_vs_iterations` at the global batch. One run, train and validation series
// apart by their folder, epoch tags on an epoch axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { eventFile, packedFloats, pbVarint, valueTensor, type EventSpec } from './binaryWriters';
import { scratchTree, series } from './helpers';

const { root, put } = scratchTree('sl-keras-tb-');

/** A TF2 scalar summary as tf.summary.scalar writes it: a float tensor under the scalars plugin. */
const scalar = (tag: string, v: number) => valueTensor(tag, [pbVarint(1, 1), packedFloats(5, [v])], 'scalars');

const EPOCHS = 10;
const BATCHES = 100;
const trainLoss = (e: number) => 3 - e / 10;
const valLoss = (e: number) => 3.1 - e / 10;

/** The train/ and validation/ event files of a fit(update_freq=10) of EPOCHS epochs. */
function kerasRun(dir: string): void {
  const start: EventSpec = { wallTime: 1, fileVersion: 'brain.Event:2' };
  const train: EventSpec[] = [start];
  const val: EventSpec[] = [start];
  for (let e = 0; e < EPOCHS; e++) {
    for (let b = 10; b <= BATCHES; b += 10) train.push({ wallTime: 2, step: e * BATCHES + b, values: [scalar('batch_loss', 3 - (e * BATCHES + b) / 1000)] });
    const end = (e + 1) * BATCHES;
    train.push({ wallTime: 3, step: e, values: [scalar('epoch_loss', trainLoss(e)), scalar('epoch_accuracy', 0.5 + e / 40)] });
    val.push({ wallTime: 3, step: end, values: [scalar('evaluation_loss_vs_iterations', valLoss(e))] });
    val.push({ wallTime: 3, step: e, values: [scalar('epoch_loss', valLoss(e)), scalar('epoch_accuracy', 0.45 + e / 40)] });
  }
  put(`${dir}/train/events.out.tfevents.1704110400.host.123.0.v2`, eventFile(train));
  put(`${dir}/validation/events.out.tfevents.1704110401.host.123.1.v2`, eventFile(val));
}

test('logs/fit/<time>/{train,validation}: one run, series named by folder and split train/val', async () => {
  kerasRun('logs/fit/20240101-120000');
  const s = await readSource(join(root, 'logs', 'fit'));
  assert.equal(s.format, 'tfevents');
  assert.deepEqual(s.runs.map((r) => r.name), ['20240101-120000']);
  // the series' prefixes say which folder each came from; the run as a whole is neither's
  assert.equal(s.runs[0]!.meta?.splitFolder, undefined);
  const keys = s.runs[0]!.series.map((v) => `${v.key}:${v.split}`).sort();
  assert.deepEqual(keys, [
    'train/batch_loss:train', 'train/epoch_accuracy:train', 'train/epoch_loss:train',
    'validation/epoch_accuracy:val', 'validation/epoch_loss:val', 'validation/evaluation_loss_vs_iterations:val',
  ]);
});

test('epoch_ tags are on an epoch axis (their step + 1: epochs completed); batch and evaluation tags on the step axis', async () => {
  kerasRun('axes/20240101-120000');
  const { runs } = await readSource(join(root, 'axes'));
  const epochs = Array.from({ length: EPOCHS }, (_, e) => e);
  for (const [key, loss] of [['train/epoch_loss', trainLoss], ['validation/epoch_loss', valLoss]] as const) {
    const s = series(runs, key);
    // the first epoch's result, logged at step 0, is at 1 epoch completed: on log axes it is kept
    assert.deepEqual(Array.from(s.x.epoch ?? []), epochs.map((e) => e + 1), key);
    assert.equal(s.xLabels?.epoch, 'epochs completed', key);
    assert.equal(s.x.step, undefined, `${key} has no step axis`);
    assert.deepEqual(Array.from(s.y), epochs.map((e) => Math.fround(loss(e))));
  }
  assert.equal(series(runs, 'train/batch_loss').x.step![0], 10);
  assert.deepEqual(Array.from(series(runs, 'validation/evaluation_loss_vs_iterations').x.step!), epochs.map((e) => (e + 1) * BATCHES));
});

test("a PyTorch SummaryWriter's epoch_loss (no .v2 file) keeps its step: it may be the global step", async () => {
  put('torch/run1/events.out.tfevents.1704110400.host.123.0', eventFile([{ step: 500, values: [scalar('epoch_loss', 2)] }, { step: 1000, values: [scalar('epoch_loss', 1.5)] }]));
  const { runs } = await readSource(join(root, 'torch'));
  const s = series(runs, 'epoch_loss');
  assert.deepEqual(Array.from(s.x.step!), [500, 1000]);
  assert.equal(s.x.epoch, undefined);
});

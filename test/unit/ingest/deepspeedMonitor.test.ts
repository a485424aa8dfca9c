// DeepSpeed's monitor logs `Train/Samples/<metric>` with the global samples counter as the step,
// in TensorBoard event files, one CSV file per tag (`Train_Samples_train_loss.csv`, header
// `step,train_loss`) or W&B: read against samples, not optimizer steps; a job folder's CSV files one run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { sourceCurves } from '../../../src/cli/sourceCurves';
import { eventFile, valueSimple, type EventSpec } from './binaryWriters';
import { scratchTree, series } from './helpers';

const { root, put } = scratchTree('sl-deepspeed-');

const BATCH = 32;
const samples = Array.from({ length: 30 }, (_, i) => (i + 1) * 10 * BATCH);
const loss = (s: number) => 2 + 30 * s ** -0.3;

test('TensorBoard monitor: Train/Samples/ tags are on a samples axis, no step axis', async () => {
  const events: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }];
  for (const s of samples) events.push({ wallTime: 2, step: s, values: [valueSimple('Train/Samples/train_loss', loss(s)), valueSimple('Train/Samples/lr', 1e-4)] });
  put('tb/job1/events.out.tfevents.1704110400.host.123.0', eventFile(events));
  const src = await readSource(join(root, 'tb'));
  const s = series(src.runs, 'Train/Samples/train_loss');
  assert.deepEqual(Array.from(s.x.samples!), samples);
  assert.equal(s.x.step, undefined);
  assert.equal(s.split, 'train');
  assert.deepEqual(Array.from(series(src.runs, 'Train/Samples/lr').x.samples!), samples);
  const c = await sourceCurves({ path: join(root, 'tb'), yCol: 'Train/Samples/train_loss', groupCols: [] });
  assert.equal(c.xKind, 'samples');
  assert.match(c.description!, /vs samples/);
});

test('CSV monitor: one file per tag, `step` counting samples; the job folder is one run', async () => {
  for (const [tag, f] of [['train_loss', loss], ['lr', () => 1e-4], ['loss_scale', () => 65536]] as const) {
    put(`csv/ds_logs/job1/Train_Samples_${tag}.csv`, `step,${tag}\r\n` + samples.map((s) => `${s},${f(s)}\r\n`).join(''));
  }
  const src = await readSource(join(root, 'csv', 'ds_logs'));
  assert.deepEqual(src.runs.map((r) => r.name), ['job1']);
  const s = series(src.runs, 'train_loss');
  assert.deepEqual(Array.from(s.x.samples!), samples);
  assert.equal(s.x.step, undefined);
  // opened by itself, the same
  const one = await readSource(join(root, 'csv', 'ds_logs', 'job1', 'Train_Samples_train_loss.csv'));
  assert.deepEqual(Array.from(series(one.runs, 'train_loss').x.samples!), samples);
});

test('W&B-style JSONL of the same tags (samples as the step): samples; any other step stays a step', async () => {
  put('wb/ds.jsonl', samples.map((s) => JSON.stringify({ 'Train/Samples/train_loss': loss(s), _step: s })).join('\n') + '\n');
  const src = await readSource(join(root, 'wb', 'ds.jsonl'));
  assert.deepEqual(Array.from(series(src.runs, 'Train/Samples/train_loss').x.samples!), samples);
  put('plain/train.csv', 'step,train_loss\n' + samples.map((s) => `${s},${loss(s)}`).join('\n') + '\n');
  const plain = await readSource(join(root, 'plain', 'train.csv'));
  assert.deepEqual(Array.from(series(plain.runs, 'train_loss').x.step!), samples);
  assert.equal(series(plain.runs, 'train_loss').x.samples, undefined);
});

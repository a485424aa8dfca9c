// Megatron-LM's TensorBoard logs: "<key> vs samples" repeats "<key>" with consumed samples in the
// step field; read, it is the samples axis of "<key>", and "lm loss validation" is a validation loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tfeventsFormat } from '../../../src/ingest/formats/tfevents';
import { splitOf } from '../../../src/ingest/model/keys';
import { withVersusAxes } from '../../../src/ingest/model/versusAxes';
import { assembleSource } from '../../../src/ingest/model/assemble';
import { yKeysOf } from '../../../src/ingest/model/columns';
import { pickLrKey } from '../../../src/core/schedule/index';
import { eventFile, valueSimple, type EventSpec } from './binaryWriters';
import { decodeAll, series } from './helpers';

const GLOBAL_BATCH = 512;
const loss = (it: number) => 2 + 8 * it ** -0.3;

function megatronEvents(upTo: number): Uint8Array {
  const ev: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }];
  for (let it = 10; it <= upTo; it += 10) {
    const samples = it * GLOBAL_BATCH;
    ev.push({ step: it, values: [valueSimple('learning-rate', 3e-4), valueSimple('lm loss', loss(it))] });
    ev.push({ step: samples, values: [valueSimple('learning-rate vs samples', 3e-4), valueSimple('lm loss vs samples', loss(it))] });
    if (it % 50 === 0) {
      ev.push({ step: it, values: [valueSimple('lm loss validation', loss(it) + 0.05), valueSimple('lm loss validation ppl', Math.exp(loss(it) + 0.05))] });
      ev.push({ step: samples, values: [valueSimple('lm loss validation vs samples', loss(it) + 0.05)] });
    }
  }
  return eventFile(ev);
}

test('"<key> vs samples" is the samples axis of "<key>"; "lm loss validation" is a validation loss and leads', () => {
  const decoded = decodeAll(tfeventsFormat, 'runs/gpt/events.out.tfevents.1.host', megatronEvents(300)).runs();
  const src = assembleSource([{ path: 'e', format: 'tfevents', placement: { groupId: 'g', origin: 'runs/gpt', runName: 'gpt' }, runs: decoded, warnings: [] }]);
  const keys = src.runs[0].series.map((s) => s.key).sort();
  assert.deepEqual(keys, ['learning-rate', 'lm loss', 'lm loss validation', 'lm loss validation ppl']);
  const train = series(src.runs, 'lm loss');
  assert.deepEqual(Array.from(train.x.samples!), Array.from(train.x.step!, (it) => it * GLOBAL_BATCH));
  const val = series(src.runs, 'lm loss validation');
  assert.equal(val.split, 'val');
  assert.deepEqual(Array.from(val.x.samples!), [50, 100, 150, 200, 250, 300].map((it) => it * GLOBAL_BATCH));
  assert.equal(yKeysOf(src)[0], 'lm loss validation');
  assert.equal(pickLrKey(keys), 'learning-rate');
});

test('a "vs samples" series with no twin (or other values) is a curve against samples, not steps', () => {
  const run = {
    name: 'r',
    origin: 'r',
    format: 'tfevents' as const,
    series: [
      { key: 'lm loss', split: 'train' as const, x: { step: Float64Array.of(10, 20) }, y: Float64Array.of(3, 2.9) },
      { key: 'lm loss vs samples', split: 'train' as const, x: { step: Float64Array.of(5120, 10240) }, y: Float64Array.of(3.5, 2.9) },
      { key: 'grad-norm vs samples', split: 'other' as const, x: { step: Float64Array.of(5120) }, y: Float64Array.of(1) },
    ],
  };
  const out = withVersusAxes(run);
  assert.deepEqual(out.series.map((s) => [s.key, Object.keys(s.x).join()]), [['lm loss', 'step'], ['lm loss vs samples', 'samples'], ['grad-norm vs samples', 'samples']]);
  // a live read that caught one twin a point ahead still pairs them
  const ahead = { ...run, series: [{ ...run.series[0], x: { step: Float64Array.of(10, 20, 30) }, y: Float64Array.of(3, 2.9, 2.8) }, { ...run.series[1], y: Float64Array.of(3, 2.9) }] };
  assert.deepEqual(Array.from(withVersusAxes(ahead).series[0].x.samples!), [5120, 10240, NaN]);
});

test('split words after the key: "loss_val", "lm loss validation ppl" are validation; "std_dev", "interval" are not', () => {
  assert.equal(splitOf('loss_val'), 'val');
  assert.equal(splitOf('lm loss validation ppl'), 'val');
  assert.equal(splitOf('accuracy_test'), 'test');
  assert.equal(splitOf('loss_std_dev'), 'train');
  assert.equal(splitOf('interval_loss'), 'train');
  assert.equal(splitOf('val_loss'), 'val');
});

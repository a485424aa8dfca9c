// The panel on curves whose y is no loss in nats: a perplexity's headline (and the Predict
// notification) also says the loss it means; an accuracy or BLEU that rises gets a notice saying
// what to choose instead, and no chart of a flat "the loss has risen" fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { describePrediction } from '../../../src/extension/model/predictionText';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';

const tokens = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 1e8);
const lossAt = (t: number): number => 2 + 30 * Math.pow(t, -0.2);

function sourceOf(key: string, y: (t: number) => number): SourceData {
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key, split: 'val', x: { tokens }, y: Float64Array.from(tokens, y) }] }] };
}

async function panelOf(key: string, y: (t: number) => number) {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 20 })));
  session.setSource(sourceOf(key, y));
  await session.refit();
  return session.panelData();
}

test('a perplexity\'s headline says the loss it means, and the loss curve\'s headline agrees with it', async () => {
  const ppl = await panelOf('val_ppl', (t) => Math.exp(lossAt(t)));
  const loss = await panelOf('val_loss', lossAt);
  const p = ppl.prediction!;
  assert.match(p.meaning ?? '', /^a loss of ln [\d.]+ = [\d.]+ nats \([\d.]+–[\d.]+\)$/);
  const nats = Number(/= ([\d.]+) nats/.exec(p.meaning!)![1]);
  assert.ok(Math.abs(nats / loss.prediction!.y - 1) < 0.01, `${nats} vs ${loss.prediction!.y}`);
  assert.equal(loss.prediction!.meaning, undefined);
  assert.match(describePrediction(p, 'val_ppl'), /^val_ppl at 10x \([^)]+\): [\d.]+ \(95% interval [\d.]+–[\d.]+\), a loss of ln [\d.]+ = [\d.]+ nats \([\d.]+–[\d.]+\), by /);
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: ppl }));
});

test('bits per byte: the loss in nats is bits × ln 2', async () => {
  const bpb = await panelOf('val_bpb', (t) => lossAt(t) / Math.LN2);
  assert.match(bpb.prediction?.meaning ?? '', /^a loss of [\d.]+ × ln 2 = [\d.]+ nats/);
});

test('an accuracy or BLEU that rises: a notice that names what to do, and no chart', async () => {
  const acc = await panelOf('val_accuracy', (t) => 1 - lossAt(t) / 10);
  assert.equal(acc.chart, undefined);
  assert.match(acc.notice?.text ?? '', /val_accuracy rises with training, and the scaling laws here fit a metric that falls toward a floor\. Choose the run's loss or error as y above the chart, or fit its error, 1 − val_accuracy, with the CLI, which reads the accuracy back from it: scaling-lens predict "\/run\.csv" --y "val_accuracy" --at 10x\.$/);
  const bleu = await panelOf('bleu', (t) => 40 - lossAt(t));
  assert.equal(bleu.chart, undefined);
  assert.match(bleu.notice?.text ?? '', /bleu rises with training; .*choose it as y above the chart/);
  // an error falls: fitted as it is
  const err = await panelOf('val_err', (t) => lossAt(t) / 10);
  assert.ok(err.chart && err.prediction);
});

test('the status line of an accuracy that rises gives its latest value and no forecast of a fall, nor an "↑ since" of a loss', async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2', 'flat'])));
  session.setSource(sourceOf('val_accuracy', (t) => 1 - lossAt(t) / 10));
  await session.refit();
  assert.match(session.statusLine() ?? '', /^val_accuracy 0\.\d+ at 4B tokens \(it rises: no law of a fall fits it\)$/);
});

test('a segmentation mIoU or timm\'s top1 that rises gets the notice too (both were read as losses and fitted)', async () => {
  const miou = await panelOf('val/mIoU', (t) => 0.8 - lossAt(t) / 10);
  assert.equal(miou.chart, undefined);
  assert.match(miou.notice?.text ?? '', /val\/mIoU rises with training; /);
  const top1 = await panelOf('top1', (t) => 100 - 10 * lossAt(t));
  assert.equal(top1.chart, undefined);
  assert.match(top1.notice?.text ?? '', /fit its error, 100 − top1, with the CLI/);
});

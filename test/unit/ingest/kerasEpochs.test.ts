// Keras counts epochs from 0; where the writer is known to be Keras (CSVLogger, the TensorBoard
// callback's epoch_ tags) x is the number of epochs completed, so the first epoch's result is
// fitted and named so. Lightning's, HF's and a generic table's epoch columns are read as written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { sourceCurves } from '../../../src/cli/sourceCurves';
import { LensSession } from '../../../src/extension/session';
import { validatePanelData } from '../../../src/shared/validate';
import { fixturePath, series } from './helpers';
import { testDeps, testSettings } from '../extension/sessionFixture';

const dir = mkdtempSync(join(tmpdir(), 'sl-keras-epochs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('Keras CSVLogger: epoch 0 is 1 epoch completed; every row is a fit point, the axis named "epochs completed"', async () => {
  const s = await readSource(fixturePath('keras_log.csv'));
  assert.equal(s.format, 'keras');
  const val = series(s.runs, 'val_loss');
  assert.deepEqual(Array.from(val.x.epoch!), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(val.xLabels?.epoch, 'epochs completed');
  const c = await sourceCurves({ path: fixturePath('keras_log.csv'), yCol: 'val_loss', groupCols: [] });
  assert.equal(c.xKind, 'epoch');
  assert.match(c.description!, /^val_loss vs epochs completed \(keras, 1 run\)$/);
  assert.equal(c.curves[0]!.points.length, 12, 'the first epoch (written as epoch 0) is a point');
  assert.equal(c.curves[0]!.points[0]!.x, 1);
});

test('the panel names a Keras epoch axis "epochs completed", any other "epoch"', () => {
  const session = new LensSession('/k.csv', 'k.csv', testDeps(testSettings(['m1'])));
  const epoch = Float64Array.from({ length: 8 }, (_, i) => i + 1);
  const y = Float64Array.from(epoch, (e) => 1 + e ** -0.5);
  session.setSource({ format: 'keras', warnings: [], runs: [{ name: 'k', origin: '/k.csv', format: 'keras', series: [{ key: 'val_loss', split: 'val', x: { epoch }, y, xLabels: { epoch: 'epochs completed' } }] }] });
  assert.equal(session.xLabel(), 'epochs completed');
  // the x dropdown too, through the protocol's check
  const data = validatePanelData(session.panelData(), 'data');
  assert.deepEqual(data.columns?.xLabels, { epoch: 'epochs completed' });
  assert.throws(() => validatePanelData({ ...data, columns: { ...data.columns!, xLabels: { bogus: 'x' } } }, 'data'), /an x kind/);
  session.setSource({ format: 'csv', warnings: [], runs: [{ name: 'c', origin: '/c.csv', format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { epoch }, y }] }] });
  assert.equal(session.xLabel(), 'epoch');
  assert.equal(session.panelData().columns?.xLabels, undefined);
});

test('Lightning metrics.csv and HF trainer_state.json keep their epoch values, unlabelled', async () => {
  const pl = await readSource(fixturePath('metrics.csv'));
  assert.equal(pl.format, 'lightning');
  const val = series(pl.runs, 'val_loss');
  assert.deepEqual(Array.from(val.x.epoch!), [0, 1]);
  assert.equal(val.xLabels, undefined);
  const hf = await readSource(fixturePath('trainer_state.json'));
  // HF's fractional epoch already counts epochs completed: the first log, at step 10, is epoch 0.25
  const loss = series(hf.runs, 'loss');
  assert.equal(loss.x.epoch![0], 0.25);
  assert.equal(loss.xLabels, undefined);
});

test("a table of Keras's shape whose epochs start at 1 (another loop's log) is read as written", async () => {
  writeFileSync(join(dir, 'own_loop.csv'), 'epoch,loss,val_loss\n1,2.0,2.1\n2,1.5,1.7\n3,1.2,1.5\n4,1.1,1.4\n');
  const s = await readSource(join(dir, 'own_loop.csv'));
  assert.equal(s.format, 'keras');
  const val = series(s.runs, 'val_loss');
  assert.deepEqual(Array.from(val.x.epoch!), [1, 2, 3, 4]);
  assert.equal(val.xLabels, undefined);
});

test('a generic CSV whose epoch column is not Keras-shaped is read as written (it may count from 1)', async () => {
  // not Keras: `epoch` is not the first column, or no loss/val_ column beside it
  writeFileSync(join(dir, 'loop.csv'), 'loss,epoch\n2.0,1\n1.5,2\n1.2,3\n1.1,4\n');
  writeFileSync(join(dir, 'scores.csv'), 'epoch,train_err\n0,0.5\n1,0.4\n2,0.35\n3,0.3\n');
  for (const f of ['loop.csv', 'scores.csv']) {
    const s = await readSource(join(dir, f));
    assert.equal(s.format, 'csv', f);
    const k = s.runs[0]!.series[0]!;
    assert.deepEqual(Array.from(k.x.epoch!), f === 'loop.csv' ? [1, 2, 3, 4] : [0, 1, 2, 3], f);
    assert.equal(k.xLabels, undefined, f);
  }
});

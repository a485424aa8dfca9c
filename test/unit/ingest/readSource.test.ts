// readSource on files and on the folder layouts users have: Lightning version dirs, an HF output
// dir with several checkpoints, MLflow runs, mixed folders; plus clear errors for bad paths.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { fixtureBytes, fixturePath, fixtureText, series } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-read-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, content: string | Uint8Array): string {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

test('a single file: detected format, run named after the file', async () => {
  const s = await readSource(fixturePath('keras_log.csv'));
  assert.equal(s.format, 'keras');
  assert.equal(s.runs.length, 1);
  assert.equal(s.runs[0].name, 'keras_log');
  assert.deepEqual(s.warnings, []);
});

test('--format overrides detection', async () => {
  const s = await readSource(fixturePath('metrics.csv'), { format: 'csv' });
  assert.equal(s.format, 'csv');
  assert.equal(series(s.runs, 'val_loss').y.length, 2);
});

test('Lightning save_dir: one run per version_N', async () => {
  put('pl/lightning_logs/version_0/metrics.csv', fixtureBytes('metrics.before_header_growth.csv'));
  put('pl/lightning_logs/version_0/hparams.yaml', fixtureBytes('hparams.yaml'));
  put('pl/lightning_logs/version_1/metrics.csv', fixtureBytes('metrics.csv'));
  const s = await readSource(join(root, 'pl'));
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['lightning_logs/version_0', 'lightning_logs/version_1']);
  const v1 = s.runs.find((r) => r.name.endsWith('version_1'))!;
  assert.deepEqual(Array.from(series([v1], 'val_loss').y), [3.7007339000701904, 3.3368074893951416]);
});

test('HF output_dir: only the newest checkpoint-* trainer_state.json is read', async () => {
  const doc = JSON.parse(fixtureText('trainer_state.json')) as { log_history: unknown[] };
  const older = { ...doc, log_history: doc.log_history.slice(0, 3) };
  put('hf/out/checkpoint-30/trainer_state.json', JSON.stringify(older));
  put('hf/out/checkpoint-60/trainer_state.json', fixtureBytes('trainer_state.json'));
  put('hf/out/config.json', '{"model_type": "gpt2"}');
  const s = await readSource(join(root, 'hf'));
  assert.equal(s.format, 'hf-trainer-state');
  assert.equal(s.runs.length, 1);
  assert.equal(s.runs[0].name, 'out');
  assert.equal(series(s.runs, 'loss').y.length, 6);
  assert.equal(series(s.runs, 'eval_loss').y.length, 2);
});

test('mlruns: one run per run dir, one series per metric file, / keys from subfolders', async () => {
  put('ml/mlruns/0/run1/meta.yaml', 'artifact_uri: x\nrun_name: brave-fox\nrun_id: run1\n');
  put('ml/mlruns/0/run1/metrics/train/loss', fixtureBytes('mlruns_metric_loss'));
  put('ml/mlruns/0/run1/metrics/val_loss', '1718000009078 4.5 0\n1718000019225 3.5 100\n');
  put('ml/mlruns/0/run1/params/lr', '0.001');
  put('ml/mlruns/0/run2/metrics/loss', '1718000009078 2.5 0\n');
  const s = await readSource(join(root, 'ml'));
  assert.equal(s.format, 'mlflow');
  const names = s.runs.map((r) => r.name).sort();
  assert.deepEqual(names, ['brave-fox', 'run2']);
  const r1 = s.runs.find((r) => r.name === 'brave-fox')!;
  assert.deepEqual(r1.series.map((x) => x.key).sort(), ['train/loss', 'val_loss']);
  assert.equal(series([r1], 'train/loss').y.length, 15);
  assert.equal(series([r1], 'val_loss').split, 'val');
});

test('a folder of mixed logs: each recognised file is a run; junk is skipped', async () => {
  copyFileSync(fixturePath('nanogpt_train.log'), put('mixed/nanogpt/train.log', ''));
  copyFileSync(fixturePath('detectron2_metrics.json'), put('mixed/det/metrics.json', ''));
  put('mixed/notes.md', '# nothing');
  put('mixed/weights.pt', new Uint8Array([0, 1, 2, 3]));
  const s = await readSource(join(root, 'mixed'));
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['det', 'nanogpt']);
});

test('an empty folder warns; a missing path is a clear error', async () => {
  mkdirSync(join(root, 'empty'));
  const s = await readSource(join(root, 'empty'));
  assert.equal(s.runs.length, 0);
  assert.match(s.warnings[0].message, /no recognised training log/);
  await assert.rejects(readSource(join(root, 'nope.csv')), /no such file or folder/);
  await assert.rejects(readSource(fixturePath('keras_log.csv'), { format: 'bogus' as never }), /unknown format "bogus"/);
});

test('an unrecognisable file gives a warning, not a throw', async () => {
  const p = put('bin.dat', new Uint8Array([0, 0, 0, 1, 2, 3]));
  const s = await readSource(p);
  assert.equal(s.runs.length, 0);
  assert.match(s.warnings[0].message, /unknown format/);
  // bytes that are no text are said to be none of the binary logs read; --format would not help them
  assert.match(s.warnings[0].message, /^unknown format: not text \(a NUL byte .*\), and no binary log Scaling Lens reads \(TensorBoard events, W&B \.wandb, MLflow \.db\)$/);
});

test('TensorBoard run dir with train/ and validation/ sub-folders: one run, series kept apart by folder', async () => {
  const ev = 'events.out.tfevents.1718000000.myhost.12345.0';
  put(`tb/logs/train/${ev}`, fixtureBytes(ev));
  put(`tb/logs/validation/${ev}`, fixtureBytes(ev));
  const s = await readSource(join(root, 'tb'));
  assert.equal(s.format, 'tfevents');
  assert.deepEqual(s.runs.map((r) => r.name), ['logs']);
  const keys = s.runs[0].series.map((x) => x.key);
  assert.ok(keys.length > 0 && keys.length % 2 === 0, keys.join());
  const train = keys.filter((k) => k.startsWith('train/'));
  const val = keys.filter((k) => k.startsWith('validation/'));
  assert.equal(train.length, val.length);
  assert.ok(s.runs[0].series.filter((x) => x.key.startsWith('validation/')).every((x) => x.split === 'val'));
  assert.ok(s.runs[0].series.filter((x) => x.key.startsWith('train/')).every((x) => x.split === 'train'));
});

test('W&B run dir: the .wandb file is one run named after its folder', async () => {
  put('wb/wandb/run-20240610_120000-abc123xy/run-abc123xy.wandb', fixtureBytes('run-abc123xy.wandb'));
  put('wb/wandb/run-20240610_120000-abc123xy/files/config.yaml', 'a: 1\n');
  const s = await readSource(join(root, 'wb'));
  assert.equal(s.format, 'wandb');
  assert.equal(s.runs.length, 1);
  assert.equal(s.runs[0].name, 'wandb/run-20240610_120000-abc123xy');
  assert.ok(s.runs[0].series.length > 0);
});

test('a Lightning version folder with both metrics.csv and event files (CSVLogger + TensorBoardLogger) is one run, read from the CSV', async () => {
  const { eventFile, valueSimple } = await import('./binaryWriters');
  const root = mkdtempSync(join(tmpdir(), 'sl-lightning-twin-'));
  try {
    for (const v of ['version_0', 'version_1']) {
      const dir = join(root, 'lightning_logs', v);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'metrics.csv'), 'epoch,step,train_loss,val_loss\n0,9,3.1,\n0,9,,3.3\n1,19,2.9,\n1,19,,3.0\n');
      writeFileSync(join(dir, 'events.out.tfevents.1718000000.host.1.0'), eventFile([9, 19].map((step) => ({ step, values: [valueSimple('train_loss', 3), valueSimple('val_loss', 3.2)] }))));
      writeFileSync(join(dir, 'hparams.yaml'), 'lr: 0.001\n');
    }
    // event files alone in another version folder stay a run
    const tbOnly = join(root, 'lightning_logs', 'version_2');
    mkdirSync(tbOnly, { recursive: true });
    writeFileSync(join(tbOnly, 'events.out.tfevents.1718000000.host.2.0'), eventFile([{ step: 9, values: [valueSimple('train_loss', 3)] }]));
    const src = await readSource(root);
    assert.deepEqual(src.runs.map((r) => `${r.name} ${r.format}`).sort(), ['lightning_logs/version_0 lightning', 'lightning_logs/version_1 lightning', 'lightning_logs/version_2 tfevents']);
    assert.equal(src.runs.find((r) => r.name.endsWith('version_0'))?.meta?.lr, 0.001);
    const notes = src.warnings.filter((w) => /logged twice/.test(w.message));
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /^2 Lightning run folders hold both metrics\.csv and TensorBoard event files/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// A folder holding a JSON array of metric records (json.dump(trainer.state.log_history),
// df.to_json(orient="records")) lists it as a run, as opening the file alone reads it; the configs,
// tokenizers and datasets in .json beside it stay out, told apart by their first bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { scratchTree, series } from './helpers';
import { looksLikeMetricRecords } from '../../../src/ingest/text/metricRecordsHead';

const { root, put } = scratchTree('sl-jsonrec-folder-');

const history = Array.from({ length: 20 }, (_, i) => ({ loss: 4 - i / 10, grad_norm: 1.5, learning_rate: 1e-4, epoch: i / 10, step: 10 * i }));
const frame = Array.from({ length: 30 }, (_, i) => ({ step: i, loss: 3 - i / 50, val_loss: 3.1 - i / 50 }));

function project(dir: string): void {
  put(`${dir}/runA/history.json`, JSON.stringify(history, null, 2));
  put(`${dir}/runB/metrics_df.json`, JSON.stringify(frame));
  put(`${dir}/runA/config.json`, JSON.stringify({ model_type: 'gpt2', n_layer: 4, n_embd: 256, learning_rate: 1e-4 }, null, 2));
  put(`${dir}/runA/tokenizer_config.json`, JSON.stringify({ tokenizer_class: 'GPT2Tokenizer', model_max_length: 1024 }));
  put(`${dir}/package.json`, JSON.stringify({ name: 'train', version: '1.0.0' }));
  put(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { strict: true } }));
  // an array of records that is a dataset: no step, epoch or loss-like number
  put(`${dir}/data/train.json`, JSON.stringify([{ text: 'hello', label: 1 }, { text: 'world', label: 0 }]));
  put(`${dir}/data/labels.json`, JSON.stringify(['cat', 'dog']));
  // a hyperparameter grid: an x-like key (epochs) but no metric
  put(`${dir}/grid.json`, JSON.stringify([{ lr: 1e-3, epochs: 10, batch_size: 32 }, { lr: 3e-4, epochs: 20, batch_size: 64 }]));
  // grids whose keys carry a split word or a loss word without being a metric
  put(`${dir}/sweep_grid.json`, JSON.stringify([{ eval_steps: 500, test_size: 0.2, train_samples: 1000, valid_ratio: 0.1, gradient_accumulation_steps: 4, loss_scale: 1024 }]));
}

test('a folder lists each JSON array of metric records as a run, and no config or dataset', async () => {
  project('proj');
  const s = await readSource(join(root, 'proj'));
  assert.equal(s.format, 'json-records');
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['runA/history', 'runB/metrics_df']);
  const a = s.runs.findIndex((r) => r.name === 'runA/history');
  assert.deepEqual(Array.from(series(s.runs, 'loss', a).y), history.map((r) => r.loss));
  const b = s.runs.findIndex((r) => r.name === 'runB/metrics_df');
  assert.equal(series(s.runs, 'val_loss', b).y.length, frame.length);
});

test('a forced format does not read the configs beside the logs either', async () => {
  project('forced');
  const s = await readSource(join(root, 'forced'), { format: 'json-records' });
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['runA/history', 'runB/metrics_df']);
});

test('thousands of config or annotation .json files do not use up the folder walk before the logs', async () => {
  // more than the walk's 5000-file cap, sorted before the log
  for (let i = 0; i < 5001; i++) put(`big/annotations/${String(i).padStart(5, '0')}.json`, `{"image_id":${i}}`);
  put('big/logs/history.json', JSON.stringify(history));
  const s = await readSource(join(root, 'big'));
  assert.deepEqual(s.runs.map((r) => r.name), ['logs/history']);
  assert.ok(!s.warnings.some((w) => /more than 5000 files/.test(w.message)), s.warnings.map((w) => w.message).join('\n'));
});

test('a list of records is a log by a metric among its keys: a loss, an accuracy, an error, a perplexity', () => {
  const head = (records: unknown) => new TextEncoder().encode(JSON.stringify(records));
  for (const key of ['loss', 'val_loss', 'train/loss', 'eval_accuracy', 'top1_acc', 'top5_err', 'val_ppl', 'bpb']) assert.ok(looksLikeMetricRecords(head([{ step: 1, [key]: 2.5 }])), key);
  for (const key of ['eval_steps', 'test_size', 'train_samples', 'valid_ratio', 'gradient_accumulation_steps', 'loss_scale', 'accumulate', 'errata']) assert.ok(!looksLikeMetricRecords(head([{ step: 1, [key]: 2.5 }])), key);
});

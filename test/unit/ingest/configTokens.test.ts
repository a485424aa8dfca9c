// A tokens axis from a run's config: a log that counts samples or steps gains one when the config
// states the sequence length (with samples) or fixes the tokens of a step; never from a per-device
// batch, nor from steps under a batch ramp.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { tokensPerStepOf, withConfigTokens } from '../../../src/ingest/model/configTokens';
import { finalLosses } from '../../../src/ingest/model/finalLosses';
import type { RunData } from '../../../src/ingest/model/model';
import { inspectText } from '../../../src/cli/commands/inspect';

const root = mkdtempSync(join(tmpdir(), 'sl-config-tokens-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a stated count, a global batch × sequence length, or nanoGPT’s three keys fix tokens per step', () => {
  assert.deepEqual(tokensPerStepOf({ tokens_per_step: 524288 }), { value: 524288, from: 'tokens_per_step 524288' });
  // Megatron's args; OLMo's nested config
  assert.deepEqual(tokensPerStepOf({ global_batch_size: 256, seq_length: 2048, micro_batch_size: 4 }), { value: 524288, from: 'global_batch_size 256 × seq_length 2048' });
  assert.equal(tokensPerStepOf({ global_train_batch_size: 2048, 'model.max_sequence_length': 4096 })?.value, 2048 * 4096);
  // nanoGPT's config as W&B logs it: gradient_accumulation_steps is the global count
  assert.equal(tokensPerStepOf({ batch_size: 12, block_size: 1024, gradient_accumulation_steps: 40, max_iters: 600000 })?.value, 491520);
});

test('nothing from a per-device batch, a ramped batch, a missing factor or a look-alike total', () => {
  // HF TrainingArguments: per-device batch; the world size is not in them
  assert.equal(tokensPerStepOf({ 'args.per_device_train_batch_size': 8, 'args.gradient_accumulation_steps': 4, 'model_config.n_ctx': 1024 }), undefined);
  // another script's batch_size and block_size without nanoGPT's max_iters may be per device
  assert.equal(tokensPerStepOf({ batch_size: 12, block_size: 1024, gradient_accumulation_steps: 40 }), undefined);
  assert.equal(tokensPerStepOf({ global_batch_size: 256, seq_length: 2048, rampup_batch_size: '[32, 32, 1000000]' }), undefined);
  assert.equal(tokensPerStepOf({ global_batch_size: 256, seq_length: 2048, rampup_batch_size: 'None' })?.value, 524288);
  assert.equal(tokensPerStepOf({ global_batch_size: 256 }), undefined);
  assert.equal(tokensPerStepOf({ 'training.global_batch_size': -1, 'training.seq_len': 2048 }), undefined);
  assert.equal(tokensPerStepOf({ global_batch_size: 256.5, seq_len: 2048 }), undefined);
  assert.equal(tokensPerStepOf({ tokens_per_batch: 3e11 }), undefined);
  assert.equal(tokensPerStepOf(undefined), undefined);
});

test('a run gains tokens = step × count on series without a tokens axis; its own tokens are kept', () => {
  const run: RunData = {
    name: 'r',
    origin: 'r',
    format: 'csv',
    meta: { global_batch_size: 4, seq_len: 8 },
    series: [
      { key: 'loss', split: 'train', x: { step: Float64Array.of(1, 2, 3) }, y: Float64Array.of(3, 2, 1) },
      { key: 'val_loss', split: 'val', x: { step: Float64Array.of(2), tokens: Float64Array.of(100) }, y: Float64Array.of(2) },
    ],
  };
  const out = withConfigTokens(run);
  assert.deepEqual(Array.from(out.series[0].x.tokens!), [32, 64, 96]);
  assert.deepEqual(Array.from(out.series[1].x.tokens!), [100]);
  assert.deepEqual(out.meta, { global_batch_size: 4, seq_len: 8, tokens_per_step: 32, tokens_from: 'step × 32 (global_batch_size 4 × seq_len 8)' });
  assert.equal(withConfigTokens(out), out, 'idempotent');
  assert.equal(withConfigTokens({ ...run, meta: {} }).series[0].x.tokens, undefined);
});

test('with a samples axis (Megatron\'s consumed samples), tokens = samples × the sequence length, exact under a batch ramp', () => {
  // rampup: 64 sequences a step for 2 steps, then 128
  const samples = Float64Array.of(64, 128, 256, 384);
  const run: RunData = {
    name: 'r',
    origin: 'r',
    format: 'text',
    meta: { global_batch_size: 128, seq_length: 2048, rampup_batch_size: '[64, 64, 256]' },
    series: [
      { key: 'lm loss', split: 'train', x: { step: Float64Array.of(1, 2, 3, 4), samples }, y: Float64Array.of(4, 3.9, 3.8, 3.7) },
      { key: 'grad norm', split: 'other', x: { step: Float64Array.of(1, 2, 3, 4) }, y: Float64Array.of(1, 1, 1, 1) },
    ],
  };
  const out = withConfigTokens(run);
  assert.deepEqual(Array.from(out.series[0].x.tokens!), [64, 128, 256, 384].map((v) => v * 2048));
  assert.equal(out.series[1].x.tokens, undefined, 'steps under a ramp give no tokens');
  assert.equal(out.meta?.tokens_from, 'samples × 2048 (seq_length 2048)');
  assert.equal(out.meta?.tokens_per_step, undefined);
});

test('Lightning runs that log steps only, with a config stating batch, length and size, are a finished-run sweep', async () => {
  const law = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
  const perStep = 512 * 2048;
  let k = 0;
  for (const n of [70e6, 160e6, 410e6]) {
    for (const planned of [1000, 4000, 16000]) {
      const dir = join(root, 'sweep', `run_${k++}`);
      mkdirSync(dir, { recursive: true });
      const final = law(n, planned * perStep);
      const rows = ['step,train_loss'];
      for (let s = 50; s <= planned; s += 50) rows.push(`${s},${final + 0.6 * (1 - s / planned) ** 2}`);
      writeFileSync(join(dir, 'metrics.csv'), rows.join('\n') + '\n');
      writeFileSync(join(dir, 'hparams.yaml'), `model:\n  n_params: ${n}\ntrainer:\n  max_steps: ${planned}\ndata:\n  global_batch_size: 512\n  seq_len: 2048\n`);
    }
  }
  const source = await readSource(join(root, 'sweep'));
  const first = source.runs[0];
  assert.equal(first.meta?.tokens_per_step, perStep);
  assert.match(inspectText(source).answer, /\n {2}tokens axis: step × 1048576 \(data\.global_batch_size 512 × data\.seq_len 2048\)\n/);
  assert.equal(first.meta?.tokens_from, 'step × 1048576 (data.global_batch_size 512 × data.seq_len 2048)');
  const { runs, skipped } = finalLosses(source);
  assert.deepEqual(skipped, []);
  const rows = runs[0].series[0];
  assert.equal(rows.y.length, 9);
  for (let i = 0; i < rows.y.length; i++) {
    const truth = law(rows.x.params![i], rows.x.tokens![i]);
    assert.ok(Math.abs(rows.y[i] - truth) / truth < 0.003, `row ${i}: ${rows.y[i]} vs ${truth}`);
  }
});

test('a single metrics.csv opened by itself gains tokens from the hparams.yaml beside it', async () => {
  const dir = join(root, 'single');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'metrics.csv'), 'step,train_loss\n10,3\n20,2.5\n');
  writeFileSync(join(dir, 'hparams.yaml'), 'tokens_per_step: 1000\n');
  const src = await readSource(join(dir, 'metrics.csv'));
  assert.deepEqual(Array.from(src.runs[0].series[0].x.tokens!), [10000, 20000]);
});

test('nanoGPT\'s echoed config gives tokens per step from "gradient_accumulation_steps = 5 * 8" evaluated', async () => {
  const file = join(root, 'nanogpt_config.log');
  const config = ['Overriding config with config/train_gpt2.py:', '# 12 batch size * 1024 block size * 5 gradaccum * 8 GPUs = 491,520', 'batch_size = 12', 'block_size = 1024', 'gradient_accumulation_steps = 5 * 8', '', 'max_iters = 600000', 'weight_decay = 1e-1'];
  writeFileSync(file, [...config, 'iter 0: loss 10.9863, time 28000.00ms, mfu -100.00%', 'iter 10: loss 9.5, time 330.00ms, mfu 30.00%', ''].join('\n'));
  const run = (await readSource(file)).runs[0];
  assert.equal(run.meta?.gradient_accumulation_steps, 40);
  assert.equal(run.meta?.tokens_per_step, 491520);
  assert.deepEqual(Array.from(run.series.find((s) => s.key === 'loss')!.x.tokens!), [0, 4915200]);
});

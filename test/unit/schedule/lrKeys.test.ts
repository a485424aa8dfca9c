// The LR and loss keys found by name across the formats users log, and in real fixture logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pickLossKey, pickLrKey } from '../../../src/core/schedule/index';
import { loadScheduleRuns } from '../../../src/ingest/scheduleRuns';

test('LR keys of Lightning, HF, TensorBoard, Keras, nanoGPT/torchtitan, W&B, Megatron, Composer; none when not logged', () => {
  assert.equal(pickLrKey(['train_loss_step', 'lr-AdamW', 'epoch']), 'lr-AdamW');
  assert.equal(pickLrKey(['loss', 'learning_rate', 'grad_norm']), 'learning_rate');
  assert.equal(pickLrKey(['train/loss', 'train/lr']), 'train/lr');
  assert.equal(pickLrKey(['iter', 'loss', 'lr', 'mfu']), 'lr');
  assert.equal(pickLrKey(['Loss', 'LR']), 'LR');
  assert.equal(pickLrKey(['optim/pg0_lr', 'loss']), 'optim/pg0_lr');
  assert.equal(pickLrKey(['loss', 'val_loss', 'accuracy']), undefined);
  // Megatron's prose names; Composer's metrics under the split's name
  assert.equal(pickLrKey(['global batch size', 'learning rate', 'lm loss', 'loss scale']), 'learning rate');
  assert.equal(pickLossKey(['learning rate', 'loss scale', 'lm loss']), 'lm loss');
  assert.equal(pickLrKey(['Train memory/peak_allocated_mem', 'Train loss/train/total', 'Train lr-DecoupledAdamW/group0']), 'Train lr-DecoupledAdamW/group0');
  assert.equal(pickLrKey(['Train loss/train/total', 'Train memory/lr_free']), undefined);
  assert.equal(pickLossKey(['val_loss', 'train_loss_step', 'lr-Adam'], (k) => k.startsWith('train')), 'train_loss_step');
  assert.equal(pickLossKey(['val/loss', 'train/loss']), 'train/loss');
});

test('real logs: HF trainer_state learning_rate, W&B-style JSONL lr, loss beside it', async () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'logformats');
  const [hf] = await loadScheduleRuns(join(dir, 'trainer_state.json'));
  assert.equal(hf.lrKey, 'learning_rate');
  assert.equal(hf.lossKey, 'loss');
  assert.ok(hf.lr && hf.lr.steps.length >= 2);
  const [jl] = await loadScheduleRuns(join(dir, 'wandb-history.jsonl'));
  assert.equal(jl.lrKey, 'lr');
  assert.equal(jl.lossKey, 'train/loss');
  const [csv] = await loadScheduleRuns(join(__dirname, '..', '..', '..', 'data', 'lr-schedules', '25M', 'wsdcon_9.csv'));
  assert.equal(csv.lrKey, 'lr');
  assert.equal(csv.steps.length, 95);
  assert.equal(csv.steps.at(-1), 14144);
});

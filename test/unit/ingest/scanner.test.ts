// The key/number scanner on prose log lines (log-formats.md §7) and its line cleaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanKeyNumbers } from '../../../src/ingest/text/keyNumberScanner';
import { readNumber } from '../../../src/ingest/text/readNumber';
import { cleanLogLine, stripAnsi } from '../../../src/ingest/text/cleanLogLine';

function scan(line: string): Record<string, number> {
  const keys: string[] = [];
  const values: number[] = [];
  scanKeyNumbers(cleanLogLine(line), keys, values);
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
}

test('nanoGPT eval and iter lines', () => {
  assert.deepEqual(scan('step 0: train loss 10.9772, val loss 11.0328'), { step: 0, 'train loss': 10.9772, 'val loss': 11.0328 });
  assert.deepEqual(scan('iter 10: loss 3.7736, time 33.70ms, mfu 2.18%'), { iter: 10, loss: 3.7736, time: 33.7, mfu: 2.18 });
  assert.deepEqual(scan('iter 0: loss 10.9863, time 28000.00ms, mfu -100.00%'), { iter: 0, loss: 10.9863, time: 28000, mfu: -100 });
  assert.deepEqual(scan('tokens per iteration will be: 16,384'), { 'tokens per iteration will be': 16384 });
});

test('a number after a letter and "-" ends a name (nanotron\'s host "lm-ws-1"), a sign after a separator stays', () => {
  assert.deepEqual(scan('[INFO|DP=0|PP=0|TP=0|lm-ws-1]: iteration: 100 / 10000 | lm_loss: 3.45'), { DP: 0, PP: 0, TP: 0, iteration: 100, iteration_total: 10000, lm_loss: 3.45 });
  assert.deepEqual(scan('gpu-3 | loss: -1.5 delta=-2'), { loss: -1.5, delta: -2 });
});

test('torchtitan line: logging prefix, truecolour ANSI, GiB(…%) aside, thousands', () => {
  const line = '[titan] 2025-06-10 12:00:07,614 - root - INFO - \x1b[31mstep:  1  \x1b[32mloss:  5.84899  \x1b[38;2;180;60;0mgrad_norm:  3.9886  \x1b[38;2;54;234;195mmemory: 61.94GiB(78.00%)  \x1b[34mtps: 6,854  \x1b[36mtflops: 397.80  \x1b[35mmfu: 40.70%\x1b[39m';
  assert.deepEqual(scan(line), { step: 1, loss: 5.84899, grad_norm: 3.9886, memory: 61.94, tps: 6854, tflops: 397.8, mfu: 40.7 });
});

test('Megatron line: a/ b totals, E-notation, pipe separators', () => {
  assert.deepEqual(scan(' iteration      100/  500000 | consumed samples:        51200 | lm loss: 9.123456E+00 | loss scale: 1.0 |'), {
    iteration: 100,
    iteration_total: 500000,
    'consumed samples': 51200,
    'lm loss': 9.123456,
    'loss scale': 1,
  });
});

test('mmdet line: Epoch [56][1050/1759] gives an epoch and an in-epoch index', () => {
  assert.deepEqual(scan('Epoch [56][1050/1759]\tlr: 3.003e-04, eta: 1 day, loss: 0.4569'), { Epoch: 56, Epoch_iter: 1050, Epoch_iter_total: 1759, lr: 0.0003003, eta: 1, loss: 0.4569 });
});

test('Python dict repr and JSON lines scan like prose', () => {
  assert.deepEqual(scan("{'loss': 2.82, 'grad_norm': nan, 'learning_rate': 4.5e-05, 'epoch': 0.25, 'flag': True, 'name': 'run 5'}"), { loss: 2.82, grad_norm: NaN, learning_rate: 4.5e-5, epoch: 0.25 });
  assert.deepEqual(scan('{"train/loss": -Infinity, "_step": 3}'), { 'train/loss': -Infinity, _step: 3 });
});

test("numpy ≥ 2's scalar reprs and torch's 0-d tensors are the number inside, the value of the key before them", () => {
  assert.deepEqual(scan("{'step': 100, 'loss': np.float32(5.5252), 'lr': 3.0299999999999998e-05}"), { step: 100, loss: 5.5252, lr: 3.0299999999999998e-5 });
  assert.deepEqual(scan("{'loss': np.float64(nan), 'n': numpy.int64(-3), 'grad_norm': np.float32(1.5e-03)}"), { loss: NaN, n: -3, grad_norm: 0.0015 });
  assert.deepEqual(scan("step 10 loss tensor(2.3100, device='cuda:0', grad_fn=<NllLossBackward0>) lr 0.1"), { step: 10, loss: 2.31, lr: 0.1 });
  assert.deepEqual(scan("{'loss': tensor(2.31), 'lr': [np.float64(0.0003)]}"), { loss: 2.31, lr: 0.0003 });
  // no scalar inside, or no wrapper of a scalar: nothing read, as before
  assert.deepEqual(scan("{'x': tensor([1.5, 2.5]), 'y': mytensor(1.5), 'z': a.np.float32(1.5), 'w': tensor(1.5, (2)), 'loss': 2}"), { loss: 2 });
});

test('tqdm redraws: only the text after the last \\r counts; keyless numbers are dropped', () => {
  assert.deepEqual(scan('  0%|          | 0/120 [00:00<?, ?it/s]\r  8%|          | 10/120 [00:02<00:27,  4.01it/s]'), {});
  assert.deepEqual(scan('junk 12%|##| 3/9\rstep 5 loss 1.5'), { step: 5, loss: 1.5 });
});

test('nan/inf between words with no ":" or "=" before it is part of a key; after one, or before a separator, a value', () => {
  assert.deepEqual(scan(' number of skipped iterations:   0 | number of nan iterations:   0 |'), { 'number of skipped iterations': 0, 'number of nan iterations': 0 });
  assert.deepEqual(scan('step:  7  loss:  nan  memory: 61.94GiB'), { step: 7, loss: NaN, memory: 61.94 });
  assert.deepEqual(scan('iter 7: loss nan, time 33.70ms'), { iter: 7, loss: NaN, time: 33.7 });
  assert.deepEqual(scan('val_loss=-inf epoch=3'), { val_loss: -Infinity, epoch: 3 });
});

test('the name:lineno or rank:N of a logging prefix, before a level word, is not a value', () => {
  assert.deepEqual(scan('2024-02-01 12:00:00.000\tnode0\tolmo.train:1020\tINFO\t[step=100/739328]'), { step: 100, step_total: 739328 });
  assert.deepEqual(scan('[rank:0] WARNING grad_norm: 3.5'), { grad_norm: 3.5 });
  assert.deepEqual(scan('loss: 2.5 Info about it'), { loss: 2.5 }, 'a value followed by a word that is not a level stays');
});

test("everything before a logging prefix's level word is the prefix (OLMo's host:rank, then name:lineno): no values; a later level word takes nothing back", () => {
  assert.deepEqual(scan('2024-02-01 12:00:00.000\tnode0:0\tolmo.train:1020\tINFO\t[step=100/739328]'), { step: 100, step_total: 739328 });
  assert.deepEqual(scan('2024-02-01 11:59:00.000\tnode3:7\tolmo.train:500\tWARNING\tloss 3 grad 2'), { loss: 3, grad: 2 });
  assert.deepEqual(scan('2024-02-01 12:00:00.000\tnode0:0\tolmo.train:1020\tINFO\tstep 5 loss 2.3 rank:3  ERROR x 4'), { step: 5, loss: 2.3, x: 4 });
  // glued key:value pairs are values when no level word follows them
  assert.deepEqual(scan('loss:2.3 step:5 lr:1e-4'), { loss: 2.3, step: 5, lr: 1e-4 });
  assert.deepEqual(scan('node0:0 step:5 loss 2.3 Info'), { node0: 0, step: 5, loss: 2.3 });
});

test('a level word after a metric is a word of the message: it takes back nothing and the value before it stays; only a header of name:int fields ends at one', () => {
  assert.deepEqual(scan('step 5 loss 2.3 lr 1e-4 WARNING something'), { step: 5, loss: 2.3, lr: 1e-4 });
  assert.deepEqual(scan('loss=2.3 grad_norm=1.5 WARNING nan seen'), { loss: 2.3, grad_norm: 1.5 });
  assert.deepEqual(scan('step 5 loss 2 ERROR x 3'), { step: 5, loss: 2, x: 3 }, 'an integer read with a space is a metric too');
  assert.deepEqual(scan('[rank: 0] WARNING grad_norm: 3.5'), { rank: 0, grad_norm: 3.5 }, 'a space after the colon: printed as a metric is');
  // after a metric, a name:int field before a level word is still a logger's (not taken back, not a value)
  assert.deepEqual(scan('step:5 loss 2.3 rank:0 WARNING x 4'), { step: 5, loss: 2.3, x: 4 });
  // a header of name:int fields before its level word is taken back, however many
  assert.deepEqual(scan('node0:0 rank:3 olmo.train:1020 INFO loss 2.5'), { loss: 2.5 });
});

test("loguru's source location ('__main__:train:42 - ') is where the logger was called, not a value: the message starts after it", () => {
  assert.deepEqual(scan('2024-05-01 12:00:00.123 | INFO     | __main__:train:42 - step 5 loss 2.31 lr 3e-4'), { step: 5, loss: 2.31, lr: 3e-4 });
  assert.deepEqual(scan('2024-05-01 12:00:00.123 | DEBUG    | model.trainer:_log_metrics:118 - {\'loss\': 2.3, \'step\': 4}'), { loss: 2.3, step: 4 });
  assert.deepEqual(scan('2024-05-01 12:00:00.123 | SUCCESS  | __main__:main:99 - Training finished'), {});
  assert.deepEqual(scan('2024-05-01 12:00:00.123 | WARNING  | __main__:evaluate:7 - eval loss: 2.4'), { 'eval loss': 2.4 });
  assert.deepEqual(scan('\x1b[32m2024-05-01 12:00:00.123\x1b[0m | \x1b[1mINFO    \x1b[0m | \x1b[36m__main__\x1b[0m:\x1b[36mtrain\x1b[0m:\x1b[36m42\x1b[0m - \x1b[1mstep 6 loss 2.2\x1b[0m'), { step: 6, loss: 2.2 });
  // no function name between the ':'s, or no " - " after the number: a metric glued to its name
  assert.deepEqual(scan('epoch:3 - loss:2.3'), { epoch: 3, loss: 2.3 });
  assert.deepEqual(scan('a:b:3 loss 2'), { b: 3, loss: 2 });
});

test('a number after four or more words with no ":" or "=" before it is prose, not a metric; shorter keys, separated keys and keys that place a value stay', () => {
  assert.deepEqual(scan('Training with a single process on 1 device'), {});
  assert.deepEqual(scan('Metric val_loss improved by 0.110 >= min_delta = 0.0'), { 'Metric val_loss improved by': 0.11, min_delta: 0 }, 'no prose: an event, whose record recordRows drops');
  assert.deepEqual(scan('Total number of training steps 5000'), {}, 'a sentence that ends in an x word is still prose when it would be a metric');
  // a sentence that states a loss keeps it: the loss is the curve (a junk name beats a lost point)
  assert.deepEqual(scan('Epoch 3 finished with val loss 2.31'), { Epoch: 3, 'finished with val loss': 2.31 });
  assert.deepEqual(scan('After epoch 3 the val_loss is 2.31'), { 'After epoch': 3, 'the val_loss is': 2.31 });
  assert.deepEqual(scan('a lossless sentence of many words 5'), {});
  // not prose: up to three words bare, any number of words before ':' or '='
  assert.deepEqual(scan('step 100 | avg train loss 2.31 | tokens per sec 12345'), { step: 100, 'avg train loss': 2.31, 'tokens per sec': 12345 });
  assert.deepEqual(scan('tokens per iteration will be: 16,384'), { 'tokens per iteration will be': 16384 });
  assert.deepEqual(scan('  Number of trainable parameters = 124,439,808'), { 'Number of trainable parameters': 124439808 });
  assert.deepEqual(scan("{'number of nan iterations': 0, 'the number of skipped iterations':1}"), { 'number of nan iterations': 0, 'the number of skipped iterations': 1 });
  // not prose: a key recordRows reads as where a value was measured, or as an event
  assert.deepEqual(scan('Validation loss at step 500: 2.45'), { step: 500, 'Validation loss': 2.45 });
  assert.deepEqual(scan(' validation loss at iteration 500 | lm loss value: 4.5'), { 'validation loss at iteration': 500, 'lm loss value': 4.5 });
  assert.deepEqual(scan('successfully saved checkpoint at iteration 500'), { 'successfully saved checkpoint at iteration': 500 });
  assert.deepEqual(scan('Epoch 1: val_loss improved from inf to 1.10000'), { Epoch: 1, 'val_loss improved from inf to': 1.1 });
  // a label that is such a message names the key after it, which recordRows then drops with it
  assert.deepEqual(scan('Stopping threshold reached: val_loss = 0.01 < 0.02. Signaling Trainer to stop.'), { 'Stopping threshold reached val_loss': 0.01 });
  assert.deepEqual(scan('Best epoch: val_loss 0.6 acc 0.9'), { 'Best epoch val_loss': 0.6, 'Best epoch acc': 0.9 });
  assert.deepEqual(scan('Final results: ppl 22'), { ppl: 22 }, 'any other label (no split either) names nothing');
});

test("an integer between a sentence's words counts something it tells: it is one of them, and the key runs on past it", () => {
  assert.deepEqual(scan('mean loss over last 100 steps 2.3'), { 'mean loss over last 100 steps': 2.3 });
  assert.deepEqual(scan('average train loss over the last 50 iters 2.31 | step 500'), { 'average train loss over the last 50 iters': 2.31, step: 500 });
  assert.deepEqual(scan('Number of training examples over all GPUs 50000 with batch 32'), {}, 'one sentence, prose to its end');
  // thousands separators and all
  assert.deepEqual(scan('mean loss over last 1,000 steps 2.3'), { 'mean loss over last 1,000 steps': 2.3 });
  assert.deepEqual(scan('average loss over the last 1,000,000 tokens: 2.1 | step 5'), { 'average loss over the last 1,000,000 tokens': 2.1, step: 5 });
  assert.deepEqual(scan('Number of training examples over all GPUs 50,000 with batch 32'), {});
  assert.deepEqual(scan('mean loss over last 1,00 steps 2.3'), { 'mean loss over last': 1, steps: 2.3 }, 'no thousands group: the comma separates');
  // no counts: after a short name, a separator or a key that places a value; a fraction or a number with a unit; no word after it
  assert.deepEqual(scan('step 100 loss 2.3'), { step: 100, loss: 2.3 });
  assert.deepEqual(scan('train loss over 100 steps 2.3'), { 'train loss over': 100, steps: 2.3 });
  assert.deepEqual(scan('mean loss over the last: 100 steps 2.3'), { 'mean loss over the last': 100, steps: 2.3 });
  assert.deepEqual(scan('Saving checkpoint at step 2000 with loss 2.3'), { 'Saving checkpoint at step': 2000, 'with loss': 2.3 });
  assert.deepEqual(scan('Epoch 3 finished with val loss 2.31 and acc 0.5'), { Epoch: 3, 'finished with val loss': 2.31, 'and acc': 0.5 });
  assert.deepEqual(scan('mean loss over last 100ms steps 2.3'), { 'mean loss over last': 100, steps: 2.3 });
  assert.deepEqual(scan('mean loss over last 100, steps 2.3'), { 'mean loss over last': 100, steps: 2.3 });
  assert.deepEqual(scan('mean loss over last 1.5 steps 2.3'), { 'mean loss over last': 1.5, steps: 2.3 });
  // after a step or epoch word, the integer is its value: no count (the sentence stays prose)
  assert.deepEqual(scan('Training finished at the end of step 300 loss 2.3'), { loss: 2.3 });
});

test("Lightning's checkpoint message: the monitored metric (quoted or not) reached a value at this step; the best so far and the file are no values", () => {
  assert.deepEqual(scan("Epoch 3, global step 1200: 'val_loss' reached 2.34500 (best 2.34500), saving model to '/x/epoch=3-step=1200.ckpt' as top 1"), { Epoch: 3, 'global step': 1200, val_loss: 2.345 });
  assert.deepEqual(scan('Epoch 3, global step 1200: val/loss reached 2.34500 (best 2.30000), saving model to "/x/epoch=3_val_loss=2.35.ckpt" as top 2'), { Epoch: 3, 'global step': 1200, 'val/loss': 2.345 });
  assert.deepEqual(scan("Epoch 4, global step 1500: 'val_loss' was not in top 1"), { Epoch: 4, 'global step': 1500 });
  // without Lightning's "(best …)" after it, "reached" is one more word of the key
  assert.deepEqual(scan('patience reached 5'), { 'patience reached': 5 });
  assert.deepEqual(scan("step 3: 'val_loss' reached 2.5"), { step: 3 });
});

test('a humanised count is scaled by its one-letter magnitude (K, k, M, B, T); other units are not', () => {
  assert.deepEqual(scan('step 100 | tokens 999.9M | loss 3.2'), { step: 100, tokens: 999.9e6, loss: 3.2 });
  assert.deepEqual(scan('step 101 | tokens 1.0B | tps: 6.8k | flops 2.5T'), { step: 101, tokens: 1e9, tps: 6800, flops: 2.5e12 });
  assert.deepEqual(scan('number of parameters: 123.69M'), { 'number of parameters': 123.69e6 });
  assert.deepEqual(scan('eta 5m, time 33.70ms, mem 61.94GiB, mfu 40%'), { eta: 5, time: 33.7, mem: 61.94, mfu: 40 });
  assert.deepEqual(scan('[step=12K/740K]'), { step: 12e3, step_total: 740e3 });
});

test('numbers inside words and dates are not values', () => {
  assert.deepEqual(scan('model gpt2 fp16 layer3 2024-01-02'), {});
  assert.deepEqual(scan('lr=1e-3 wd=0.1'), { lr: 0.001, wd: 0.1 });
});

test('readNumber: forms accepted and rejected', () => {
  assert.deepEqual(readNumber('1,234,567 x', 0), { value: 1234567, end: 9 });
  assert.deepEqual(readNumber('1,23', 0), { value: 1, end: 1 });
  assert.deepEqual(readNumber('-.5e3', 0), { value: -500, end: 5 });
  assert.equal(readNumber('-x', 0), null);
  assert.equal(readNumber('.', 0), null);
  assert.ok(Number.isNaN(readNumber('nan,', 0)!.value));
  assert.equal(readNumber('-inf ', 0)!.value, -Infinity);
  assert.equal(readNumber('info', 0), null);
});

test('stripAnsi removes CSI, OSC and two-byte escapes and keeps text', () => {
  assert.equal(stripAnsi('a\x1b[1;31mb\x1b[0mc\x1b]0;title\x07d\x1b]8;;http://x\x1b\\e\x1bMf'), 'abcdef');
  assert.equal(stripAnsi('\x1b['), '');
});

test('a config assignment of integer arithmetic is its value (nanoGPT\'s "gradient_accumulation_steps = 5 * 8"), any other stays as read', () => {
  assert.deepEqual(scan('gradient_accumulation_steps = 5 * 8'), { gradient_accumulation_steps: 40 });
  assert.deepEqual(scan('batch_size = 8*1024 # tokens'), { batch_size: 8192 });
  assert.deepEqual(scan('total = 2**19'), { total: 524288 });
  assert.deepEqual(scan('n = 2 ** 3 ** 2'), { n: 512 });
  assert.deepEqual(scan('micro = 512 // 4 * 3'), { micro: 384 });
  // not integer arithmetic, or not all of the line: read number by number as before
  assert.deepEqual(scan('weight_decay = 1e-1'), { weight_decay: 0.1 });
  assert.deepEqual(scan('lr = 6 * 1e-4'), { lr: 6 });
  assert.deepEqual(scan('x = 1 // 0'), { x: 1 });
  assert.deepEqual(scan('step 5 loss = 2 * 3'), { step: 5, loss: 2 });
});

test('"(after 100 iterations)" says where what follows was measured (Megatron\'s memory report); "after" elsewhere stays a key', () => {
  assert.deepEqual(scan('[Rank 0] (after 100 iterations) memory (MB) | allocated: 1234.5 | max allocated: 2345.6'), { Rank: 0, iterations: 100, allocated: 1234.5, 'max allocated': 2345.6 });
  assert.deepEqual(scan('(after 3 epochs) acc 0.5'), { epochs: 3, acc: 0.5 });
  assert.deepEqual(scan('grad norm before 3.2 after 1.0'), { 'grad norm before': 3.2, after: 1 });
  assert.deepEqual(scan('(after 5 retries) x 1'), { after: 5, x: 1 });
  assert.deepEqual(scan('(after 2.5 steps) y 2'), { after: 2.5, y: 2 });
});

// The byte-level fast paths of the text and JSONL formats must decode exactly as their general
// (string) paths do: same series, points (NaN and -0 included), meta, warnings and consumed bytes —
// on the fixtures, on generated logs, on odd lines, and on mutated inputs fed in random chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decoder, Format } from '../../../src/ingest/model/decoder';
import { jsonlFormat, JsonlLineDecoder } from '../../../src/ingest/formats/jsonl';
import { TextLineDecoder, textFormat } from '../../../src/ingest/formats/text';
import { mutate } from './fuzzCore';
import { decodeChunked, fixtureBytes, plainRuns, prng } from './helpers';

const enc = new TextEncoder();

type General = new (origin: string) => Decoder;

function snapshot(d: Decoder): unknown {
  return { runs: plainRuns(d.runs()), warnings: d.warnings(), consumed: d.consumed };
}

/** Decodes `bytes` with the format's decoder (fast path) in random chunks and with the general
 *  path whole, and asserts both agree. Returns the fast path's snapshot. */
function agree(format: Format, General: General, bytes: Uint8Array, seed: number, what: string): unknown {
  const general = new General('run.log');
  general.push(bytes);
  general.end();
  const fast = decodeChunked(format, 'run.log', bytes, prng(seed), 1 + (seed % 4096));
  const got = snapshot(fast);
  assert.deepStrictEqual(got, snapshot(general), what);
  return got;
}

const agreeText = (bytes: Uint8Array, seed: number, what: string): unknown => agree(textFormat, TextLineDecoder, bytes, seed, what);
const agreeJsonl = (bytes: Uint8Array, seed: number, what: string): unknown => agree(jsonlFormat, JsonlLineDecoder, bytes, seed, what);

/** A float with up to 17 significant digits, or a short one, or an exponent form. */
function number(rand: () => number): string {
  const r = rand();
  if (r < 0.3) return String(3 + rand() / (1 + rand() * 1e5));
  if (r < 0.5) return (rand() * 10).toFixed(1 + Math.floor(rand() * 6));
  if (r < 0.6) return `${(rand() * 9 + 1).toFixed(3)}e${rand() < 0.5 ? '-' : '+'}${Math.floor(rand() * 30)}`;
  if (r < 0.7) return String(Math.floor(rand() * 1e6));
  if (r < 0.75) return ['0', '-0', '0.0', '-0.0', '1e-4', '1E5', '123456789012345678901234', '0.1000000000000000055511151231257827'][Math.floor(rand() * 8)];
  return String(Math.fround(rand() * 4));
}

test('text fast path matches the string scanner on the fixtures, whole and chunked', () => {
  for (const name of ['nanogpt_train.log', 'torchtitan_stdout.log', 'hf_trainer_stdout.log', 'nemo_stdout.log']) {
    const bytes = fixtureBytes(name);
    const got = agreeText(bytes, 7, name) as { runs: { series: unknown[] }[] };
    assert.ok(got.runs[0].series.length > 0, `${name} has series`);
  }
});

test('jsonl fast path matches JSON.parse + flatten on the fixtures, whole and chunked', () => {
  for (const name of ['detectron2_metrics.json', 'wandb-history.jsonl', 'wandb-summary.json']) {
    const bytes = fixtureBytes(name);
    const got = agreeJsonl(bytes, 11, name) as { runs: { series: unknown[] }[] };
    assert.ok(got.runs[0].series.length > 0, `${name} has series`);
  }
});

const ODD_TEXT_LINES = [
  'step 10: train loss 2.5000, val loss 2.6000\r',
  '[titan] 2025-06-10 12:00:07,614 - root - INFO - \x1b[31mstep: 3  \x1b[32mloss: 3.14159  \x1b[34mtps: 6,854  \x1b[35mmfu: 40.70%\x1b[39m',
  'x - \x1b[0mINFO - step 4 loss 1.25', // the logging prefix only appears once the escape is gone
  '\x1b[32mstep 5\x1b]0;title\x07 loss 1.5\x1b]8;;http://x\x1b\\ lr 1e-4\x1bM',
  '\x1b\u00e9step 6 loss 2', // ESC before a non-ASCII character: the byte path declines
  'étape 7 perte 0.5 step 7 loss 0.75 — λ: 3',
  'step 8 loss nan grad_norm inf lr -inf acc -Infinity val_loss NaN',
  'step 9 loss .5 lr -0 w +3 m 1e-4 n 6E+23 k 3. z 1,234,567.5 q 12,34',
  'junk 12%|##| 3/9\rstep 10 loss 1.5',
  'a\rb\rstep 11 loss 1.75\r',
  'step 12 loss 3\rstep 13 loss 2\rstep 13 loss 9\rlr 4\rx: 1\r\rstep 13 loss 7',
  '[NeMo I 2024-05-01 10:00:00 nemo_logging:349] step 5 loss 2.5\r[NeMo W x:1] step 6 loss 2',
  '[NeMo W no close step 3 loss 1',
  '  5%|▌   | 1.2k/10.5M [00:10<03:20,  4.75it/s]\r      \r{\'loss\': 2.5, \'epoch\': 0.1}\r  6%|▌   | 1.3k/10.5M [00:10<03:20,  4.75it/s]',
  ' 10%|█ | 12345678901234567/99999999999999999 [00:01<00:09]\r 10%|█ | 7/9 [00:01<00:09, 1it/s]\r\x1b[32m 20%|█ | 8/9 [x, y]\r - 30%|█ | 9/10 [x, y]\r[NeMo I t:1] 40%|█ | 10/11 [a, b]\rTrain ep 1:  50%|█ | 1./2 [a, b, loss=3]\r%|| 5/6 [',
  '{\'loss\': 1.5, \'epoch\': 0.2, \'step\': 3}\r 60%|██ | 11/20 [00:01<00:09, 1it/s]',
  'epoch     train_loss  valid_loss  accuracy  time    ',
  '0         0.512345    #na#        0.876543  00:12     ',
  '1 2',
  'step 5 pass@1: 0.35 Acc@1   0.00 (  0.10) a@ 3 @4 x@y 5 e@-1 2 user@host-3 4',
  '2024/01/01 10:00:00 - mmengine - INFO - Epoch(train)  [1][  50/2000]  lr: 1.0000e-02  eta: 1 day, 2:03:04  loss: 1.2340',
  'Epoch(val) [1][500/500] x (a)[2] (bb) [3] Epoch: [0][  10/5005]\tLoss 6.9078e+00 (6.9078e+00)',
  'Training:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s, loss=2.31, lr=3e-4]\rTraining:  45%|████▌     | 451/1000 [00:30<00:37, 14.8it/s, loss=2.3]\r 46%|█| 1.2k/? [00:30<?, ?it/s, loss=2]',
  'Epoch 2:  39%|███▉      | 4846/12331 [05:59<09:15, 13.47it/s, loss=0.0136, v_num=1]\rEpoch 2: 100%|█| 0/0 [x, y, loss=1]\r%| | ] [',
  '\x1b[32m[NeMo I 2024-05-01 10:00:00 train:37]\x1b[0m step 7 loss 4',
  'Epoch [56][1050/1759]\tlr: 3.003e-04, eta: 1 day, loss: 0.4569',
  ' iteration      100/  500000 | consumed samples:        51200 | lm loss: 9.123456E+00 | loss scale: 1.0 |',
  "{'loss': 2.82, 'grad_norm': nan, 'learning_rate': 4.5e-05, 'epoch': 0.25, 'flag': True}",
  'memory: 61.94GiB(78.00%)  step: 12 loss: 0.1234567890123456789',
  'tokens per iteration will be: 16,384',
  'step 13 loss 2024-01-02 12:00:07,614 lr 0.1',
  '2024-01-02 - WARNING - step 14 loss 3.5',
  'number of parameters: 10.65M',
  'step 7 | tokens 999.9M | tps: 6.8k | [it=12K/740K] | eta 5m | flops 2.5T | x 3kB',
  ' number of nan iterations: 0 | loss: nan  lr: -inf iters | nan loss at step 3',
  '2024-02-01 12:00:00.000\tnode0\tolmo.train:1020\tINFO\t[step=100/739328] loss 2 | rank:3  ERROR x 4 WARNINGS: 5',
  '',
  '   ',
  '\u0000\u0001 step 15 loss 1',
  `step 16 ${'loss_'.repeat(20)}: 1`,
  '12/05/2024 10:00:00 [INFO|DP=0|PP=0|TP=0|lm-ws-1]: iteration: 17 / 10000 | consumed_tokens: 52.4M | lm_loss: 3.4',
  'gpu-3 node-12: step 18 loss -1.5 range 1-5 x-7',
  '  global_batch_size ............................... 512',
  '  lr_decay_style .................................. cosine',
  '  \x1b[32mtokenizer_type ... GPT2BPETokenizer\x1b[0m',
  'step 19 acc. 0.5 loss... 3',
  '[step=20/10000,epoch=0,eta=1h2m]',
  '    optim/LR (group 0)=3.000E-04 (group 1)=2 x (a b)=4 y (c.d)=5 z (e)f=6 w ()=7 v (' + 'q'.repeat(30) + ')=8 u (1)= 9 t (2): 10',
  '2024-01-01 10:00:30 | INFO | valid | epoch 001 | valid on \'valid\' subset | loss 4.1 | ppl 17.2 | num_updates 1000 | best_loss 4.1',
  "| epoch 002 | valid on 'test' subset | loss 7.599 | num_updates 2798 | subset 3 |subset| 4",
  "2024-01-01 10:00:00 | INFO | fairseq_cli.train | Namespace(arch='transformer_lm', lr=[0.0005], max_update=50000, betas='(0.9, 0.98)', x=[1, 2], y=None",
  'Namespace 3 NotNamespace(a=1) Namespace (b=2)',
  "2023-06-13 17:32:38 | INFO | fairseq_cli.train | {'_name': None, 'common': {'log_interval': 100, 'lr': [0.0005]}, 'x': (1, 2.5e-3, -inf, nan)}",
  "step 3 {'_name': broken 4 { '_name': 5",
  "step 1 loss 3 ({'_name': 1, 'a': 2}) lr 4",
  "step 1 loss 3 (Namespace(a=1)) lr 4",
  "step 1 loss 3 (x | valid on 'valid' subset | y) lr 4 | valid on 'test' subset",
  "step 1 loss 3 (group 0)=4 (x Namespace(a=1) y) lr 4",
  '2024-01-01 10:00:02 | INFO | train | epoch 001 | loss 4.5 | num_updates 500 | wall 3',
  'train | step 3 loss 1 |train| x 2 | trains | 4 |  train  | 5 (| train |) 6',
  'Validation loss at step 500: 2.45 | loss at iteration 7 = -.5 x at epoch 3 :+1 y at step 4 (z): 5 w at step 6/9: 7',
  'loss at step 5: at step 6: 7, acc at Epoch 2=0.5 b at step: 3 c at steps 4: 5 d at step 8:9:10 e at step 1 = nan',
  'Epoch 1: val_loss improved from inf to 1.10000, saving model to best.h5 | to 3 from 4',
  'I1201 12:00:00.123456 140234 logging_writer.py:48] [100] train/loss=3.21, train/lr=0.001',
  '2024-01-01 10:00:00 - INFO - [200] loss=2.5 | \x1b[32m[300] loss=2.4\x1b[0m [4]x= [5] =6 [7]] a=1',
  '[default1]:step 3 loss 9 | 0: step 4 loss 8 | Best epoch 3: val_loss 0.6',
  '1|25|Loss: 1.87:  25%|██▌       | 25/100 [00:25<01:15,  1.00it/s]',
  'Test:  [ 40/196]  eta: 0:00:10  loss: 6.5 (6.4)  acc1: 1.0 (1.0) | Val: [3/9] loss 2 | eval_total 5',
  'Train: 3 [ 200/1251 ( 16%)]  Loss: 5.25 (5.40)  Time: 0.392s, 2612.43/s  (0.473s, 2164.73/s) | Epoch 2 [ 7 / 9] | loss 2 [1/2] | Train: 1.5 [3/4]',
  'Test: [  48/48]  Time: 0.1 (0.2)  Loss: 5.6 ( 5.5 )  Acc@1: 1 (2%) x: 3 (4 5) | Test: [1/2] a: 1 (',
  'INFO:__main__:step 5 loss 2.3 | INFO: step 6 | WARNING:a b:c 1 | ERROR::x 2 | CRITICAL:\x1b[31mloss 3\x1b[0m',
  'INFO: \x1b[32mstep 7\x1b[0m loss 2.2\rDEBUG:x.y:step 8 loss 2.1',
  'Test: loss 3.2 acc 0.5 | Eval results: ppl 22 | a: b: c 3 | 1: x 2 | Train:: loss 4 | val:loss=5 (group 0)=6',
  'Epoch: [3]  [  40/5005]  eta: 1:00  loss: 2.5 (2.6) | Epoch [2] x [5/9] | e [1]   [2]  [3/4] | [7] [8/9]',
  '2024-02-01 11:59:00.000\tnode0:0\tolmo.util:160\tINFO\tTraining with a single process on 1 device',
  '2024-02-01 12:00:00.000\tnode0:0\tolmo.train:1020\tINFO\tstep 5 loss 2.3 [3] rank:3  ERROR x 4 WARNING 5 y 6',
  'Epoch [5] loss at step 4 node1:2 [3] 1 INFO [7/8] a 9 | loss at step 1: 2 DEBUG x 3',
  "Epoch 3, global step 1200: 'val_loss' reached 2.34500 (best 2.34500), saving model to '/x/epoch=3-step=1200.ckpt' as top 1",
  'Epoch 3, global step 1200: val/loss reached -inf (best nan), saving model to "/x/epoch=3_val_loss=2.35.ckpt" as top 2',
  "Epoch 4, global step 1500: 'val_loss' was not in top 1 | patience reached 5 | 'a b' reached 1 (best | Test: 'v' reached 2 (best 1)",
  'the val loss reached 3 | a b c reached 4 (best 5) | one two three four reached 6 (best',
  " reached 3 (best 4) x reached 5 (bestx 'y\" reached 6 (best 7) :: reached 8 (best 9) z: : reached 10  (best ",
  'Metric val_loss improved by 0.110 >= min_delta = 0.0. New best score: 3.100 | Epoch 3 finished with val loss 2.31',
  'Monitored metric val_loss did not improve in the last 3 records. Best score: 3.100. Signaling Trainer to stop. | Metric val_loss improved. New best score: 3.100 | best score 2 | a improved_b 3',
  'step 5 loss 2.3 lr 1e-4 WARNING x 2 | loss=2 WARNING y 3 | z 4) ERROR w 5 | v:6 INFO u 7 | t 8] DEBUG s 9 | rank: 0 CRITICAL r 1',
  'node0:0 rank:3 olmo.train:1020 INFO loss 2.5 a:1 WARNING b 2 | c:1/2 INFO d 3 | e:-1 INFO f:2.5 INFO g:3k INFO',
  'mean loss over last 100 steps 2.3 | a b c d 5 e 6 | a b c d: 5 e 6 | Saving checkpoint at step 2000 to x 3 | a b c 5 d 6 | a b c d 5e 6 f 7 | a b c d 5 | a b c d -5 e 6',
  'one two three four reached 5 e 6 | the val loss reached 7 a 8 (best 9) | a b c d 1 INFO e 2 | Test: a b c d 5 e 6 | a b c d 1,000 e 2 | a b c d 00 e 3 | a b c d step 3 loss 1 | a b c d epochs 4 e 5',
  '2024-05-01 12:00:00.123 | INFO     | __main__:train:42 - step 5 loss 2.31 | x.y:_f:7 - a 1 | epoch:3 - loss:2.3 | a:b:3 loss 2 | m:<module>:4 - s 5 | c:d:6 -x 7 | :e:8 - f 9 | g::10 - h 11',
  'step 5 loss 2 __main__:train:42 - lr 3 | node0:0 m.n:f:9 - k 1 | q:r:2 WARNING - z 3',
  'Monitored metric val_loss = nan is not finite. Previous best value was 2.100. Signaling Trainer to stop. | Stopping threshold reached: val_loss = 0.01 < 0.02. | Divergence threshold reached: a 3 b 4 | Best epoch: c 5',
  'mean loss over last 1,000 steps 2.3 | a b c d 1,000,000 e 2 | a b c d 1,00 e 3 | a b c loss 12,345 e 4 | a b c d 1,000.5 e 5 | a b c d -1,000 e 6 | a b c d 1,000, e 7 | a b c d 1,000 step 8',
  'gradient_accumulation_steps = 5 * 8 | x = 8*1024 # c | y=2**19 | z = 512 // 4 | w = 1 // 0 | v = 5 * 8.0 | step 3 loss 2 * 4 lr 1 ** 2',
  'gradient_accumulation_steps = 5 * 8',
  '[Rank 0] (after 100 iterations) memory (MB) | allocated: 1234.5 | (after 3 epochs) a 1 | (after 2 x) b 2 | (after 2.5 steps) c 3 | before 3.2 after 1.0 | (After 4 steps) d 4',
  'Saved checkpoint checkpoints/checkpoint1.pt (epoch 1 @ 1000 updates, score 9.1) (writing took 2.5 seconds)',
  'x = 8*1024 # c',
  "{'step': 3, 'loss': np.float32(5.5252), 'n': numpy.int64(-3), 'g': np.float64(nan), 'lr': [np.float64(3e-4)]}",
  "step 4 loss tensor(2.3100, device='cuda:0', grad_fn=<NllLossBackward0>) acc tensor(0.5) x: tensor([1.5]) y mytensor(2) z np.float32(1.5 ) w tensor(1, (2)) v np.float32(",
  'y=2**19',
  'w = 1 // 0',
  'v = 5 * 8.0 lr 3',
  'inf = 2 * 3',
  '2024-01-01 10:00:00 - INFO - z = 512 // 4',
  'a b c d 1 a b c d: 2 a b c d = 3 a b c d .. 4 a b c d "5 a b c at step 6 a  b   c    d 7 Total number of training steps 8 x y z w\t9',
];

test('text fast path matches on odd lines: CRLF, CR redraws, ANSI, unicode, NaN/inf, number forms', () => {
  for (const [i, line] of ODD_TEXT_LINES.entries()) agreeText(enc.encode(`step 1 loss 1\n${line}\nstep 2 loss 2\n`), i, JSON.stringify(line));
  agreeText(enc.encode(ODD_TEXT_LINES.join('\n')), 99, 'all odd lines');
  agreeText(enc.encode(ODD_TEXT_LINES.join('\r\n')), 98, 'all odd lines, CRLF');
  agreeText(enc.encode(`\ufeff${ODD_TEXT_LINES.join('\n')}`), 97, 'all odd lines after a BOM');
});

test('text fast path matches on very long lines (kept and skipped)', () => {
  const long = `step 1 ${Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}.5`).join(' ')}`;
  const tooLong = `step 2 loss ${'9'.repeat(70_000)}`;
  const wide = `step 3 loss 1 ${'é'.repeat(40_000)}`; // over 64 K bytes, under 64 K characters
  const got = agreeText(enc.encode(`${long}\n${tooLong}\n${wide}\nstep 4 loss 4\n`), 5, 'long lines') as { warnings: unknown[] };
  assert.equal(got.warnings.length, 1);
});

test('text fast path matches on generated nanoGPT / torchtitan / Megatron logs', () => {
  const rand = prng(42);
  const lines: string[] = ['tokens per iteration will be: 16,384'];
  for (let i = 0; i < 3000; i++) {
    const r = rand();
    if (r < 0.3) lines.push(`step ${i}: train loss ${number(rand)}, val loss ${number(rand)}`);
    else if (r < 0.6) lines.push(`[titan] 2025-06-10 12:00:07,614 - root - INFO - \x1b[31mstep: ${i}  \x1b[32mloss: ${number(rand)}  \x1b[34mtps: ${Math.floor(rand() * 9) + 1},${String(Math.floor(rand() * 1000)).padStart(3, '0')}  \x1b[35mmfu: ${number(rand)}%\x1b[39m`);
    else if (r < 0.8) lines.push(` iteration ${i}/ 500000 | consumed samples: ${i * 512} | lm loss: ${number(rand)} | grad norm: ${number(rand)} |`);
    else if (r < 0.9) lines.push(`iter ${i}: loss ${number(rand)}, time ${number(rand)}ms, mfu ${number(rand)}%`);
    else lines.push(`{'loss': ${number(rand)}, 'learning_rate': ${number(rand)}, 'epoch': ${(i / 100).toFixed(2)}}`);
  }
  const got = agreeText(enc.encode(`${lines.join(rand() < 2 ? '\n' : '')}\n`), 3, 'generated text') as { runs: { series: unknown[] }[] };
  assert.ok(got.runs[0].series.length >= 8);
  agreeText(enc.encode(`${lines.join('\r\n')}\r\n`), 4, 'generated text, CRLF');
});

/** Pieces of logging prefixes, sentences and Lightning's checkpoint message, strung at random. */
const PROSE_TOKENS = ['a', 'b', 'loss', 'val_loss', 'step', 'Epoch', 'global step', 'at', 'with', 'the', 'reached', "'val_loss'", '"x"', '(best', '(best ', ')', ':', '=', ' ', '\t', 'INFO', 'WARNING', 'node0:0', 'olmo.train:1020', '3', '2.5', '-1', 'nan', 'inf', ',', '|', '[', ']', '[3/4]', '..', '.', 'Test:', 'to', 'from', 'steps', '12:00:00.000', "'", 'lr 1e-4', 'x:5', 'ERROR', 'rank: 0', '100', 'last', 'val loss', '__main__:train:42', ' - ', 'm:f:7 -', '| INFO     |', '1,000', '12,345,678', 'np.float32(', 'numpy.int64(', 'tensor(', "device='cuda:0')", 'x.np.float64(']

test('text fast path matches on generated lines of logging prefixes, sentences and checkpoint messages', () => {
  const rand = prng(0x0150);
  for (let round = 0; round < 150; round++) {
    const lines: string[] = [];
    for (let l = 0; l < 50; l++) {
      let line = '';
      for (let k = 1 + Math.floor(rand() * 25); k > 0; k--) line += PROSE_TOKENS[Math.floor(rand() * PROSE_TOKENS.length)] + (rand() < 0.6 ? ' ' : '');
      lines.push(line);
    }
    agreeText(enc.encode(`${lines.join('\n')}\n`), round, `generated prose, round ${round}`);
  }
});

const ODD_JSONL_LINES = [
  '{"step": 1, "loss": 2.5}\r',
  '  {"step" : 2 ,\t"loss":2.25 }  ',
  '{"step": 3, "loss": NaN, "acc": Infinity, "gn": -Infinity}',
  '{"step": 4, "loss": -NaN}',
  '{"step": 5, "a": 1e-4, "b": 1E+400, "c": -0, "d": 0.0, "e": 123456789012345678901234, "f": 0.30000000000000004, "g": 1.7976931348623157e308, "h": 5e-324}',
  '{"step": 6, "a": .5}',
  '{"step": 7, "a": 01}',
  '{"step": 8, "a": +1}',
  '{"step": 9, "a": 1.}',
  '{"step": 10, "a": 1.5x}',
  '{"step": 10, "a": 1.2.3, "b": 12.5e3.1}',
  '{"step": 11, "ключ": 1.5, "損失": 2.5, "emoji😀": 3, "\ufeffbom": 4}',
  '{"step": 12, "train": {"loss": 1.5, "inner": {"acc": 0.5}}, "lr": 0.1}',
  '{"step": 13, "list": [1, 2, 3], "s": "x,y}", "t": true, "f": false, "n": null, "loss": 1}',
  '{"step": 14, "s": "esc\\"aped", "loss": 2}',
  '{"step": 15, "loss": 1, "loss": 2}',
  '{"step": 16, "loss": 1, "loss": "shadowed"}',
  '{"10": 1, "step": 17, "2": 3, "loss": 4}',
  '{"step": 18, "": 5, "__proto__": 6, "loss": 7}',
  '{}',
  '[1, 2]',
  '"just a string"',
  '{"step": 19, "loss": 1} trailing',
  '{"step": 20, "loss": 1',
  '{"step": 21, "loss": 1,}',
  '   ',
  '',
  '\u00a0{"step": 22, "loss": 1}',
  '{"step": 23, "s": "tab\there", "loss": 1}',
  '{"step": 24, "loss": tru}',
  '{"step" 25}',
  '{"_step": 26, "_runtime": 3.5, "val/loss": 1, "eval/acc": 0.5}',
  '{"value": 42}',
];

test('jsonl fast path matches on odd lines: CRLF, NaN/Infinity, number forms, unicode keys, nesting, duplicates', () => {
  for (const [i, line] of ODD_JSONL_LINES.entries()) agreeJsonl(enc.encode(`{"step": 0, "loss": 1}\n${line}\n{"step": 99, "loss": 2}\n`), i, line);
  const all = agreeJsonl(enc.encode(ODD_JSONL_LINES.join('\n')), 77, 'all odd lines') as { warnings: unknown[] };
  assert.ok(all.warnings.length >= 8, 'the invalid lines are reported');
  agreeJsonl(enc.encode(ODD_JSONL_LINES.join('\r\n')), 78, 'all odd lines, CRLF');
  agreeJsonl(enc.encode(`\ufeff${ODD_JSONL_LINES.join('\n')}`), 79, 'all odd lines after a BOM');
});

test('jsonl fast path matches on generated detectron2 / wandb logs and very long lines', () => {
  const rand = prng(9);
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const r = rand();
    if (r < 0.5) lines.push(`{"data_time": ${number(rand)}, "eta_seconds": ${3503 - i}, "iteration": ${i}, "loss": ${number(rand)}, "loss_cls": ${number(rand)}, "lr": 0.02, "time": ${number(rand)}}`);
    else if (r < 0.8) lines.push(`{"_step": ${i}, "train/loss": ${number(rand)}, "_runtime": ${number(rand)}, "_timestamp": ${1718000000 + i}, "val/loss": ${rand() < 0.1 ? 'NaN' : number(rand)}}`);
    else if (r < 0.9) lines.push(`{"epoch": ${i}, "metrics": {"acc": ${number(rand)}, "f1": ${number(rand)}}, "tag": "run-${i}"}`);
    else lines.push(`{"step":${i},"loss":${number(rand)},"grad_norm":${number(rand)}}`);
  }
  const long = `{"step": 1, ${Array.from({ length: 5000 }, (_, i) => `"k${i}": ${i}.25`).join(', ')}}`;
  lines.push(long);
  const got = agreeJsonl(enc.encode(`${lines.join('\n')}\n`), 5, 'generated jsonl') as { runs: { series: unknown[] }[] };
  assert.ok(got.runs[0].series.length > 5000);
});

test('both fast paths stay exact past the key table limit (a counter in every key)', () => {
  const jsonl: string[] = [];
  const text: string[] = [];
  for (let i = 0; i < 12_500; i++) {
    jsonl.push(`{"step": ${i}, "loss_${i}": ${i}.5, "loss": 1}`);
    text.push(`step ${i} loss_${i} ${i}.5 loss 1`);
  }
  agreeJsonl(enc.encode(jsonl.join('\n')), 1, 'jsonl, 12,500 keys');
  agreeText(enc.encode(text.join('\n')), 2, 'text, 12,500 keys');
});

test('fast paths match the general paths on mutated fixtures', () => {
  const rand = prng(0xfa57);
  const textSeeds = ['nanogpt_train.log', 'torchtitan_stdout.log', 'hf_trainer_stdout.log'].map((n) => fixtureBytes(n).subarray(0, 2048));
  const jsonlSeeds = ['detectron2_metrics.json', 'wandb-history.jsonl', 'wandb-summary.json'].map((n) => fixtureBytes(n).subarray(0, 2048));
  for (let k = 0; k < 1500; k++) {
    agreeText(mutate(textSeeds[k % 3], rand), k, `text mutation ${k}`);
    agreeJsonl(mutate(jsonlSeeds[k % 3], rand), k, `jsonl mutation ${k}`);
  }
});

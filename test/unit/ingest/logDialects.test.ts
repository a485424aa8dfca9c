// Training-log dialects met in the wild that are not in the fixtures: the HF Trainer's stdout
// without progress bars (Python dict lines, not JSON), Megatron-LM's validation lines, fairseq's
// num_updates, evaluation lines and Namespace, OLMo-core's grouped LR, and which series leads when a log has both a loss and its perplexity or Megatron's
// fp16 "loss scale", and "nan" as a word ("number of nan iterations").
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { yKeysOf } from '../../../src/ingest/model/columns';
import { plannedStepsOf } from '../../../src/ingest/model/plannedSteps';
import { scheduleOfConfig } from '../../../src/ingest/model/configSchedule';
import { pickLrKey } from '../../../src/core/schedule/lrKeys';

const dir = mkdtempSync(join(tmpdir(), 'sl-dialects-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const loss = (s: number) => 2 + 8 * s ** -0.3;
function write(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
const seriesOf = (src: Awaited<ReturnType<typeof readSource>>) => Object.fromEntries(src.runs[0]!.series.map((s) => [s.key, s]));

test('HF Trainer stdout with only dict lines is read as a text log, not refused as broken JSONL', async () => {
  const lines = [100, 200, 300, 400, 500, 600, 700, 800].flatMap((s) => [
    `{'loss': ${loss(s)}, 'grad_norm': 0.5, 'learning_rate': 0.0003, 'epoch': ${s / 1000}}`,
    ...(s % 200 === 0 ? [`{'eval_loss': ${loss(s) + 0.03}, 'eval_runtime': 1.2, 'epoch': ${s / 1000}}`] : []),
  ]);
  const src = await readSource(write('train_stdout.log', lines));
  assert.equal(src.format, 'text');
  const s = seriesOf(src);
  assert.equal(s.loss!.y.length, 8);
  assert.equal(s.eval_loss!.y.length, 4);
  assert.equal(s.eval_loss!.split, 'val');
  assert.deepEqual([...s.eval_loss!.x.epoch!], [0.2, 0.4, 0.6, 0.8]);
  assert.equal(yKeysOf(src)[0], 'eval_loss');
  // real JSON lines stay JSONL
  const json = await readSource(write('history.log', [100, 200, 300].map((s) => JSON.stringify({ step: s, loss: loss(s) }))));
  assert.equal(json.format, 'jsonl');
});

test('Megatron-LM: "validation loss at iteration N | lm loss value: …" is a validation point at step N, and leads; "loss scale" is not a loss', async () => {
  const lines: string[] = [];
  for (let it = 10; it <= 400; it += 10) {
    lines.push(` iteration ${it}/ 500000 | consumed samples: ${it * 512} | learning rate: 3.0E-04 | lm loss: ${loss(it).toExponential(6)} | loss scale: 65536.0 | grad norm: 0.345 | number of nan iterations: 0 |`);
    if (it % 50 === 0) lines.push(` validation loss at iteration ${it} | lm loss value: ${(loss(it) + 0.05).toExponential(6)} | lm loss PPL: ${Math.exp(loss(it) + 0.05).toExponential(6)} |`);
  }
  const src = await readSource(write('megatron.log', lines));
  const s = seriesOf(src);
  const val = s['validation lm loss value']!;
  assert.equal(val.split, 'val');
  assert.deepEqual([...val.x.step!], [50, 100, 150, 200, 250, 300, 350, 400]);
  assert.ok(Math.abs(val.y[0]! - (loss(50) + 0.05)) < 1e-6);
  assert.equal(s['validation loss at iteration'], undefined, 'the step is not a series');
  assert.equal(s['number of'], undefined, '"nan" in "number of nan iterations" is a word, not a NaN value');
  assert.deepEqual([...new Set(s['number of nan iterations']!.y)], [0]);
  // the validation line takes the tokens/samples of the training line of its iteration
  assert.deepEqual([...val.x.samples!], [50, 100, 150, 200, 250, 300, 350, 400].map((it) => it * 512));
  // "iteration 10/ 500000": the planned length, not a series
  assert.equal(s.iteration_total, undefined);
  assert.equal(plannedStepsOf(src.runs[0]!), 500000);
  const keys = yKeysOf(src);
  assert.equal(keys[0], 'validation lm loss value');
  assert.ok(keys.indexOf('lm loss') < keys.indexOf('loss scale'), keys.join(', '));
});

test('Megatron-LM: "[Rank 0] (after 100 iterations) memory (MB) | allocated: …" is memory measured at step 100, no series "after"', async () => {
  const lines: string[] = [];
  for (const it of [50, 100, 150]) {
    // the memory report of rank 0 may come before or after the last rank's iteration line
    const memory = `[Rank 0] (after ${it} iterations) memory (MB) | allocated: 1234.5 | max allocated: 2345.6 | reserved: 3000.0 | max reserved: 3100.0`;
    const iteration = ` iteration ${it}/ 500000 | consumed samples: ${it * 512} | lm loss: ${loss(it).toExponential(6)} |`;
    lines.push(...(it === 100 ? [memory, iteration] : it === 50 ? [iteration, memory] : [iteration]));
  }
  const s = seriesOf(await readSource(write('megatron_memory.log', lines)));
  assert.equal(s.after, undefined);
  assert.deepEqual([...s.allocated!.x.step!], [50, 100]);
  // after its iteration line, the report takes that line's samples too
  assert.equal(s['max reserved']!.x.samples![0], 50 * 512);
  assert.deepEqual([...s['lm loss']!.x.step!], [50, 100, 150]);
});

test('fairseq: num_updates is the step (the epoch field stays 1 for a whole epoch)', async () => {
  const lines = [100, 200, 300, 400, 500].map((u) => `2024-05-01 12:00:00 | INFO | train_inner | epoch 001:    ${u} / 10000 loss=${loss(u).toFixed(3)}, ppl=${(2 ** loss(u)).toFixed(2)}, num_updates=${u}, lr=0.0003, wall=${u}`);
  const src = await readSource(write('fairseq.log', lines));
  const s = seriesOf(src);
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400, 500]);
  assert.equal(s.num_updates, undefined);
  assert.equal(yKeysOf(src)[0], 'loss', 'the loss leads its perplexity');
});

test("fairseq: a 'valid on <subset> subset' line is that subset's evaluation, and leads; an epoch's means are a series of their own; its Namespace is the run's config, with its schedule and length", async () => {
  const lines = [
    "2024-05-01 11:59:00 | INFO | fairseq_cli.train | Namespace(arch='transformer_lm', lr=[0.0005], lr_scheduler='inverse_sqrt', warmup_updates=400, max_update=5000, adam_betas='(0.9, 0.98)', tokens_per_sample=512, seed=1)",
  ];
  for (let u = 50; u <= 1000; u += 50) {
    lines.push(`2024-05-01 12:00:00 | INFO | train_inner | epoch 001:    ${u} / 10000 loss=${loss(u).toFixed(3)}, ppl=${(2 ** loss(u)).toFixed(2)}, num_updates=${u}, lr=0.0005, wall=${u}`);
    if (u % 250 === 0) {
      lines.push(`2024-05-01 12:00:01 | INFO | valid | epoch 001 | valid on 'valid' subset | loss ${(loss(u) + 0.1).toFixed(3)} | ppl ${(2 ** (loss(u) + 0.1)).toFixed(2)} | num_updates ${u} | best_loss ${(loss(u) + 0.1).toFixed(3)}`);
      lines.push(`| epoch 001 | valid on 'test' subset | loss ${(loss(u) + 0.2).toFixed(3)} | num_updates ${u}`);
    }
    // the end of an epoch: its means over the epoch, under the "train" logger
    if (u % 500 === 0) lines.push(`2024-05-01 12:00:02 | INFO | train | epoch 00${u / 500} | loss ${(loss(u) + 0.5).toFixed(3)} | ppl 30.1 | wps 95000 | num_updates ${u} | lr 0.0005 | wall ${u}`);
  }
  const src = await readSource(write('fairseq_valid.log', lines));
  const s = seriesOf(src);
  assert.equal(s.loss!.y.length, 20, 'the evaluations and epoch means are not training points');
  assert.deepEqual([...s['epoch mean loss']!.x.step!], [500, 1000]);
  assert.equal(s['epoch mean loss']!.split, 'other');
  assert.equal(s['valid loss']!.split, 'val');
  assert.deepEqual([...s['valid loss']!.x.step!], [250, 500, 750, 1000]);
  assert.ok(Math.abs(s['valid loss']!.y[3]! - (loss(1000) + 0.1)) < 1e-3);
  assert.equal(s['test loss']!.split, 'test');
  assert.equal(yKeysOf(src)[0], 'valid loss');
  const meta = src.runs[0]!.meta!;
  assert.equal(meta.lr, 0.0005, 'a one-number list is that number');
  assert.equal(meta.lr_scheduler, 'inverse_sqrt');
  assert.equal(meta.adam_betas, '(0.9, 0.98)');
  for (const key of ['max_update', 'warmup_updates', 'seed']) assert.equal(s[key], undefined, `${key} is config, not a curve`);
  assert.equal(plannedStepsOf(src.runs[0]!), 5000);
  const schedule = scheduleOfConfig(meta);
  assert.equal(schedule?.ok && schedule.text, 'rsqrt:warmup=400,total=5000,peak=0.0005,end=0');
  assert.deepEqual([...s.loss!.x.time!].slice(0, 2), [50, 100], "fairseq's wall is the time axis");
});

test("fairseq: where an epoch begins and ends ('begin training epoch 2', 'end of epoch 1 (average epoch stats below)') is the epoch, no series", async () => {
  const lines: string[] = [];
  for (const e of [1, 2]) {
    lines.push(`2024-05-01 12:00:00 | INFO | fairseq.trainer | begin training epoch ${e}`, `2024-05-01 12:00:00 | INFO | fairseq_cli.train | Start iterating over samples`);
    for (const u of [100, 200].map((v) => v + (e - 1) * 200)) lines.push(`2024-05-01 12:00:00 | INFO | train_inner | epoch 00${e}:    ${u} / 400 loss=${loss(u).toFixed(3)}, num_updates=${u}, lr=0.0005`);
    lines.push(`2024-05-01 12:00:02 | INFO | fairseq_cli.train | end of epoch ${e} (average epoch stats below)`);
  }
  lines.push('2024-05-01 12:00:03 | INFO | x | Starting epoch 3', 'Start of epoch 3');
  const s = seriesOf(await readSource(write('fairseq_epochs.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['loss', 'lr']);
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400]);
  assert.deepEqual([...s.loss!.x.epoch!], [1, 1, 2, 2]);
});

test("fairseq: its checkpoint message ('Saved checkpoint … (epoch 1 @ 200 updates, score 9.1) (writing took 2.5 seconds)') is no series", async () => {
  const lines: string[] = [];
  for (const u of [100, 200, 300, 400]) {
    lines.push(`2024-05-01 12:00:00 | INFO | train_inner | epoch 001:    ${u} / 400 loss=${loss(u).toFixed(3)}, num_updates=${u}, lr=0.0005`);
    if (u === 200) lines.push('2024-05-01 12:00:03 | INFO | fairseq.checkpoint_utils | Saved checkpoint checkpoints/checkpoint1.pt (epoch 1 @ 200 updates, score 9.1) (writing took 2.5 seconds)');
    // older fairseq: no score, no logging prefix
    if (u === 300) lines.push('| saved checkpoint checkpoints/checkpoint_last.pt (epoch 1 @ 300 updates) (writing took 0.6 seconds)');
  }
  const s = seriesOf(await readSource(write('fairseq_checkpoint.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['loss', 'lr']);
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400]);
});

test("a C++ logger's source file and line (PyTorch's '[W501 … ProcessGroupNCCL.cpp:1168]', glog's 'socket.cpp:957]') is no series", async () => {
  const lines: string[] = [];
  for (const st of [100, 200, 300, 400]) {
    lines.push(`[rank0]: step ${st} loss ${loss(st).toFixed(4)}`);
    if (st === 200) lines.push('[rank0]:[W501 12:00:00.000000000 ProcessGroupNCCL.cpp:1168] Warning: WorkNCCL timed out', 'E0501 12:00:00.000000 140234 socket.cpp:957] [c10d] The server socket has failed to bind', 'W0501 12:00:00.000000 140234 kernels.cu:88] slow path', 'I0501 12:00:00.000000 140234 ops.h:12] x');
  }
  const s = seriesOf(await readSource(write('cpp_warnings.log', lines)));
  assert.deepEqual(Object.keys(s), ['loss']);
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400]);
});

test("fairseq's Hydra config line (a Python dict) is the run's config: a group's _name names it, a one-number list is that number", async () => {
  const config = "{'_name': None, 'common': {'_name': None, 'log_interval': 100, 'fp16': True, 'seed': 1, 'tag': 'it\\'s'}, 'optimization': {'_name': None, 'max_update': 5000, 'lr': [0.0005], 'update_freq': [1], 'clip_norm': 0.0}, 'optimizer': {'_name': 'adam', 'adam_betas': '(0.9, 0.98)', 'weight_decay': 0.01}, 'lr_scheduler': {'_name': 'cosine', 'warmup_updates': 400, 'lr': [0.0005], 'min_lr': 1e-05, 'max_update': 5000}, 'scoring': None, '__proto__': {'x': 1}}";
  const lines = [`2024-05-01 11:59:00 | INFO | fairseq_cli.train | ${config}`];
  for (let u = 50; u <= 500; u += 50) lines.push(`2024-05-01 12:00:00 | INFO | train_inner | epoch 001:    ${u} / 10000 loss=${loss(u).toFixed(3)}, num_updates=${u}, lr=0.0005`);
  const src = await readSource(write('fairseq_hydra.log', lines));
  const meta = src.runs[0]!.meta!;
  assert.equal(meta['optimization.lr'], 0.0005);
  assert.equal(meta.optimizer, 'adam');
  assert.equal(meta.lr_scheduler, 'cosine');
  assert.equal(meta['common.fp16'], 'true');
  assert.equal(meta['common.tag'], "it's");
  assert.equal(meta['__proto__.x'], 1);
  assert.equal(meta['optimization.update_freq'], 1);
  assert.equal(Object.getPrototypeOf(meta), Object.prototype, 'a __proto__ key sets no prototype');
  assert.deepEqual(Object.keys(seriesOf(src)).sort(), ['loss', 'lr']);
  assert.equal(plannedStepsOf(src.runs[0]!), 5000);
  const schedule = scheduleOfConfig(meta);
  assert.equal(schedule?.ok && schedule.text, 'cosine:warmup=400,total=5000,peak=0.0005,end=0.00001');
  // a broken dump gives neither settings nor curves
  const broken = await readSource(write('fairseq_broken.log', [`x | {'_name': 'a', 'b': [1, 2`, ...lines.slice(1)]));
  assert.deepEqual(Object.keys(seriesOf(broken)).sort(), ['loss', 'lr']);
});

test("OLMo-core: 'optim/LR (group 0)=…' is one series per group and the run's LR; 'throughput/total tokens', printed below the loss, is its tokens axis; the ETA is no curve", async () => {
  const lines: string[] = [];
  for (let st = 10; st <= 200; st += 10) {
    lines.push(`2025-01-01T00:00:00.000 [INFO] olmo_core.train.trainer: [step=${st}/10000,epoch=0,eta=1h2m]`);
    lines.push(`    train/CE loss=${loss(st).toFixed(4)}`, `    optim/LR (group 0)=${(3e-4 * Math.min(1, st / 100)).toExponential(3).toUpperCase()}`, `    optim/LR (group 1)=${(3e-5).toExponential(3).toUpperCase()}`, `    throughput/total tokens=${(st * 4194304).toLocaleString('en-US')}`);
  }
  const src = await readSource(write('olmo_core.log', lines));
  const s = seriesOf(src);
  assert.equal(s['optim/LR (group 0)']!.y.length, 20);
  assert.equal(s['optim/LR (group 1)']!.y[0], 3e-5);
  assert.equal(s.group, undefined, 'the qualifier is not a series of its own');
  assert.equal(s.eta, undefined);
  assert.equal(pickLrKey(Object.keys(s)), 'optim/LR (group 0)');
  // the tokens line comes after the loss and LR lines of its step (OLMo-core records throughput last)
  assert.deepEqual([...s['train/CE loss']!.x.tokens!].slice(0, 3), [10 * 4194304, 20 * 4194304, 30 * 4194304]);
  assert.deepEqual([...s['optim/LR (group 1)']!.x.tokens!].slice(0, 2), [10 * 4194304, 20 * 4194304]);
  assert.equal(s['throughput/total tokens'], undefined, 'an axis, not a curve');
  // a step whose block has no tokens line keeps none: the next block's tokens are not carried back to it
  const gap = [...lines.slice(0, 5), '[step=20/10000,epoch=0]', '    train/CE loss=5', '[step=30/10000,epoch=0]', '    train/CE loss=4.5', '    throughput/total tokens=125,829,120'];
  const g = seriesOf(await readSource(write('olmo_core_gap.log', gap)))['train/CE loss']!;
  assert.deepEqual([...g.x.tokens!].map((v) => (Number.isNaN(v) ? null : v)), [10 * 4194304, null, 125829120]);
});

test("OLMo: its logging prefix (time, host:rank 'node0:0', name:lineno 'olmo.train:1020', level) is no series; nor is a sentence's count ('Training with a single process on 1 device')", async () => {
  const lines = ['2024-02-01 11:59:00.000\tnode0:0\tolmo.util:160\tINFO\tTraining with a single process on 1 device', '2024-02-01 11:59:01.000\tnode0:0\tolmo.train:500\tINFO\tTotal number of parameters: 1,176,764,416'];
  for (let st = 100; st <= 3100; st += 100) {
    lines.push(`2024-02-01 12:00:00.000\tnode0:0\tolmo.train:1020\tINFO\t[step=${st}/739328]`, `    train/CrossEntropyLoss=${loss(st).toFixed(4)}`, `    train/Perplexity=${Math.exp(loss(st)).toFixed(4)}`, '    throughput/device/tokens_per_second=12345.6');
  }
  const src = await readSource(write('olmo_v1.log', lines));
  const s = seriesOf(src);
  assert.deepEqual(Object.keys(s).sort(), ['throughput/device/tokens_per_second', 'train/CrossEntropyLoss', 'train/Perplexity']);
  assert.deepEqual([...s['train/CrossEntropyLoss']!.x.step!], Array.from({ length: 31 }, (_, i) => (i + 1) * 100));
  assert.equal(src.runs[0]!.meta?.['Total number of parameters'], 1176764416, 'a lone line, now that its prefix gives no value, is a fact about the run');
  assert.equal(plannedStepsOf(src.runs[0]!), 739328);
});

test("loguru's default format: the logger's 'module:function:line' before ' - ' is no series, on lines with metrics or without", async () => {
  const lines = ['2024-05-01 12:00:00.000 | INFO     | __main__:<module>:12 - Starting run'];
  for (let st = 100; st <= 800; st += 100) {
    const level = st === 300 ? 'DEBUG   ' : 'INFO    ';
    lines.push(`2024-05-01 12:00:0${st / 100}.123 | ${level} | __main__:train:42 - step ${st} loss ${loss(st).toFixed(4)} lr 3e-4`);
    if (st % 400 === 0) lines.push(`2024-05-01 12:00:0${st / 100}.500 | INFO     | src.eval:evaluate:77 - eval loss: ${(loss(st) + 0.05).toFixed(4)}`);
  }
  lines.push('2024-05-01 12:01:00.000 | WARNING  | __main__:train:51 - grad norm exceeded', '2024-05-01 12:01:00.000 | SUCCESS  | __main__:main:99 - Training finished');
  const s = seriesOf(await readSource(write('loguru.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['eval loss', 'loss', 'lr']);
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400, 500, 600, 700, 800]);
  assert.deepEqual([...s['eval loss']!.x.step!], [400, 800]);
});

test('a level word after the values of a line (a warning the script prints after its metrics) loses none of them', async () => {
  const lines = [100, 200, 300, 400].map((st) => `step ${st} loss ${loss(st).toFixed(4)} lr 1e-4${st === 300 ? ' WARNING grad_norm 12.5 clipped' : ''}`);
  lines.push('2024-02-01 12:00:00.000\tnode0:0\tolmo.train:1020\tWARNING\tstep 500 loss 2.5 lr 2e-4');
  const s = seriesOf(await readSource(write('warning_after.log', lines)));
  assert.deepEqual([...s.loss!.x.step!], [100, 200, 300, 400, 500]);
  assert.deepEqual([...s.lr!.y], [1e-4, 1e-4, 1e-4, 1e-4, 2e-4]);
  assert.deepEqual([...s.grad_norm!.y], [12.5], 'the level word is no word of the key after it');
  assert.equal(s.node0, undefined);
});

/** A training log every `every` steps with a line "mean loss over last <count> steps …" every other line: its mean is one series, its count no value. */
async function assertSentenceCountIsAWord(count: string, every: number): Promise<void> {
  const lines: string[] = [];
  const steps = Array.from({ length: 8 }, (_, i) => (i + 1) * every);
  for (const st of steps) {
    lines.push(`step ${st} loss ${loss(st).toFixed(4)}`);
    if (st % (2 * every) === 0) lines.push(`mean loss over last ${count} steps ${(loss(st) + 0.01).toFixed(4)}`);
  }
  const src = await readSource(write(`sentence_count_${every}.log`, lines));
  const s = seriesOf(src);
  const mean = `mean loss over last ${count} steps`;
  assert.deepEqual(Object.keys(s).sort(), ['loss', mean]);
  assert.deepEqual([...s.loss!.x.step!], steps, 'no step went back: nothing dropped as a resumed run');
  assert.deepEqual([...s[mean]!.x.step!], steps.filter((st) => st % (2 * every) === 0));
  assert.equal(src.warnings.length, 0);
}

test('a count inside a sentence ("mean loss over last 100 steps 2.3") is a word of its key: no "steps" x, no metric 100, the loss kept', () => assertSentenceCountIsAWord('100', 100));

test('a count with thousands separators inside a sentence ("mean loss over last 1,000 steps 2.3") is a word of its key too: no metric 1 or 1000, no step going back', () => assertSentenceCountIsAWord('1,000', 1000));

test('metric lines under a context line take its x: Keras stdout under "Epoch 3/10", OLMo under "[step=100/…]"; before any, a lone line is a fact', async () => {
  const keras = ['Model: "sequential"', 'Total params: 1,234', ...[1, 2, 3, 4, 5].flatMap((e) => [`Epoch ${e}/5`, `100/100 [==============================] - 5s 50ms/step - loss: ${loss(e * 100).toFixed(4)} - val_loss: ${(loss(e * 100) + 0.05).toFixed(4)}`])];
  const k = seriesOf(await readSource(write('keras_stdout.log', keras)));
  assert.deepEqual([...k.val_loss!.x.epoch!], [1, 2, 3, 4, 5]);
  assert.equal(k.val_loss!.x.index, undefined);
  assert.equal(k.Epoch_total, undefined, 'the planned epochs are not a curve');
  const olmo = [100, 200, 300, 400].flatMap((s) => [`[step=${s}/739328]`, `    train/CrossEntropyLoss=${loss(s).toFixed(4)}`, `    train/Perplexity=${Math.exp(loss(s)).toFixed(4)}`]);
  const src = await readSource(write('olmo.log', ['number of parameters: 1.18', ...olmo]));
  const o = seriesOf(src);
  assert.deepEqual([...o['train/CrossEntropyLoss']!.x.step!], [100, 200, 300, 400]);
  assert.equal(src.runs[0]!.meta?.['number of parameters'], 1.18);
  assert.equal(yKeysOf(src)[0], 'train/CrossEntropyLoss');
  assert.equal(plannedStepsOf(src.runs[0]!), 739328);
});

test('llm.c: "step 1/19560 | train loss …" states the planned length, which the schedule read off its LR ends at', async () => {
  const lines = [];
  for (let s = 1; s <= 300; s++) {
    lines.push(`step ${String(s).padStart(4)}/19560 | train loss ${loss(s).toFixed(6)} | norm 1.2345 | lr 6.00e-04 | (123.45 ms | 250891 tok/s)`);
    if (s % 100 === 0) lines.push(`val loss ${(loss(s) + 0.04).toFixed(6)}`);
  }
  const src = await readSource(write('llmc.log', lines));
  const s = seriesOf(src);
  assert.deepEqual(Object.keys(s).sort(), ['lr', 'norm', 'train loss', 'val loss']);
  assert.deepEqual([...s['val loss']!.x.step!], [100, 200, 300]);
  assert.equal(plannedStepsOf(src.runs[0]!), 19560);
});

test("Composer (llm-foundry): \"[batch=N/M]:\" heads a block of one value per line, its time/* lines are the x axes", async () => {
  const lines: string[] = [];
  for (let b = 10; b <= 100; b += 10) {
    lines.push(`[batch=${b}/4800]:`, '\t Train time/epoch: 0', `\t Train time/batch: ${b}`, `\t Train time/sample: ${b * 256}`, `\t Train time/batch_in_epoch: ${b}`, `\t Train time/token: ${b * 256 * 2048}`);
    lines.push(`\t Train loss/train/total: ${loss(b).toFixed(4)}`, '\t Train lr-DecoupledAdamW/group0: 0.0006');
    if (b % 50 === 0) lines.push('[Eval batch=1/10] Eval on eval data', `[eval][batch=${b}/4800]:`, `\t Eval metrics/eval/LanguageCrossEntropy: ${(loss(b) + 0.05).toFixed(4)}`);
  }
  const src = await readSource(write('composer.log', lines));
  const s = seriesOf(src);
  assert.deepEqual(Object.keys(s).sort(), ['Eval metrics/eval/LanguageCrossEntropy', 'Train loss/train/total', 'Train lr-DecoupledAdamW/group0']);
  const train = s['Train loss/train/total']!;
  assert.deepEqual([...train.x.step!], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.deepEqual([...train.x.tokens!], [...train.x.step!].map((b) => b * 256 * 2048));
  assert.deepEqual([...train.x.samples!], [...train.x.step!].map((b) => b * 256));
  const val = s['Eval metrics/eval/LanguageCrossEntropy']!;
  assert.equal(val.split, 'val');
  assert.deepEqual([...val.x.tokens!], [50, 100].map((b) => b * 256 * 2048));
  assert.equal(plannedStepsOf(src.runs[0]!), 4800);
});

test('a batch counter beside an epoch is the batch within that epoch, not the step', async () => {
  const src = await readSource(write('epoch_batch.jsonl', [1, 2].flatMap((e) => [1, 2, 3].map((b) => JSON.stringify({ epoch: e, batch: b, loss: loss(e * 10 + b) })))));
  const s = seriesOf(src);
  assert.equal(s.loss!.x.step, undefined);
  assert.deepEqual([...s.loss!.x.epoch!], [1, 1, 1, 2, 2, 2]);
});

test('DeepSpeed: the "[logging.py:96:log_dist] [Rank 0]" prefix is where a line was printed from, not a metric', async () => {
  const lines = [10, 20, 30, 40].flatMap((st) => [
    `[2024-01-01 10:00:00,123] [INFO] [logging.py:96:log_dist] [Rank 0] step=${st}, skipped=0, lr=[0.0001], mom=[(0.9, 0.95)]`,
    `steps: ${st} loss: ${loss(st).toFixed(4)} iter time (s): 1.234 samples/sec: 12.345`,
  ]);
  const s = seriesOf(await readSource(write('deepspeed.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['iter time (s)', 'loss', 'lr', 'samples/sec', 'skipped']);
  assert.deepEqual([...s.loss!.x.step!], [10, 20, 30, 40]);
});

test('MaxText: "completed step: N" is the step; "eval metrics after step: N, loss=…" a validation point', async () => {
  const lines = [];
  for (let s = 0; s < 300; s++) {
    lines.push(`completed step: ${s}, seconds: 1.234, TFLOP/s/device: 123.456, Tokens/s/device: 1234.567, total_weights: 65536, loss: ${loss(s + 1).toFixed(3)}`);
    if (s % 50 === 49) lines.push(`eval metrics after step: ${s}, loss=${(loss(s + 1) + 0.05).toFixed(3)}, total_weights=12345.0`);
  }
  const src = await readSource(write('maxtext.log', lines));
  const s = seriesOf(src);
  assert.equal(s['completed step'], undefined);
  assert.equal(s.loss!.y.length, 300);
  assert.equal(s.loss!.x.step![299], 299);
  assert.deepEqual([...s['eval loss']!.x.step!], [49, 99, 149, 199, 249, 299]);
  assert.equal(s['eval loss']!.split, 'val');
  assert.equal(yKeysOf(src)[0], 'eval loss');
});

test('nanotron: the "[INFO|DP=0|PP=0|TP=0|host-1]" prefix is no metric; consumed_tokens is the tokens axis', async () => {
  const lines = [10, 20, 30].map((it) => `12/05/2024 10:00:00 [INFO|DP=0|PP=0|TP=0|lm-ws-1]: iteration: ${it} / 10000 | consumed_tokens: ${it / 2}M | tokens_per_sec: 4.26M | lm_loss: ${loss(it).toFixed(4)} | lr: 0.0003`);
  const src = await readSource(write('nanotron.log', lines));
  const s = seriesOf(src);
  assert.deepEqual(Object.keys(s).sort(), ['lm_loss', 'lr', 'tokens_per_sec']);
  assert.deepEqual([...s.lm_loss!.x.tokens!], [5e6, 10e6, 15e6]);
  assert.equal(plannedStepsOf(src.runs[0]!), 10000);
});

test("Megatron's argument dump (\"lr ........ 3e-4\") is the run's config: clean names, and the tokens of a step", async () => {
  const args: [string, string | number][] = [['global_batch_size', 512], ['seq_length', 2048], ['train_iters', 500000], ['lr', 3e-4], ['lr_decay_style', 'cosine'], ['num_layers', 24], ['hidden_size', 2048]];
  const lines = ['------------------------ arguments ------------------------', ...args.map(([k, v]) => `  ${k} ${'.'.repeat(48 - k.length)} ${v}`), '-------------------- end of arguments ---------------------'];
  for (let it = 10; it <= 100; it += 10) lines.push(` iteration ${it}/ 500000 | consumed samples: ${it * 512} | learning rate: 3.0E-04 | lm loss: ${loss(it).toExponential(6)} |`);
  const src = await readSource(write('megatron_args.log', lines));
  const meta = src.runs[0]!.meta!;
  assert.equal(meta.global_batch_size, 512);
  assert.equal(meta.train_iters, 500000);
  assert.equal(meta.num_layers, 24);
  assert.ok(!Object.keys(meta).some((k) => k.includes('..')), Object.keys(meta).join(', '));
  assert.deepEqual([...seriesOf(src)['lm loss']!.x.tokens!], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((it) => it * 512 * 2048));
});

test('OpenNMT-py: "Step 100/100000; acc: …; ppl: …; xent: …" — the cross-entropy leads its perplexity, the total is the planned length', async () => {
  const lines = [100, 200, 300, 400, 500, 600].map((st) => `[2024-05-01 12:00:00,123 INFO] Step ${st}/100000; acc: ${(50 + st / 100).toFixed(2)}; ppl: ${Math.exp(loss(st)).toFixed(2)}; xent: ${loss(st).toFixed(2)}; lr: 0.00070; sents: 12345; 123 sec;`);
  const src = await readSource(write('onmt.log', lines));
  assert.equal(yKeysOf(src)[0], 'xent');
  assert.equal(seriesOf(src).xent!.split, 'train');
  assert.equal(plannedStepsOf(src.runs[0]!), 100000);
});

/** NeMo's stdout: Lightning's tqdm bar redrawn in place ('\r' before each drawing, no '\n' for the
 *  epoch); its postfix holds the step's metrics. */
function nemoBar(steps: number, from = 0): string {
  let out = '';
  for (let st = from; st < from + steps; st++) {
    const bar = `\rEpoch 0: :  ${Math.floor((100 * st) / 2000)}%|▍   | ${st + 1}/2000 [01:02<30:00, 1.02s/it, loss=${(loss(st + 1) + 0.01).toFixed(3)}, v_num=, reduced_train_loss=${loss(st + 1).toFixed(3)}, global_step=${st}.0, consumed_samples=${(256 * (st + 1)).toExponential(2)}, train_step_timing in s=0.98]`;
    out += st % 5 === 0 ? bar + bar : bar; // tqdm may draw a step twice
    if (st % 400 === 399) out += `\r${' '.repeat(80)}\r[NeMo I 2024-05-01 10:05:00 nemo_logging:349] validation at step ${st}\n${bar}`;
  }
  return out;
}

test("NeMo's progress bar, redrawn with '\\r' and no '\\n' for 400 steps (over 64 KB): every step is a point, read once; its logging prefix is no metric", async () => {
  const text = `[NeMo I 2024-05-01 10:00:00 megatron_gpt_pretraining:37] Starting training\n${nemoBar(500)}\n`;
  assert.ok(text.indexOf('\n', 100) - 100 > 64 * 1024, 'one line over 64 KB');
  const src = await readSource(write('nemo.log', [text]));
  const s = seriesOf(src);
  assert.deepEqual(Object.keys(s).sort(), ['loss', 'reduced_train_loss', 'train_step_timing in s']);
  assert.equal(src.runs[0]!.meta, undefined);
  const r = s.reduced_train_loss!;
  assert.deepEqual([...r.x.step!], Array.from({ length: 500 }, (_, st) => st));
  assert.deepEqual([...r.y], Array.from({ length: 500 }, (_, st) => Number(loss(st + 1).toFixed(3))));
  assert.equal(r.x.samples![299], 76800);
  assert.equal(s.loss!.y.length, 500);
  assert.deepEqual(src.warnings, []);
});

test("a redraw without a step is overdrawn as the terminal shows it: Keras's running means within an epoch give one point, the epoch's", async () => {
  const epoch = (e: number) => [`Epoch ${e}/2`, Array.from({ length: 5 }, (_, b) => `\r ${(b + 1) * 20}/100 [====>...] - ETA: 3s - loss: ${(1 - e * 0.1 - b * 0.01).toFixed(4)}`).join('') + `\r100/100 [==============================] - 5s 50ms/step - loss: ${(0.9 - e * 0.1).toFixed(4)} - val_loss: ${(1 - e * 0.1).toFixed(4)}`];
  const s = seriesOf(await readSource(write('keras_stdout.log', [...epoch(1), ...epoch(2)])));
  assert.deepEqual([...s.loss!.y], [0.8, 0.7]);
  assert.deepEqual([...s.loss!.x.epoch!], [1, 2]);
});

test("NeMo 2's progress printer: 'Training epoch' is the epoch, and the last validation loss it repeats on every line is one point per evaluation", async () => {
  const lines = Array.from({ length: 200 }, (_, st) => {
    const val = st < 50 ? '' : ` | val_loss: ${(4 - Math.floor(st / 50) * 0.1).toFixed(3)}`;
    return `Training epoch 0, iteration ${st}/199 | lr: 3e-05 | consumed_samples: ${(st + 1) * 256} | global_batch_size: 256 | global_step: ${st} | reduced_train_loss: ${loss(st + 1).toFixed(3)} | train_step_timing in s: 0.03146${val}`;
  });
  const s = seriesOf(await readSource(write('nemo2.log', lines)));
  assert.equal(s['Training epoch'], undefined);
  assert.deepEqual([...s.reduced_train_loss!.x.epoch!].slice(0, 3), [0, 0, 0]);
  assert.deepEqual([...s.val_loss!.y], [3.9, 3.8, 3.7]);
  assert.deepEqual([...s.val_loss!.x.step!], [50, 100, 150]);
  assert.equal(s.reduced_train_loss!.y.length, 200);
});

test("a custom loop's tqdm bar (set_postfix, stderr to a file): its counter is the step, its postfix the metrics; the bar, rate and times are not", async () => {
  let text = 'loading data\n';
  for (let n = 0; n <= 3000; n += 3) {
    const post = n === 0 ? '' : `, loss=${loss(n).toFixed(4)}, lr=3.00e-04`;
    text += `\rTraining: ${String(Math.floor(n / 30)).padStart(3)}%|${'█'.repeat(Math.floor(n / 300)).padEnd(10)}| ${n}/3000 [00:${String(n % 60).padStart(2, '0')}<01:00, 14.8it/s${post}]`;
  }
  const s = seriesOf(await readSource(write('tqdm_loop.log', [text])));
  assert.deepEqual(Object.keys(s).sort(), ['loss', 'lr']);
  assert.deepEqual([...s.loss!.x.step!], Array.from({ length: 1000 }, (_, i) => 3 * (i + 1)));
  assert.deepEqual([...s.loss!.y], Array.from({ length: 1000 }, (_, i) => Number(loss(3 * (i + 1)).toFixed(4))));
});

test("Lightning's bar on stdout: its counter restarts each epoch, so it places a drawing within its epoch (epoch 1 + 250/500 = 1.5); v_num is no curve", async () => {
  const lines: string[] = [];
  for (let e = 0; e < 3; e++) {
    let line = '';
    for (let b = 0; b <= 500; b += 50) line += `\rEpoch ${e}: ${String(b / 5).padStart(3)}%|█         | ${b}/500 [00:10<00:20, 24.1it/s, loss=${(1.5 - e * 0.1 - b / 10000).toFixed(3)}, v_num=3]`;
    lines.push(line);
  }
  const s = seriesOf(await readSource(write('lightning_stdout.log', lines)));
  assert.deepEqual(Object.keys(s), ['loss']);
  // epoch 0 at 500/500 and epoch 1 at 0/500 are one position, read once (so are 1 and 2)
  assert.deepEqual([...s.loss!.x.epoch!].slice(9, 13), [0.9, 1, 1.1, 1.2]);
  assert.equal(s.loss!.x.epoch!.length, 31);
  assert.equal(s.loss!.x.step, undefined);
});

test("a loop that draws a new tqdm bar each epoch (`for batch in tqdm(loader)`): the counter restarts, the step runs on", async () => {
  const lines = [0, 1, 2].map((e) => Array.from({ length: 11 }, (_, k) => `\r${String(k * 10).padStart(3)}%|█| ${k * 10}/100 [00:01<00:09, 9.1it/s, loss=${(3 - e - k / 100).toFixed(2)}]`).join(''));
  const s = seriesOf(await readSource(write('tqdm_epochs.log', lines)));
  // each bar's 0/100 is the last one's 100/100: one position, read once
  assert.deepEqual([...s.loss!.x.step!], Array.from({ length: 31 }, (_, i) => 10 * i));
  assert.deepEqual([...s.loss!.y].slice(9, 13), [2.91, 2.9, 1.99, 1.98]);
});

test('a run resumed from a checkpoint into the same log: its points from the resumed step on supersede the earlier run\'s, said once; a step back to the first, or into a later epoch, or in a table, drops nothing', async () => {
  const lines = [
    ...Array.from({ length: 30 }, (_, i) => `step ${(i + 1) * 100} | loss ${loss((i + 1) * 100).toFixed(4)} | lr 3e-4`),
    'resuming from checkpoint',
    ...Array.from({ length: 40 }, (_, i) => `step ${2100 + i * 100} | loss ${(loss(2100 + i * 100) + 0.01).toFixed(4)} | lr 3e-4`),
  ];
  const src = await readSource(write('resumed.log', lines));
  const s = seriesOf(src);
  assert.deepEqual([...s.loss!.x.step!], [...Array.from({ length: 20 }, (_, i) => (i + 1) * 100), ...Array.from({ length: 40 }, (_, i) => 2100 + i * 100)]);
  assert.equal(s.loss!.y[20], Number((loss(2100) + 0.01).toFixed(4)));
  assert.equal(s.lr!.y.length, 60);
  assert.deepEqual(src.warnings.map((w) => w.message), ["the run was resumed (its step went back to step 2100 after step 3000): the 20 point(s) the earlier run had logged from that step on (over 2 series) were dropped, the resumed run's kept"]);

  // the same steps again from the first: two runs in one log; a counter that restarts each epoch
  const twice = seriesOf(await readSource(write('twice.log', [...lines.slice(0, 30), ...lines.slice(0, 30)])));
  assert.equal(twice.loss!.y.length, 60);
  const epochs = seriesOf(await readSource(write('epochs.jsonl', [0, 1, 2].flatMap((e) => [10, 20, 30].map((it) => JSON.stringify({ epoch: e, iter: it + e, loss: 3 - e - it / 100 }))))));
  assert.equal(epochs.loss!.y.length, 9);
  // a table's rows may be in any order (the bundled T5 export is): no resume there
  const table = await readSource(write('unsorted.csv', ['step,loss', '100,3', '300,2.5', '200,2.8', '400,2.4']));
  assert.equal(seriesOf(table).loss!.y.length, 4);
  assert.deepEqual(table.warnings, []);
});

test("HF Trainer stdout as tqdm writes it: the dict lines written over the training bar are at its count, the evaluation bar drawn meanwhile (shorter, one row down) is not the loop, and a finished bar before training is no loop", async () => {
  const bar = (n: number) => `\r${String(Math.floor(n / 2)).padStart(3)}%|▌         | ${n}/200 [00:10<03:20,  4.75it/s]`;
  const clear = `\r${' '.repeat(60)}\r`;
  let text = '\rMap:  50%|█████     | 2500/5000 [00:00<00:00, 4000.00 examples/s]\rMap: 100%|██████████| 5000/5000 [00:01<00:00, 4000.00 examples/s]\n';
  for (let n = 1; n <= 60; n++) {
    text += bar(n);
    if (n % 10 === 0) text += `${clear}{'loss': ${loss(n).toFixed(4)}, 'grad_norm': 1.5, 'learning_rate': 4.5e-05, 'epoch': ${(n / 200).toFixed(2)}}\n${bar(n)}`;
    if (n % 30 === 0) {
      // the evaluation bar, at position 1: a row down and back up; erased when done (leave=False)
      for (let k = 0; k <= 25; k += 5) text += `\n\r${String(4 * k).padStart(3)}%|██| ${k}/25 [00:01<00:00, 19.1it/s]\x1b[A`;
      text += `${clear}{'eval_loss': ${(loss(n) + 0.05).toFixed(4)}, 'eval_runtime': 3.28, 'epoch': ${(n / 200).toFixed(2)}}\n${bar(n)}`;
      text += `${clear}Saving model checkpoint to out/checkpoint-${n}\n${bar(n)}`;
    }
  }
  const src = await readSource(write('hf_stdout.log', [text]));
  const s = seriesOf(src);
  assert.deepEqual([...s.loss!.x.step!], [10, 20, 30, 40, 50, 60]);
  assert.deepEqual([...s.eval_loss!.x.step!], [30, 60]);
  assert.equal(plannedStepsOf(src.runs[0]!), 200);
  assert.ok(!Object.keys(s).some((k) => /Saving|Map|checkpoint/.test(k)), Object.keys(s).join(', '));
});

test("Lightning 2's bar repeats the last epoch's mean (train_loss_epoch) and validation loss on every drawing: one point each per epoch", async () => {
  const lines: string[] = [];
  for (let e = 0; e < 3; e++) {
    let line = '';
    for (let b = 0; b <= 100; b += 20) {
      const before = e === 0 ? '' : `, train_loss_epoch=${(2 - e / 10 + 0.05).toFixed(3)}, val_loss=${(2.1 - e / 10).toFixed(3)}`;
      line += `\rEpoch ${e}: ${String(b).padStart(3)}%|█| ${b}/100 [00:10<00:20, 9.1it/s, v_num=0, train_loss_step=${(2 - e / 10 - b / 1000).toFixed(3)}${before}]`;
    }
    lines.push(line);
  }
  const s = seriesOf(await readSource(write('lightning2_stdout.log', lines)));
  assert.deepEqual([...s.train_loss_epoch!.y], [1.95, 1.85]);
  // first drawn at 20/100 of the next epoch (its 0/100 is the same position as the last one's 100/100)
  assert.deepEqual([...s.val_loss!.x.epoch!], [1.2, 2.2]);
  assert.equal(s.train_loss_step!.y.length, 16);
});

test('a validation loss that plateaus (the same value at evaluations with training lines between) keeps every evaluation', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? `step ${i + 1}: train loss ${loss(i + 1).toFixed(4)}, val loss ${i < 30 ? (3 - i / 100).toFixed(4) : '2.7000'}` : `step ${i + 1}: train loss ${loss(i + 1).toFixed(4)}`));
  const s = seriesOf(await readSource(write('plateau.log', lines)));
  assert.deepEqual([...s['val loss']!.y], [2.91, 2.81, 2.71, 2.7, 2.7, 2.7]);
});

test('"Saving checkpoint at step 2000", "loaded checkpoint from iteration 500": where something happened is no curve; "eval at step N: …" still places the evaluation', async () => {
  const lines: string[] = [];
  for (let st = 100; st <= 1000; st += 100) {
    lines.push(`step ${st} | loss ${loss(st).toFixed(4)}`);
    if (st % 500 === 0) lines.push(`Saving checkpoint at step ${st}`, `  successfully saved checkpoint at iteration ${st} to /ckpt`, `Resuming from step ${st}`, `eval at step ${st}: val_loss ${(loss(st) + 0.1).toFixed(4)}`);
  }
  const s = seriesOf(await readSource(write('checkpoints.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['eval val_loss', 'loss']);
  assert.deepEqual([...s['eval val_loss']!.x.step!], [500, 1000]);
});

test("an aligned table (fastai's console: a header of names, then a row of numbers per epoch) is read by its header; prose without an x axis name is no header", async () => {
  const lines = [
    'Starting training now',
    'epoch     train_loss  valid_loss  accuracy  time    ',
    ...[0, 1, 2, 3].map((e) => `${String(e).padEnd(10)}${(0.5 - e / 20).toFixed(6)}    ${e === 1 ? '#na#    ' : (0.45 - e / 30).toFixed(6)}    ${(0.87 + e / 100).toFixed(6)}  00:1${e}     `),
    'three words here',
    '4         0.300000    0.300000    0.910000  00:14     ',
  ];
  const s = seriesOf(await readSource(write('fastai.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['accuracy', 'train_loss', 'valid_loss']);
  assert.deepEqual([...s.train_loss!.x.epoch!], [0, 1, 2, 3, 4]);
  assert.deepEqual([...s.valid_loss!.y], [0.45, 0.383333, 0.35, 0.3]);
  assert.equal(s.valid_loss!.split, 'val');
});

test('bracketed epoch counters place a line within its epoch: PyTorch\'s "Epoch: [1][400/1000]", mmengine\'s "Epoch(train)  [1][50/200]" (its "Epoch(val)" lines validation)', async () => {
  const imagenet = seriesOf(await readSource(write('imagenet.log', [0, 1].flatMap((e) => [0, 400, 800].map((b) => `Epoch: [${e}][${String(b).padStart(4)}/1000]\tTime  0.512 ( 0.612)\tLoss ${(6.9 - e - b / 1000).toExponential(4)} (6.9078e+00)\tAcc@1   0.00 (  0.10)`)))));
  assert.ok(!Object.keys(imagenet).some((k) => k.startsWith('Epoch')), Object.keys(imagenet).join(', '));
  assert.deepEqual([...imagenet.Loss!.x.epoch!], [0, 0.4, 0.8, 1, 1.4, 1.8]);
  const lines = [50, 100, 150, 200].map((b) => `2024/01/01 10:00:00 - mmengine - INFO - Epoch(train)  [1][${String(b).padStart(4)}/200]  base_lr: 1.0000e-02 lr: 1.0000e-02  eta: 1 day, 2:03:04  time: 0.5000  loss: ${(1.3 - b / 1000).toFixed(4)}`);
  lines.push('2024/01/01 10:01:30 - mmengine - INFO - Epoch(val) [1][500/500]    coco/bbox_mAP: 0.3000  data_time: 0.0100  time: 0.1000');
  const mm = seriesOf(await readSource(write('mmengine.log', lines)));
  assert.deepEqual([...mm.loss!.x.epoch!], [1.25, 1.5, 1.75, 2]);
  assert.equal(mm['val coco/bbox_mAP']!.split, 'val');
  assert.deepEqual([...mm['val coco/bbox_mAP']!.x.epoch!], [2]);
  assert.ok(!Object.keys(mm).some((k) => k.startsWith('Epoch')), Object.keys(mm).join(', '));
});

test('a metric named at k ("pass@1: 0.35", "Acc@5 0.39") keeps its name and value', async () => {
  const lines = [100, 200, 300].map((st) => `step ${st} | pass@1: ${(0.3 + st / 10000).toFixed(3)} | Acc@5   ${(0.5 + st / 1000).toFixed(2)} (  0.50) | loss ${loss(st).toFixed(3)}`);
  const s = seriesOf(await readSource(write('at_k.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['Acc@5', 'loss', 'pass@1']);
  assert.deepEqual([...s['pass@1']!.y], [0.31, 0.32, 0.33]);
  assert.deepEqual([...s['Acc@5']!.y], [0.6, 0.7, 0.8]);
});

test('"<metric> at step N: V" gives the metric at that step ("Validation loss at step 500: 2.45", "loss at iteration 100 = 3.1")', async () => {
  const lines: string[] = [];
  for (let st = 100; st <= 1000; st += 100) {
    lines.push(`Loss at step ${st}: ${loss(st).toFixed(4)}`);
    if (st % 500 === 0) lines.push(`Validation loss at step ${st}: ${(loss(st) + 0.1).toFixed(4)}`, `perplexity at iteration ${st} = ${Math.exp(loss(st)).toFixed(2)}`);
  }
  const s = seriesOf(await readSource(write('at_step.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['Loss', 'Validation loss', 'perplexity']);
  assert.deepEqual([...s.Loss!.x.step!], [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  assert.equal(s.Loss!.y[0], Number(loss(100).toFixed(4)));
  assert.equal(s['Validation loss']!.split, 'val');
  assert.deepEqual([...s['Validation loss']!.x.step!], [500, 1000]);
  assert.deepEqual([...s.perplexity!.x.step!], [500, 1000]);
});

test("messages about a change are no points: Keras's checkpoint and LR messages, fastai's \"Better model found at epoch N with valid_loss value: V\"", async () => {
  const keras = [1, 2, 3].flatMap((e) => [
    `Epoch ${e}/3`,
    `100/100 [==============================] - 3s 30ms/step - loss: ${(1 / e).toFixed(4)} - val_loss: ${(1.1 / e).toFixed(4)}`,
    e === 2 ? `Epoch ${e}: val_loss did not improve from 0.55000` : `Epoch ${e}: val_loss improved from ${e === 1 ? 'inf' : '0.55000'} to ${(1.1 / e).toFixed(5)}, saving model to best.h5`,
    `Epoch ${e}: ReduceLROnPlateau reducing learning rate to 0.0001.`,
  ]);
  const k = seriesOf(await readSource(write('keras_stdout.log', keras)));
  assert.deepEqual(Object.keys(k).sort(), ['loss', 'val_loss']);
  assert.deepEqual([...k.val_loss!.x.epoch!], [1, 2, 3]);
  const fastai = ['epoch     train_loss  valid_loss  accuracy  time    '];
  for (const e of [0, 1, 2]) fastai.push(`${String(e).padEnd(10)}${(0.5 - e / 20).toFixed(6)}    ${(0.45 - e / 30).toFixed(6)}    ${(0.87 + e / 100).toFixed(6)}  00:1${e}     `, `Better model found at epoch ${e} with valid_loss value: ${(0.45 - e / 30).toFixed(6)}.`);
  const f = seriesOf(await readSource(write('fastai_better.log', fastai)));
  assert.deepEqual(Object.keys(f).sort(), ['accuracy', 'train_loss', 'valid_loss']);
  assert.equal(f.valid_loss!.y.length, 3);
});

test("Lightning's ModelCheckpoint message ('Epoch 3, global step 1200: 'val_loss' reached 2.34500 (best …), saving model to …') is the monitored metric at that step and epoch; 'was not in top k' is none", async () => {
  const lines: string[] = [];
  for (let e = 0; e < 4; e++) {
    let line = '';
    for (let b = 0; b <= 300; b += 50) line += `\rEpoch ${e}: ${String(Math.round(b / 3)).padStart(3)}%|█| ${b}/300 [00:10<00:20, 9.1it/s, v_num=0, train_loss=${(3 - e / 10 - b / 10000).toFixed(3)}]`;
    lines.push(line);
    const step = (e + 1) * 300;
    const best = (2.5 - e / 10).toFixed(5);
    lines.push(e === 2 ? `Epoch ${e}, global step ${step}: 'val_loss' was not in top 1` : `Epoch ${e}, global step ${step}: 'val_loss' reached ${best} (best ${best}), saving model to '/ckpt/epoch=${e}-step=${step}.ckpt' as top 1`);
  }
  const s = seriesOf(await readSource(write('lightning_checkpoint.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['train_loss', 'val_loss']);
  assert.deepEqual([...s.val_loss!.y], [2.5, 2.4, 2.2]);
  assert.deepEqual([...s.val_loss!.x.step!], [300, 600, 1200]);
  assert.deepEqual([...s.val_loss!.x.epoch!], [0, 1, 3]);
  assert.equal(s.val_loss!.split, 'val');
});

test("Lightning's EarlyStopping messages are no points: an improvement, min_delta, the best score so far, the count of records without improvement, a value not finite or past a threshold", async () => {
  const lines: string[] = [];
  const val = [3.2, 3.15, 3.1, 3.12, 3.13, 3.14];
  for (const [e, v] of val.entries()) {
    lines.push(`Epoch ${e}: train_loss ${(3.5 - e / 10).toFixed(3)} val_loss ${v.toFixed(3)}`);
    if (e === 0) lines.push(`Metric val_loss improved. New best score: ${v.toFixed(3)}`);
    else if (v < val[e - 1]!) lines.push(`${e === 1 ? '[rank: 0] ' : 'INFO:lightning.pytorch.callbacks.early_stopping:'}Metric val_loss improved by ${(val[e - 1]! - v).toFixed(3)} >= min_delta = 0.0. New best score: ${v.toFixed(3)}`);
  }
  lines.push('Monitored metric val_loss did not improve in the last 3 records. Best score: 3.100. Signaling Trainer to stop.');
  lines.push('Monitored metric validation/loss_epoch_average did not improve in the last 3 records. Best score: 3.100. Signaling Trainer to stop.');
  // why it stops: a value that is not finite or crossed a threshold, the best so far
  lines.push('Monitored metric val_loss = nan is not finite. Previous best value was 3.100. Signaling Trainer to stop.');
  lines.push('Stopping threshold reached: val_loss = 0.01 < 0.02. Signaling Trainer to stop.');
  lines.push('[rank: 0] Divergence threshold reached: val_loss = 12.3 > 10.0. Signaling Trainer to stop.');
  const s = seriesOf(await readSource(write('lightning_early_stopping.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['train_loss', 'val_loss']);
  assert.deepEqual([...s.val_loss!.y], val);
  assert.deepEqual([...s.val_loss!.x.epoch!], [0, 1, 2, 3, 4, 5]);
});

test('a past best reported again is no point: "Best epoch 3: val_loss 0.6", Keras\'s "Restoring model weights from the end of the best epoch: 3."', async () => {
  const lines = [1, 2, 3, 4, 5].map((e) => `Epoch ${e}: loss ${(1 / e).toFixed(3)} val_loss ${(1.1 / e + (e > 3 ? 0.1 : 0)).toFixed(3)}`);
  lines.push('Best epoch 3: val_loss 0.367', 'best step 30 loss 0.333', 'Restoring model weights from the end of the best epoch: 3.');
  const s = seriesOf(await readSource(write('best.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['loss', 'val_loss']);
  assert.deepEqual([...s.val_loss!.x.epoch!], [1, 2, 3, 4, 5]);
  assert.equal(s.val_loss!.y[4], Number((1.1 / 5 + 0.1).toFixed(3)), "epoch 5's own value, not the best's");
  assert.equal(s.loss!.y.length, 5);
});

test("CLU's LoggingWriter (JAX: T5X, big_vision): '[1000] train/loss=2.31, …' after absl's prefix is the step; the byte and string scanners agree", async () => {
  const lines = [100, 200, 300, 400].map((st) => `I1201 12:00:0${st / 100}.123456 140234 logging_writer.py:48] [${st}] train/loss=${(3 - st / 1000).toFixed(3)}, train/learning_rate=0.001`);
  lines.splice(3, 0, 'I1201 12:00:03.5 140234 logging_writer.py:48] [300] eval/loss=3.05', '[400] loss=2.5');
  const s = seriesOf(await readSource(write('clu.log', lines)));
  assert.deepEqual([...s['train/loss']!.x.step!], [100, 200, 300, 400]);
  assert.deepEqual([...s['eval/loss']!.x.step!], [300]);
  assert.equal(s['eval/loss']!.split, 'val');
  assert.deepEqual([...s.loss!.x.step!], [400]);
  // not a step: a bracketed number without key=value after it, or inside a sentence
  const other = seriesOf(await readSource(write('other.log', ['[1] 12345 started', 'step 10 loss 3.0', 'step 20 loss 2.9 [3] x', 'step 30 loss 2.8'])));
  assert.deepEqual([...other.loss!.x.step!], [10, 20, 30]);
});

test("PyTorch's reference scripts and timm: an evaluation's batch lines ('Test:  [ 40/196] … loss: 6.5 (6.5)') are the test split's, not points of the training loss", async () => {
  const lines: string[] = [];
  for (const e of [0, 1]) {
    for (const b of [0, 10, 20]) lines.push(`Epoch: [${e}]  [${String(b).padStart(3)}/30]  eta: 0:00:10  lr: 0.1  img/s: 512.3  loss: ${(6.9 - e - b / 100).toFixed(4)} (${(6.9 - e).toFixed(4)})  acc1: 0.0 (0.0)  time: 0.9  data: 0.1  max mem: 10000`);
    lines.push(`Epoch: [${e}] Total time: 0:00:30`);
    for (const b of [0, 10, 19]) lines.push(`Test:  [${String(b).padStart(3)}/20]  eta: 0:00:01  loss: ${(6.5 - e + b / 100).toFixed(4)} (${(6.5 - e + b / 1000).toFixed(4)})  acc1: 1.0 (1.0)  time: 0.3`);
  }
  const s = seriesOf(await readSource(write('torchvision.log', lines)));
  assert.equal(s.loss!.y.length, 6, 'the training loss: its 6 lines only');
  assert.deepEqual([...s.loss!.y], [0, 1].flatMap((e) => [0, 10, 20].map((b) => Number((6.9 - e - b / 100).toFixed(4)))));
  // "Epoch: [1]  [ 10/30]" (two spaces, as MetricLogger's delimiter prints it) is epoch 1 + 10/30
  assert.deepEqual([...s.loss!.x.epoch!], [0, 1].flatMap((e) => [0, 10, 20].map((b) => e + b / 30)));
  assert.equal(s['Test loss']!.split, 'test');
  // one point per evaluation: the running mean its last batch line states (the aside), not each batch's loss
  assert.deepEqual([...s['Test loss']!.y], [6.519, 5.519]);
  assert.deepEqual([...s['Test loss']!.x.epoch!], [0, 1], 'at the epoch of the "Epoch: [e] Total time" line above it');
  assert.ok(!('Test' in s) && !('Test_total' in s), Object.keys(s).join());
  // a record's own "val" or "test" number is a metric
  const j = seriesOf(await readSource(write('splits.jsonl', [1, 2, 3].map((e) => JSON.stringify({ epoch: e, train: 1 / e, val: 1.1 / e, test: 1.2 / e })))));
  assert.deepEqual(Object.keys(j).sort(), ['test', 'train', 'val']);
  assert.equal(j.val!.y.length, 3);
});

test("timm's 'Train: 3 [ 200/1251 ( 16%)]' places the line within epoch 3, and its evaluation gives one point per pass, the pass's mean", async () => {
  const lines = ['Training with a single process on 1 device (cuda:0).', 'Scheduled epochs: 2. LR stepped per epoch.'];
  for (const e of [0, 1]) {
    for (const b of [0, 500, 1000, 1250]) lines.push(`Train: ${e} [${String(b).padStart(4)}/1251 (${String(Math.round((100 * (b + 1)) / 1251)).padStart(3)}%)]  Loss: ${(7 - e - b / 1000).toFixed(3)} (${(7.5 - e).toFixed(3)})  Time: 0.392s, 2612.43/s  (0.473s, 2164.73/s)  LR: 1.000e-03  Data: 0.022 (0.088)`);
    for (const b of [0, 40, 48]) lines.push(`Test: [${String(b).padStart(4)}/48]  Time: 0.123 (0.160)  Loss: ${(6 - e + b / 100).toFixed(3)} (${(6 - e + b / 1000).toFixed(3)})  Acc@1: ${(10 + e).toFixed(3)} (${(11 + e + b / 100).toFixed(3)})  Acc@5: 30.270 (30.270)`);
  }
  const s = seriesOf(await readSource(write('timm.log', lines)));
  assert.deepEqual([...s.Loss!.x.epoch!], [0, 1].flatMap((e) => [0, 500, 1000, 1250].map((b) => e + b / 1251)));
  assert.deepEqual([...s.Loss!.y], [0, 1].flatMap((e) => [0, 500, 1000, 1250].map((b) => Number((7 - e - b / 1000).toFixed(3)))));
  assert.ok(!('Train' in s) && !('epoch_iter' in s), Object.keys(s).join());
  assert.deepEqual(Object.keys(s).sort(), ['Data', 'LR', 'Loss', 'Test Acc@1', 'Test Acc@5', 'Test Loss', 'Test Time', 'Time'], 'its startup sentence gives no series');
  assert.deepEqual([...s['Test Loss']!.y], [6.048, 5.048]);
  assert.deepEqual([...s['Test Acc@1']!.y], [11.48, 12.48]);
  // a counter after a value that is no epoch places nothing ("loss 2.3 [12/100]")
  const other = seriesOf(await readSource(write('other.log', ['step 1 loss 2.3 [12/100] acc 0.5', 'step 2 loss 2.2 [13/100] acc 0.6'])));
  assert.deepEqual([...other.loss!.x.step!], [1, 2]);
  assert.deepEqual([...other.acc!.y], [0.5, 0.6]);
});

test("Python's default logging format ('INFO:__main__:step 5 loss 2.3', 'INFO: step 5 …'): its prefix is no part of the first key", async () => {
  const lines = [1, 2, 3, 4].map((st) => `INFO:__main__:step ${st} loss ${(3 - st / 10).toFixed(2)}`);
  lines.push('INFO:root:Epoch 1 | train_loss: 0.9 | val_loss: 1.0', 'WARNING: step 5 loss 2.4', 'INFO:my-app.train:step 6 loss 2.35');
  const s = seriesOf(await readSource(write('pylogging.log', lines)));
  assert.deepEqual([...s.loss!.x.step!], [1, 2, 3, 4, 5, 6]);
  assert.equal(s.val_loss!.x.epoch![0], 1);
});

test("a split label before a line's keys ('Test: loss 3.2 acc 0.5', timm's 'Test:  Acc@1 …') names their split; another label is dropped", async () => {
  const lines: string[] = [];
  for (const e of [1, 2, 3]) lines.push(`Epoch ${e}`, `Train: loss ${(3 - e / 10).toFixed(2)} acc ${(0.5 + e / 100).toFixed(2)}`, `Test: loss ${(3.1 - e / 10).toFixed(2)} acc ${(0.48 + e / 100).toFixed(2)}`, `results: ppl ${20 - e}`);
  const s = seriesOf(await readSource(write('labelled.log', lines)));
  assert.deepEqual(Object.keys(s).sort(), ['Test acc', 'Test loss', 'Train acc', 'Train loss', 'ppl']);
  assert.equal(s['Test loss']!.split, 'test');
  assert.deepEqual([...s['Test loss']!.x.epoch!], [1, 2, 3]);
  assert.deepEqual([...s['Train loss']!.y], [2.9, 2.8, 2.7]);
});

test("numpy ≥ 2 dict lines ({'loss': np.float32(5.5252)}) and torch's printed tensors: the loss is read, not dropped", async () => {
  const steps = [100, 200, 300, 400];
  const lines = steps.map((st) => `{'step': ${st}, 'loss': np.float32(${loss(st).toFixed(4)}), 'lr': 3.0299999999999998e-05}`);
  lines.push("step 500 loss tensor(2.3100, device='cuda:0', grad_fn=<NllLossBackward0>)");
  const src = await readSource(write('np_repr.log', lines));
  const s = seriesOf(src);
  assert.deepEqual([...s.loss!.x.step!], [...steps, 500]);
  assert.deepEqual([...s.loss!.y], [...steps.map((st) => Number(loss(st).toFixed(4))), 2.31]);
  assert.equal(yKeysOf(src)[0], 'loss');
});

test("HF Trainer stdout: the points logged after its bar drew the last step are at that step (a final evaluation's bar aside); its closing summary is not", async () => {
  const bar = (n: number, total: number) => `\r${String(Math.floor((100 * n) / total)).padStart(3)}%|###       | ${n}/${total} [00:02<00:04,  4.01it/s]`;
  const lines = [
    // a dataset map's bar finishes before training: no step of the run ends there
    `Map: ${bar(500, 500).slice(1)}`,
    `${bar(0, 30)}${bar(10, 30)}`,
    "{'loss': 3.0, 'learning_rate': 5e-05, 'epoch': 0.33}",
    `${bar(20, 30)}`,
    "{'loss': 2.8, 'learning_rate': 5e-05, 'epoch': 0.67}",
    `${bar(30, 30)}`,
    "{'loss': 2.7, 'learning_rate': 5e-05, 'epoch': 1.0}",
    // the final evaluation's bar, last drawn before its end
    `${bar(0, 4)}${bar(3, 4)}\r                    \r`,
    "{'eval_loss': 2.9, 'eval_runtime': 3.1, 'epoch': 1.0}",
    `${bar(30, 30)}`,
    "{'train_runtime': 7.5, 'train_samples_per_second': 31.9, 'train_loss': 2.83, 'epoch': 1.0}",
  ];
  const s = seriesOf(await readSource(write('hf_final.log', lines)));
  assert.deepEqual([...s.loss!.x.step!], [10, 20, 30]);
  assert.deepEqual([...s.eval_loss!.x.step!], [30]);
  assert.deepEqual([...s.eval_runtime!.x.step!], [30]);
  assert.equal(s.train_loss!.x.step, undefined, 'the summary is over the whole run');
  // after a finished bar no line was placed in (a dataset map's), a logged point has no step
  const mapOnly = seriesOf(await readSource(write('map_only.log', [`Map: ${bar(500, 500).slice(1)}`, "{'loss': 3.0, 'epoch': 0.5}", "{'loss': 2.9, 'epoch': 1.0}"])));
  assert.equal(mapOnly.loss!.x.step, undefined);
});

test("lit-gpt: 'iter 240 step 60' is optimizer step 60 (its iter counts micro-batches); its validation line's iter is placed at the step the training lines give it; the last evaluation it repeats ('val: 3.2') is no series", async () => {
  // gradient accumulation 4: 4 iters a step; a training line every 10 steps, an evaluation every 50
  const lines: string[] = [];
  let val = 'n/a';
  for (let st = 10; st <= 200; st += 10) {
    lines.push(`Epoch 1 | iter ${4 * st} step ${st} | loss train: ${loss(st).toFixed(3)}, val: ${val} | iter time: 123.45 ms (step) remaining time: 0:10:00`);
    if (st % 50 === 0) {
      val = (loss(st) + 0.05).toFixed(3);
      lines.push(`iter ${4 * st}: val loss ${(loss(st) + 0.05).toFixed(4)}, val time: 1234.56 ms`);
    }
  }
  const src = await readSource(write('litgpt.log', lines));
  const s = seriesOf(src);
  assert.deepEqual([...s['loss train']!.x.step!], Array.from({ length: 20 }, (_, i) => 10 * (i + 1)));
  assert.deepEqual([...s['val loss']!.x.step!], [50, 100, 150, 200]);
  assert.equal(s['val loss']!.split, 'val');
  assert.deepEqual(Object.keys(s).sort(), ['iter time', 'loss train', 'val loss', 'val time']);
  assert.equal(yKeysOf(src)[0], 'val loss');
  // its older format: "iter 24 step 6: loss …"
  const old = seriesOf(await readSource(write('litgpt_old.log', [1, 2, 3].map((st) => `iter ${4 * st} step ${st}: loss ${loss(st).toFixed(4)}, iter time: 120.00ms (optimizer.step)`))));
  assert.deepEqual([...old.loss!.x.step!], [1, 2, 3]);
});

test("lit-gpt: a validation line's iter between training lines is at the step their rate gives; one no training line tells the step of is left at its iter as an index, not a step", async () => {
  const train = (st: number) => `Epoch 1 | iter ${4 * st} step ${st} | loss train: ${loss(st).toFixed(3)}, val: n/a | iter time: 123.45 ms (step)`;
  const valAt = (it: number) => `iter ${it}: val loss 2.5000, val time: 1234.56 ms`;
  // an evaluation every 25 steps, a training line every 10: iter 100 is step 25 at 4 iters a step
  const s = seriesOf(await readSource(write('litgpt_rate.log', [train(10), train(20), valAt(100), train(30)])));
  assert.deepEqual([...s['val loss']!.x.step!], [25]);
  // one training line gives no rate: the evaluation keeps its iter, as an index
  const lone = seriesOf(await readSource(write('litgpt_lone.log', [train(10), valAt(50), train(20)])));
  assert.equal(lone['val loss']!.x.step, undefined);
  assert.deepEqual([...lone['val loss']!.x.index!], [50]);
  assert.deepEqual([...lone['loss train']!.x.step!], [10, 20]);
  // without a step anywhere (nanoGPT), the iter is the step
  const nano = seriesOf(await readSource(write('nanogpt_iter.log', ['iter 10: loss 3.5, time 33.70ms', 'iter 20: loss 3.4, time 33.70ms'])));
  assert.deepEqual([...nano.loss!.x.step!], [10, 20]);
});

test('a nanoGPT log resumed into the same file: its "number of parameters" line printed again stays a fact of the run, not a point', async () => {
  const part = (from: number, to: number): string[] => Array.from({ length: (to - from) / 10 + 1 }, (_, k) => `iter ${from + 10 * k}: loss ${(3 - (from + 10 * k) / 1e4).toFixed(4)}, time 100.00ms, mfu 30.00%`);
  const text = ['number of parameters: 123.69M', ...part(0, 300), 'number of parameters: 123.69M', ...part(200, 400)].join('\n') + '\n';
  const file = join(dir, 'resumed_params.log');
  writeFileSync(file, text);
  const { runs } = await readSource(file);
  assert.deepEqual(runs[0]!.series.map((s) => s.key).sort(), ['loss', 'mfu', 'time']);
  assert.equal(runs[0]!.meta?.['number of parameters'], 123.69e6);
  assert.equal(runs[0]!.series.find((s) => s.key === 'loss')!.x.step!.at(-1), 400);
});

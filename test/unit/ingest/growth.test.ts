// A file that grows in random chunks (lines split anywhere) and is read after every chunk ends up
// decoded exactly like a one-shot read of the final file — also across a truncation, a rotation
// (new inode) and a Lightning header-growth rewrite, using real temp files through tail.ts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Format } from '../../../src/ingest/model/decoder';
import { formatById } from '../../../src/ingest/formats/index';
import type { FormatId } from '../../../src/ingest/model/model';
import { FileTail } from '../../../src/ingest/files/tail';
import { decodeAll, decodeChunked, fixtureBytes, plainRuns, prng } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-growth-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURES: [string, FormatId][] = [
  ['metrics.csv', 'lightning'],
  ['keras_log.csv', 'keras'],
  ['dvclive_train_loss.tsv', 'csv'],
  ['detectron2_metrics.json', 'jsonl'],
  ['wandb-history.jsonl', 'jsonl'],
  ['mlruns_metric_loss', 'mlflow'],
  ['nanogpt_train.log', 'text'],
  ['torchtitan_stdout.log', 'text'],
  ['hf_trainer_stdout.log', 'text'],
  ['nemo_stdout.log', 'text'],
  ['scaling_sweep_CNDloss.csv', 'sweep'],
  ['epoch_chinchilla_format.csv', 'sweep'],
  ['sweep_decimal_comma.csv', 'sweep'],
  ['trainer_state.json', 'hf-trainer-state'],
];

function fmt(id: FormatId): Format {
  const f = formatById(id);
  assert.ok(f, id);
  return f;
}

function oneShot(format: Format, name: string, bytes: Uint8Array): unknown {
  return plainRuns(decodeAll(format, name, bytes).runs());
}

for (const [file, id] of FIXTURES) {
  test(`in memory: ${file} fed in random chunks equals one read`, () => {
    const bytes = fixtureBytes(file);
    const expected = oneShot(fmt(id), file, bytes);
    for (let seed = 1; seed <= 12; seed++) {
      const d = decodeChunked(fmt(id), file, bytes, prng(seed), 1 + seed * 7);
      assert.deepEqual(plainRuns(d.runs()), expected, `seed ${seed}`);
    }
  });
}

/** Writes `bytes` to `path` in random chunks, polling the tail after each (sometimes twice). */
async function growInChunks(path: string, bytes: Uint8Array, tail: FileTail, rand: () => number, maxChunk: number): Promise<void> {
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * maxChunk);
    appendFileSync(path, bytes.subarray(i, i + n));
    i += n;
    await tail.poll();
    if (rand() < 0.3) await tail.poll();
  }
}

/** About 40 chunks per file: every line still gets split somewhere across seeds. */
function maxChunkFor(bytes: Uint8Array): number {
  return Math.max(8, Math.ceil(bytes.length / 20));
}

async function settle(tail: FileTail): Promise<void> {
  for (let k = 0; k < 3; k++) await tail.poll();
}

/** The tail never calls end(): compare with a one-shot read of the complete lines. */
function expectedTail(format: Format, name: string, bytes: Uint8Array): unknown {
  return oneShot(format, name, bytes);
}

for (const [file, id] of FIXTURES) {
  test(`tail: ${file} appended in random chunks`, async () => {
    const bytes = fixtureBytes(file);
    for (let seed = 1; seed <= 3; seed++) {
      const path = join(dir, `append-${seed}-${file}`);
      writeFileSync(path, '');
      // tiny read buffers make one poll span many reads; rewrite formats re-read whole files
      const tail = new FileTail(path, fmt(id), { bufferBytes: fmt(id).growth === 'append' ? 16 + seed * 5 : 4096 });
      await growInChunks(path, bytes, tail, prng(seed), maxChunkFor(bytes) * seed);
      await settle(tail);
      assert.deepEqual(plainRuns(tail.runs()), expectedTail(fmt(id), path, bytes), `seed ${seed}`);
      assert.equal(tail.position, bytes.length);
    }
  });
}

for (const [file, id] of FIXTURES) {
  test(`tail: ${file} truncated mid-way and written again (Keras fit restart)`, async () => {
    const bytes = fixtureBytes(file);
    const rand = prng(42);
    const path = join(dir, `trunc-${file}`);
    writeFileSync(path, '');
    const tail = new FileTail(path, fmt(id));
    const cut = Math.floor(bytes.length * 0.6);
    await growInChunks(path, bytes.subarray(0, cut), tail, rand, maxChunkFor(bytes));
    truncateSync(path, 0);
    await tail.poll();
    await growInChunks(path, bytes, tail, rand, maxChunkFor(bytes));
    await settle(tail);
    assert.deepEqual(plainRuns(tail.runs()), expectedTail(fmt(id), path, bytes));
    assert.ok(tail.resets >= 1);
  });

  test(`tail: ${file} rotated (renamed away, new file at the path)`, async () => {
    const bytes = fixtureBytes(file);
    const rand = prng(7);
    const path = join(dir, `rot-${file}`);
    writeFileSync(path, '');
    const tail = new FileTail(path, fmt(id));
    await growInChunks(path, bytes.subarray(0, Math.floor(bytes.length / 2)), tail, rand, maxChunkFor(bytes));
    renameSync(path, `${path}.1`);
    await tail.poll(); // missing for a moment: keeps what it had
    assert.ok(tail.runs().length >= 0);
    writeFileSync(path, '');
    await growInChunks(path, bytes, tail, rand, maxChunkFor(bytes));
    await settle(tail);
    assert.deepEqual(plainRuns(tail.runs()), expectedTail(fmt(id), path, bytes));
  });
}

test('tail: Lightning header growth — non-atomic whole-file rewrite with a wider header', async () => {
  const before = fixtureBytes('metrics.before_header_growth.csv');
  const full = fixtureBytes('metrics.csv');
  const format = fmt('lightning');
  for (let seed = 1; seed <= 5; seed++) {
    const rand = prng(100 + seed);
    const path = join(dir, `lightning-${seed}.csv`);
    writeFileSync(path, '');
    const tail = new FileTail(path, format);
    await growInChunks(path, before, tail, rand, 20);
    const narrow = plainRuns(tail.runs()) as { series: { key: string }[] }[];
    assert.deepEqual(narrow[0].series.map((s) => s.key), ['train_loss_step']);
    // the writer truncates and rewrites (open "w") in pieces; polls may land anywhere in between
    truncateSync(path, 0);
    await growInChunks(path, full, tail, rand, 20);
    await settle(tail);
    assert.deepEqual(plainRuns(tail.runs()), expectedTail(format, path, full), `seed ${seed}`);
  }
});

test('tail: a rewrite that regrows past the old offset before the next poll is still caught', async () => {
  const format = fmt('csv');
  const path = join(dir, 'regrow.csv');
  writeFileSync(path, 'step,loss\n1,5\n2,4\n');
  const tail = new FileTail(path, format);
  await tail.poll();
  writeFileSync(path, 'step,loss,val_loss\n1,5,\n2,4,\n3,3,3.5\n4,2,\n');
  await tail.poll();
  assert.deepEqual(plainRuns(tail.runs()), oneShot(format, path, new TextEncoder().encode('step,loss,val_loss\n1,5,\n2,4,\n3,3,3.5\n4,2,\n')));
});

test('tail: half-written trainer_state.json keeps the previous state and warns', async () => {
  const format = fmt('hf-trainer-state');
  const full = fixtureBytes('trainer_state.json');
  const path = join(dir, 'trainer_state.json');
  writeFileSync(path, full);
  const tail = new FileTail(path, format);
  assert.equal(await tail.poll(), 'rewrite');
  const good = plainRuns(tail.runs());
  writeFileSync(path, full.subarray(0, 900)); // the writer is mid-way through open("w")
  await tail.poll();
  await tail.poll(); // size stable: now it is read, fails to parse, and the old state stays
  assert.deepEqual(plainRuns(tail.runs()), good);
  assert.ok(tail.warnings().some((w) => /kept the previous state/.test(w.message)));
  writeFileSync(path, full);
  await tail.poll();
  assert.deepEqual(plainRuns(tail.runs()), good);
});

test('tail: reads only appended bytes (position advances by the appended length)', async () => {
  const format = fmt('text');
  const path = join(dir, 'appended.log');
  writeFileSync(path, 'step 1 loss 3\n');
  const tail = new FileTail(path, format);
  await tail.poll();
  assert.equal(tail.position, 14);
  appendFileSync(path, 'step 2 loss 2\nstep 3 lo');
  assert.equal(await tail.poll(), 'append');
  assert.equal(tail.position, 14 + 23);
  const y = (): number[] => Array.from(tail.runs()[0].series[0].y);
  assert.deepEqual(y(), [3, 2]);
  appendFileSync(path, 'ss 1\n');
  await tail.poll();
  assert.deepEqual(y(), [3, 2, 1]);
  assert.equal(await tail.poll(), 'none');
  assert.equal(tail.resets, 0);
});

test('tail: a missing file is reported, not thrown, and picked up when it appears', async () => {
  const path = join(dir, 'later.log');
  const tail = new FileTail(path, fmt('text'));
  assert.equal(await tail.poll(), 'none');
  // said in words, not as an errno and a syscall ("ENOENT: no such file or directory, stat '…'")
  assert.ok(tail.warnings().some((w) => w.message === 'cannot read the file now (the data read so far is kept): no such file or folder'), JSON.stringify(tail.warnings()));
  writeFileSync(path, 'step 1 loss 3\n');
  await tail.poll();
  assert.deepEqual(Array.from(tail.runs()[0].series[0].y), [3]);
});

test("tail: an x read below the metrics of its step (OLMo-core's tokens) reaches the points already polled", async () => {
  const path = join(dir, 'olmo_core.log');
  writeFileSync(path, '[step=10/100,epoch=0]\n    train/CE loss=5.5\n');
  const tail = new FileTail(path, fmt('text'));
  await tail.poll();
  const loss = () => tail.runs()[0].series.find((s) => s.key === 'train/CE loss')!;
  assert.equal(loss().x.tokens, undefined);
  appendFileSync(path, '    throughput/total tokens=41,943,040\n[step=20/100,epoch=0]\n    train/CE loss=5.0\n    throughput/total tokens=83,886,080\n');
  await tail.poll();
  assert.deepEqual(Array.from(loss().x.tokens!), [41943040, 83886080]);
});

test("a progress bar that writes no '\\n' is read as it redraws (NeMo): each poll's finished drawings, whatever the chunking", async () => {
  const path = join(dir, 'nemo_stdout.log');
  const bar = (st: number) => `\rEpoch 0: : ${st + 1}/100 [00:01<00:10, reduced_train_loss=${(3 - st / 100).toFixed(2)}, global_step=${st}.0]`;
  writeFileSync(path, '[NeMo I 2024-05-01 10:00:00 train:12] start\n' + bar(0) + bar(1) + bar(2));
  const tail = new FileTail(path, fmt('text'));
  await tail.poll();
  const steps = () => Array.from(tail.runs()[0]?.series.find((s) => s.key === 'reduced_train_loss')?.x.step ?? []);
  // the last drawing may still be being written: it counts once the next '\r' ends it
  assert.deepEqual(steps(), [0, 1]);
  appendFileSync(path, bar(2) + bar(3) + bar(4).slice(0, 20));
  await tail.poll();
  assert.deepEqual(steps(), [0, 1, 2, 3]);
  appendFileSync(path, bar(4).slice(20) + '\n');
  await tail.poll();
  assert.deepEqual(steps(), [0, 1, 2, 3, 4]);
  const bytes = new TextEncoder().encode('x\n' + Array.from({ length: 60 }, (_, st) => bar(st)).join('') + '\n');
  const whole = plainRuns(decodeAll(fmt('text'), 'n.log', bytes).runs());
  for (const seed of [1, 2, 3]) assert.deepEqual(plainRuns(decodeChunked(fmt('text'), 'n.log', bytes, prng(seed), 1 + seed * 7).runs()), whole);
});

test('tail: a CSV overwritten with bytes that are no text keeps its points and says so; written as text again, it is read again', async () => {
  const path = join(dir, 'overwritten.csv');
  writeFileSync(path, 'step,loss\n1,3.0\n2,2.5\n3,2.2\n');
  const tail = new FileTail(path, fmt('csv'));
  await tail.poll();
  const before = plainRuns(tail.runs());
  const noise = new Uint8Array(50_000);
  const rand = prng(3);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(rand() * 256);
  writeFileSync(path, noise);
  await tail.poll();
  assert.deepEqual(plainRuns(tail.runs()), before, 'the points read before are kept');
  const notes = tail.warnings().map((w) => w.message);
  assert.ok(notes.some((m) => /^not text .* since it was rewritten; the data read before is kept/.test(m)), notes.join('\n'));
  assert.ok(notes.length < 5, `no row-by-row warnings: ${notes.length}`);
  writeFileSync(path, 'step,loss\n1,3.1\n2,2.6\n');
  // shorter than what was read: trusted once its size holds for a poll
  await settle(tail);
  assert.deepEqual(Array.from(tail.runs()[0]!.series[0]!.y), [3.1, 2.6]);
  // a shorter binary overwrite is said once, not again at every poll
  writeFileSync(path, noise.subarray(0, 10));
  for (let k = 0; k < 5; k++) await tail.poll();
  assert.deepEqual(Array.from(tail.runs()[0]!.series[0]!.y), [3.1, 2.6]);
  assert.equal(tail.warnings().filter((w) => w.message.startsWith('not text')).length, 2);
});

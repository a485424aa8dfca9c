// W&B transaction logs: the fixture decodes to what run-abc123xy.decoded.json lists; records that
// span 32 KiB blocks (FIRST/MIDDLE/LAST, padded block tails) reassemble in any chunking; corruption
// costs at most the rest of its block and is located by offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wandbFormat } from '../../../src/ingest/formats/wandb';
import { parseJsonNumber } from '../../../src/ingest/text/jsonNumberBytes';
import { BLOCK, WandbLogWriter, concat, historyRecord, pbMessage, pbString, pbVarint } from './binaryWriters';
import { decodeAll, decodeChunked, fixtureBytes, fixtureText, plainRuns, prng, series } from './helpers';

const FIXTURE = 'run-abc123xy.wandb';
const ORIGIN = `/proj/wandb/offline-run-20240610_101500-abc123xy/${FIXTURE}`;

interface ExpectedRecord {
  num: number;
  type: string;
  step?: number;
  items_json?: Record<string, string>;
}

/** Offsets where each physical record starts, by walking block framing (no CRC use). */
function physicalOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let p = 7;
  while (p < bytes.length) {
    const left = BLOCK - (p % BLOCK);
    if (left < 7) {
      p += left;
      continue;
    }
    if (p + 7 > bytes.length) break;
    out.push(p);
    p += 7 + (bytes[p + 4] | (bytes[p + 5] << 8));
  }
  return out;
}

test('fixture: every history row, keyed by name, x from the real step key, time from _runtime', () => {
  const exp = JSON.parse(fixtureText('run-abc123xy.decoded.json')) as ExpectedRecord[];
  const hist = exp.filter((r) => r.type === 'history');
  assert.equal(hist.length, 5);
  const d = decodeAll(wandbFormat, ORIGIN, fixtureBytes(FIXTURE));
  assert.deepEqual(d.warnings(), []);
  assert.equal(d.consumed, fixtureBytes(FIXTURE).length);
  const runs = d.runs();
  assert.equal(runs.length, 1);
  assert.equal(runs[0].name, 'offline-run-20240610_101500-abc123xy');
  assert.deepEqual(runs[0].meta, { wandb_run_id: 'abc123xy', exit_code: 0 });
  // iter is an x key, _step the fallback, _timestamp bookkeeping: only the two metrics are series
  assert.deepEqual(runs[0].series.map((s) => s.key).sort(), ['lr', 'train/loss']);
  for (const key of ['train/loss', 'lr']) {
    const s = series(runs, key);
    assert.deepEqual(Array.from(s.y), hist.map((r) => Number(r.items_json![key])), key);
    assert.deepEqual(Array.from(s.x.step!), hist.map((r) => Number(r.items_json!.iter)), key);
    assert.deepEqual(Array.from(s.x.time!), hist.map((r) => Number(r.items_json!._runtime)), key);
  }
  assert.equal(series(runs, 'train/loss').split, 'train');
  // the record step field agrees with the items' _step (the decoded JSON omits step 0)
  hist.forEach((r) => assert.equal(r.step ?? 0, Number(r.items_json!._step)));
});

test('growth: a split at every byte offset and random chunkings equal the one-shot read', () => {
  const bytes = fixtureBytes(FIXTURE);
  const whole = plainRuns(decodeAll(wandbFormat, ORIGIN, bytes).runs());
  const starts = physicalOffsets(bytes);
  for (let k = 1; k < bytes.length; k++) {
    const d = wandbFormat.createDecoder(ORIGIN);
    d.push(bytes.slice(0, k));
    const ends = starts.map((s) => s + 7 + (bytes[s + 4] | (bytes[s + 5] << 8)));
    const done = ends.filter((e) => e <= k);
    const expectConsumed = k < 7 ? 0 : done.length === 0 ? 7 : done.length === ends.length ? bytes.length : ends[done.length - 1];
    assert.equal(d.consumed, expectConsumed, `split at ${k}`);
    d.push(bytes.slice(k));
    d.end();
    assert.deepEqual(plainRuns(d.runs()), whole, `split at ${k}`);
    assert.deepEqual(d.warnings(), []);
  }
  for (let seed = 1; seed <= 20; seed++) {
    assert.deepEqual(plainRuns(decodeChunked(wandbFormat, ORIGIN, bytes, prng(seed), seed * 5).runs()), whole);
  }
});

/** A history record of exactly `size` payload bytes (a string item pads it; varint widths vary). */
function historyOfSize(num: number, loss: number, size: number): Uint8Array {
  const build = (pad: number, extra: number): Uint8Array => {
    const items: [string, string][] = [['_step', String(num)], ['loss', String(loss)], ['note', JSON.stringify('x'.repeat(pad))]];
    if (extra) items.push(['e', '1'.repeat(extra)]);
    return historyRecord(num, items, num);
  };
  const base = build(0, 0).length;
  for (let extra = 0; extra < 4; extra++)
    for (let pad = Math.max(0, size - base - 8); pad <= size - base + 2; pad++) {
      const r = build(pad, extra);
      if (r.length === size) return r;
    }
  throw new Error(`test setup: no record of ${size} bytes`);
}

/**
 * Rows whose sizes land each block-tail case (0..7 bytes left, the 7 giving a zero-length FIRST),
 * then records of random size, every 10th or so spanning several blocks.
 */
function multiBlockLog(rows: number, rand: () => number): { bytes: Uint8Array; w: WandbLogWriter; loss: number[] } {
  const w = new WandbLogWriter();
  const loss: number[] = [];
  const row = (size: number): void => {
    const i = loss.length;
    loss.push(1 / (i + 1));
    w.write(historyOfSize(i, loss[i], size));
  };
  for (let tail = 0; tail <= 7; tail++) {
    let left = BLOCK - (w.length % BLOCK);
    if (left < 7 + 200 + tail) {
      row(300);
      left = BLOCK - (w.length % BLOCK);
    }
    row(left - 7 - tail);
    row(100);
  }
  while (loss.length < rows) {
    const r = rand();
    row(r < 0.1 ? 33000 + Math.floor(rand() * 40000) : 100 + Math.floor(rand() * 2000));
  }
  return { bytes: w.bytes(), w, loss };
}

test('multi-block records (FIRST/MIDDLE/LAST) and padded block tails reassemble, in any chunking', () => {
  const { bytes, w, loss } = multiBlockLog(50, prng(11));
  const types = new Set(w.physical.map((p) => p.type));
  assert.deepEqual([...types].sort(), [1, 2, 3, 4]);
  // block tails of every padding size 1..6 occurred, and a zero-length FIRST
  const tails = new Set<number>();
  for (const p of w.physical) {
    const end = p.offset + 7 + p.length;
    if (BLOCK - (end % BLOCK) < 7) tails.add(BLOCK - (end % BLOCK));
  }
  for (let t = 1; t < 7; t++) assert.ok(tails.has(t), `padding ${t} seen: ${[...tails]}`);
  assert.ok(w.physical.some((p) => p.type === 2 && p.length === 0));
  const one = decodeAll(wandbFormat, ORIGIN, bytes);
  assert.deepEqual(one.warnings(), []);
  assert.deepEqual(Array.from(series(one.runs(), 'loss').y), loss);
  assert.deepEqual(Array.from(series(one.runs(), 'loss').x.step!), loss.map((_, i) => i));
  const whole = plainRuns(one.runs());
  for (const [seed, max] of [[1, 64], [2, 1000], [3, 40000], [4, 100000]]) {
    assert.deepEqual(plainRuns(decodeChunked(wandbFormat, ORIGIN, bytes, prng(seed), max).runs()), whole, `seed ${seed}`);
  }
  // every split point around the padded block tails (the first 8 blocks hold all of them)
  const prefix = bytes.slice(0, 9 * BLOCK);
  const prefixRuns = plainRuns(decodeAll(wandbFormat, ORIGIN, prefix).runs());
  for (let b = 1; b <= 8; b++)
    for (let k = b * BLOCK - 16; k <= b * BLOCK + 8; k++) {
      const d = wandbFormat.createDecoder(ORIGIN);
      d.push(prefix.slice(0, k));
      d.push(prefix.slice(k));
      assert.deepEqual(plainRuns(d.runs()), prefixRuns, `split at ${k}`);
    }
  // mid-record resume offset points at the FIRST fragment of a spanning record
  const first = w.physical.find((p) => p.type === 2 && p.length > 0)!;
  const d = wandbFormat.createDecoder(ORIGIN);
  d.push(bytes.slice(0, first.offset + 7 + first.length + 10));
  assert.equal(d.consumed, first.offset);
});

test('a CRC mismatch loses the rest of its block only, reported at its offset', () => {
  const { bytes, loss } = multiBlockLog(60, prng(4));
  const starts = physicalOffsets(bytes);
  // corrupt a FULL record in block 1 (after the first block boundary)
  const victim = starts.find((s) => s > BLOCK && bytes[s + 6] === 1)!;
  const bad = bytes.slice();
  bad[victim + 10] ^= 0xff;
  const d = decodeAll(wandbFormat, ORIGIN, bad);
  const w = d.warnings();
  assert.equal(w[0].offset, victim);
  assert.match(w[0].message, /CRC mismatch; rest of the block skipped/);
  const got = Array.from(series(d.runs(), 'loss').y);
  const blockEnd = (Math.floor(victim / BLOCK) + 1) * BLOCK;
  // every row whose last fragment is before the victim or that starts after the block is read
  assert.ok(got.length < loss.length && got.length > 0);
  for (const v of got) assert.ok(loss.includes(v));
  const after = starts.filter((s) => s >= blockEnd && (bytes[s + 6] === 1 || bytes[s + 6] === 2)).length;
  const before = starts.filter((s) => s < victim && (bytes[s + 6] === 1 || bytes[s + 6] === 4)).length;
  // a record already FIRST-ed before the victim and finishing after it is lost too: at most one more
  assert.ok(got.length >= before + after - 1 && got.length <= before + after, `${got.length} vs ${before}+${after}`);
});

test('a corrupt length that overruns its block is skipped to the next block', () => {
  const { bytes } = multiBlockLog(30, prng(9));
  const bad = bytes.slice();
  bad[7 + 4] = 0xff;
  bad[7 + 5] = 0xff;
  const d = decodeAll(wandbFormat, ORIGIN, bad);
  assert.equal(d.warnings()[0].offset, 7);
  assert.match(d.warnings()[0].message, /overruns its 32 KiB block/);
  assert.ok(series(d.runs(), 'loss').y.length > 0);
});

test('torn tail is reported at end() with the resume offset; a bad header stops reading', () => {
  const bytes = fixtureBytes(FIXTURE);
  const starts = physicalOffsets(bytes);
  const d = decodeAll(wandbFormat, ORIGIN, bytes.slice(0, starts[3] + 20));
  assert.equal(d.consumed, starts[3]);
  assert.equal(series(d.runs(), 'lr').y.length, 3);
  assert.equal(d.warnings()[0].offset, starts[3]);
  assert.match(d.warnings()[0].message, /ends inside a record/);
  const notWandb = decodeAll(wandbFormat, ORIGIN, new TextEncoder().encode('{"loss": 1}\n{"loss": 2}\n'));
  assert.deepEqual(notWandb.runs(), []);
  assert.match(notWandb.warnings()[0].message, /not a W&B transaction log/);
});

test('value_json: NaN/Infinity kept, media and strings skipped, nested keys joined, display name kept', () => {
  const w = new WandbLogWriter();
  w.write(concat([pbVarint(1, 1), pbMessage(17, pbString(1, 'abc'), pbString(8, 'brisk-sun-7'))]));
  w.write(historyRecord(2, [['loss', 'NaN'], ['acc', 'Infinity'], [['eval', 'loss'], '-1.5e-3'], ['img', '{"_type": "image-file"}'], ['name', '"x"'], ['ok', 'true']], 0));
  w.write(historyRecord(3, [['loss', '2.5'], ['acc', '-Infinity'], [['eval', 'loss'], '0']], 1));
  w.write(pbMessage(18, pbVarint(1, 3)));
  const d = decodeAll(wandbFormat, `C:\\tmp\\run-zz.wandb`, w.bytes());
  const runs = d.runs();
  assert.equal(runs[0].name, 'run-zz');
  assert.deepEqual(runs[0].meta, { wandb_run_id: 'zz', wandb_display_name: 'brisk-sun-7', exit_code: 3 });
  assert.deepEqual(runs[0].series.map((s) => s.key), ['loss', 'acc', 'eval/loss']);
  assert.deepEqual(Array.from(series(runs, 'loss').y), [NaN, 2.5]);
  assert.deepEqual(Array.from(series(runs, 'acc').y), [Infinity, -Infinity]);
  assert.deepEqual(Array.from(series(runs, 'eval/loss').y), [-0.0015, 0]);
  assert.equal(series(runs, 'eval/loss').split, 'val');
  assert.deepEqual(Array.from(series(runs, 'loss').x.step!), [0, 1]);
});

test('detect: magic bytes, or the .wandb name while the file is still empty', () => {
  const head = fixtureBytes(FIXTURE).subarray(0, 64);
  assert.equal(wandbFormat.detect('anything.bin', head), 1);
  assert.equal(wandbFormat.detect('x/run-abc.wandb', new Uint8Array(0)), 0.9);
  assert.ok(wandbFormat.detect('x/run-abc.wandb', new TextEncoder().encode('hello world')) < 0.5);
  assert.equal(wandbFormat.detect('x/metrics.csv', new TextEncoder().encode('a,b\n')), 0);
});

test('value_json numbers parsed from bytes agree with JSON.parse (and Python NaN/Infinity tokens)', () => {
  const enc = new TextEncoder();
  const rand = prng(2024);
  const cases = ['0', '-0', '2.31', '0.0006', '1718000000.0', '10.003706533208568', '1e-3', '-1.5E+10', '01', '1.', '.5', '-', '', '"1"', '1e', 'true', 'null', '123456789012345678901234567890'];
  for (let i = 0; i < 3000; i++) {
    const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
    cases.push(String(v), v.toFixed(Math.floor(rand() * 12)), v.toPrecision(1 + Math.floor(rand() * 17)), v.toExponential(Math.floor(rand() * 16)));
  }
  for (const c of cases) {
    let expected: number | undefined;
    try {
      const j: unknown = JSON.parse(c);
      expected = typeof j === 'number' ? j : undefined;
    } catch {
      expected = undefined;
    }
    const b = enc.encode(c);
    assert.ok(Object.is(parseJsonNumber(b, 0, b.length), expected), c);
  }
  for (const [t, v] of [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], [' 4.5 ', 4.5]] as const) {
    const b = enc.encode(t);
    assert.ok(Object.is(parseJsonNumber(b, 0, b.length), v), t);
  }
  const b = enc.encode('-NaN');
  assert.equal(parseJsonNumber(b, 0, b.length), undefined);
});

test("a W&B run folder is its history once: the console capture (files/output.log) beside it is not a second run", async () => {
  const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readSource } = await import('../../../src/ingest/files/read');
  const root = mkdtempSync(join(tmpdir(), 'sl-wandb-console-'));
  try {
    for (const id of ['abc123xy', 'def456uv']) {
      const run = join(root, 'wandb', `run-20240101_000000-${id}`);
      mkdirSync(join(run, 'files'), { recursive: true });
      writeFileSync(join(run, 'run-abc123xy.wandb'), fixtureBytes('run-abc123xy.wandb'));
      writeFileSync(join(run, 'files', 'output.log'), fixtureText('nanogpt_train.log'));
    }
    // an older run: wandb-history.jsonl in files/, beside its console
    const old = join(root, 'wandb', 'run-20230101_000000-old');
    mkdirSync(join(old, 'files'), { recursive: true });
    writeFileSync(join(old, 'files', 'wandb-history.jsonl'), fixtureText('wandb-history.jsonl'));
    writeFileSync(join(old, 'files', 'output.log'), fixtureText('nanogpt_train.log'));
    // a console without any history is the only record of its run: kept
    const lone = join(root, 'wandb', 'run-20220101_000000-lone');
    mkdirSync(join(lone, 'files'), { recursive: true });
    writeFileSync(join(lone, 'files', 'output.log'), fixtureText('nanogpt_train.log'));
    const src = await readSource(root);
    assert.deepEqual(src.runs.map((r) => r.format).sort(), ['jsonl', 'text', 'wandb', 'wandb']);
    const note = src.warnings.filter((w) => /console output/.test(w.message));
    assert.equal(note.length, 1, 'one note for the folder');
    assert.match(note[0].message, /^3 W&B runs' console outputs \(files\/output\.log\) are not read as a run beside the run's history/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

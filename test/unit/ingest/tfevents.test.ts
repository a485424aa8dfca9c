// TensorBoard event files: the fixture decodes to exactly what events.decoded.json lists, growth in
// any chunking gives the one-shot result, purge_step restarts drop orphaned points, and corruption
// is located by byte offset while the rest of the file is still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from '../../../src/ingest/records/crc32';
import { crc32c, crc32cBytewise, maskCrc } from '../../../src/ingest/records/crc32c';
import { crc32Bytewise } from '../../../src/ingest/records/crc32';
import { tfeventsFormat } from '../../../src/ingest/formats/tfevents';
import type { RunData } from '../../../src/ingest/model/model';
import { plannedStepsOf } from '../../../src/ingest/model/plannedSteps';
import {
  concat,
  eventFile,
  packedDoubles,
  packedFloats,
  packedVarints,
  pbBytes,
  pbFloat,
  pbMessage,
  pbString,
  pbVarint,
  tfrecord,
  eventBytes,
  valueSimple,
  valueTensor,
  type EventSpec,
} from './binaryWriters';
import { decodeAll, decodeChunked, fixtureBytes, fixtureText, plainRuns, prng, series } from './helpers';

const FIXTURE = 'events.out.tfevents.1718000000.myhost.12345.0';
const ORIGIN = `/logs/runs/exp1/${FIXTURE}`;
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

interface Expected {
  events: { wall_time: number; step: number; values: { tag: string; simple_value?: number; tensor_dtype?: number; tensor_scalar?: number }[] }[];
  scalars: [number, string, number][];
}

/** Record start offsets, by walking the framing lengths (an oracle independent of CRCs). */
function recordOffsets(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let p = 0; p + 12 <= bytes.length; p += 16 + Number(dv.getBigUint64(p, true))) out.push(p);
  return out;
}

test('CRC-32C and CRC-32 check values; slicing-by-8 equals the bytewise reference', () => {
  const s = ascii('123456789');
  assert.equal(crc32c(s), 0xe3069283);
  assert.equal(crc32cBytewise(s), 0xe3069283);
  assert.equal(crc32(s), 0xcbf43926);
  // masked value of the fixture's first length field (bytes 8..11 of the file)
  const f = fixtureBytes(FIXTURE);
  assert.equal(maskCrc(crc32c(f, 0, 8)), new DataView(f.buffer, f.byteOffset).getUint32(8, true));
  const rand = prng(7);
  const buf = Uint8Array.from({ length: 300 }, () => Math.floor(rand() * 256));
  for (let i = 0; i < 200; i++) {
    const a = Math.floor(rand() * 300);
    const b = a + Math.floor(rand() * (300 - a));
    const seed = Math.floor(rand() * 2 ** 32);
    assert.equal(crc32c(buf, a, b, seed), crc32cBytewise(buf, a, b, seed));
    assert.equal(crc32(buf, a, b, seed), crc32Bytewise(buf, a, b, seed));
  }
  // continuing a CRC over a split equals one pass
  assert.equal(crc32c(buf, 100, 300, crc32c(buf, 0, 100)), crc32c(buf));
});

test('fixture: all 25 scalars with their tags, steps, wall times and values (float32 as float32)', () => {
  const exp = JSON.parse(fixtureText('events.decoded.json')) as Expected;
  assert.equal(exp.scalars.length, 25);
  const d = decodeAll(tfeventsFormat, ORIGIN, fixtureBytes(FIXTURE));
  assert.deepEqual(d.warnings(), []);
  assert.equal(d.consumed, fixtureBytes(FIXTURE).length);
  const runs = d.runs();
  assert.equal(runs.length, 1);
  assert.equal(runs[0].name, 'exp1');
  // expected per tag, in file order, from the independent decoder's event list
  const byTag = new Map<string, { step: number; wall: number; y: number; f32: boolean }[]>();
  for (const e of exp.events)
    for (const v of e.values) {
      const y = v.simple_value ?? v.tensor_scalar;
      assert.ok(y !== undefined);
      const f32 = v.simple_value !== undefined || v.tensor_dtype === 1;
      const list = byTag.get(v.tag) ?? [];
      list.push({ step: e.step, wall: e.wall_time, y, f32 });
      byTag.set(v.tag, list);
    }
  assert.deepEqual(runs[0].series.map((s) => s.key).sort(), [...byTag.keys()].sort());
  let total = 0;
  for (const [tag, pts] of byTag) {
    const s = series(runs, tag);
    assert.deepEqual(Array.from(s.x.step!), pts.map((p) => p.step), tag);
    assert.deepEqual(Array.from(s.x.time!), pts.map((p) => p.wall), tag);
    pts.forEach((p, i) => assert.equal(s.y[i], p.f32 ? Math.fround(p.y) : p.y, `${tag}[${i}]`));
    total += pts.length;
  }
  assert.equal(total, 25);
  // the flat scalar list agrees too (same multiset of step/tag/value)
  const flat = runs[0].series.flatMap((s) => Array.from(s.y, (y, i) => `${s.x.step![i]}|${s.key}|${y}`)).sort();
  assert.deepEqual(flat, exp.scalars.map(([st, t, y]) => `${st}|${t}|${y}`).sort());
  assert.equal(series(runs, 'val/loss').split, 'val');
  assert.equal(series(runs, 'acc/val').split, 'val');
  assert.equal(series(runs, 'acc/train').split, 'train');
  assert.equal(series(runs, 'train/loss').split, 'train');
});

test('growth: a split at every byte offset, and seeded random chunkings, equal the one-shot read', () => {
  const bytes = fixtureBytes(FIXTURE);
  const whole = plainRuns(decodeAll(tfeventsFormat, ORIGIN, bytes).runs());
  const starts = recordOffsets(bytes);
  assert.equal(starts.length, 25);
  for (let k = 1; k < bytes.length; k++) {
    const d = tfeventsFormat.createDecoder(ORIGIN);
    d.push(bytes.slice(0, k));
    // resume offset: start of the first record not wholly inside the first k bytes
    const complete: number = starts.filter((_, i) => (starts[i + 1] ?? bytes.length) <= k).length;
    const expectConsumed: number = complete === starts.length ? bytes.length : starts[complete];
    assert.equal(d.consumed, expectConsumed, `split at ${k}`);
    d.push(bytes.slice(k));
    d.end();
    assert.deepEqual(plainRuns(d.runs()), whole, `split at ${k}`);
    assert.deepEqual(d.warnings(), []);
  }
  for (let seed = 1; seed <= 30; seed++) {
    const d = decodeChunked(tfeventsFormat, ORIGIN, bytes, prng(seed), 1 + seed * 7);
    assert.deepEqual(plainRuns(d.runs()), whole, `seed ${seed}`);
  }
});

test('reading after every chunk: points only ever grow, and end at the one-shot result', () => {
  const events: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }];
  for (let i = 0; i < 300; i++) events.push({ wallTime: 2 + i, step: i, values: [valueSimple(i % 3 ? 'loss' : 'eval/loss', 1 / (i + 1))] });
  const bytes = eventFile(events);
  const rand = prng(99);
  const d = tfeventsFormat.createDecoder(ORIGIN);
  let seen = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * 200);
    d.push(bytes.slice(i, i + n));
    i += n;
    const now = d.runs().reduce((a, r) => a + r.series.reduce((b, s) => b + s.y.length, 0), 0);
    assert.ok(now >= seen);
    seen = now;
  }
  d.end();
  assert.equal(seen, 300);
  assert.deepEqual(plainRuns(d.runs()), plainRuns(decodeAll(tfeventsFormat, ORIGIN, bytes).runs()));
});

test('purge_step restart: SessionLog START at step T drops earlier points with step >= T', () => {
  const first: EventSpec[] = [{ wallTime: 100, fileVersion: 'brain.Event:2' }];
  for (let s = 0; s < 10; s++) first.push({ wallTime: 100 + s, step: s, values: [valueSimple('loss', 10 - s), ...(s % 2 ? [] : [valueSimple('val/loss', 20 - s)])] });
  // PyTorch SummaryWriter(purge_step=5): Event{step=5, file_version} then Event{step=5, session_log START}
  const restart: EventSpec[] = [{ wallTime: 200, step: 5, fileVersion: 'brain.Event:2' }, { wallTime: 200, step: 5, sessionStatus: 1 }];
  for (let s = 5; s < 8; s++) restart.push({ wallTime: 200 + s, step: s, values: [valueSimple('loss', 100 + s)] });
  const bytes = eventFile([...first, ...restart]);
  const d = decodeAll(tfeventsFormat, ORIGIN, bytes);
  const runs = d.runs();
  assert.deepEqual(Array.from(series(runs, 'loss').x.step!), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(Array.from(series(runs, 'loss').y), [10, 9, 8, 7, 6, 105, 106, 107]);
  assert.deepEqual(Array.from(series(runs, 'loss').x.time!), [100, 101, 102, 103, 104, 205, 206, 207]);
  assert.deepEqual(Array.from(series(runs, 'val/loss').x.step!), [0, 2, 4]);
  // the restart is also reported for the assembler, which holds the run's older files
  assert.equal(runs[0].meta?.purge_step, 5);
  const w = d.warnings();
  assert.equal(w.length, 1);
  assert.match(w[0].message, /step 5: dropped 7 earlier point/);
  assert.equal(w[0].offset, recordOffsets(bytes)[first.length + 1]);
  // a SessionLog that is not START (STOP=2, CHECKPOINT=3) drops nothing
  const other = decodeAll(tfeventsFormat, ORIGIN, eventFile([...first, { step: 0, sessionStatus: 2 }]));
  assert.equal(series(other.runs(), 'loss').y.length, 10);
  assert.equal(other.runs()[0].meta, undefined);
  // the same restart arriving byte by byte gives the same series
  assert.deepEqual(plainRuns(decodeChunked(tfeventsFormat, ORIGIN, bytes, prng(3), 5).runs()), plainRuns(runs));
});

test('a bad data CRC skips that record only, reported at its offset', () => {
  const bytes = fixtureBytes(FIXTURE).slice();
  const starts = recordOffsets(bytes);
  const k = 5; // record 5: step 20 lr
  bytes[starts[k] + 12 + 3] ^= 0x40;
  const d = decodeAll(tfeventsFormat, ORIGIN, bytes);
  const w = d.warnings();
  assert.equal(w.length, 1);
  assert.equal(w[0].offset, starts[k]);
  assert.match(w[0].message, /data CRC mismatch/);
  const runs = d.runs();
  assert.deepEqual(Array.from(series(runs, 'lr').x.step!), [0, 40, 60, 80, 100]);
  assert.equal(runs[0].series.reduce((a, s) => a + s.y.length, 0), 24);
});

test('a bad length CRC stops reading there with a located warning; earlier records are kept', () => {
  const bytes = fixtureBytes(FIXTURE).slice();
  const starts = recordOffsets(bytes);
  bytes[starts[10]] ^= 0x01;
  const d = tfeventsFormat.createDecoder(ORIGIN);
  d.push(bytes);
  d.push(fixtureBytes(FIXTURE)); // more input after a lost framing is ignored, not misread
  d.end();
  const w = d.warnings();
  assert.equal(w.length, 1);
  assert.equal(w[0].offset, starts[10]);
  assert.match(w[0].message, /length CRC mismatch.*reading stopped/);
  assert.equal(d.consumed, starts[10]);
  assert.equal(d.runs()[0].series.reduce((a, s) => a + s.y.length, 0), 9);
});

test('a torn last record is held back, reported at end() at its offset, and resumes when completed', () => {
  const bytes = fixtureBytes(FIXTURE);
  const starts = recordOffsets(bytes);
  const cut = starts[20] + 7;
  const torn = decodeAll(tfeventsFormat, ORIGIN, bytes.slice(0, cut));
  assert.equal(torn.consumed, starts[20]);
  assert.equal(torn.warnings().length, 1);
  assert.equal(torn.warnings()[0].offset, starts[20]);
  assert.match(torn.warnings()[0].message, /ends inside a record/);
});

test('an oversized length with a valid CRC is skipped without allocating it', () => {
  const header = new Uint8Array(12);
  const dv = new DataView(header.buffer);
  dv.setBigUint64(0, 1n << 40n, true);
  dv.setUint32(8, maskCrc(crc32c(header, 0, 8)), true);
  const ok = eventFile([{ step: 1, values: [valueSimple('loss', 1)] }]);
  const d = decodeAll(tfeventsFormat, ORIGIN, concat([ok, header, ok, ok]));
  assert.equal(series(d.runs(), 'loss').y.length, 1);
  const w = d.warnings();
  assert.equal(w[0].offset, ok.length);
  assert.match(w[0].message, /exceeds the 64 MiB limit/);
  assert.match(w[1].message, /before the end of a skipped record/);
  // and a record just under the limit is still read (as a size that needs buffering across chunks)
  const big = tfrecord(eventBytes({ step: 3, values: [concat([valueSimple('loss', 2), pbBytes(99, new Uint8Array(3 << 20))])] }));
  const d2 = decodeChunked(tfeventsFormat, ORIGIN, concat([ok, big]), prng(5), 65536);
  assert.deepEqual(Array.from(series(d2.runs(), 'loss').y), [1, 2]);
});

test('every scalar tensor encoding; images, histograms, text and vectors are skipped', () => {
  const f16 = (v: number): number => {
    // half bits by hand: 1.5 = 0x3E00, -2 = 0xC000
    return v === 1.5 ? 0x3e00 : 0xc000;
  };
  const content = (dtype: number, fill: (dv: DataView) => void, size: number): Uint8Array[] => {
    const b = new Uint8Array(size);
    fill(new DataView(b.buffer));
    return [pbVarint(1, dtype), pbBytes(4, b)];
  };
  const values = [
    valueTensor('packed_float', [pbVarint(1, 1), packedFloats(5, [0.25])], 'scalars'),
    valueTensor('unpacked_float', [pbVarint(1, 1), pbFloat(5, 0.5)], 'scalars'),
    valueTensor('double', [pbVarint(1, 2), packedDoubles(6, [0.1])], 'scalars'),
    valueTensor('int64', [pbVarint(1, 9), packedVarints(10, [-7])], 'scalars'),
    valueTensor('int32', [pbVarint(1, 3), pbVarint(7, 42)], 'scalars'),
    valueTensor('half', [pbVarint(1, 19), packedVarints(13, [f16(1.5)])], 'scalars'),
    valueTensor('bfloat16', [pbVarint(1, 14), packedVarints(13, [0x3fc0])], 'scalars'), // 1.5
    valueTensor('content_double', content(2, (dv) => dv.setFloat64(0, 2.75, true), 8), 'scalars'),
    valueTensor('content_int32', content(3, (dv) => dv.setInt32(0, -3, true), 4), 'scalars'),
    valueTensor('content_half', content(19, (dv) => dv.setUint16(0, f16(-2), true), 2), 'scalars'),
    valueTensor('no_metadata', [pbVarint(1, 1), packedFloats(5, [3])]),
    valueTensor('vector', [pbVarint(1, 1), packedFloats(5, [1, 2])], 'scalars'),
    valueTensor('hist', [pbVarint(1, 2), packedDoubles(6, [0])], 'histograms'),
    valueTensor('text', [pbVarint(1, 7), pbBytes(8, ascii('hello'))], 'text'),
    concat([valueSimple('x', 0).subarray(0, 3), pbMessage(4, pbVarint(1, 8), pbVarint(2, 8), pbBytes(7, new Uint8Array(64)))]), // image
  ];
  const runs = decodeAll(tfeventsFormat, ORIGIN, eventFile([{ step: 1, wallTime: 5, values }])).runs();
  const got = Object.fromEntries(runs[0].series.map((s) => [s.key, s.y[0]]));
  assert.deepEqual(got, {
    packed_float: 0.25,
    unpacked_float: 0.5,
    double: 0.1,
    int64: -7,
    int32: 42,
    half: 1.5,
    bfloat16: 1.5,
    content_double: 2.75,
    content_int32: -3,
    content_half: -2,
    no_metadata: 3,
  });
  // metadata only on a tag's first Value: the second hist value (no metadata) is still skipped
  const again = decodeAll(tfeventsFormat, ORIGIN, eventFile([
    { step: 1, values: [valueTensor('h', [pbVarint(1, 1), packedFloats(5, [1])], 'histograms')] },
    { step: 2, values: [valueTensor('h', [pbVarint(1, 1), packedFloats(5, [1])])] },
  ]));
  assert.deepEqual(again.runs(), []);
});

test('run and split from the path: Keras train/validation folders, add_scalars <main>_val folders, tag suffixes', () => {
  const bytes = eventFile([{ step: 1, values: [valueSimple('epoch_loss', 1), valueSimple('Loss/test', 2)] }]);
  const read = (origin: string): RunData => decodeAll(tfeventsFormat, origin, bytes).runs()[0];
  const val = read('C:\\logs\\fit\\20240101\\validation\\events.out.tfevents.1.host.2.v2');
  assert.equal(val.name, '20240101');
  assert.deepEqual(val.meta, { splitFolder: 'validation' });
  assert.deepEqual(val.series.map((s) => s.split), ['val', 'val']);
  const train = read('logs/fit/20240101/train/events.out.tfevents.1.host.2.v2');
  assert.equal(train.name, '20240101');
  assert.equal(train.series[0].split, 'train');
  assert.equal(read('runs/Jun10/loss_val/events.out.tfevents.1').series[0].split, 'val');
  const plain = read('runs/Jun10_host/events.out.tfevents.1');
  assert.equal(plain.name, 'Jun10_host');
  assert.deepEqual(plain.series.map((s) => s.split), ['train', 'test']);
  assert.equal(read('events.out.tfevents.1').name, 'events.out.tfevents.1');
});

test('detect: by name and by a valid TFRecord header', () => {
  const head = fixtureBytes(FIXTURE).subarray(0, 64);
  assert.equal(tfeventsFormat.detect(`x/${FIXTURE}`, head), 1);
  assert.equal(tfeventsFormat.detect('x/events.out.tfevents.1.h.2.v2', new Uint8Array(0)), 1);
  assert.equal(tfeventsFormat.detect('x/data.bin', head), 0.5);
  assert.equal(tfeventsFormat.detect('x/metrics.csv', ascii('step,loss\n0,1.5\n')), 0);
  assert.ok(tfeventsFormat.detect('x/events.out.tfevents.1', ascii('step,loss\n0,1.5\n')) < 1);
});

test('malformed Event protobuf inside a valid record: warned at the record offset, neighbours read', () => {
  const good = eventFile([{ step: 1, values: [valueSimple('loss', 1)] }]);
  const bad = tfrecord(Uint8Array.of(0x2a, 0x7f, 0x0a)); // summary field claiming 127 bytes
  const d = decodeAll(tfeventsFormat, ORIGIN, concat([good, bad, good]));
  assert.equal(series(d.runs(), 'loss').y.length, 2);
  assert.equal(d.warnings()[0].offset, good.length);
  assert.match(d.warnings()[0].message, /malformed Event/);
});

test("JSON text summaries (the HF Trainer's args and model_config) are the run's config; other text is not", () => {
  const text = (tag: string, body: string) => valueTensor(`${tag}/text_summary`, [pbVarint(1, 7), pbString(8, body)], 'text');
  const bytes = eventFile([
    { step: 0, values: [text('args', JSON.stringify({ max_steps: 5000, learning_rate: 5e-5, report_to: ['tensorboard'] })), text('model_config', JSON.stringify({ model_type: 'gpt2', n_layer: 12, n_embd: 768 }))] },
    { step: 0, values: [text('notes', 'loss spiked at 3k, restarted'), text('args', JSON.stringify({ max_steps: 1 }))] },
    { step: 10, values: [valueSimple('train/loss', 3.2)] },
  ]);
  const [run] = decodeAll(tfeventsFormat, 'runs/gpt2/events.out.tfevents.1.host', bytes).runs();
  assert.deepEqual(run!.meta, { 'args.max_steps': 5000, 'args.learning_rate': 5e-5, 'args.report_to': '[tensorboard]', 'model_config.model_type': 'gpt2', 'model_config.n_layer': 12, 'model_config.n_embd': 768 });
  assert.equal(plannedStepsOf(run!), 5000);
  assert.deepEqual(run!.series.map((s) => s.key), ['train/loss']);
});

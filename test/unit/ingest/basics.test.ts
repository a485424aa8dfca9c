// Line splitting, relaxed JSON, CSV cells and key classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, MAX_HELD } from '../../../src/ingest/text/lines';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { jsonlFormat } from '../../../src/ingest/formats/jsonl';
import { parseRelaxedJson } from '../../../src/ingest/text/relaxedJson';
import { parseCell } from '../../../src/ingest/text/cells';
import { runNameFromPath, splitOf, splitOfFolder, xKindOf } from '../../../src/ingest/model/keys';
import { RunBuilder } from '../../../src/ingest/model/runBuilder';
import { decodeAll, series } from './helpers';

function lines(chunks: (string | Uint8Array)[]): { got: [string, number][]; s: LineSplitter } {
  const got: [string, number][] = [];
  const s = new LineSplitter((l, n) => got.push([l, n]));
  for (const c of chunks) s.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  return { got, s };
}

test('LineSplitter holds a torn tail until its newline, strips CR and a BOM', () => {
  const { got, s } = lines(['\uFEFFab', 'c\r', '\nde', 'f\n', 'tail']);
  assert.deepEqual(got, [['abc', 1], ['def', 2]]);
  assert.equal(s.consumed, new TextEncoder().encode('\uFEFFabc\r\ndef\n').length);
  assert.equal(s.pending, 4);
  s.end();
  assert.deepEqual(got[2], ['tail', 3]);
});

test('LineSplitter: a multi-byte character split across chunks survives', () => {
  const bytes = new TextEncoder().encode('λοss 1\nμ 2\n');
  const got: string[] = [];
  const s = new LineSplitter((l) => got.push(l));
  for (let i = 0; i < bytes.length; i++) s.push(bytes.subarray(i, i + 1));
  assert.deepEqual(got, ['λοss 1', 'μ 2']);
});

test('LineSplitter copies the tail: reusing the caller buffer does not corrupt it', () => {
  const got: string[] = [];
  const s = new LineSplitter((l) => got.push(l));
  const buf = new TextEncoder().encode('hello');
  s.push(buf);
  buf.fill(0x21);
  s.push(new TextEncoder().encode(' world\n'));
  assert.deepEqual(got, ['hello world']);
});

test('parseRelaxedJson: bare NaN/Infinity outside strings only', () => {
  const v = parseRelaxedJson('{"a": NaN, "b": -Infinity, "c": "NaN Infinity", "d": [Infinity]}') as Record<string, unknown>;
  assert.ok(Number.isNaN(v.a as number));
  assert.equal(v.b, -Infinity);
  assert.equal(v.c, 'NaN Infinity');
  assert.deepEqual(v.d, [Infinity]);
  assert.throws(() => parseRelaxedJson('{"a": NaN'), SyntaxError);
  assert.throws(() => parseRelaxedJson('{"a": 1'), SyntaxError);
});

test('parseCell: numbers, absent values and words', () => {
  assert.equal(parseCell('1.5'), 1.5);
  assert.equal(parseCell(' 2e3 '), 2000);
  assert.equal(parseCell(''), undefined);
  assert.equal(parseCell('  '), undefined);
  assert.equal(parseCell('NA'), undefined);
  assert.ok(Number.isNaN(parseCell('nan') as number));
  assert.equal(parseCell('-inf'), -Infinity);
  // Number() takes these spellings itself; a trimmed word must not be re-parsed forever
  assert.equal(parseCell('Infinity'), Infinity);
  assert.equal(parseCell(' Infinity '), Infinity);
  assert.equal(parseCell('0x1A'), null);
  assert.equal(parseCell('#f46154'), null);
  assert.equal(parseCell('12%'), 12);
});

test('keys: x kinds and splits by name, folders by name', () => {
  assert.equal(xKindOf('Step'), 'step');
  assert.equal(xKindOf('num_input_tokens_seen'), 'tokens');
  assert.equal(xKindOf('Seen Examples'), 'samples');
  assert.equal(xKindOf('loss'), undefined);
  assert.equal(splitOf('val_loss'), 'val');
  assert.equal(splitOf('eval/loss'), 'val');
  assert.equal(splitOf('validate loss'), 'val');
  assert.equal(splitOf('valid_acc'), 'val');
  assert.equal(splitOf('test_loss'), 'test');
  assert.equal(splitOf('train/loss'), 'train');
  assert.equal(splitOf('loss'), 'train');
  assert.equal(splitOf('lr'), 'other');
  assert.equal(splitOf('value'), 'other', 'a "val" prefix needs a separator');
  assert.equal(splitOfFolder('validation'), 'val');
  assert.equal(splitOfFolder('loss_train'), 'train');
  assert.equal(splitOfFolder('version_0'), undefined);
  assert.equal(runNameFromPath('/a/lightning_logs/version_3/metrics.csv'), 'version_3');
  assert.equal(runNameFromPath('C:\\runs\\exp1.log'), 'exp1');
});

test("the HF Trainer's W&B history: the step is train/global_step, not W&B's log-call counter _step", () => {
  const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ 'train/loss': 3 - 0.1 * i, 'train/lr': 1e-4, 'train/global_step': 20 * i, 'train/epoch': 0.01 * i, _step: i, _runtime: 24 * i }));
  const runs = decodeAll(jsonlFormat, '/w/wandb-history.jsonl', new TextEncoder().encode(lines.join('\n') + '\n')).runs();
  const loss = series(runs, 'train/loss');
  assert.deepEqual([...loss.x.step!], [0, 20, 40, 60, 80]);
  assert.deepEqual([...loss.x.epoch!], [0, 0.01, 0.02, 0.03, 0.04]);
  assert.equal(runs[0]!.series.some((s) => s.key === 'train/global_step' || s.key === 'train/epoch'), false, 'the counters are axes, not series');
});

test('RunBuilder aligns x arrays: a kind first seen later is NaN before it', () => {
  const r = new RunBuilder('r', 'o', 'csv');
  r.add('loss', 3, { step: 1 });
  r.add('loss', 2, { step: 2, tokens: 200 });
  r.add('loss', 1, { tokens: 300 });
  const s = r.data().series[0];
  assert.deepEqual(Array.from(s.y), [3, 2, 1]);
  assert.deepEqual(Array.from(s.x.step!), [1, 2, NaN]);
  assert.deepEqual(Array.from(s.x.tokens!), [NaN, 200, 300]);
});

test('parseAsciiNumber equals Number() wherever it answers, and declines the rest', async () => {
  const { parseAsciiNumber, parseAsciiNumberString } = await import('../../../src/ingest/text/fastFloat');
  const { prng } = await import('./helpers');
  const rand = prng(3);
  const enc = new TextEncoder();
  const samples = ['0', '-0', '4.614134788513184', '0.30671563744544983', '1e-22', '1e23', '123456789012345678', '3.', '.5', '-2.5e+3', '9007199254740993', '1.7976931348623157e308', '5e-324'];
  for (let k = 0; k < 20000; k++) {
    const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
    samples.push(String(v), String(Math.fround(v)), v.toFixed(Math.floor(rand() * 8)), v.toExponential(Math.floor(rand() * 12)));
  }
  let answered = 0;
  for (const t of samples) {
    const b = enc.encode(t);
    const got = parseAsciiNumber(b, 0, b.length);
    assert.ok(Object.is(parseAsciiNumberString(t, 0, t.length), got), `string and byte versions agree on ${t}`);
    if (Number.isNaN(got)) continue;
    answered++;
    assert.ok(Object.is(got, Number(t)), `${t}: ${got} vs ${Number(t)}`);
  }
  assert.ok(answered > samples.length / 2, `fast path answered ${answered} of ${samples.length}`);
  for (const bad of ['', '-', '.', 'e5', '1e', '1.2.3', '0x1A', 'nan', '1,5', ' 1']) assert.ok(Number.isNaN(parseAsciiNumber(enc.encode(bad), 0, bad.length)), bad);
});

test('CSV fast byte path and csv-parse path give the same rows, hex and spaces stay words', async () => {
  const { csvFormat } = await import('../../../src/ingest/formats/csv');
  const { decodeAll, plainRuns, series } = await import('./helpers');
  const plain = 'step,a,b\n1,0x1A,0.30671563744544983\n2, 7 ,1e400\n3,,-0\n';
  const quoted = plain.replace('step,a,b\n1', 'step,a,b\n"1"');
  const runsPlain = decodeAll(csvFormat, 'p.csv', new TextEncoder().encode(plain)).runs();
  assert.deepEqual(plainRuns(runsPlain), plainRuns(decodeAll(csvFormat, 'p.csv', new TextEncoder().encode(quoted)).runs()));
  assert.deepEqual(Array.from(series(runsPlain, 'a').y), [7]);
  assert.deepEqual(Array.from(series(runsPlain, 'b').y), [0.30671563744544983, Infinity, -0]);
});

test('quoted cells in the byte path: delimiters, doubled quotes, multi-line cells, any chunking', async () => {
  const { rnslBenchmarkFormat } = await import('../../../src/ingest/formats/rnslBenchmark');
  const { decodeAll, decodeChunked, plainRuns, prng } = await import('./helpers');
  const text = 'Domain,Task,Model,Seen Examples,Loss,Training\nLM,t,"6 ""big"", 2",10,0.5,1\nLM,t,"multi\nline",20,0.4,0\nLM,t,"6 ""big"", 2",30,0.3,0\n';
  const bytes = new TextEncoder().encode(text);
  const one = decodeAll(rnslBenchmarkFormat, 'b.csv', bytes);
  assert.deepEqual(one.warnings(), []);
  assert.deepEqual(one.runs().map((r) => r.name), ['LM/t/6 "big", 2', 'LM/t/multi\nline']);
  assert.deepEqual(Array.from(one.runs()[0].series[0].y), [0.5, 0.3]);
  assert.deepEqual(Array.from(one.runs()[0].series[0].fitMask!), [1, 0]);
  for (let seed = 1; seed <= 30; seed++) assert.deepEqual(plainRuns(decodeChunked(rnslBenchmarkFormat, 'b.csv', bytes, prng(seed), 1 + seed).runs()), plainRuns(one.runs()), `seed ${seed}`);
});

test('LineSplitter drops a line longer than its limit instead of buffering it, then carries on', () => {
  const got: [string, number][] = [];
  const over: number[] = [];
  const s = new LineSplitter((l, n) => got.push([l, n]), undefined, undefined, 16);
  s.onOverlong = (n) => over.push(n);
  const enc = new TextEncoder();
  s.push(enc.encode('ok 1\n0123456789'));
  s.push(enc.encode('0123456789'));
  assert.ok(s.pending <= 16);
  s.push(enc.encode('abc\nok 3\n'));
  assert.deepEqual(got, [['ok 1', 1], ['ok 3', 3]]);
  assert.deepEqual(over, [2]);
  assert.equal(s.consumed, 'ok 1\n'.length + 24 + 'ok 3\n'.length);
});

test('line and table decoders both report a dropped over-long line as one located warning', () => {
  const enc = new TextEncoder();
  const junk = new Uint8Array(1 << 20).fill(0x78); // 'x', no newline
  const laps = (MAX_HELD >> 20) + 1;
  for (const [format, head, tail] of [
    [jsonlFormat, '{"step": 1, "loss": 2}\n', '\n{"step": 2, "loss": 1}\n'],
    [csvFormat, 'step,loss\n1,2\n', '\n2,1\n'],
  ] as const) {
    const d = format.createDecoder('big.log');
    d.push(enc.encode(head));
    for (let i = 0; i < laps; i++) d.push(junk);
    d.push(enc.encode(tail));
    d.end();
    const line = head.split('\n').length;
    assert.deepEqual(d.warnings(), [{ file: 'big.log', line, message: `line longer than ${MAX_HELD >> 20} MB skipped` }], format.id);
    assert.deepEqual(Array.from(d.runs()[0].series.find((s) => s.key === 'loss')!.y), [2, 1], format.id);
  }
});

test('a CSV with a run column (model_name, model_size) is one run per value, not one averaged curve', async () => {
  const { decodeAll, decodeChunked, plainRuns, prng, series } = await import('./helpers');
  const text = 'model_name,model_size,steps,loss\nOPT,125m,100,4.0\nOPT,1.3b,100,3.5\nOPT,125m,200,3.8\nOPT,1.3b,200,3.2\n,,300,9.9\n';
  const bytes = new TextEncoder().encode(text);
  const runs = decodeAll(csvFormat, 'opt.csv', bytes).runs();
  // unlabeled rows stay in the file's own run, listed after the labeled ones
  assert.deepEqual(runs.map((r) => r.name), ['OPT · 125m', 'OPT · 1.3b', 'opt']);
  assert.deepEqual(Array.from(series([runs[0]!], 'loss').y), [4.0, 3.8]);
  assert.deepEqual(Array.from(series([runs[1]!], 'loss').x.step!), [100, 200]);
  assert.deepEqual(Array.from(series([runs[2]!], 'loss').y), [9.9]);
  // the label columns are not series
  assert.equal(runs[0]!.series.some((s) => s.key === 'model_size' || s.key === 'model_name'), false);
  for (let seed = 1; seed <= 10; seed++) assert.deepEqual(plainRuns(decodeChunked(csvFormat, 'opt.csv', bytes, prng(seed), 1 + seed).runs()), plainRuns(runs), `seed ${seed}`);
  // no label anywhere: one run named after the file, as before
  assert.deepEqual(decodeAll(csvFormat, 'plain.csv', new TextEncoder().encode('step,loss\n1,2\n2,1.5\n')).runs().map((r) => r.name), ['plain']);
});

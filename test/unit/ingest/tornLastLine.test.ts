// A file read while its writer is still at work ends in a line cut short: "val loss 1" of
// "val loss 1.9645". A text log's last line without its line end is left out, and said; a table's
// last row is left out when it lacks cells, and read when whole (a file saved without a final newline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textFormat } from '../../../src/ingest/formats/text';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { decodeAll, decodeChunked, series } from './helpers';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const log = Array.from({ length: 8 }, (_, i) => `step ${(i + 1) * 100}: train loss ${(3 - 0.1 * i).toFixed(4)}, val loss ${(3.1 - 0.1 * i).toFixed(4)}`).join('\n');

test('a text log whose last line has no line end: that line is left out and named; with its line end it is read', () => {
  const torn = decodeAll(textFormat, 'train.log', enc(`${log}\nstep 900: train loss 2.2000, val loss 1`));
  assert.equal(series(torn.runs(), 'val loss').y.length, 8);
  assert.equal(series(torn.runs(), 'train loss').y.length, 8);
  assert.match(torn.warnings().map((w) => w.message).join('\n'), /the last line has no line end yet .*left out until it is complete \("step 900: train loss 2\.2000, val loss 1"\)/);
  const whole = decodeAll(textFormat, 'train.log', enc(`${log}\nstep 900: train loss 2.2000, val loss 2.3000\n`));
  assert.equal(series(whole.runs(), 'val loss').y.length, 9);
  assert.ok(!whole.warnings().some((w) => /no line end/.test(w.message)));
});

test('a table whose last row has no line end: left out when it lacks cells, read when whole', () => {
  const head = 'step,tokens,loss\n10,100,3.1\n20,200,2.9\n';
  const cut = decodeAll(csvFormat, 'run.csv', enc(`${head}30,30`));
  assert.deepEqual(Array.from(series(cut.runs(), 'loss').y), [3.1, 2.9]);
  assert.match(cut.warnings().map((w) => w.message).join('\n'), /the last row has no line end and 2 of the header's 3 cells .*left out/);
  const whole = decodeAll(csvFormat, 'run.csv', enc(`${head}30,300,2.8`));
  assert.deepEqual(Array.from(series(whole.runs(), 'loss').y), [3.1, 2.9, 2.8]);
  assert.deepEqual(whole.warnings(), []);
});

test('a table of fixed decimals whose whole last row has no line end and fewer decimals in its last cell: cut mid-number, left out; shortest reprs and a final row of the same decimals are read', () => {
  const rows = Array.from({ length: 6 }, (_, i) => `${(i + 1) * 100},${(3 - 0.1234 * i).toFixed(5)}`).join('\n');
  // "2.1" of "2.10342": read, it lies 20% under the curve at its very end
  const cut = decodeAll(csvFormat, 'run.csv', enc(`step,loss\n${rows}\n700,2.1`));
  assert.equal(series(cut.runs(), 'loss').y.length, 6);
  assert.match(cut.warnings().map((w) => w.message).join('\n'), /the last row \("700,2\.1"\) has no line end and its last cell "2\.1" has 1 decimal where the 5 rows before it have 5 \(a row cut while being written\?\): left out/);
  // however the bytes arrive (a last push holding only the cut row)
  for (const chunk of [3, 7, 40]) assert.equal(series(decodeChunked(csvFormat, 'run.csv', enc(`step,loss\n${rows}\n700,2.1`), () => 0.999, chunk).runs(), 'loss').y.length, 6, `chunks of ${chunk}`);
  const cutCrlf = decodeAll(csvFormat, 'run.csv', enc(`step,loss\r\n${rows.replace(/\n/g, '\r\n')}\r\n700,2.`));
  assert.equal(series(cutCrlf.runs(), 'loss').y.length, 6);
  const whole = decodeAll(csvFormat, 'run.csv', enc(`step,loss\n${rows}\n700,2.10342`));
  assert.equal(series(whole.runs(), 'loss').y.length, 7);
  assert.deepEqual(whole.warnings(), []);
  // a writer of shortest reprs varies its decimals: its last value is read whatever its length
  const repr = decodeAll(csvFormat, 'run.csv', enc('step,loss\n100,3.1234\n200,2.95\n300,2.871\n400,2.8125\n500,2.76\n600,2.7\n700,2.6'));
  assert.equal(series(repr.runs(), 'loss').y.length, 7);
  assert.deepEqual(repr.warnings(), []);
});

test('a text file that gives no series (a licence) is not said to be a log still being written', () => {
  const prose = decodeAll(textFormat, 'LICENSE', enc('Permission is hereby granted, free of charge,\nto any person obtaining a copy'));
  assert.ok(!prose.warnings().some((w) => /no line end/.test(w.message)));
});

test('a JSONL or mmcv .log.json whose last record is cut short: left out and said to be unfinished, not "not a JSON object"; a whole last record without its line end is read', async () => {
  const { jsonlFormat } = await import('../../../src/ingest/formats/jsonl');
  const { mmcvJsonFormat } = await import('../../../src/ingest/formats/mmcvJson');
  const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ mode: 'train', epoch: 1, iter: (i + 1) * 50, step: (i + 1) * 50, loss: 3 - i / 10 })).join('\n');
  for (const format of [jsonlFormat, mmcvJsonFormat]) {
    const torn = decodeAll(format, 'log.json', enc(`${rows}\n{"mode": "train", "epoch": 1, "iter": 300, "lo`));
    assert.equal(series(torn.runs(), 'loss').y.length, 5, format.id);
    const said = torn.warnings().map((w) => w.message);
    assert.deepEqual(said, ['the last line has no line end and is not complete JSON (a log still being written?): left out ("{"mode": "train", "epoch": 1, "iter": 300, "lo")'], format.id);
    const whole = decodeAll(format, 'log.json', enc(`${rows}\n{"mode": "train", "epoch": 1, "iter": 300, "step": 300, "loss": 2.4}`));
    assert.equal(series(whole.runs(), 'loss').y.length, 6, format.id);
    assert.deepEqual(whole.warnings(), [], format.id);
  }
});

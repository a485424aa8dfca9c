// A row whose loss cell is a word ("oops", or bytes that are not UTF-8) is left out of the curve:
// said with the first such row's line, so a user sees which rows of their file were passed over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { decodeAll, decodeChunked, series } from './helpers';

const rows = Array.from({ length: 6 }, (_, i) => `${(i + 1) * 100},${(3 - 0.1 * i).toFixed(4)},run-a`);

test('a word among a column of numbers is said with its line; a column of words (a label) and blank or NA cells are not', () => {
  const text = `step,loss,note\n${rows.slice(0, 3).join('\n')}\n400,oops,run-a\n450,NA,run-a\n460,,run-a\n${rows.slice(3).join('\n')}\n`;
  const d = decodeAll(csvFormat, 'run.csv', new TextEncoder().encode(text));
  assert.equal(series(d.runs(), 'loss').y.length, 6);
  assert.deepEqual(d.warnings().map((w) => [w.line, w.message]), [[5, '1 row with a non-numeric loss was skipped ("oops")']]);
  // the same whatever the chunking
  assert.deepEqual(decodeChunked(csvFormat, 'run.csv', new TextEncoder().encode(text), () => 0.5, 9).warnings(), d.warnings());
});

test('bytes that are not UTF-8 in a loss cell are counted, the first said at its line', () => {
  const enc = new TextEncoder();
  const bad = (step: number) => new Uint8Array([...enc.encode(`${step},2.`), 0xff, 0xfe, ...enc.encode('3,run-a\n')]);
  const parts = [enc.encode(`step,loss,note\n${rows.join('\n')}\n`), bad(700), bad(800), bad(900), bad(1000)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const said = decodeAll(csvFormat, 'run.csv', bytes).warnings();
  assert.deepEqual(said.map((w) => w.line), [8]);
  assert.match(said[0]!.message, /^4 rows with a non-numeric loss were skipped \(first: "2\..+3"\)$/);
});

// Numbers written with thousands commas, as spreadsheets and pandas' `thousands=','` exports write
// them (quoted in a ','-separated file): read as the numbers they are, in both the byte and the
// string paths; a comma that is not a grouping stays unread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { decodeAll, decodeChunked, series } from './helpers';
import { mulberry32 } from '../../../src/core/random';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

test('a CSV of quoted grouped counts ("1,000", "52,428,800") reads every row, whole or pushed in pieces', () => {
  const rows = ['\uFEFFstep,tokens,loss'];
  for (let s = 100; s <= 3000; s += 100) rows.push(`"${s.toLocaleString('en-US')}","${(s * 524288).toLocaleString('en-US')}",${(2 + 5 * s ** -0.3).toFixed(4)}`);
  const bytes = enc(rows.join('\r\n') + '\r\n');
  for (const d of [decodeAll(csvFormat, 'run.csv', bytes), decodeChunked(csvFormat, 'run.csv', bytes, mulberry32(3), 17)]) {
    const loss = series(d.runs(), 'loss');
    assert.equal(loss.y.length, 30);
    assert.equal(loss.x.step![9], 1000);
    assert.equal(loss.x.tokens![29], 3000 * 524288);
  }
});

test('a comma that does not group thousands ("1,5", "12,34", "1,2345") is not read as a number', () => {
  const d = decodeAll(csvFormat, 't.csv', enc('step,loss,note\n1,"1,5",a\n2,"12,34",b\n3,"1,2345",c\n4,2.5,d\n'));
  const loss = series(d.runs(), 'loss');
  assert.deepEqual(Array.from(loss.y), [2.5]);
});

test('a TSV of decimal points reads several groups ("1,234,567") and "1,234.5" (a single group stays unread there, decimalComma.test.ts)', () => {
  const d = decodeAll(csvFormat, 't.tsv', enc('step\ttokens\tloss\n1\t1,234,567\t2.5\n2\t2,469,134.5\t2.4\n'));
  const loss = series(d.runs(), 'loss');
  assert.deepEqual(Array.from(loss.x.tokens!), [1234567, 2469134.5]);
});

// The CSV byte path (split and parse straight from bytes, one pass) against csv-parse on the whole
// text, on random tables with what real logs hold: quoted fields (delimiters, doubled quotes, line
// breaks inside), blank and NA/nan/inf cells, 17-digit reprs, exponents, CRLF, a BOM, repeated
// headers and ragged rows — fed in random chunks. Both must decode to the same runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { StringCells } from '../../../src/ingest/text/cells';
import { ColumnSink, csvFormat } from '../../../src/ingest/formats/csv';
import type { RunData } from '../../../src/ingest/model/model';
import { decodeAll, decodeChunked, plainRuns, pick, prng, type Rand } from './helpers';


function numberCell(rand: Rand): string {
  const v = (rand() - 0.3) * 10 ** Math.floor(rand() * 12 - 6);
  switch (Math.floor(rand() * 8)) {
    case 0:
      return String(Math.floor(v * 1000));
    case 1:
      return v.toFixed(Math.floor(rand() * 7));
    case 2:
      return String(v); // up to 17 significant digits
    case 3:
      return String(Math.fround(v));
    case 4:
      return v.toExponential(Math.floor(rand() * 10));
    case 5:
      return pick(rand, ['-0', '0', '.5', '5.', '+3', '1e400', '9007199254740993', '0.0010000000474974513', '12345678901234567890123']);
    default:
      return (2 + rand()).toPrecision(1 + Math.floor(rand() * 20));
  }
}

function cell(rand: Rand, delim: string): string {
  const r = rand();
  if (r < 0.55) return numberCell(rand);
  if (r < 0.65) return '';
  if (r < 0.8) return pick(rand, ['NA', 'nan', 'NaN', 'inf', '-inf', 'Infinity', 'None', 'null', 'n/a', '-', ' 7 ', '0x1A', 'word', '12.5%', 'é', 'x y']);
  // quoted: a number, a delimiter inside, doubled quotes, a line break inside
  return pick(rand, [`"${numberCell(rand)}"`, `"a${delim}b"`, '"say ""hi"""', '"two\nlines"', '"crlf\r\nin"', '""', '"NA"']);
}

function randomCsv(rand: Rand): { text: string; delim: string } {
  const delim = pick(rand, [',', '\t', ';']);
  const eol = rand() < 0.5 ? '\r\n' : '\n';
  const cols = ['step', 'loss', 'val_loss', `"odd${delim}name"`, 'label', 'lr'].slice(0, 2 + Math.floor(rand() * 5));
  const header = cols.join(delim);
  let text = (rand() < 0.3 ? '\ufeff' : '') + header + eol;
  const rows = 5 + Math.floor(rand() * 60);
  for (let k = 0; k < rows; k++) {
    const r = rand();
    if (r < 0.05) text += eol; // blank line
    else if (r < 0.08) text += header + eol; // an append-mode writer repeats the header
    else {
      const n = rand() < 0.1 ? 1 + Math.floor(rand() * (cols.length + 2)) : cols.length; // ragged
      const cells: string[] = [];
      for (let c = 0; c < n; c++) cells.push(c === 0 && rand() < 0.8 ? String(k) : cell(rand, delim));
      text += cells.join(delim) + (rand() < 0.1 ? delim : '') + eol;
    }
  }
  if (rand() < 0.2) text = text.slice(0, -eol.length); // no newline at the end
  return { text, delim };
}

/** The oracle: csv-parse over the whole text, records handed to the same sink. */
function viaCsvParse(text: string, delim: string): RunData[] {
  const records = parse(text, { bom: true, delimiter: delim, record_delimiter: ['\r\n', '\n'], relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const sink = new ColumnSink('t.csv', 'csv');
  // a last row with no line end and fewer cells than the header is a row still being written: not read
  const last = records.at(-1);
  if (records.length > 1 && !text.endsWith('\n') && last && last.length < records[0]!.length && !last.some((c) => c.includes('\n'))) records.pop();
  const [header, ...rows] = records;
  sink.header(header.map((c) => c.trim()));
  for (const r of rows) if (!(r.length === header.length && r.every((c, i) => c === header[i]))) sink.row(new StringCells(r));
  return sink.runs();
}

test('CSV byte path equals csv-parse on 300 random tables, in any chunking', () => {
  const rand = prng(0xc5f);
  let values = 0;
  let warned = 0;
  for (let k = 0; k < 300; k++) {
    const { text, delim } = randomCsv(rand);
    const bytes = new TextEncoder().encode(text);
    const expected = plainRuns(viaCsvParse(text, delim));
    const one = decodeAll(csvFormat, 't.csv', bytes);
    const whole = one.runs();
    assert.deepEqual(plainRuns(whole), expected, `table ${k}:\n${text}`);
    const chunked = decodeChunked(csvFormat, 't.csv', bytes, prng(k), 1 + (k % 97));
    assert.deepEqual(plainRuns(chunked.runs()), expected, `table ${k} chunked:\n${text}`);
    // ragged rows are reported at the same line numbers however the bytes arrive
    assert.deepEqual(chunked.warnings(), one.warnings(), `table ${k} warnings`);
    warned += one.warnings().length;
    values += whole[0]?.series.reduce((n, s) => n + s.y.length, 0) ?? 0;
  }
  // the tables were not degenerate: thousands of numbers went through both paths
  assert.ok(values > 5000, `${values} values`);
  assert.ok(warned > 50, `${warned} warnings`);
});

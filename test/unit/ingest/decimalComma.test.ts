// Tables written in a decimal-comma locale (Excel, pandas `to_csv(sep=';', decimal=',')`): ';'
// between cells, "3,412" for 3.412. The mark is decided once per file, from the first row that
// holds a decimal; a ','-separated table never reads "1,5" as a number.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { sweepFormat } from '../../../src/ingest/formats/sweep';
import { FileTail } from '../../../src/ingest/files/tail';
import { decimalMarkOf, parseCommaCell } from '../../../src/ingest/text/cells';
import { countInMarkedText } from '../../../src/ingest/text/sizeText';
import type { RunData } from '../../../src/ingest/model/model';
import { decodeAll, decodeChunked, plainRuns, pick, prng, series, type Rand } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-decimal-comma-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const points = (runs: readonly RunData[], key: string): number[] => Array.from(runs[0]?.series.find((s) => s.key === key)?.y ?? []);
/** The warnings but those of words among a column's numbers (the random tables mix words into their columns). */
const markWarnings = (d: { warnings(): { line?: number; message: string }[] }) => d.warnings().filter((w) => !/ here, not a number: /.test(w.message));
const messages = (d: { warnings(): { line?: number; message: string }[] }): [number | undefined, string][] => d.warnings().map((w) => [w.line, w.message]);

const COMMA_SWEEP = 'N;D;loss\n1,5e7;3,0e8;3,412\n7,0e7;1,4e9;2,981\n3,0e8;6,0e9;12,75\n';

test('cells: decimalMarkOf tells a decimal comma from a point; parseCommaCell reads the one and not the other', () => {
  const marks: [string, string | undefined][] = [
    ['3,412', ','], ['1,5e7', ','], ['-0,5', ','], [' 12,75 ', ','], ['1,5E-03', ','],
    ['3.412', '.'], ['1.5e7', '.'], ['.5', '.'], ['5.', '.'],
    ['3', undefined], ['1e7', undefined], ['1,2,3', undefined], ['1.2.3', undefined], ['1,234.5', undefined], [',', undefined], ['v1,5', undefined], ['', undefined],
  ];
  for (const [cell, mark] of marks) assert.equal(decimalMarkOf(cell), mark, cell);
  const values: [string, number | undefined | null][] = [
    ['3,412', 3.412], ['-1,5e-3', -0.0015], ['+2,5', 2.5], ['12,5%', 12.5], ['7', 7], ['nan', NaN], ['-inf', -Infinity], ['', undefined], ['NA', undefined],
    ['3.412', null], ['1,2,3', null], ['1,5,', null], [',', null], ['1,5e', null], ['--1,5', null], ['0x1,5', null], ['word', null],
  ];
  for (const [cell, v] of values) assert.deepEqual(parseCommaCell(cell), v, cell);
});

test('a ;-separated sweep with decimal commas reads its numbers, and says once that it did', () => {
  const d = decodeAll(sweepFormat, 'sweep.csv', bytes(COMMA_SWEEP));
  const s = series(d.runs(), 'loss');
  assert.deepEqual(Array.from(s.y), [3.412, 2.981, 12.75]);
  assert.deepEqual(Array.from(s.x.params!), [1.5e7, 7e7, 3e8]);
  assert.deepEqual(Array.from(s.x.tokens!), [3e8, 1.4e9, 6e9]);
  assert.deepEqual(Array.from(s.x.flops!), [6 * 1.5e7 * 3e8, 6 * 7e7 * 1.4e9, 6 * 3e8 * 6e9]);
  assert.deepEqual(messages(d), [[2, 'read with decimal commas ("1,5e7" is 15000000)']]);
});

test('the same sweep with decimal points reads as before, ;- or ,-separated, with no warning', () => {
  const comma = plainRuns(decodeAll(sweepFormat, 'sweep.csv', bytes(COMMA_SWEEP)).runs());
  for (const text of [COMMA_SWEEP.replace(/,/g, '.'), COMMA_SWEEP.replace(/,/g, '.').replace(/;/g, ',')]) {
    const d = decodeAll(sweepFormat, 'sweep.csv', bytes(text));
    assert.deepEqual(plainRuns(d.runs()), comma, text);
    assert.deepEqual(d.warnings(), [], text);
  }
});

test('a ,-separated table never reads a quoted "1,5" as a number, nor a TSV whose decimals are points', () => {
  for (const text of ['step,loss,lr\n1,"1,5",0.1\n2,"2,5",0.2\n', 'step,loss,lr\n1,"1,5",0.1\n2,"2,5\n",0.2\n', 'step\tloss\tlr\n1\t1,5\t0.1\n2\t2,5\t0.2\n']) {
    const tsv = text.includes('\t');
    for (let seed = 0; seed < 8; seed++) {
      const d = seed === 0 ? decodeAll(csvFormat, 'log.csv', bytes(text)) : decodeChunked(csvFormat, 'log.csv', bytes(text), prng(seed), seed * 3);
      const runs = d.runs();
      assert.deepEqual(points(runs, 'loss'), [], JSON.stringify(text));
      assert.deepEqual(points(runs, 'lr'), [0.1, 0.2], JSON.stringify(text));
      // a TSV decides its mark as a ';' table does, and counts the cells of the other
      const said = tsv ? [[2, '2 rows have a number with a decimal comma in a table read with decimal points (first "1,5"); those cells were not read']] : [];
      assert.deepEqual(messages(d), said, JSON.stringify(text));
    }
  }
});

test('a TSV is read with decimal commas only on a comma that cannot group thousands; one that may leaves commas unread, saying why', () => {
  const cases: [string, number[], [number, string][]][] = [
    ['step\tloss\n1\t3,41\n2\t1,234\n3\t2,5e-1\n', [3.41, 1.234, 0.25], [[2, 'read with decimal commas ("3,41" is 3.41)']]],
    // integers and words wait; "0,250" cannot be a group, and a mixed row decides as it does with ';'
    ['step\tnote\tloss\n1\ta,b\t4\n2\tx\t0,250\n3\tx\t1,234\n', [4, 0.25, 1.234], [[3, 'read with decimal commas ("0,250" is 0.25)']]],
    ['step\tloss\tlr\n1\t1,5\t0.1\n', [], [[2, '1 row has a number with a decimal comma in a table read with decimal points (first "1,5"); those cells were not read']]],
    // "1,234" may be 1234: the file is read with points, and why is said
    ['step\tloss\n1\t1,234\n2\t3,41\n3\t2.5\n', [2.5], [
      [2, 'numbers with a comma not read: "1,234", in the first row with one, may be 1234 (a thousands comma) or 1.234 (a decimal comma)'],
      [2, '2 rows have a number with a decimal comma in a table read with decimal points (first "1,234"); those cells were not read'],
    ]],
    // grouped thousands for certain: a table of points
    ['step\ttokens\tloss\n1\t"1,234,567"\t0,5\n2\t"1,234.5"\t0,25\n', [], [[2, '2 rows have a number with a decimal comma in a table read with decimal points (first "0,5"); those cells were not read']]],
    ['step\ttokens\tloss\n1\t1,234.5\t2.5\n', [2.5], []],
  ];
  for (const [text, loss, said] of cases) {
    for (let seed = 0; seed < 10; seed++) {
      const d = seed === 0 ? decodeAll(csvFormat, 'log.tsv', bytes(text)) : decodeChunked(csvFormat, 'log.tsv', bytes(text), prng(seed), 1 + seed * 2);
      assert.deepEqual(points(d.runs(), 'loss'), loss, `${JSON.stringify(text)} seed ${seed}`);
      assert.deepEqual(messages(d), said, `${JSON.stringify(text)} seed ${seed}`);
    }
  }
});

test('a ;-separated table of decimal points keeps its points: later "3,412" cells are not read, and one warning says so', () => {
  const d = decodeAll(csvFormat, 'log.csv', bytes('step;loss\n1;3.5\n2;3,25\n3;3.0\n4;2,75\n'));
  assert.deepEqual(points(d.runs(), 'loss'), [3.5, 3]);
  assert.deepEqual(messages(d), [[3, '2 rows have a number with a decimal comma in a table read with decimal points (first "3,25"); those cells were not read']]);
});

test('mixed marks in the first row with a decimal: read with points, the commas named in a warning; malformed cells are skipped, never thrown on', () => {
  const mixed = decodeAll(csvFormat, 'mixed.csv', bytes('step;a;b\n0;1,5;2.5\n1;3,5;4.5\n'));
  assert.deepEqual(points(mixed.runs(), 'b'), [2.5, 4.5]);
  assert.deepEqual(points(mixed.runs(), 'a'), []);
  assert.deepEqual(messages(mixed), [[2, '2 rows have a number with a decimal comma in a table read with decimal points (first "1,5"); those cells were not read']]);
  const junk = ['1,2,3', '1,5,', ',', '1,5e', '--1,5', '0x1,5', '"1,5', '1,5"', ';', '"";', '\u00e9,5', '9'.repeat(400) + ',5', '1,' + '5'.repeat(400)];
  const text = `N;D;loss\n1,5e7;3,0e8;3,412\n${junk.map((j, i) => `${i + 1}e7;1e9;${j}`).join('\n')}\n7,0e7;1,4e9;2,981\n`;
  for (let seed = 0; seed < 10; seed++) {
    const d = seed === 0 ? decodeAll(sweepFormat, 'junk.csv', bytes(text)) : decodeChunked(sweepFormat, 'junk.csv', bytes(text), prng(seed), 1 + seed * 5);
    // only the long ones are numbers: 999…9,5 overflows as 999…9.5 does, to a loss no run ends at (left out)
    assert.deepEqual(Array.from(series(d.runs(), 'loss').y), [3.412, 1 + 5 / 9, 2.981], `seed ${seed}`);
    // 11 of its 14 rows are left out: said first
    assert.match(d.runs()[0]!.notes?.[0] ?? '', /^more than a quarter of the rows are left out: 11 of 14 /, `seed ${seed}`);
    // the blank losses (';', '"";') and the overflow are runs without a final loss
    assert.equal(d.runs()[0]!.notes?.[1], 'left out 3 rows whose loss is not a finite positive number (rows 11, 12, 14: blank, blank, 999999999999999…): diverged or unfinished runs', `seed ${seed}`);
    assert.ok(!d.warnings().some((w) => w.message === 'row without a numeric loss skipped'), 'said once, in the note below');
    // the text ones are named too, as `fit --law chinchilla` names them
    assert.match(d.runs()[0]!.notes?.[2] ?? '', /^left out 8 rows without N, D and a loss that can be read \(column "loss" row 3: "1,2,3" is not a number; /, `seed ${seed}`);
  }
});

test('a ;-separated table waits for its first decimal: integers and words with a "," or "." in them do not decide', () => {
  const text = 'step;note;loss\n0;v1.5;1\n1;a,b;2\n2;"x;y";3\n3;z;2,5\n4;1.2.3;2,25\n';
  for (let seed = 0; seed < 10; seed++) {
    const d = seed === 0 ? decodeAll(csvFormat, 'wait.csv', bytes(text)) : decodeChunked(csvFormat, 'wait.csv', bytes(text), prng(seed), seed * 4);
    assert.deepEqual(points(d.runs(), 'loss'), [1, 2, 3, 2.5, 2.25], `seed ${seed}`);
    assert.deepEqual(messages(d), [[5, 'read with decimal commas ("2,5" is 2.5)']], `seed ${seed}`);
  }
});

test('the tailer keeps the decision as rows are appended: integer rows wait, the first decimal decides, a later point is not read', async () => {
  const path = join(dir, 'live.csv');
  writeFileSync(path, 'step;loss;lr\n0;4;1\n1;3;1\n');
  const tail = new FileTail(path, csvFormat, { bufferBytes: 16 });
  await tail.poll();
  assert.deepEqual(points(tail.runs(), 'loss'), [4, 3]);
  const appended = ['2;2,5;0,5\n3;2,', '25;0,5\n', '4;2.125;0.25\n5;2,0;0,25\n', '6;1,875;0,125\n'];
  for (const chunk of appended) {
    appendFileSync(path, chunk);
    await tail.poll();
  }
  assert.deepEqual(points(tail.runs(), 'loss'), [4, 3, 2.5, 2.25, 2, 1.875]);
  assert.deepEqual(points(tail.runs(), 'lr'), [1, 1, 0.5, 0.5, 0.25, 0.125]);
  const warnings = tail.warnings().map((w) => [w.line, w.message]);
  assert.deepEqual(warnings, [
    [4, 'read with decimal commas ("2,5" is 2.5)'],
    [6, '1 row has a number with a decimal point in a table read with decimal commas (first "2.125"); those cells were not read'],
  ]);
  // the same file read at once decides the same way
  const whole = decodeAll(csvFormat, path, bytes('step;loss;lr\n0;4;1\n1;3;1\n' + appended.join('')));
  assert.deepEqual(plainRuns(tail.runs()), plainRuns(whole.runs()));
  assert.deepEqual(whole.warnings().map((w) => [w.line, w.message]), warnings);
});

test('the sweep fixture written with decimal commas reads as its decimal-point original', async () => {
  const { fixtureBytes } = await import('./helpers');
  const comma = decodeAll(sweepFormat, 'df.csv', fixtureBytes('sweep_decimal_comma.csv'));
  const point = decodeAll(sweepFormat, 'df.csv', fixtureBytes('scaling_sweep_CNDloss.csv'));
  assert.deepEqual(plainRuns(comma.runs()), plainRuns(point.runs()));
  assert.deepEqual(messages(comma), [[2, 'read with decimal commas ("44000000,0" is 44000000)']]);
});

test('sizes as text under the decimal mark: "1,3B" is 1.3e9 where decimals are commas; a comma or point that may group thousands is not read', () => {
  const cases: [string, number | undefined, number | undefined][] = [
    // cell, in a table of decimal commas, in one of points (or undecided)
    ['1,3B', 1.3e9, undefined],
    ['0,76b', 7.6e8, undefined],
    ['pythia-1,4b', 1.4e9, undefined],
    ['1,300M', 1.3e6, undefined], // a decimal comma there; 1.3M or 1300M where commas may group
    ['1,5e7', 1.5e7, undefined],
    ['1.3B', 1.3e9, 1.3e9], // a model's name keeps its point in any locale
    ['pythia-1.4b', 1.4e9, 1.4e9],
    ['1.300M', undefined, 1.3e6], // may be 1300M where points group thousands
    ['12.345.678', undefined, undefined],
    ['3.412', undefined, 3.412], // a plain decimal with the other mark is never read
    ['3,412', 3.412, undefined],
    ['350M', 3.5e8, 3.5e8],
    ['300B tokens', 3e11, 3e11],
    ['1b-300b', undefined, undefined],
    ['1,2,3B', undefined, undefined],
    ['v1,5', undefined, undefined],
  ];
  for (const [cell, comma, point] of cases) {
    assert.equal(countInMarkedText(cell, ','), comma, `${cell} with commas`);
    assert.equal(countInMarkedText(cell, '.'), point, `${cell} with points`);
    assert.equal(countInMarkedText(cell, undefined), point, `${cell} undecided`);
  }
});

test('a ;-separated sweep of decimal commas reads its sizes ("1,3B", "pythia-1.4b") whatever the chunking, and is detected as a sweep by its model column', () => {
  const text = 'model;tokens;loss\n1,3B;26B;2,85\n350M;7B;3,1\n125M;2,5B;3,4\npythia-1.4b;28B;2,8\n1.300M;1B;4,1\n';
  assert.equal(sweepFormat.detect('s.csv', bytes(text)), 0.85);
  for (let seed = 0; seed < 12; seed++) {
    const d = seed === 0 ? decodeAll(sweepFormat, 's.csv', bytes(text)) : decodeChunked(sweepFormat, 's.csv', bytes(text), prng(seed), 1 + seed * 3);
    const s = series(d.runs(), 'loss');
    assert.deepEqual(Array.from(s.y), [2.85, 3.1, 3.4, 2.8, 4.1], `seed ${seed}`);
    assert.deepEqual(Array.from(s.x.params!), [1.3e9, 3.5e8, 1.25e8, 1.4e9, NaN], `seed ${seed}`);
    assert.deepEqual(Array.from(s.x.tokens!), [2.6e10, 7e9, 2.5e9, 2.8e10, 1e9], `seed ${seed}`);
    assert.deepEqual(messages(d), [[2, 'read with decimal commas ("2,85" is 2.85)']], `seed ${seed}`);
  }
  // with decimal points the same sizes with a comma stay unread: "1,300M" may be 1.3M or 1300M
  const point = decodeAll(sweepFormat, 's.csv', bytes('model;tokens;loss\n1,3B;26B;2.85\n1,300M;7B;3.1\n1.3B;1,000B;3.0\n'));
  const p = series(point.runs(), 'loss');
  assert.deepEqual(Array.from(p.x.params!), [NaN, NaN, 1.3e9]);
  assert.deepEqual(Array.from(p.x.tokens!), [2.6e10, 7e9, NaN]);
});


/** A decimal as a table writes it: fixed, shortest repr (up to 17 digits), exponent, or an integer. */
function decimal(rand: Rand): string {
  const v = (rand() - 0.3) * 10 ** Math.floor(rand() * 12 - 6);
  switch (Math.floor(rand() * 5)) {
    case 0:
      return String(Math.floor(v * 1000));
    case 1:
      return v.toFixed(1 + Math.floor(rand() * 6));
    case 2:
      return String(v);
    case 3:
      return v.toExponential(1 + Math.floor(rand() * 8));
    default:
      return (2 + rand()).toPrecision(2 + Math.floor(rand() * 17));
  }
}

/** A random ';' table with '.' decimals (blank/NA/words, quoted cells, multi-line labels, CRLF, a
 *  repeated header), and its twin with every decimal point written as a comma. */
function twinTables(rand: Rand, sep = ';'): { point: string; comma: string } {
  const eol = rand() < 0.5 ? '\r\n' : '\n';
  const header = ['step', 'loss', 'val_loss', 'note', 'lr'].join(sep);
  const point: string[] = [header];
  const comma: string[] = [header];
  const integerRows = Math.floor(rand() * 4); // rows before the first decimal: the mark waits
  for (let k = 0; k < 5 + rand() * 60; k++) {
    if (rand() < 0.04) {
      point.push(header);
      comma.push(header);
      continue;
    }
    const p: string[] = [String(k)];
    const c: string[] = [String(k)];
    for (let col = 1; col < 5; col++) {
      const r = rand();
      let cell: string;
      if (k < integerRows) cell = String(Math.floor(rand() * 100));
      else if (col === 3) cell = pick(rand, ['a', '"two\nlines"', '"x;y"', '', 'v1.5']);
      else if (r < 0.75) cell = decimal(rand);
      else if (r < 0.85) cell = `"${decimal(rand)}"`;
      else cell = pick(rand, ['', 'NA', 'nan', 'inf', '-', 'word']);
      p.push(cell);
      c.push(col === 3 ? cell : cell.replace('.', ','));
    }
    point.push(p.join(sep));
    comma.push(c.join(sep));
  }
  return { point: point.join(eol) + eol, comma: comma.join(eol) + eol };
}

test('200 random tables with decimal commas read as their decimal-point twins, whatever the chunking', () => {
  const rand = prng(0xdec);
  let values = 0;
  for (let k = 0; k < 200; k++) {
    const { point, comma } = twinTables(rand);
    const expected = plainRuns(decodeAll(csvFormat, 't.csv', bytes(point)).runs());
    const one = decodeAll(csvFormat, 't.csv', bytes(comma));
    assert.deepEqual(plainRuns(one.runs()), expected, `table ${k}:\n${comma}`);
    assert.ok(markWarnings(one).every((w) => w.message.startsWith('read with decimal commas')), `table ${k}: ${JSON.stringify(one.warnings())}`);
    const chunked = decodeChunked(csvFormat, 't.csv', bytes(comma), prng(k), 1 + (k % 61));
    assert.deepEqual(plainRuns(chunked.runs()), expected, `table ${k} chunked:\n${comma}`);
    assert.deepEqual(chunked.warnings(), one.warnings(), `table ${k} warnings`);
    values += one.runs()[0]?.series.reduce((n, s) => n + s.y.length, 0) ?? 0;
  }
  assert.ok(values > 5000, `${values} values`);
});

test('200 random TSVs with decimal commas: read as their decimal-point twins once a comma that cannot group decides, else left unread with the reason; the same whatever the chunking', () => {
  const rand = prng(0x7ab);
  const outcomes = { comma: 0, unread: 0 };
  for (let k = 0; k < 200; k++) {
    const { point, comma } = twinTables(rand, '\t');
    const one = decodeAll(csvFormat, 't.tsv', bytes(comma));
    const said = markWarnings(one).map((w) => w.message);
    if (said[0]?.startsWith('read with decimal commas')) {
      outcomes.comma++;
      assert.deepEqual(plainRuns(one.runs()), plainRuns(decodeAll(csvFormat, 't.tsv', bytes(point)).runs()), `table ${k}:\n${comma}`);
      assert.equal(said.length, 1, `table ${k}: ${JSON.stringify(said)}`);
    } else if (said.length > 0) {
      // the first row with a decimal wrote them all as "d,ddd": no comma is read
      outcomes.unread++;
      assert.match(said[0], /^numbers with a comma not read: "[+-]?\d{1,3},\d{3}", in the first row with one, may be/, `table ${k}`);
      // and nothing is misread: every value read is one its twin has in that series
      const twin = decodeAll(csvFormat, 't.tsv', bytes(point)).runs()[0]!;
      for (const s of one.runs()[0]?.series ?? []) {
        const theirs = new Set(series([twin], s.key).y);
        assert.ok(s.y.every((v) => Number.isNaN(v) || theirs.has(v)), `table ${k}: ${s.key}`);
      }
    }
    for (const maxChunk of [1 + (k % 61), 3, 4096]) {
      const chunked = decodeChunked(csvFormat, 't.tsv', bytes(comma), prng(k), maxChunk);
      assert.deepEqual(plainRuns(chunked.runs()), plainRuns(one.runs()), `table ${k} chunked by ${maxChunk}`);
      assert.deepEqual(chunked.warnings(), one.warnings(), `table ${k} warnings`);
    }
  }
  assert.ok(outcomes.comma > 150 && outcomes.unread > 0, JSON.stringify(outcomes));
});

// The CLI's named-column CSV table, read by ingest's table reader: it must give what csv-parse with
// the CLI's old options gave (trimmed cells, BOM, blank lines, ragged rows, quoting), across the
// reader's 1 MB chunks, and turn a file it cannot read into a one-line usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../../../src/cli/args';
import { readCsvTable, requireColumns, tableNumber } from '../../../src/cli/csvTable';
import { prng, scratchTree } from '../ingest/helpers';

const { root: dir, put: write } = scratchTree('sl-csvtable-');

/** What the CLI read before it shared ingest's reader. */
function oracle(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rest] = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

test('a small table: BOM, spaces, CRLF, blank lines, short and long rows, quoted cells', async () => {
  const text = '\ufeffrun, tokens ,loss\r\na, 1e6 ,2.5\r\n\r\n"b,c",2e6,"2.25"\r\nd\r\ne,3e6,2,extra\r\n"multi\nline",4e6,2.1\r\n';
  const t = await readCsvTable(write('small.csv', text));
  assert.deepEqual(t.header, ['run', 'tokens', 'loss']);
  assert.deepEqual(t.rows, [
    { run: 'a', tokens: '1e6', loss: '2.5' },
    { run: 'b,c', tokens: '2e6', loss: '2.25' },
    { run: 'd', tokens: '', loss: '' },
    { run: 'e', tokens: '3e6', loss: '2' },
    { run: 'multi\nline', tokens: '4e6', loss: '2.1' },
  ]);
  assert.deepEqual({ header: t.header, rows: t.rows }, oracle(text));
});

test('a table of several MB reads as csv-parse read it, across chunk boundaries', async () => {
  const rand = prng(0x7ab1e);
  const lines = ['Domain,Task,Model,Seen Examples,Loss,Training'];
  for (let i = 0; lines.length < 60_000; i++) {
    const task = rand() < 0.2 ? `"t, ""${i % 9}"""` : `t${i % 9}`;
    const loss = rand() < 0.05 ? 'NA' : String(rand());
    lines.push(`IC,${task}, m${i % 4} ,${Math.floor(rand() * 1e9)},${loss},${i % 5 ? 1 : 0}`);
  }
  const text = lines.join('\n');
  assert.ok(text.length > 2 << 20);
  const t = await readCsvTable(write('big.csv', text));
  assert.equal(t.rows.length, 59_999);
  assert.deepEqual({ header: t.header, rows: t.rows }, oracle(text));
});

test("the delimiter is the header's, as every reader takes it: ';' tables (decimal commas too) and TSVs read by column", async () => {
  assert.deepEqual((await readCsvTable(write('semi.csv', 'x;y\n1;2.5\n'))).rows, [{ x: '1', y: '2.5' }]);
  // cells stay as written, and the table says its decimal mark, which tableNumber reads them with
  const comma = await readCsvTable(write('comma.csv', 'model;N;loss\nS;1,5e7;3,412\nL;7e7;2,981\n'));
  assert.deepEqual(comma.rows, [{ model: 'S', N: '1,5e7', loss: '3,412' }, { model: 'L', N: '7e7', loss: '2,981' }]);
  assert.equal(comma.mark, ',');
  assert.deepEqual(comma.rows.map((r) => [tableNumber(r.N, comma.mark), tableNumber(r.loss, comma.mark)]), [[1.5e7, 3.412], [7e7, 2.981]]);
  assert.deepEqual((await readCsvTable(write('tabs.tsv', 'x\ty\n1\t2\n'))).rows, [{ x: '1', y: '2' }]);
  // a ',' table keeps its quoted "1,5" as text, and a header with a ';' inside a name stays one column
  assert.deepEqual((await readCsvTable(write('quoted.csv', 'x,y;z\n"1,5",2\n'))).rows, [{ x: '1,5', 'y;z': '2' }]);
  assert.throws(() => requireColumns(comma, 'comma.csv', ['D']), /comma\.csv has no column "D"; columns are: model, N, loss/);
});

test('unreadable files are one-line usage errors', async () => {
  const oneLine = (re: RegExp) => (e: unknown) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n');
  await assert.rejects(readCsvTable(join(dir, 'missing.csv')), oneLine(/cannot read .*missing\.csv: no such file or folder$/));
  mkdirSync(join(dir, 'folder.csv'));
  await assert.rejects(readCsvTable(join(dir, 'folder.csv')), oneLine(/folder\.csv is a folder, not a file$/));
  await assert.rejects(readCsvTable(write('empty.csv', '\n\n')), oneLine(/empty\.csv is empty/));
  // a quoted field that never closes drops its record: an error, not a silently shorter table
  await assert.rejects(readCsvTable(write('open.csv', 'x,y\n1,2\n3,"4\n5,6\n')), oneLine(/open\.csv is not a readable CSV file: line 3: unterminated quoted field/));
});

test('a dropped record hidden past the warning cap is still an error', async () => {
  // 150 rows with an extra cell (kept, warned) fill the capped warning list; the unbalanced row after them is lost
  const ragged = Array.from({ length: 150 }, (_, i) => `${i + 1},${i},extra`).join('\n');
  const text = `x,y\n${ragged}\n151,"7\n152,8\n`;
  await assert.rejects(readCsvTable(write('many.csv', text)), (e: unknown) => e instanceof UsageError && /too many malformed rows.*line 2: row has 3 cells/.test(e.message));
  // ragged rows alone, under the cap, are read as before
  const fine = await readCsvTable(write('few.csv', `x,y\n${ragged.split('\n').slice(0, 20).join('\n')}\n`));
  assert.equal(fine.rows.length, 20);
});

test("a table's decimal mark is said as the ingest path says it, and a cell with the other mark is counted and left unread, not an error", async () => {
  const comma = await readCsvTable(write('dc.csv', 'N;D;loss\n1,5e7;3,0e8;3,412\n7,0e7;1,4e9;2.981\n3,0e8;6,0e9;12.75\n'));
  assert.deepEqual(comma.warnings, [
    `${join(dir, 'dc.csv')}:2: read with decimal commas ("1,5e7" is 15000000)`,
    `${join(dir, 'dc.csv')}:3: 2 rows have a number with a decimal point in a table read with decimal commas (first "2.981"); those cells were not read`,
  ]);
  // "2.981" may be 2981 with a thousands point: unread, as every reader leaves it
  assert.deepEqual(comma.rows.map((r) => tableNumber(r.loss, comma.mark)), [3.412, NaN, NaN]);
  const point = await readCsvTable(write('dp.csv', 'N;D;loss\n1.5e7;3.0e8;3.412\n7.0e7;1.4e9;2,981\n'));
  assert.equal(point.mark, '.');
  assert.deepEqual(point.rows.map((r) => tableNumber(r.loss, point.mark)), [3.412, NaN]);
  assert.deepEqual(point.warnings, [`${join(dir, 'dp.csv')}:3: 1 row has a number with a decimal comma in a table read with decimal points (first "2,981"); those cells were not read`]);
  // a table with no decimal says nothing, and neither does a ','-separated one
  for (const [name, text] of [['ints.csv', 'x;y\n1;2\n'], ['plain.csv', 'x,y\n1.5,"2,5"\n']]) {
    const t = await readCsvTable(write(name, text));
    assert.deepEqual(t.warnings, [], name);
  }
});

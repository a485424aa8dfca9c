// `fit --x COL --y COL` on a CSV said only "skipped 3 rows without numbers in it and loss": the user
// had to search the file for them. It now names the first, in the log reader's wording (textCells.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as fit } from '../../../src/cli/commands/fit';
import { printed } from './printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-tableskipped-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const path = join(dir, 'runs.csv');
writeFileSync(
  path,
  ['run,it,loss', 'a,1,3.5', 'a,2,3.4', 'a,3,oops', 'a,4,3.3', 'a,5,', 'a,6,3.2', 'a,7,3.15', 'a,8,3.1', 'a,9,3.05', 'a,10,3.0', 'b,1,3.6', 'b,x,3.55', 'b,3,3.5', 'b,4,3.4', 'b,5,3.3', 'b,6,3.25'].join('\n') + '\n',
);

test('the skipped rows of a table fitted by column name: their count and the first, its line and cell', async () => {
  const one = await printed(() => fit.run([path, '--x', 'it', '--y', 'loss', '--law', 'm2']));
  assert.ok(one.err.split('\n').includes('warning: skipped 3 rows without numbers in it and loss (first: row 4, loss "oops")'), one.err);
  const grouped = await printed(() => fit.run([path, '--x', 'it', '--y', 'loss', '--group', 'run', '--law', 'm2']));
  const said = grouped.err.split('\n');
  assert.ok(said.includes('run=a: warning: skipped 2 rows without numbers in it and loss (first: row 4, loss "oops")'), grouped.err);
  assert.ok(said.includes('run=b: warning: skipped 1 row without numbers in it and loss (row 13, it "x")'), grouped.err);
});

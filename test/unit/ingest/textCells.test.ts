// A word in a log's loss column (`13,oops` between two losses) was dropped silently: the reader now
// says how many rows and the first, and the panel and the CLI show that same warning. Blank cells
// (Lightning's interleaved train/val rows), NA, nan and inf are not counted, nor a column of words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSource } from '../../../src/ingest/files/read';
import { fixturePath, scratchTree, watchedOnce } from './helpers';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from '../extension/sessionFixture';
import { command as fit } from '../../../src/cli/commands/fit';
import { printed } from '../cli/printed';

const { put: write } = scratchTree('sl-textcells-');

const losses = Array.from({ length: 30 }, (_, i) => `${i + 1},${(2 + 3 * (i + 1) ** -0.3).toFixed(4)}`);
const SAID = '2 rows with a non-numeric loss were skipped (first: "oops")';

test('words in the loss column: one warning with their count and the first, in the reader, the watch, the panel and the CLI', async () => {
  const rows = [...losses];
  rows[2] = '3,oops';
  rows[9] = '10,diverged?';
  const path = write('words.csv', `step,loss\n${rows.join('\n')}\n`);
  const read = await readSource(path);
  assert.deepEqual(read.warnings.map((w) => [w.line, w.message]), [[4, SAID]]);
  assert.equal(read.runs[0]!.series[0]!.y.length, 28);
  assert.deepEqual((await watchedOnce(path))?.warnings.map((w) => w.message), [SAID]);
  const session = new LensSession(path, 'words.csv', testDeps(testSettings(['m1'])));
  session.setSource(read);
  assert.ok(session.panelData().warnings.includes(`${path}:4: ${SAID}`), session.panelData().warnings.join('\n'));
  const { err } = await printed(() => fit.run([path, '--law', 'm2']));
  assert.ok(err.split('\n').includes(`warning: ${path}:4: ${SAID}`), err);
});

test('one word is said in the singular', async () => {
  const rows = [...losses];
  rows[4] = '5,"a very long note that goes on past forty characters"';
  const read = await readSource(write('one.csv', `step,loss\n${rows.join('\n')}\n`));
  assert.deepEqual(read.warnings.map((w) => w.message), ['1 row with a non-numeric loss was skipped ("a very long note that goes on past fort…")']);
});

test('not counted: blanks, NA, nan and inf, a column of words, a decimal comma, Lightning\'s interleaved rows', async () => {
  const rows = losses.map((r, i) => `${r},${i % 2 ? 'warmup' : 'main'},${i % 3 ? '' : '0.5'}`);
  rows[3] = '4,,main,';
  rows[5] = '6,NA,main,';
  rows[7] = '8,nan,main,';
  rows[9] = '10,inf,main,';
  rows[11] = '12,"3,5",main,';
  const read = await readSource(write('quiet.csv', `step,loss,phase,acc\n${rows.join('\n')}\n`));
  assert.deepEqual(read.warnings, []);
  assert.deepEqual((await readSource(fixturePath('metrics.csv'))).warnings, []);
});

test('a column mostly of words with a few numbers among them (git hashes, run ids) is a label, not a series with gaps', async () => {
  const hashes = ['a3f9c21', '1234567', 'b7e0d4c', 'c01d2e9', '7654321', 'd9a8b7c'];
  const rows = losses.map((r, i) => `${r},${hashes[i % hashes.length]}`);
  const read = await readSource(write('hashes.csv', `step,loss,commit\n${rows.join('\n')}\n`));
  assert.deepEqual(read.warnings, []);
  // one word among numbers is still said
  rows[4] = rows[4]!.replace(/,[^,]*$/, ',oops').replace(/^(\d+),[^,]*,/, '$1,oops,');
  const said = (await readSource(write('word.csv', `step,loss,commit\n${rows.join('\n')}\n`))).warnings.map((w) => w.message);
  assert.deepEqual(said, ['1 row with a non-numeric loss was skipped ("oops")']);
});

// A file that gives the panel no curve: a run table whose every run is unfinished is a good file
// with nothing finished in it yet, said so with the states it holds, and not sent to "Check that it
// is a CSV…"; a file of another kind still is.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { CHECK_THE_FILE, noCurveError, WAIT_FOR_THE_RUN } from '../../../src/extension/model/noCurveError';
import { inEditorWords } from '../../../src/extension/session';

const dir = mkdtempSync(join(tmpdir(), 'sl-no-curve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function opened(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const source = await readSource(file);
  return noCurveError(name, source.warnings[0] && inEditorWords(source.warnings[0].message));
}

test('a sweep whose every run crashed, failed or is running: the error says so and names the states seen, with no "check that it is a CSV"', async () => {
  const err = await opened('runs.csv', 'N,D,loss,State\n1e8,2e9,3.1,crashed\n2e8,2e9,3.0,Failed\n4e8,2e9,2.9,running\n1e8,8e9,2.8,crashed\n2e8,8e9,2.7,failed\n');
  assert.equal(err.message, 'Scaling Lens found no finished run in runs.csv: left out every run: none has finished (5 runs; State: 2 crashed, 2 Failed, 1 running): the last loss of a run that crashed or is still running is not its final loss, so there is nothing to fit until runs finish.');
  assert.equal(err.hint, undefined);
});

test('a sweep with some runs finished keeps naming the rows left out; a file of no curves still gets the check', async () => {
  const file = join(dir, 'some.csv');
  writeFileSync(file, 'N,D,loss,State\n1e8,2e9,3.1,crashed\n2e8,2e9,3.0,finished\n');
  const notes = (await readSource(file)).warnings.map((w) => w.message);
  assert.ok(notes.some((n) => n.startsWith('left out 1 run whose State is not finished (row 2: crashed)')), notes.join(' | '));
  const words = await opened('notes.csv', 'name,comment\na,hello\nb,world\n');
  assert.equal(words.hint, CHECK_THE_FILE);
  assert.match(words.message, /^Scaling Lens found no learning curve in notes\.csv: /);
});

test('fit --law chinchilla on such a sweep says there is nothing to fit and why, not that no row has a loss', async () => {
  const { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } = await import('../../../src/cli/commands/fitSurface');
  const { readSurface } = await import('../../../src/cli/commands/readSurface');
  const { parseArgs } = await import('../../../src/cli/args');
  const file = join(dir, 'crashed.csv');
  writeFileSync(file, 'N,D,loss,State\n1e8,2e9,3.1,crashed\n2e8,2e9,3.0,running\n');
  await assert.rejects(readSurface(parseArgs([file, '--law', 'chinchilla'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS), 'chinchilla', file), (e: unknown) => {
    assert.equal((e as Error).message, `${file}: nothing to fit: left out every run: none has finished (2 runs; State: 1 crashed, 1 running): the last loss of a run that crashed or is still running is not its final loss, so there is nothing to fit until runs finish.`);
    return true;
  });
});

test('an empty file, a header alone or a trainer_state.json cut mid-write: a file its run has not written yet, told to wait or watch, not to check that it is a CSV; a question is not followed by a full stop', async () => {
  const empty = await opened('empty.csv', '');
  assert.equal(empty.message, 'Scaling Lens found no learning curve in empty.csv: the file is empty (0 bytes).');
  assert.equal(empty.hint, WAIT_FOR_THE_RUN);
  const header = await opened('header.csv', 'step,loss\n');
  assert.match(header.message, /a header of a log not yet written\?$/);
  assert.equal(header.hint, WAIT_FOR_THE_RUN);
  const state = JSON.stringify({ global_step: 40, log_history: Array.from({ length: 40 }, (_, i) => ({ step: i + 1, loss: 3 - i / 100 })) }, null, 2);
  const cut = await opened('trainer_state.json', state.slice(0, Math.floor(state.length * 0.6)));
  assert.match(cut.message, /not complete JSON/);
  assert.equal(cut.hint, WAIT_FOR_THE_RUN);
});

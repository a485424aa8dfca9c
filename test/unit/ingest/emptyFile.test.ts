// An empty log (created, nothing written yet, or truncated) is said to be empty: its format was
// taken from its name alone and explains nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';

const dir = mkdtempSync(join(tmpdir(), 'sl-empty-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a 0-byte .csv or .jsonl: no runs, and the warning says the file is empty', async () => {
  for (const name of ['metrics.jsonl', 'train_log.csv']) {
    const p = join(dir, name);
    writeFileSync(p, '');
    const s = await readSource(p);
    assert.equal(s.runs.reduce((n, r) => n + r.series.length, 0), 0);
    assert.deepEqual(s.warnings.map((w) => w.message), ['the file is empty (0 bytes)'], name);
  }
});

test('a CSV of only its header (BOM, CRLF, a blank line after it): said to hold one line and no rows, not "no series found"', async () => {
  const p = join(dir, 'header_only.csv');
  writeFileSync(p, '\uFEFFstep,loss\r\n\r\n');
  const s = await readSource(p);
  assert.deepEqual(s.warnings.map((w) => w.message), ['it holds one line and no rows under it ("step,loss"): a header of a log not yet written?']);
  // two lines with no series in them are not "one line"
  const q = join(dir, 'words.log');
  writeFileSync(q, 'hello world\nnothing here\n');
  assert.deepEqual((await readSource(q)).warnings.map((w) => w.message), ['no series found reading it as text']);
});

test('a one-line JSON cut short is said to be incomplete JSON, and whole JSON with no log to hold none; not "a header of a log"', async () => {
  const cut = join(dir, 'metrics.json');
  writeFileSync(cut, '{"a": [1,2,');
  assert.deepEqual((await readSource(cut)).warnings.map((w) => w.message), ['it starts as JSON but is not complete JSON (being written, or cut short?) ("{"a": [1,2,")']);
  // whole, but longer than the 80 characters the message shows: judged on the whole file
  const whole = join(dir, 'config.json');
  writeFileSync(whole, `{"name": "run", "notes": ["${'x'.repeat(100)}"]}`);
  const [w] = (await readSource(whole)).warnings.map((x) => x.message);
  assert.match(w!, /^it is JSON with no log in it/);
});

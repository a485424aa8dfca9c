// A JSON array of metric records dumped whole (json.dump(trainer.state.log_history, f),
// df.to_json(orient="records")), pretty-printed or on one line: read as JSONL records would be.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { series } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-jsonrec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const records = Array.from({ length: 20 }, (_, i) => ({ epoch: i / 10, loss: 4 - i / 10, step: 10 * i }));

test('a pretty-printed JSON array of records: one point per record, step and epoch as x', async () => {
  const p = join(dir, 'log_history.json');
  writeFileSync(p, JSON.stringify([...records, { epoch: 2, eval_loss: 2.5, step: 200 }, 'junk'], null, 2));
  const s = await readSource(p);
  assert.equal(s.format, 'json-records');
  const loss = series(s.runs, 'loss');
  assert.deepEqual(Array.from(loss.y), records.map((r) => r.loss));
  assert.deepEqual(Array.from(loss.x.step!), records.map((r) => r.step));
  assert.deepEqual(Array.from(loss.x.epoch!), records.map((r) => r.epoch));
  assert.deepEqual(Array.from(series(s.runs, 'eval_loss').y), [2.5]);
  assert.ok(s.warnings.some((w) => /1 of 22 array entry is not an object/.test(w.message)));
});

test('the same array on one line of a .jsonl file is read, not skipped as one bad line', async () => {
  const p = join(dir, 'metrics.jsonl');
  writeFileSync(p, JSON.stringify(records) + '\n');
  const s = await readSource(p);
  assert.equal(series(s.runs, 'loss').y.length, 20);
});

test('a .jsonl log whose first line is an array and the rest objects stays a JSONL log', async () => {
  const p = join(dir, 'mixed.jsonl');
  writeFileSync(p, [JSON.stringify([{ step: 0, loss: 5 }]), ...records.slice(1).map((r) => JSON.stringify(r))].join('\n') + '\n');
  const s = await readSource(p);
  assert.equal(s.format, 'jsonl');
  assert.equal(series(s.runs, 'loss').y.length, records.length - 1);
});

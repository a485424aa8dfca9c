// A project folder holds text that is no log (a dataset's input.txt, notes): read as text it gives
// no series, and is then neither a run nor the folder's format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { scratchTree } from './helpers';

const { root, put } = scratchTree('sl-folder-text-');

test('text files without metrics are not runs; one warning names them', async () => {
  put('proj/data/shakespeare/input.txt', 'First Citizen:\nBefore we proceed any further, hear me speak.\n');
  put('proj/data/shakespeare/readme.txt', 'vocab_size: 65\ntrain has 301,966 tokens\n');
  put('proj/notes.txt', 'try lr 3e-4 next\n');
  put('proj/logs/train_log.csv', 'step,loss\n10,3.2\n20,3.0\n30,2.9\n');
  const s = await readSource(join(root, 'proj'));
  assert.equal(s.format, 'csv');
  assert.deepEqual(s.runs.map((r) => r.name), ['logs/train_log']);
  assert.ok(s.warnings.some((w) => /3 text file\(s\) with no metrics/.test(w.message)));
});

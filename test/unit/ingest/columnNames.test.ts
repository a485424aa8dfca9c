// A header that repeats a name (`step,loss,loss`) had its columns merged into one series silently:
// each is kept apart as pandas names them (loss, loss.1) and a warning says so, in every reader of
// tables (the log reader and the CLI's reader by column).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { readCsvTable } from '../../../src/cli/csvTable';
import { distinctColumnNames } from '../../../src/ingest/text/columnNames';
import { series } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-colnames-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NOTE = 'the header repeats "loss": kept apart as "loss.1" (as pandas names them), not merged into one series';

test('step,loss,loss: two series, not one of interleaved points, and a warning on the header line', async () => {
  const path = join(root, 'dup.csv');
  writeFileSync(path, 'step,loss,loss\n1,4.0,5.0\n2,3.8,4.7\n3,3.7,4.5\n');
  const src = await readSource(path);
  assert.deepEqual(src.runs[0]!.series.map((s) => s.key), ['loss', 'loss.1']);
  assert.deepEqual([...series(src.runs, 'loss').y], [4.0, 3.8, 3.7]);
  assert.deepEqual([...series(src.runs, 'loss.1').y], [5.0, 4.7, 4.5]);
  assert.deepEqual(src.warnings.map((w) => [w.line, w.message]), [[1, NOTE]]);
});

test("the CLI's reader by column reads such a table (not refused as unreadable), the warning among those it shows", async () => {
  const path = join(root, 'sweep.csv');
  writeFileSync(path, 'N,D,loss,loss\n1e8,2e9,3.1,3.2\n2e8,2e9,3.0,3.1\n');
  const t = await readCsvTable(path);
  assert.deepEqual(t.header, ['N', 'D', 'loss', 'loss.1']);
  assert.deepEqual(t.rows.map((r) => [r.loss, r['loss.1']]), [['3.1', '3.2'], ['3.0', '3.1']]);
  assert.deepEqual(t.warnings, [`${path}:1: ${NOTE}`]);
});

test('names: a name already taken is skipped, blanks are left alone, distinct headers unchanged', () => {
  assert.deepEqual(distinctColumnNames(['loss', 'loss.1', 'loss', 'acc', 'acc']), {
    names: ['loss', 'loss.1', 'loss.2', 'acc', 'acc.1'],
    note: 'the header repeats "loss", "acc": kept apart as "loss.2", "acc.1" (as pandas names them), not merged into one series',
  });
  assert.deepEqual(distinctColumnNames(['', 'step', '']), { names: ['', 'step', ''] });
});

// inspect counts the values a law can use: a series logged as NaN throughout (a run that diverged
// from its first step) is not "5 points" that fit then finds none of.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { inspectJson, inspectText } from '../../../src/cli/commands/inspect';

const dir = mkdtempSync(join(tmpdir(), 'sl-inspect-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('inspect: NaN and infinite values are counted apart from the points', async () => {
  const path = join(dir, 'nan.csv');
  writeFileSync(path, 'step,loss,acc\n1,nan,0.1\n2,inf,0.2\n3,2.5,0.3\n4,nan,0.4\n');
  const src = await readSource(path);
  const series = inspectJson(src).runs[0]!.series;
  assert.deepEqual(series.find((s) => s.key === 'loss'), { key: 'loss', points: 1, notFinite: 3, x: ['step'] });
  assert.deepEqual(series.find((s) => s.key === 'acc'), { key: 'acc', points: 4, x: ['step'] });
  assert.match(inspectText(src).answer, /loss +train +1 \(\+3 NaN\/inf\) +step/);
});

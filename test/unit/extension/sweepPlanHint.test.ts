import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { sweepPlanHint } from '../../../src/extension/model/sweepPlanHint';
import { LensSession } from '../../../src/extension/session';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';

const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-hint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the panel of an IsoFLOP sweep offers, quietly, a plan from it with its IsoFLOP profiles; the message validates', async () => {
  const file = 'test/fixtures/workspace/sweep.csv';
  const session = new LensSession(file, 'sweep.csv', testDeps(testSettings(['m1'])));
  session.setSource(await readSource(file));
  const data = session.panelData();
  assert.equal(data.notice?.action, 'planFromSource');
  assert.equal(data.notice?.hint, true);
  assert.match(data.notice?.text ?? '', /^An IsoFLOP sweep: 3 compute budgets of 3 or more sizes\. Its 16 rows fit L\(N, D\)/);
  assert.ok(validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
});

test('a table of sizes and token counts with one size per budget is offered a plan without profiles; a learning curve none', async () => {
  let csv = 'N,D,loss\n';
  for (let i = 0; i < 10; i++) csv += `${1e8 * 1.7 ** i},${2e9 * 1.3 ** (i % 4)},${(3.2 - 0.08 * i).toFixed(3)}\n`;
  writeFileSync(join(dir, 'runs.csv'), csv);
  assert.match(sweepPlanHint(await readSource(join(dir, 'runs.csv')))?.text ?? '', /^10 rows with a model size and a token count: they fit L\(N, D\)/);
  writeFileSync(join(dir, 'curve.csv'), 'step,tokens,loss\n' + Array.from({ length: 20 }, (_, i) => `${i + 1},${(i + 1) * 1e6},${(4 - 0.05 * i).toFixed(3)}`).join('\n'));
  assert.equal(sweepPlanHint(await readSource(join(dir, 'curve.csv'))), undefined);
  // too few rows for a 5-parameter surface: no offer
  writeFileSync(join(dir, 'few.csv'), csv.split('\n').slice(0, 6).join('\n'));
  assert.equal(sweepPlanHint(await readSource(join(dir, 'few.csv'))), undefined);
});

test("a sweep whose reader left rows out (a NaN loss, a crashed run) says so in its hint, where the warnings that name them are folded away", async () => {
  const rows = (state: (i: number) => string, loss: (i: number) => string) => ['State,N,D,loss', ...Array.from({ length: 10 }, (_, i) => `${state(i)},${1e8 * 1.7 ** i},${2e9 * 1.3 ** (i % 4)},${loss(i)}`)].join('\n');
  const ok = (i: number) => (3.2 - 0.08 * i).toFixed(3);
  const cases: [string, string][] = [['crashed.csv', rows((i) => (i === 3 ? 'crashed' : 'finished'), ok)], ['nan.csv', rows(() => 'finished', (i) => (i === 5 ? 'nan' : ok(i)))]];
  for (const [name, csv] of cases) {
    writeFileSync(join(dir, name), csv);
    const text = sweepPlanHint(await readSource(join(dir, name)))?.text ?? '';
    assert.match(text, /^9 rows with a model size and a token count: they fit L\(N, D\), which splits a compute budget between model size and data\. Other rows of the file are left out \(a loss that is not a number, a run that did not finish\): they are named under the warnings at the foot of the panel\.$/, name);
  }
  writeFileSync(join(dir, 'all.csv'), rows(() => 'finished', ok));
  assert.doesNotMatch(sweepPlanHint(await readSource(join(dir, 'all.csv')))?.text ?? '', /left out/);
});

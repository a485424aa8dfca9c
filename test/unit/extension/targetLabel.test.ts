// The headline, the tables and the overlay's markers name the target by its label ("10x (300M
// tokens)"), not the question it was typed as ("loss at 10x data?").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';

function logOf(n: number, name = 'run'): SourceData {
  const tokens = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e6);
  const y = Float64Array.from(tokens, (t) => 1.8 + 40 * Math.pow(t, -0.25));
  return { format: 'csv', warnings: [], runs: [{ name, origin: `/${name}`, format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { tokens }, y }] }] };
}

const newSession = () => new LensSession('/log.csv', 'log.csv', testDeps(testSettings(['m1', 'm2'])));

test('session: a question typed as the target is named by its multiple and amount, in the headline and the table', async () => {
  const session = newSession();
  session.setSource(logOf(30));
  session.setTarget('loss at 10x data?');
  await session.refit();
  const data = session.panelData();
  assert.equal(data.targetText, 'loss at 10x data?', 'the field keeps what was typed');
  assert.equal(data.prediction?.targetLabel, '10x (300M tokens)');
  assert.equal(data.tables[0]?.targetLabel, '10x (300M tokens)');
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
});

test('session: an amount is named with its unit in the short form', async () => {
  const session = newSession();
  session.setSource(logOf(30));
  session.setTarget('314573000');
  await session.refit();
  assert.equal(session.panelData().prediction?.targetLabel, '315M tokens');
  assert.equal(session.panelData().tables[0]?.targetLabel, '315M tokens');
});

test('session: a multiple asked as a question over an overlay is each curve\'s own, marked "10x of …"', async () => {
  const two: SourceData = { format: 'csv', warnings: [], runs: [...logOf(20, 'short').runs, ...logOf(80, 'long').runs] };
  const session = new LensSession('/runs', 'runs', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(two);
  session.selectCurves(session.curves.map((c) => c.id));
  session.setTarget('loss at 10x data?');
  await session.refit();
  const data = session.panelData();
  assert.deepEqual(data.tables.map((t) => t.targetX), [2e8, 8e8]);
  assert.deepEqual(data.tables.map((t) => t.targetLabel), ['10x (200M tokens)', '10x (800M tokens)']);
  const targets = data.chart!.markers.filter((m) => m.kind === 'target');
  assert.deepEqual(targets.map((m) => [m.label.replace(/ of .*/, ''), m.x]), [['10x', 2e8], ['10x', 8e8]]);
});

// A target retyped in other words ("10x" → "loss at 10x data?") comes to the same x: nothing is
// refitted, and the headline must stay rather than wait for a refit that never comes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';

function logOf(n: number): SourceData {
  const tokens = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e6);
  const y = Float64Array.from(tokens, (t) => 1.8 + 40 * Math.pow(t, -0.25));
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { tokens }, y }] }] };
}

async function fitted(): Promise<LensSession> {
  const session = new LensSession('/log.csv', 'log.csv', testDeps(testSettings(['m1', 'm2'])));
  session.setSource(logOf(30));
  await session.refit();
  return session;
}

test('session: a question that comes to the x of the current target keeps the headline, with nothing to refit', async () => {
  const session = await fitted();
  const before = session.panelData().prediction;
  assert.ok(before, 'a headline at 10x');
  for (const text of ['loss at 10x data?', '10x', 'what will the loss be at 10 times the data?', '3e8', '300M tokens']) {
    session.setTarget(text);
    assert.equal(session.needsRefit(), false, `${text}: the same x, nothing to refit`);
    const after = session.panelData().prediction;
    assert.ok(after, `${text}: the headline stays`);
    assert.equal(after.x, before.x);
    assert.equal(after.y, before.y);
  }
});

test('session: "loss at 3x data?" fitted, then "3x" typed: the headline stays', async () => {
  const session = await fitted();
  session.setTarget('loss at 3x data?');
  await session.refit();
  assert.ok(session.panelData().prediction, 'a headline at 3x');
  session.setTarget('3x');
  assert.equal(session.needsRefit(), false);
  assert.equal(session.panelData().prediction?.x, 9e7);
});

test('session: a target at another x still hides the older number until its fit lands', async () => {
  const session = await fitted();
  session.setTarget('loss at 20x data?');
  assert.equal(session.panelData().prediction, undefined, 'no number for 10x under a 20x question');
  await session.refit();
  assert.equal(session.panelData().prediction?.x, 6e8);
});

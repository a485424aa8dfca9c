// A target typed before a curve's first x, or thousands of times past its last, read the law where it
// was never fitted or checked: the CLI warned ("is the target in steps?"), the panel's headline and
// Predict's answer said nothing ("loss at 2.5 steps: 19.81", W's walkthrough). They now carry the
// CLI's words as a caution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import { cautionLine } from '../../../webview/tables';
import type { SourceData } from '../../../src/ingest/model/model';
import { testDeps, testSettings } from './sessionFixture';

function log(): SourceData {
  const step = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 10);
  const y = Float64Array.from(step, (s) => 2 + 9 * s ** -0.3);
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step }, y }] }] };
}

async function cautionAt(target: string): Promise<string | undefined> {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'])));
  session.setSource(log());
  session.setTarget(target);
  await session.refitLaws();
  const p = session.predict();
  assert.ok(p, `a prediction at ${target}`);
  return p.caution;
}

test('a target before the first step says no law was fitted there and asks for its unit', async () => {
  const caution = (await cautionAt('2.5'))!;
  assert.equal(caution, "target x = 2.5 is before the data's first x (10 steps): no law was fitted there; is the target in steps?");
  // the panel's headline ends on the question mark alone ('in steps?.' before)
  assert.equal(cautionLine(caution), `Caution: ${caution}`);
  assert.equal(cautionLine('the loss has turned up'), 'Caution: the loss has turned up.');
});

test('a target thousands of times past the last step asks for its unit too (1e23 typed on a steps axis)', async () => {
  assert.match((await cautionAt('1e23')) ?? '', /^target x = 1e\+?23 is over 10K× the data's last x \(400 steps\), far past anything the fit was checked on; is the target in steps\?$/);
});

test('a target within reach of the data carries no such caution', async () => {
  assert.equal(await cautionAt('10x'), undefined);
  assert.equal(await cautionAt('200'), undefined);
});

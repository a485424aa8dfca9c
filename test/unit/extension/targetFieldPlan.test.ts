// The panel's target field takes what the Predict box takes: a compute-split question with a bare
// amount ("best N and D for 1e23") is sent to the Plan rather than read as x = 1e23.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';

function logOf(n: number): SourceData {
  const step = Float64Array.from({ length: n }, (_, i) => (i + 1) * 100);
  const y = Float64Array.from(step, (t) => 1.8 + 40 * Math.pow(t, -0.25));
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'val_loss', split: 'val', x: { step }, y }] }] };
}

test('session: a compute-split question typed as the target is refused, pointing to the Plan; the target stays', () => {
  const session = new LensSession('/log.csv', 'log.csv', testDeps(testSettings(['m1'])));
  session.setSource(logOf(30));
  session.setTarget('2x');
  for (const text of ['best N and D for 1e23', 'compute-optimal for 6e23', 'chinchilla-optimal 1e24']) {
    assert.throws(() => session.setTarget(text), /compute-plan question/, text);
    assert.equal(session.targetText, '2x', text);
  }
});

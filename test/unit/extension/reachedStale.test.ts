// A reach answer ("when does the loss reach 3.4?") on a watched log: it was the headline unchanged
// while the log grew, until its x lay inside the data. It now says when the log has grown since it
// was asked, and when the data have got to the x it named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { testDeps, testSettings } from './sessionFixture';

function source(n: number): SourceData {
  const steps = Float64Array.from({ length: n }, (_, i) => (i + 1) * 100);
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/r.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step: steps }, y: steps.map((s) => 2 + 30 * s ** -0.5) }] }] };
}

test('a reach answer says the log has grown since it was asked, and when the data got to its x', async () => {
  const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2'])));
  session.setSource(source(100));
  const curve = session.curves[0]!.id;
  const answer = await session.reach(curve, 2.25);
  assert.ok(answer?.x !== undefined && answer.x > answer.dataEnd, JSON.stringify(answer));
  session.setTarget(String(answer.x));
  session.reached = { curve, targetText: session.targetText, text: 'loss = 2.25 at x ≈ …', dataEnd: answer.dataEnd, x: answer.x };
  session.predictionFor = curve;
  await session.refitLaws();
  assert.equal(session.predict(curve)?.reached, 'loss = 2.25 at x ≈ …');
  session.setSource(source(110));
  await session.refitLaws();
  assert.match(session.predict(curve)?.reached ?? '', /asked when the data ended at 10K; the log has grown since to 11K: ask again/);
  session.setSource(source(Math.ceil(answer.x / 100) + 5));
  await session.refitLaws();
  assert.match(session.predict(curve)?.reached ?? '', /the data have reached that x since: ask again/);
});

test('a loss the log already got to is answered from the log, with no fit: no law named', async () => {
  let analyses = 0;
  const deps = testDeps(testSettings(['m2']));
  const session = new LensSession('/r.csv', 'r.csv', { ...deps, analyze: (...a: Parameters<typeof deps.analyze>) => ((analyses += 1), deps.analyze(...a)) });
  session.setSource(source(100));
  const curve = session.curves[0]!.id;
  // 2 + 30·s^−0.5 is 2.5 at s = 3,600
  const answer = await session.reach(curve, 2.5);
  assert.equal(answer?.logged, 3600);
  assert.equal(answer?.law, undefined);
  assert.equal(analyses, 0);
  // past the data the fit answers
  assert.ok((await session.reach(curve, 2.25))?.law);
  assert.equal(analyses, 1);
});

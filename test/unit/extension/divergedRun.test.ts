// A run whose loss turned NaN to the end of its log (it diverged) is said in the panel, as the CLI
// says it: in the reading warnings, and under a prediction past the data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { testDeps, testSettings } from './sessionFixture';

function source(diverged: boolean, lastNaN = false): SourceData {
  const steps = Float64Array.from({ length: 400 }, (_, i) => (i + 1) * 100);
  const loss = steps.map((s) => (diverged && s > 38000 ? NaN : (2 + 30 * s ** -0.5) * (diverged && s > 35000 ? 1 + (s - 35000) / 2000 : 1)));
  if (lastNaN) loss[loss.length - 1] = NaN;
  return { format: 'jsonl', warnings: [], runs: [{ name: 'run', origin: '/r.jsonl', format: 'jsonl', series: [{ key: 'loss', split: 'train', x: { step: steps }, y: loss }] }] };
}

test('the panel says a diverged run diverged, with where its climb began, and cautions a prediction past the data', async () => {
  const session = new LensSession('/r.jsonl', 'r.jsonl', testDeps(testSettings(['m2'])));
  session.setSource(source(true));
  await session.refitLaws();
  const data = session.panelData();
  const said = data.warnings.find((w) => /diverged/.test(w));
  assert.match(said ?? '', /^run: "loss" is NaN or infinite from step 38\.1K to the end \(20 points\): the run diverged there; .*climbed \d+% since its lowest, by step 34\.9K \(the laws are fitted to the climb too, and carry it on\)/);
  assert.match(data.prediction?.caution ?? '', /the run diverged there/);
  const clean = new LensSession('/r.jsonl', 'r.jsonl', testDeps(testSettings(['m2'])));
  clean.setSource(source(false));
  await clean.refitLaws();
  assert.ok(!clean.panelData().warnings.some((w) => /diverged/.test(w)));
  assert.doesNotMatch(clean.panelData().prediction?.caution ?? '', /diverged/);
});

test('one NaN loss at the end is said as one point (a skipped step?), in the warnings and the caution, not as a divergence', async () => {
  const session = new LensSession('/r.jsonl', 'r.jsonl', testDeps(testSettings(['m2'])));
  session.setSource(source(false, true));
  await session.refitLaws();
  const data = session.panelData();
  assert.ok(data.warnings.includes('run: "loss" is NaN or infinite at its last point only (step 40K: one point; skipped step?): not called diverged until 2 in a row end the log; fitted the points before'), data.warnings.join(' | '));
  assert.ok(!data.warnings.some((w) => /diverged there/.test(w)));
  assert.doesNotMatch(data.prediction?.caution ?? '', /diverged there/);
});

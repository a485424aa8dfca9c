// "When does bleu reach 39?" on a score that rises as no accuracy does (BLEU, F1): the panel fits no
// law to it (its notice says why), so the Predict box's reach is no fit's either. The log's own
// answer (it got there) stands; past the data the question gets the notice's reason, where a law of
// a fall fitted to the rise answered "the fit is past it already where the data start".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';

const tokens = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 1e8);
const lossAt = (t: number): number => 2 + 30 * Math.pow(t, -0.2);

test('a reach of BLEU that rises: the log\'s answer inside the data, the notice\'s reason past it, never a fitted law\'s', async () => {
  const source: SourceData = { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key: 'bleu', split: 'val', x: { tokens }, y: Float64Array.from(tokens, (t) => 40 - lossAt(t)) }] }] };
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 0 })));
  session.setSource(source);
  await session.refit();
  assert.match(session.panelData().notice?.text ?? '', /bleu rises with training/);
  const id = session.selected[0]!;
  const inside = await session.reach(id, 37.5);
  assert.ok(inside?.logged !== undefined && inside.law === undefined, 'the log got there: its answer, no law');
  await assert.rejects(session.reach(id, 39), /bleu rises with training; the scaling laws here fit a metric that falls/);
});

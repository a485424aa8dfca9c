// A logged LR constant so far gives no schedule: Set Learning-Rate Schedule's box and the panel's
// hint say what was read (the LR, over which steps) and hold what the log shows, not an empty box.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import { scheduleBox, SCHEDULE_EXAMPLES } from '../../../src/extension/model/scheduleBox';
import type { SourceData } from '../../../src/ingest/model/model';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';

function constantLr(): SourceData {
  const step = Float64Array.from({ length: 120 }, (_, i) => (i + 1) * 100);
  const loss = step.map((s) => 2 + 30 * s ** -0.5);
  const lr = step.map(() => 3e-4);
  return { format: 'csv', warnings: [], runs: [{ name: 'flat', origin: '/f.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step }, y: loss }, { key: 'lr', split: 'other', x: { step }, y: lr }] }] };
}

test('a constant logged LR: the box says what it read, holds the WSD schedule with the warmup and peak read, and selects the first gap', async () => {
  const session = new LensSession('/f.csv', 'f.csv', testDeps(testSettings(['m2'])));
  session.setSource(constantLr());
  await session.refitLaws();
  const data = session.panelData();
  const view = data.forecast;
  assert.deepEqual(view?.notSuggested, { why: 'the logged LR is constant at 3e-4 for all 12,000 steps: no decay logged yet, so where the run ends is not in the log', template: 'wsd:warmup=0,decay=…,total=…,peak=3e-4,end=…' });
  assert.equal(view?.suggestedSpec, undefined);
  assert.equal(view?.hint, "This log's learning rate (lr) gives no schedule to follow: the logged LR is constant at 3e-4 for all 12,000 steps: no decay logged yet, so where the run ends is not in the log. Type the run's planned schedule in the field below (what the log shows: wsd:warmup=0,decay=…,total=…,peak=3e-4,end=…), then Set schedule to forecast the run to the end of training.");
  assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
  const box = scheduleBox(undefined, view);
  assert.equal(box.prompt, `The whole run's schedule (warmup linear from 0); empty clears it. Not filled in from the log: the logged LR is constant at 3e-4 for all 12,000 steps: no decay logged yet, so where the run ends is not in the log. Type the planned schedule: the field has what the log shows (warmup, peak); fill in each …. E.g. ${SCHEDULE_EXAMPLES}`);
  assert.equal(box.value, 'wsd:warmup=0,decay=…,total=…,peak=3e-4,end=…');
  assert.deepEqual(box.valueSelection, [19, 20]);
  assert.equal(box.value.slice(...box.valueSelection!), '…');
  // a schedule typed before is what the box holds, with no word on the log
  const typed = scheduleBox('cosine:warmup=0,total=24000,peak=0.0003,end=0.00003', view);
  assert.deepEqual(typed, { prompt: `The whole run's schedule (warmup linear from 0); empty clears it. E.g. ${SCHEDULE_EXAMPLES}`, value: 'cosine:warmup=0,total=24000,peak=0.0003,end=0.00003' });
});

test('a logged LR that gives a schedule: the box holds it, as before', () => {
  const box = scheduleBox(undefined, { curve: 'loss', suggestedSpec: 'cosine:warmup=2000,total=24000,peak=0.0003,end=0', warnings: [] });
  assert.deepEqual(box, { prompt: `The whole run's schedule (warmup linear from 0); empty clears it. Filled in: the schedule its logged LR follows so far. E.g. ${SCHEDULE_EXAMPLES}`, value: 'cosine:warmup=2000,total=24000,peak=0.0003,end=0' });
});

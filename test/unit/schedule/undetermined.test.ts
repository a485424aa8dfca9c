// A run-alone forecast from too little of the run has a band too wide to act on: it is marked
// undetermined (and said why), so the panel shows its band rather than its middle; from more of the
// same run it is a number again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastRun, UNDETERMINED_BAND } from '../../../src/core/schedule/index';
import { rows, schedule } from './lrData';

// 25M from 8% of its log (13 losses): a tenth is now a forecast (×1.63), its gain fitted on under half
// the decay ahead replaced by the typical one (forecastRunAlone.ts MEASURED_DECAY), as was 100M's tenth
const run = rows('25M', 'cosine_24000');
const fromFirst = (frac: number) => {
  const k = Math.floor(run.steps.length * frac);
  return forecastRun({ steps: run.steps.slice(0, k), loss: run.loss.slice(0, k), lr: { steps: run.steps.slice(0, k), lr: run.lr.slice(0, k) }, schedule: schedule('cosine_24000'), bootstrap: 100, targetLoss: 3.3 });
};

test('from 8% of a cosine run the end is undetermined, said with its band; from half it is a forecast', () => {
  const early = fromFirst(0.08);
  assert.equal(early.undetermined, true);
  assert.ok(early.final.hi / early.final.lo > UNDETERMINED_BAND);
  assert.equal(early.reaches, undefined, 'no P(final < target) from an undetermined end');
  assert.ok(early.warnings.some((w) => /^the end is not determined by the steps logged so far: the 95% band of the final loss spans [\d.]+–[\d.]+ \(×[\d.]+, more than ×2\)/.test(w)), early.warnings.join(' | '));
  const half = fromFirst(0.5);
  assert.equal(half.undetermined, undefined);
  assert.ok(half.final.hi / half.final.lo <= UNDETERMINED_BAND);
  assert.equal(half.reaches?.loss, 3.3);
  assert.ok(Math.abs(half.final.y / run.loss.at(-1)! - 1) < 0.02, `half-run forecast ${half.final.y} vs ${run.loss.at(-1)}`);
  assert.ok(!half.warnings.some((w) => /not determined/.test(w)));
});

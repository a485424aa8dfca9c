// A zero or negative loss in a log (a metric logged as 0 before it was computed) used to stop the
// forecast ("loss 0 at step 15: the schedule laws fit positive losses") where `fit` leaves such
// points out and says where: the forecast now does the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPrefix } from '../../../src/core/schedule/forecast';
import { ScalingLensError } from '../../../src/core/types';

const steps = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
const loss = steps.map((s) => 3 + 10 / s);

test('zero or negative losses are left out of the forecast and named by step', () => {
  const y = loss.slice();
  y[1] = 0;
  y[4] = -1;
  const out = cleanPrefix(steps, y);
  assert.deepEqual(out.steps, [10, 30, 40, 60, 70, 80, 90, 100]);
  assert.deepEqual(out.warnings, ['left out 2 losses ≤ 0 at step 20, 50 (the schedule laws fit positive losses)']);
});

test('past three, the steps end in an ellipsis; too few left says why', () => {
  const y = loss.map((v, i) => (i < 6 ? 0 : v));
  assert.throws(
    () => cleanPrefix(steps, y),
    (e: unknown) => e instanceof ScalingLensError && e.message === 'a forecast needs at least 6 logged losses (got 4; 6 ≤ 0 left out)',
  );
  const many = loss.map((v, i) => (i < 4 ? 0 : v));
  assert.deepEqual(cleanPrefix(steps, many).warnings, ['left out 4 losses ≤ 0 at step 10, 20, 30, … (the schedule laws fit positive losses)']);
});

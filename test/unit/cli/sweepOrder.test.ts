// Per-D curves of a sweep fitted one by one can predict more data to give a higher loss; said once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveFitJson } from '../../../src/cli/curveFitJson';
import { sweepOrderWarning } from '../../../src/cli/sweepOrder';

const curve = (D: string, y: number): CurveFitJson => ({ group: { D }, predictions: [{ x: 2.8e10, y }] }) as unknown as CurveFitJson;

test('predictions out of the sweep order are named; in order, or not a loss, nothing is said', () => {
  assert.match(sweepOrderWarning([curve('2e9', 2.96), curve('1e10', 2.487), curve('5e9', 2.456)], 'loss') ?? '', /^at x = 2\.80e\+10 the curves' predictions are out of the sweep's order: D = 1\.00e\+10 predicts 2\.487, above 2\.456 at D = 5\.00e\+9/);
  assert.equal(sweepOrderWarning([curve('2e9', 2.96), curve('5e9', 2.5), curve('1e10', 2.4)], 'loss'), undefined);
  assert.equal(sweepOrderWarning([curve('2e9', 0.5), curve('5e9', 0.6)], 'accuracy'), undefined);
  // an accuracy fitted as its error falls with size as a loss does
  assert.match(sweepOrderWarning([curve('2e9', 0.2), curve('5e9', 0.25)], '1 − accuracy') ?? '', /D = 5\.00e\+9 predicts 0\.2500, above 0\.2000/);
  assert.equal(sweepOrderWarning([curve('small', 2.9), curve('large', 3)], 'loss'), undefined, 'groups that are no amounts have no order');
  // sizes as the sweep writes them
  assert.match(sweepOrderWarning([curve('350M', 2.528), curve('1.3B', 2.815)], 'loss') ?? '', /D = 1\.30e\+9 predicts 2\.815, above 2\.528 at D = 3\.50e\+8/);
});

test('an error, a word error rate or bits per character fall with size as a loss does: the same warning; an answer accuracy does not', () => {
  // these names were read as no loss (their own regex here listed "error", not "err", "wer" or "bpc")
  for (const y of ['top1_err', 'val_wer', 'CER', 'val_bpc']) assert.match(sweepOrderWarning([curve('2e9', 0.2), curve('5e9', 0.25)], y) ?? '', /out of the sweep's order/, y);
  assert.equal(sweepOrderWarning([curve('2e9', 0.5), curve('5e9', 0.6)], 'answer_accuracy'), undefined);
});

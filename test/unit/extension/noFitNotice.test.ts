// A constant loss: every law fails alike, and the panel showed dots with no headline, the reason
// only in red in each of the table's ten rows further down. The notice on top says it once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { noFitNotice } from '../../../src/extension/model/noFitNotice';

const steps = Array.from({ length: 40 }, (_, i) => (i + 1) * 100);

test('a constant loss: one notice with the reason every law gave; a curve that fits, or a fit on its way, says nothing', () => {
  const constant = analyzeCurve(steps.map((x) => ({ x, y: 2.5 })), { laws: ['m2', 'm4', 'flat', 'loglin'] });
  assert.equal(constant.auto, null);
  assert.equal(noFitNotice([{ id: 'a', label: 'constant', analysis: constant }]), 'constant: no law could be fitted, so there is no prediction: y is constant (2.5); there is no trend to fit.');
  const falling = analyzeCurve(steps.map((x) => ({ x, y: 2 + 8 * x ** -0.3 })), { laws: ['m2', 'flat', 'loglin'] });
  assert.equal(noFitNotice([{ id: 'b', label: 'falling', analysis: falling }]), undefined);
  assert.equal(noFitNotice([{ id: 'c', label: 'pending', analysis: { ...constant, estimators: [] } }]), undefined);
});

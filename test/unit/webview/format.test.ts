import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fmtRmsle } from '../../../webview/format';

test('RMSLE cells keep two significant digits for small errors, so close LM figures still differ', () => {
  assert.equal(fmtRmsle(0.0316), '0.0316');
  assert.equal(fmtRmsle(0.0066), '0.0066');
  assert.equal(fmtRmsle(0.00081), '0.00081');
  assert.equal(fmtRmsle(0.00077), '0.00077');
  assert.notEqual(fmtRmsle(0.00081), fmtRmsle(0.00077));
  assert.equal(fmtRmsle(3e-7), '3.0e-7');
  assert.equal(fmtRmsle(undefined), '—');
});

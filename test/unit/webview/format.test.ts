import assert from 'node:assert/strict';
import { test } from 'node:test';
import { counted, fmtAmount, fmtAmountInterval, fmtLoss, fmtLossInterval, fmtRmsle } from '../../../webview/format';

test('RMSLE cells keep two significant digits for small errors, so close LM figures still differ', () => {
  assert.equal(fmtRmsle(0.0316), '0.0316');
  assert.equal(fmtRmsle(0.0066), '0.0066');
  assert.equal(fmtRmsle(0.00081), '0.00081');
  assert.equal(fmtRmsle(0.00077), '0.00077');
  assert.notEqual(fmtRmsle(0.00081), fmtRmsle(0.00077));
  assert.equal(fmtRmsle(3e-7), '3.0e-7');
  assert.equal(fmtRmsle(undefined), '—');
});

test('a headline loss keeps four significant digits, trailing zeros included', () => {
  assert.equal(fmtLoss(2.99997), '3.000');
  assert.equal(fmtLoss(2.5), '2.500');
  assert.equal(fmtLoss(0.01234567), '0.01235');
  assert.equal(fmtLoss(1234.5), '1235');
  assert.equal(fmtLoss(2e-4), '2e-4');
  assert.equal(fmtLoss(NaN), 'NaN');
});

test('counts take their noun in the singular for one ("1 warning while reading", not "1 warning(s)")', () => {
  assert.equal(counted(1, 'warning'), '1 warning');
  assert.equal(counted(0, 'warning'), '0 warnings');
  assert.equal(counted(3, 'warning'), '3 warnings');
});

test('a predicted value and its interval share four significant digits (a column reads 2.990 [2.623, 3.407] beside 2.974)', () => {
  assert.equal(fmtLossInterval(2.84, 2.933), '[2.840, 2.933]');
  assert.equal(fmtLossInterval(2.32, 3.082), '[2.320, 3.082]');
  assert.equal(fmtLossInterval(undefined, 3), '');
  assert.equal(`${fmtLoss(2.99)} ${fmtLossInterval(2.623, 3.407)}`, '2.990 [2.623, 3.407]');
});

test("a plan's N and D read as the notification writes them: 13.4B, not 1.34e10", () => {
  assert.equal(fmtAmount(1.34e10), '13.4B');
  assert.equal(fmtAmount(2.8e11), '280B');
  assert.equal(fmtAmountInterval(9.8e9, 1.71e10), '[9.8B, 17.1B]');
  assert.equal(fmtAmountInterval(undefined, 1e9), '');
});

// The schedule law's parameter intervals are 95% bands: ±Z95 standard errors (normal.ts), the
// quantile the forecast's band and the two-memory test use, not a rounded 1.96 of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussNewtonIntervals } from '../../../src/core/schedule/intervals';
import { Z95 } from '../../../src/core/schedule/normal';

test('one parameter, residuals with no autocorrelation: the interval is the value ± Z95 standard errors, in log space for a positive one', () => {
  const n = 8;
  const resid = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 0.02 : -0.02));
  // ∂r/∂p = 1: (JᵀJ)⁻¹ = 1/n, σ² = Σr²/(n − 1)
  const sd = Math.sqrt((n * 0.02 ** 2) / (n - 1) / n);
  const [[lo, hi]] = gaussNewtonIntervals(new Float64Array(n).fill(1), resid, 1, [0], [3])!;
  assert.ok(Math.abs((hi! - lo!) / 2 / sd - Z95) < 1e-8, `${(hi! - lo!) / 2 / sd}`);
  // a positive parameter: ∂r/∂ln v = v·∂r/∂v, so the band is v·exp(±Z95·sd) with sd of ln v
  const [[plo, phi]] = gaussNewtonIntervals(new Float64Array(n).fill(1 / 3), resid, 1, [0], [3], [true])!;
  assert.ok(Math.abs(Math.log(phi! / plo!) / 2 / sd - Z95) < 1e-8, `${Math.log(phi! / plo!) / 2 / sd}`);
});

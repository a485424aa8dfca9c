// Zero or negative losses are left out of a log-log fit: the warning says how many and where
// (the first x's), as the NaN-inside note of the ingest layer does, so a user can find them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';

const curve = Array.from({ length: 40 }, (_, i) => ({ x: (i + 1) * 100, y: 4 - 0.05 * i }));

test('zero or negative losses: counted and located by their x (three named, then …)', () => {
  const three = curve.map((p) => (p.x === 1500 || p.x === 2200 ? { ...p, y: 0 } : p.x === 2100 ? { ...p, y: -0.5 } : p));
  const a = analyzeCurve(three, { laws: ['m2'] });
  assert.ok(a.warnings.includes('ignored 3 points with y ≤ 0 at x = 1500, 2100, 2200 (a log-log fit needs x > 0 and y > 0)'), a.warnings.join(' | '));
  const five = curve.map((p) => (p.x >= 3000 && p.x < 3500 ? { ...p, y: 0 } : p));
  const b = analyzeCurve(five, { laws: ['m2'] });
  assert.ok(b.warnings.includes('ignored 5 points with y ≤ 0 at x = 3000, 3100, 3200, … (a log-log fit needs x > 0 and y > 0)'), b.warnings.join(' | '));
});

test('one zero loss beside a missing value: each cause keeps its count, the zero its x', () => {
  const a = analyzeCurve([...curve.slice(0, 10), { x: NaN, y: 1 }, { x: 1100, y: 0 }], { laws: ['m2'] });
  assert.ok(a.warnings.includes('ignored 1 point with a missing or infinite value, 1 point with y ≤ 0 at x = 1100 (a log-log fit needs x > 0 and y > 0)'), a.warnings.join(' | '));
});

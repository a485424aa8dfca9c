import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logSpace, thinMinMax } from '../../../src/extension/panel/thin';

function series(n: number, f: (i: number) => number): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: Math.pow(10, (6 * i) / (n - 1)), y: f(i) }));
}

test('short series pass through unchanged', () => {
  const s = series(50, (i) => 1 / (i + 1));
  assert.deepEqual(thinMinMax(s, 100, true), s);
});

test('long series are cut to at most maxPoints, keep both ends and stay in x order', () => {
  const s = series(100_000, (i) => 2 + Math.sin(i / 7));
  const t = thinMinMax(s, 500, true);
  assert.ok(t.length <= 500, `${t.length}`);
  assert.ok(t.length >= 400, `too few kept: ${t.length}`);
  assert.deepEqual(t[0], s[0]);
  assert.deepEqual(t.at(-1), s.at(-1));
  for (let i = 1; i < t.length; i++) assert.ok(t[i]!.x >= t[i - 1]!.x);
});

test('a single spike survives thinning (min/max per bucket, not sampling)', () => {
  const s = series(20_000, () => 1);
  s[12_345] = { x: s[12_345]!.x, y: 50 };
  s[4_321] = { x: s[4_321]!.x, y: 0.01 };
  const t = thinMinMax(s, 200, true);
  assert.ok(t.some((p) => p.y === 50));
  assert.ok(t.some((p) => p.y === 0.01));
});

test('buckets are spread in log x: each decade keeps about the same number of points', () => {
  // linearly spaced x: without log buckets the first decades would get almost nothing
  const s = Array.from({ length: 100_000 }, (_, i) => ({ x: i + 1, y: 1 + ((i * 7919) % 13) }));
  const t = thinMinMax(s, 400, true);
  const decade = (lo: number, hi: number) => t.filter((p) => p.x >= lo && p.x < hi).length;
  assert.ok(decade(10, 100) >= 50, `10–100: ${decade(10, 100)}`);
  assert.ok(decade(10_000, 100_000) <= 120, `1e4–1e5: ${decade(10_000, 100_000)}`);
});

test('log x drops non-positive x; linear x keeps them', () => {
  const s = [{ x: 0, y: 1 }, { x: -1, y: 2 }, { x: 1, y: 3 }];
  assert.deepEqual(thinMinMax(s, 10, true), [{ x: 1, y: 3 }]);
  assert.equal(thinMinMax(s, 10, false).length, 3);
});

test('logSpace spans its ends evenly in log space', () => {
  const v = logSpace(1, 1000, 4);
  assert.equal(v.length, 4);
  assert.equal(v[0], 1);
  assert.equal(v[3], 1000);
  assert.ok(Math.abs(v[1]! - 10) < 1e-9 && Math.abs(v[2]! - 100) < 1e-9);
  assert.deepEqual(logSpace(0, 10, 5), []);
});

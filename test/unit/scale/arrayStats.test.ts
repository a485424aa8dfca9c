import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extent, maxBy, maxOf, medianInPlace, minBy, minOf, pushAll } from '../../../src/core/arrayStats';
import { mulberry32 } from '../../../src/core/random';

test('min/max/extent on arrays far past the call-stack limit of a spread', () => {
  const n = 3_000_000;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i) * i;
  // what Math.min(...a) does on this input
  assert.throws(() => Math.min(...a), RangeError);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  assert.equal(minOf(a), lo);
  assert.equal(maxOf(a), hi);
  assert.deepEqual(extent(a), [lo, hi]);
  const points = Array.from({ length: 200_000 }, (_, i) => ({ x: i + 1 }));
  assert.equal(maxBy(points, (p) => p.x), 200_000);
  assert.equal(minBy(points, (p) => p.x), 1);
});

test('NaN is skipped and empty input gives the identity of the reduction', () => {
  assert.equal(minOf([3, NaN, 1]), 1);
  assert.equal(maxOf([NaN, 3, 1]), 3);
  assert.deepEqual(extent([]), [Infinity, -Infinity]);
  assert.equal(maxBy([], () => 1), -Infinity);
});

test('pushAll appends long arrays and iterables in order', () => {
  const big = Array.from({ length: 500_000 }, (_, i) => i);
  const out = pushAll([-1], big);
  assert.equal(out.length, 500_001);
  assert.equal(out[500_000], 499_999);
  assert.deepEqual(pushAll([1], new Set([2, 3])), [1, 2, 3]);
});

test('medianInPlace: the median a sort gives, on random arrays with ties, odd and even lengths, and NaN', () => {
  const rnd = mulberry32(5);
  for (let t = 0; t < 500; t++) {
    const n = Math.floor(rnd() * 200);
    const v = Float64Array.from({ length: n }, () => (rnd() < 0.3 ? Math.floor(rnd() * 5) : rnd() * 100 - 50));
    const s = Float64Array.from(v).sort();
    const want = n === 0 ? NaN : n % 2 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
    const got = medianInPlace(Float64Array.from(v));
    assert.ok(Object.is(got, want) || got === want, `n ${n}: ${got} vs ${want}`);
  }
  assert.ok(Number.isNaN(medianInPlace(new Float64Array(0))));
  assert.equal(medianInPlace(Float64Array.from([3, NaN, 1])), 3); // NaN sorts last, as a typed sort puts it
});

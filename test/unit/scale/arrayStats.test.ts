import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extent, maxBy, maxOf, minBy, minOf, pushAll } from '../../../src/core/arrayStats';

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

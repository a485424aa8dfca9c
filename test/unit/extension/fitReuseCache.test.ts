import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FitReuse } from '../../../src/core/fitReuse';
import { FitReuseCache, reuseKey } from '../../../src/extension/fitReuseCache';

const curve = (k: number) => ({ x: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([4, 3, 2.5, k]) });
const grab = (cache: FitReuseCache, k: number, options: object, cancelled = false): FitReuse =>
  cache.with(curve(k).x, curve(k).y, options, () => cancelled, (r) => {
    r.pointNoise ??= k;
    return r;
  });

test('a curve asked again at other targets gets the fits kept from before', () => {
  const cache = new FitReuseCache();
  const first = grab(cache, 2, { bootstrap: 40, targets: [10] });
  assert.equal(grab(cache, 2, { bootstrap: 40, targets: [100, 1000] }), first);
  assert.notEqual(grab(cache, 2, { bootstrap: 20, targets: [10] }), first, 'other options: other fits');
  assert.notEqual(grab(cache, 2.1, { bootstrap: 40, targets: [10] }), first, 'other points: other fits');
});

test('fits of a cancelled analysis are not kept, nor of one that threw', () => {
  const cache = new FitReuseCache();
  const cut = grab(cache, 2, {}, true);
  assert.equal(cache.size, 0);
  assert.notEqual(grab(cache, 2, {}), cut);
  assert.throws(() => cache.with(curve(3).x, curve(3).y, {}, () => false, () => { throw new Error('no fit'); }));
  assert.equal(cache.size, 1);
});

test('the least recently used curve goes first when the cache is full', () => {
  const cache = new FitReuseCache(3);
  const a = grab(cache, 1, {});
  const b = grab(cache, 2, {});
  grab(cache, 3, {});
  assert.equal(grab(cache, 1, {}), a, 'used again: now the most recent');
  grab(cache, 4, {});
  assert.equal(cache.size, 3);
  assert.equal(grab(cache, 1, {}), a);
  assert.notEqual(grab(cache, 2, {}), b, 'the oldest, 2, was dropped for 4');
  assert.equal(cache.size, 3);
});

test('the key follows every bit of every point and every option but the targets', () => {
  const n = 68;
  const x = Float64Array.from({ length: n }, (_, i) => 100 * (i + 1));
  const y = Float64Array.from(x, (v) => 2 + 10 * v ** -0.3);
  const key = reuseKey(x, y, { bootstrap: 40, targets: [1e6] });
  assert.equal(reuseKey(x, y, { bootstrap: 40, targets: [1e9, 2e9] }), key);
  assert.notEqual(reuseKey(x, y, { bootstrap: 20, targets: [1e6] }), key);
  // the same losses against 16× the steps (a weak per-word hash gave these one key)
  for (const k of [2, 4, 16, 1024]) assert.notEqual(reuseKey(Float64Array.from(x, (v) => k * v), y, {}), reuseKey(x, y, {}), `×${k}`);
  // two signs flipped, one value nudged by an ulp
  const flipped = y.slice();
  flipped[3] = -flipped[3]!;
  flipped[40] = -flipped[40]!;
  assert.notEqual(reuseKey(x, flipped, {}), reuseKey(x, y, {}));
  const nudged = y.slice();
  nudged[30] = nudged[30]! * (1 + Number.EPSILON);
  assert.notEqual(reuseKey(x, nudged, {}), reuseKey(x, y, {}));
  assert.notEqual(reuseKey(x.subarray(0, n - 1), y.subarray(0, n - 1), {}), reuseKey(x, y, {}));
  // options JSON would write alike
  const keys = [NaN, Infinity, -Infinity, 0, -0].map((v) => reuseKey(x, y, { fitUntil: v }));
  assert.equal(new Set(keys).size, 5);
});

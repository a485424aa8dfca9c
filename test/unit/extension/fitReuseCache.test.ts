import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FitReuse } from '../../../src/core/fitReuse';
import { FitReuseCache } from '../../../src/extension/fitReuseCache';

const curve = (k: number) => ({ x: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([4, 3, 2.5, k]) });
const grab = (cache: FitReuseCache, k: number, options: object, cancelled = false): FitReuse =>
  cache.with(curve(k).x, curve(k).y, options, () => cancelled, (r) => {
    r.late ??= [{ x: k, y: k }];
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

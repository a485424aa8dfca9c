import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logSpace, thinToBins } from '../../../src/extension/panel/thin';
import { mulberry32, normal } from '../../../src/core/random';

function series(n: number, f: (i: number) => number): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: Math.pow(10, (6 * i) / (n - 1)), y: f(i) }));
}

test('short series pass through unchanged, with no spread', () => {
  const s = series(50, (i) => 1 / (i + 1));
  const t = thinToBins(s, 100, true);
  assert.deepEqual(t.points, s);
  assert.equal(t.spread, undefined);
});

test('long series are cut to at most maxPoints dots in x order, each with its bin\'s range', () => {
  const s = series(100_000, (i) => 2 + Math.sin(i / 7));
  const t = thinToBins(s, 500, true);
  assert.ok(t.points.length <= 500 && t.points.length >= 200, `${t.points.length}`);
  assert.equal(t.spread?.length, t.points.length);
  for (let i = 1; i < t.points.length; i++) assert.ok(t.points[i]!.x > t.points[i - 1]!.x);
  t.points.forEach((p, i) => {
    const r = t.spread![i]!;
    assert.equal(r.x, p.x);
    assert.ok(r.lo <= p.y && p.y <= r.hi, `bin ${i}: ${r.lo} ≤ ${p.y} ≤ ${r.hi}`);
  });
  // the dots span the series
  assert.ok(t.points[0]!.x < 1.1 && t.points.at(-1)!.x > 0.95e6);
});

test('a noisy per-step loss: the dots follow its middle, the range keeps its extremes and spikes', () => {
  // log-normal noise of σ = 0.3 around 1, as on a per-step loss; a min/max decimator would draw
  // two ghost branches at the noise's extremes and almost nothing near 1
  const gauss = normal(mulberry32(7));
  const s = series(44_000, () => Math.exp(0.3 * gauss()));
  s[30_000] = { x: s[30_000]!.x, y: 50 };
  const t = thinToBins(s, 1000, true);
  const near = t.points.filter((p) => Math.abs(Math.log(p.y)) < 0.2).length;
  assert.ok(near >= 0.9 * t.points.length, `${near} of ${t.points.length} dots within ±0.2 of the middle in log`);
  assert.ok(t.spread!.some((r) => r.hi === 50), 'the spike is inside some bin\'s range');
  const [lo, hi] = [Math.min(...s.map((p) => p.y)), Math.max(...s.map((p) => p.y))];
  assert.equal(Math.min(...t.spread!.map((r) => r.lo)), lo);
  assert.equal(Math.max(...t.spread!.map((r) => r.hi)), hi);
});

test('bins are spread in log x: each decade gets about the same number of dots', () => {
  // linearly spaced x: without log bins the first decades would get almost nothing
  const s = Array.from({ length: 100_000 }, (_, i) => ({ x: i + 1, y: 1 + ((i * 7919) % 13) }));
  const t = thinToBins(s, 400, true).points;
  const decade = (lo: number, hi: number) => t.filter((p) => p.x >= lo && p.x < hi).length;
  assert.ok(decade(10, 100) >= 25, `10–100: ${decade(10, 100)}`);
  assert.ok(decade(10_000, 100_000) <= 60, `1e4–1e5: ${decade(10_000, 100_000)}`);
});

test('unsorted input is binned in x order; log x drops non-positive x, linear x keeps them', () => {
  const s = series(5000, (i) => 1 + i / 5000).reverse();
  const t = thinToBins(s, 100, true).points;
  for (let i = 1; i < t.length; i++) assert.ok(t[i]!.x > t[i - 1]!.x);
  const few = [{ x: 0, y: 1 }, { x: -1, y: 2 }, { x: 1, y: 3 }];
  assert.deepEqual(thinToBins(few, 10, true).points, [{ x: 1, y: 3 }]);
  assert.equal(thinToBins(few, 10, false).points.length, 3);
});

test('logSpace spans its ends evenly in log space', () => {
  const v = logSpace(1, 1000, 4);
  assert.equal(v.length, 4);
  assert.equal(v[0], 1);
  assert.equal(v[3], 1000);
  assert.ok(Math.abs(v[1]! - 10) < 1e-9 && Math.abs(v[2]! - 100) < 1e-9);
  assert.deepEqual(logSpace(0, 10, 5), []);
});

test('random series (unsorted, NaN, x ≤ 0, ties): at most maxPoints dots in x order, each inside its bin\'s range', () => {
  const rnd = mulberry32(3);
  for (let t = 0; t < 100; t++) {
    const n = Math.floor(rnd() * 20_000);
    const s = Array.from({ length: n }, () => ({ x: rnd() < 0.01 ? -1 : rnd() < 0.01 ? NaN : Math.floor(10 ** (6 * rnd())), y: rnd() < 0.01 ? NaN : 10 ** (2 * rnd() - 1) }));
    const max = 4 + Math.floor(rnd() * 3000);
    const th = thinToBins(s, max, true);
    assert.ok(th.points.length <= max, `${th.points.length} > ${max}`);
    for (let i = 1; i < th.points.length; i++) assert.ok(th.points[i]!.x >= th.points[i - 1]!.x);
    for (const p of th.points) assert.ok(p.x > 0 && Number.isFinite(p.y));
    th.spread?.forEach((r, i) => assert.ok(r.lo <= th.points[i]!.y && th.points[i]!.y <= r.hi));
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BacktestResidual, LawBacktest } from '../../../src/core/backtest';
import { formatPercent } from '../../../src/core/units';
import { bootstrapFailure, errorScale, kappaAt, predictionInterval, residualsFor, robustSigma, trustAt } from '../../../src/core/calibrate';
import { mulberry32 } from '../../../src/core/random';

const rand = mulberry32(7);
const r = (lo: number, hi: number): number => lo + (hi - lo) * rand();

test('an interval always contains its point estimate, whatever the bootstrap did', () => {
  for (let i = 0; i < 2000; i++) {
    const point = Math.exp(r(-5, 5));
    const scale = { noise: r(0, 0.1), rate: r(0, 0.5) };
    // a bootstrap whose refits all sit above the point (BNSL-1: 1.799 with [1.801, 2.2]) or that diverged wildly
    const bootstrapLogSd = i % 3 === 0 ? r(0, 60) : r(0, 0.2);
    const out = predictionInterval({ point, distance: r(0, 5), scale, bootstrapLogSd, level: r(0.5, 0.99) });
    assert.ok('lo' in out, JSON.stringify(out));
    assert.ok(out.lo <= point && point <= out.hi, `${out.lo} ≤ ${point} ≤ ${out.hi}`);
  }
});

test('intervals widen with extrapolation distance and with the level', () => {
  for (let i = 0; i < 200; i++) {
    const scale = { noise: r(0, 0.05), rate: r(1e-4, 0.3) };
    const at = (distance: number, level = 0.9): number => {
      const o = predictionInterval({ point: 2, distance, scale, bootstrapLogSd: 0.01, level });
      assert.ok('lo' in o);
      return Math.log(o.hi / o.lo);
    };
    let last = 0;
    for (const d of [0, 0.1, 0.5, 1, 2, 4.6]) {
      const w = at(d);
      assert.ok(w > last, `width ${w} at distance ${d} after ${last}`);
      last = w;
    }
    assert.ok(at(1, 0.95) > at(1, 0.8));
  }
  assert.ok(kappaAt(0.95) > kappaAt(0.8) && kappaAt(0.8) > kappaAt(0.5));
});

test('38 of 40 failed resamples give no interval and say why; a few failures do not', () => {
  const why = bootstrapFailure(2, 40);
  assert.match(why ?? '', /no interval: 38 of 40 bootstrap resamples could not be fitted/);
  assert.equal(bootstrapFailure(36, 40), undefined);
  assert.ok(bootstrapFailure(19, 40));
  assert.ok(bootstrapFailure(0, 3));
});

test('no back-test, no interval: the reason is given instead of a noise-only width', () => {
  const out = predictionInterval({ point: 1, distance: 1, scale: errorScale(undefined, 0.01, 0.01), level: 0.95 });
  assert.ok('reason' in out && /back-test/.test(out.reason));
});

const res = (cut: number, x: number, distance: number, err: number): BacktestResidual => ({ cut, x, distance, logPred: Math.log(2), logY: Math.log(2) + err });

test('the error growth rate is read off the back-test residuals after taking the noise out', () => {
  // errors exactly 0.05·distance: the rate is 0.05
  const exact = [0.2, 0.5, 1, 1.1].map((d, i) => res(0, i, d, 0.05 * d));
  assert.ok(Math.abs(errorScale(exact, 0, 0.01).rate! - 0.05) < 1e-12);
  // residuals no bigger than the noise: no growth
  const noise = [0.2, 0.5, 1].map((d, i) => res(0, i, d, 0.009));
  assert.equal(errorScale(noise, 0.01, 0.01).rate, 0);
  assert.equal(errorScale(noise, 0.01, 0.02).noise, 0.02);
});

test('trust: one rehearsal that crossed the truth by chance is not "missed by 0%": every one at about that distance counts', () => {
  // five cuts' predictions at about 2× (within ±15%), errors about 1%, 1%, 0 (the nearest), 2% and 1.5%; one at 4× left out
  const rs = [res(0, 1, Math.log(1.9), Math.log(1.01)), res(1, 2, Math.log(2.1), Math.log(0.99)), res(2, 3, Math.log(2), 0), res(3, 4, Math.log(2.2), Math.log(1.02)), res(4, 4, Math.log(1.95), Math.log(1.015)), res(3, 5, Math.log(4), 0.5)];
  const t = trustAt(rs, Math.log(2))!;
  assert.ok(Math.abs(t.factor - 2) < 1e-12);
  const rel = (e: number): number => Math.exp(-e) - 1;
  const rms = Math.sqrt([Math.log(1.01), Math.log(0.99), 0, Math.log(1.02), Math.log(1.015)].reduce((s, e) => s + rel(e) ** 2, 0) / 5);
  assert.ok(rms > 0.01, 'the nearest alone would have said 0%');
  assert.ok(Math.abs(t.missedBy - rms) < 1e-9, String(t.missedBy));
});

test('percentages: small misses keep a significant digit', () => {
  assert.deepEqual([0, 0.0004, 0.00043, 0.008, 0.0123, 0.25].map(formatPercent), ['0%', '0.04%', '0.04%', '0.8%', '1.2%', '25%']);
});

test('robustSigma ignores a spike', () => {
  const v = [0.01, -0.01, 0.012, -0.009, 0.011, -0.01, 5];
  assert.ok(robustSigma(v) < 0.02 && robustSigma(v) > 0.01);
});

test('trust: the back-tested predictions nearest the target distance, as a relative miss', () => {
  const at2 = [1.9, 1.95, 2, 2.05, 2.1].map((f, i) => res(i, i, Math.log(f), Math.log(1 / 1.008)));
  const rs = [res(0, 1, Math.log(1.2), 0.001), ...at2, res(1, 3, Math.log(3), 0.05)];
  const t = trustAt(rs, Math.log(2.1))!;
  assert.ok(Math.abs(t.factor - 2.1) < 1e-12);
  assert.ok(Math.abs(t.missedBy - 0.008) < 1e-9, String(t.missedBy));
  assert.equal(trustAt(rs, 0), undefined);
  assert.equal(trustAt(undefined, 1), undefined);
});

test('trust: a figure rests on at least 5 rehearsals; the farthest alone can have crossed the truth by chance', () => {
  // a sweep curve's rehearsals: misses grow with distance, the single farthest (3.5×) happened to land on the truth
  const rs = [1.2, 1.5, 1.8, 2.2, 2.6, 3, 3.5].map((f, i) => res(0, i, Math.log(f), i === 6 ? Math.log(1 / 1.0005) : Math.log(1 / (1 + 0.004 * f))));
  const t = trustAt(rs, Math.log(10))!;
  assert.equal(t.beyond, true);
  assert.ok(t.missedBy > 0.008, `missed by ${t.missedBy}, not the farthest's 0.05%`);
  // the factor said is the median of the five rehearsals it rests on (2.2× … 3.5×)
  assert.ok(Math.abs(t.factor - 2.6) < 1e-9, String(t.factor));
});

test('an average law is back-tested as the geometric mean of its parts at each (cut, x) they share', () => {
  const bt = (preds: number[]): LawBacktest => ({
    score: 0,
    perCut: [],
    charged: 0,
    residuals: preds.map((p, i) => ({ cut: 0, x: i + 1, distance: 0.1 * (i + 1), logPred: Math.log(p), logY: 0 })),
  });
  const m = new Map([['m3', bt([1, 4])], ['m4', bt([4, 9])]]);
  const mix = residualsFor('mix', m)!;
  assert.equal(mix.length, 2);
  assert.ok(Math.abs(Math.exp(mix[0].logPred) - 2) < 1e-12 && Math.abs(Math.exp(mix[1].logPred) - 6) < 1e-12);
  assert.equal(residualsFor('mix', new Map([['m3', bt([1])]])), undefined);
});

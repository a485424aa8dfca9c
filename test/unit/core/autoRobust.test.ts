// auto's behaviour on the cases issue 11 reported: short fit ranges, spikes, non-finite fits,
// too few points, and the BNSL authors' showcase.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { backtest, cutPrefixes } from '../../../src/core/backtest';
import { fitMany } from '../../../src/core/fitMany';
import { getLaw } from '../../../src/core/laws/index';

test('a fit range spanning less than 1.5x in x is back-tested on count cuts', () => {
  // OLMo-like: 104 evaluations between steps 500k and 700k
  const x = Float64Array.from({ length: 104 }, (_, i) => 500_000 + i * 2000);
  const y = x.map((v) => 2 + 30 * Math.pow(v, -0.3));
  const { prefixes, byCount } = cutPrefixes(x, [1.5, 2, 3]);
  assert.equal(byCount, true);
  assert.deepEqual(prefixes, [69, 52, 34]);
  const bt = backtest(['m2', 'flat'], x, y);
  assert.ok(Number.isFinite(bt.get('m2')!.score));
  assert.ok(bt.get('m2')!.score < bt.get('flat')!.score);
  const a = analyzeCurve(Array.from(x, (v, i) => ({ x: v, y: y[i] })), { laws: ['m2', 'm4', 'flat'] });
  assert.ok(a.auto);
  assert.doesNotMatch(a.auto.reason, /too few/);
});

test('a curve spanning a wide log-x range keeps the log-x ratio cuts', () => {
  const x = Float64Array.from({ length: 30 }, (_, i) => 10 * 1.3 ** i);
  assert.equal(cutPrefixes(x, [1.5, 2, 3]).byCount, false);
});

test('too few points to back-test: auto falls back on a stated law; --law m4 alone gets no "auto has no choice"', () => {
  const pts = [1, 2, 4].map((x) => ({ x, y: 3 + 2 / x }));
  const a = analyzeCurve(pts, { laws: ['m2', 'm4', 'flat', 'loglin'] });
  assert.ok(a.auto, 'auto must answer when a law fitted');
  assert.match(a.auto.reason, /too few fit points to back-test.*fell back on/);
  // two points: only M1 and flat can be fitted, and auto still answers
  const two = analyzeCurve(pts.slice(0, 2), { laws: ['m1', 'm2', 'm4'] });
  assert.equal(two.auto?.law, 'm1');
  const one = analyzeCurve(pts.slice(0, 3), { laws: ['m4'] });
  assert.ok(one.warnings.every((w) => !/auto has no choice/.test(w)), one.warnings.join('; '));
});

test("robust: 'trim' leaves loss spikes out of the fit and reports them as outliers", () => {
  const pts = Array.from({ length: 200 }, (_, i) => {
    const x = 100 * (i + 1);
    const spike = i % 37 === 20 ? 2 : 1;
    return { x, y: spike * (1.8 + 8 * Math.pow(x, -0.35)) };
  });
  const a = analyzeCurve(pts, { laws: ['m2', 'flat'], holdoutFrac: 0.5, robust: 'trim' });
  assert.deepEqual(a.outliers!.map((p) => p.x), [2100, 5800, 9500]);
  const m2 = a.estimators.find((e) => e.law === 'm2')!;
  const raw = analyzeCurve(pts, { laws: ['m2'], holdoutFrac: 0.5, robust: false });
  assert.equal(raw.outliers!.length, 0);
  // the trimmed fit recovers the true limit (1.8); the untrimmed one is pulled away by the spikes
  const trimmedErr = Math.abs(m2.fit!.params.errInf - 1.8);
  const rawErr = Math.abs(raw.estimators[0].fit!.params.errInf - 1.8);
  assert.ok(trimmedErr < 0.05 && rawErr > 2 * trimmedErr, `limit error trimmed ${trimmedErr}, raw ${rawErr}`);
});

test('a fit with a non-finite parameter is an error, never converged, never averaged', () => {
  // exact power law with no limit: M4's beta runs off to infinity on this showcase prefix
  const rows = readFileSync('test/fixtures/bnsl/four_digit_addition.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const fit = rows.filter(([x]) => x <= 736);
  const out = fitMany(['m4', 'mix', 'm2'], { x: Float64Array.from(fit, (r) => r[0]), y: Float64Array.from(fit, (r) => r[1]) });
  const direct = getLaw('m4').fit({ x: Float64Array.from(fit, (r) => r[0]), y: Float64Array.from(fit, (r) => r[1]) });
  assert.ok(!Number.isFinite(direct.params.beta)); // M4 on this prefix: β runs off to infinity
  assert.equal(direct.converged, false, 'a non-finite parameter is never converged');
  assert.match(direct.reason, /non-finite/);
  for (const [id, o] of out) {
    if ('fit' in o) {
      assert.ok(Object.values(o.fit.params).every(Number.isFinite), `${id} returned non-finite params`);
    } else assert.match(o.error, /non-finite/);
  }
});

test('BNSL showcase (4-digit addition): auto answers with a finite prediction and held-out score', () => {
  const rows = readFileSync('test/fixtures/bnsl/four_digit_addition.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const pts = rows.map(([x, y]) => ({ x, y }));
  const a = analyzeCurve(pts, { fitUntil: 736, targets: [1000], seed: 1 });
  assert.ok(a.auto);
  const chosen = a.estimators.find((e) => e.law === a.auto!.law)!;
  assert.ok(chosen.fit && Number.isFinite(chosen.heldOut!.rmsle) && Number.isFinite(chosen.predictions[0].y));
  const b1 = a.estimators.find((e) => e.law === 'bnsl-1')!;
  // regression guard at today's figure (0.0111, unweighted as the authors fit; 0.0165 with tail
  // weights); the authors' objective reaches their 0.0109 (next test)
  assert.ok(b1.heldOut!.rmsle <= 0.0112, `bnsl-1 held-out ${b1.heldOut!.rmsle}`);
});

test("BNSL showcase: bnsl-1-log1p (the authors' objective) lands on their optimum and scores as they do", () => {
  // The authors' script (seed 002: brute grid, then curve_fit on log(y + 1)) scores 0.010916 on
  // x = 800–928 (printed as 0.0109), with a = 0.41389, d1 = 612.58, f1 = 0.059193.
  const rows = readFileSync('test/fixtures/bnsl/four_digit_addition.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const a = analyzeCurve(rows.map(([x, y]) => ({ x, y })), { laws: ['bnsl-1-log1p', 'bnsl-1'], fitUntil: 736, seed: 1 });
  const [authors, ours] = a.estimators;
  assert.equal(authors.law, 'bnsl-1-log1p');
  assert.ok(authors.fit!.converged);
  const p = authors.fit!.params;
  assert.ok(Math.abs(p.a - 0.41389) < 1e-3 && Math.abs(p.d1 - 612.58) < 0.1 && Math.abs(p.f1 - 0.059193) < 1e-4, JSON.stringify(p));
  assert.ok(authors.heldOut!.rmsle <= 0.01092, `bnsl-1-log1p held-out ${authors.heldOut!.rmsle}`);
  // the log-y objective (the default bnsl-1) sits in the same basin, a little off their optimum
  assert.ok(ours.heldOut!.rmsle > authors.heldOut!.rmsle && ours.heldOut!.rmsle <= 0.0112);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseLaw } from '../../../src/core/auto';
import type { LawBacktest } from '../../../src/core/backtest';
import { fitMany } from '../../../src/core/fitMany';
import { getLaw, simplestEquivalent } from '../../../src/core/laws/index';
import { baseWeights } from '../../../src/core/laws/mix';
import { ScalingLensError } from '../../../src/core/types';

const x = Float64Array.from({ length: 20 }, (_, i) => 1e6 * 10 ** (i / 6));
const y = x.map((v) => 0.1 + 3 * v ** -0.3);

test('avg(…) ids resolve to the geometric mean of their base laws, nested averages flattened', () => {
  const avg = getLaw('avg(m4+mix+bnsl-1)');
  assert.equal(avg.id, 'avg(m4+mix+bnsl-1)');
  assert.equal(getLaw('AVG(m4+mix+bnsl-1)'), avg);
  // mix = sqrt(m3·m4), so the average is m4^(1/2)·m3^(1/6)·bnsl-1^(1/3), each base law's parameters once
  assert.deepEqual([...baseWeights(avg)].map(([l, w]) => [l.id, Math.round(w * 6)]), [['m4', 3], ['m3', 1], ['bnsl-1', 2]]);
  assert.match(avg.formula, /y_m4\^\(1\/2\) · y_m3\^\(1\/6\) · y_bnsl-1\^\(1\/3\)/);
  const names = avg.params.map((p) => p.name);
  assert.ok(names.includes('m3.beta') && names.includes('bnsl-1.d1') && !names.some((n) => n.startsWith('mix.')));
  assert.equal(new Set(names).size, names.length);
  const fits = fitMany(['avg(m4+mix+bnsl-1)', 'm4'], { x, y });
  assert.deepEqual([...fits.keys()], ['avg(m4+mix+bnsl-1)', 'm4']);
  const fit = (fits.get('avg(m4+mix+bnsl-1)') as { fit: { params: Record<string, number> } }).fit;
  assert.deepEqual(Object.keys(fit.params).sort(), [...names].sort());
  const part = (id: string): number => {
    const prefix = `${id}.`;
    const p = Object.fromEntries(Object.entries(fit.params).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    return getLaw(id).predict(p, 1e10);
  };
  const want = Math.cbrt(part('m4') * Math.sqrt(part('m3') * part('m4')) * part('bnsl-1'));
  assert.ok(Math.abs(avg.predict(fit.params, 1e10) / want - 1) < 1e-12);
  // the m4 inside mix is the same fit as the m4 part
  const alone = (fits.get('m4') as { fit: { params: Record<string, number> } }).fit;
  assert.equal(fit.params['m4.alpha'], alone.params.alpha);
  for (const bad of ['avg()', 'avg(m4+m4)', 'avg(m4+nope)', 'avg(m4+chinchilla)', 'avg(m4)+avg(m3)']) {
    assert.throws(() => getLaw(bad), (e: unknown) => e instanceof ScalingLensError && e.code === 'unknown-law', bad);
  }
});

test('an average that equals a registered law goes by that law\'s name', () => {
  assert.equal(simplestEquivalent('avg(m3+m4+mix)'), 'mix');
  assert.equal(simplestEquivalent('avg(m4+m3)'), 'mix');
  assert.equal(simplestEquivalent('avg(m4+mix)'), 'avg(m4+mix)');
  assert.equal(simplestEquivalent('m2'), 'm2');
  const bt = (v: number): LawBacktest => ({ score: v, perCut: [{ rmsle: v, nFit: 5, nScored: 2 }], charged: 0 });
  const c = chooseLaw(new Map([['m3', bt(0.01)], ['m4', bt(0.01)], ['mix', bt(0.01)], ['m2', bt(0.5)]]))!;
  assert.equal(c.law, 'mix');
  // said plainly: the law first, what it is, then the back-tests behind it (not an average's case for averaging, then "that average is exactly mix")
  assert.equal(c.reason, 'mix (the geometric mean of m3 and m4): the 3 best back-tests over 1 cut of the fit points (RMSLE m3 0.0100, m4 0.0100, mix 0.0100) average to it; next m2 0.500');
  const two = chooseLaw(new Map([['m3', bt(0.01)], ['m4', bt(0.02)]]))!;
  assert.equal(two.law, 'mix');
  assert.match(two.reason, /^mix \(the geometric mean of m3 and m4\): the 2 best back-tests over 1 cut of the fit points \(RMSLE m3 0\.0100, m4 0\.0200\) average to it$/);
});

test('auto averages the top 3 by back-test score, fewer when fewer laws could be back-tested', () => {
  const bt = (score: number, ...r: (number | null)[]): LawBacktest => ({ score, perCut: r.map((v) => (v === null ? null : { rmsle: v, nFit: 5, nScored: 2 })), charged: 0 });
  const scores = new Map([
    ['m3', bt(0.015, 0.01, 0.02)],
    ['m4', bt(0.02, 0.02, 0.02)],
    ['bnsl-1', bt(0.0075, 0.005, 0.01)],
    ['m2', bt(0.5, 0.5, 0.5)],
    ['bnsl-0', bt(NaN, null, null)],
  ]);
  const c = chooseLaw(scores)!;
  // parts in candidate order, whatever their rank: one estimator, one id
  assert.equal(c.law, 'avg(m3+m4+bnsl-1)');
  assert.match(c.reason, /geometric mean of the 3 best/);
  // the reason quotes the scores exactly as the candidate table shows them (no hidden prior)
  assert.match(c.reason, /m3 0\.0150, m4 0\.0200|bnsl-1 0\.00750, m3 0\.0150, m4 0\.0200/);
  assert.equal(chooseLaw(new Map([...scores].filter(([id]) => id === 'm2' || id === 'bnsl-0')))!.law, 'm2');
  assert.equal(chooseLaw(scores, [], 2)!.law, 'avg(m3+bnsl-1)');
});

test('with nothing back-tested auto falls back on a stated law among those that fitted', () => {
  const none: LawBacktest = { score: NaN, perCut: [null, null, null], charged: 0 };
  const c = chooseLaw(new Map([['m4', none], ['flat', none]]), ['m4', 'flat'])!;
  assert.equal(c.law, 'm4');
  assert.match(c.reason, /too few fit points to back-test.*fell back on m4/);
  assert.equal(chooseLaw(new Map([['flat', none]]), ['flat'])!.law, 'flat');
  assert.equal(chooseLaw(new Map([['m4', none]]), []), null);
});

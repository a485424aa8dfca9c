import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseLaw } from '../../../src/core/auto';
import type { LawBacktest } from '../../../src/core/backtest';
import { fitMany } from '../../../src/core/fitMany';
import { getLaw } from '../../../src/core/laws/index';
import { ScalingLensError } from '../../../src/core/types';

const x = Float64Array.from({ length: 20 }, (_, i) => 1e6 * 10 ** (i / 6));
const y = x.map((v) => 0.1 + 3 * v ** -0.3);

test('avg(…) ids resolve to the geometric mean of their parts, nested averages included', () => {
  const avg = getLaw('avg(m4+mix+bnsl-1)');
  assert.equal(avg.id, 'avg(m4+mix+bnsl-1)');
  assert.equal(getLaw('AVG(m4+mix+bnsl-1)'), avg);
  assert.ok(avg.params.some((p) => p.name === 'mix.m3.beta') && avg.params.some((p) => p.name === 'bnsl-1.d1'));
  const fits = fitMany(['avg(m4+mix+bnsl-1)', 'm4'], { x, y });
  assert.deepEqual([...fits.keys()], ['avg(m4+mix+bnsl-1)', 'm4']);
  const fit = (fits.get('avg(m4+mix+bnsl-1)') as { fit: { params: Record<string, number> } }).fit;
  const part = (id: string, prefix: string): number => {
    const p = Object.fromEntries(Object.entries(fit.params).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    return getLaw(id).predict(p, 1e10);
  };
  const want = Math.cbrt(part('m4', 'm4.') * part('mix', 'mix.') * part('bnsl-1', 'bnsl-1.'));
  assert.ok(Math.abs(avg.predict(fit.params, 1e10) / want - 1) < 1e-12);
  // the mix inside reuses the same m4 fit as the m4 part
  assert.equal(fit.params['mix.m4.alpha'], fit.params['m4.alpha']);
  for (const bad of ['avg()', 'avg(m4+m4)', 'avg(m4+nope)', 'avg(m4+chinchilla)', 'avg(m4)+avg(m3)']) {
    assert.throws(() => getLaw(bad), (e: unknown) => e instanceof ScalingLensError && e.code === 'unknown-law', bad);
  }
});

test('auto averages the top 3 by weighted back-test, fewer when fewer laws could be back-tested', () => {
  const bt = (...r: (number | null)[]): LawBacktest => ({ score: NaN, perCut: r.map((v) => (v === null ? null : { rmsle: v, nFit: 5, nScored: 2 })) });
  const scores = new Map([
    ['m3', bt(0.01, 0.02)],
    ['m4', bt(0.02, 0.02)],
    ['bnsl-1', bt(0.005, 0.01)],
    ['m2', bt(0.5, 0.5)],
    ['bnsl-0', bt(null, null)],
  ]);
  const c = chooseLaw(scores, [1, 1])!;
  // parts in candidate order, whatever their rank: one estimator, one id
  assert.equal(c.law, 'avg(m3+m4+bnsl-1)');
  assert.match(c.reason, /geometric mean of the 3 best/);
  assert.equal(chooseLaw(new Map([...scores].filter(([id]) => id === 'm2' || id === 'bnsl-0')), [1, 1])!.law, 'm2');
  assert.equal(chooseLaw(scores, [1, 1], 2)!.law, 'avg(m3+bnsl-1)');
});

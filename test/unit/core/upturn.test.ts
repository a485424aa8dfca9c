// A curve that turned up (the loss rose from a low: repeated data, overfitting) is said to have,
// with where and by how much; falling, flat and noisy curves are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { findUpturn } from '../../../src/core/upturn';
import { mulberry32 } from '../../../src/core/random';

const xs = (n: number): number[] => Array.from({ length: n }, (_, i) => (i + 1) * 1e8);
/** falls as a power law, then from index 35 rises by 0.4% of a loss unit per point (to the power 1.3) */
const uTurn = (n: number): number[] => xs(n).map((x, i) => (2 + 30 * Math.pow(x, -0.2) + (i < 35 ? 0 : 0.004 * Math.pow(i - 35, 1.3))) * (1 + 0.002 * Math.sin(i * 7.1)));

test('a loss that fell to a low and rose since is an upturn, from about where it bottomed out', () => {
  const x = xs(60);
  const u = findUpturn(x, uTurn(60))!;
  assert.ok(u, 'flagged');
  assert.ok(u.fromX >= 2.5e9 && u.fromX <= 4e9, `bottomed near 3.5e9, said ${u.fromX}`);
  assert.ok(u.rise > 0.05 && u.rise < 0.1, String(u.rise));
  assert.ok(u.lastY > u.lowY);
  // only the start of the rise: not yet
  assert.equal(findUpturn(x.slice(0, 38), uTurn(38)), undefined);
});

test('falling, flat and noisy curves are not upturns', () => {
  const rnd = mulberry32(5);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  let flagged = 0;
  for (let k = 0; k < 100; k++) {
    const x = xs(200);
    const flat = x.map(() => 3 * Math.exp(0.02 * gauss()));
    const falling = x.map((v) => 2 + 30 * Math.pow(v, -0.2) * Math.exp(0.01 * gauss()));
    if (findUpturn(x, flat)) flagged++;
    if (findUpturn(x, falling)) flagged++;
  }
  assert.ok(flagged <= 2, `${flagged} of 200 noisy curves flagged`);
  assert.equal(findUpturn(xs(7), [5, 4, 3, 2, 3, 4, 5]), undefined, 'too few points to tell');
});

test('analyzeCurve warns of an upturn and reports it; a plain falling curve gets neither', () => {
  const points = xs(60).map((x, i) => ({ x, y: uTurn(60)[i]! }));
  const a = analyzeCurve(points, { laws: ['m2', 'flat'], seed: 1 });
  assert.ok(a.upturn && a.upturn.rise > 0.05);
  assert.ok(a.warnings.some((w) => /the loss has risen \d+(\.\d)?% since x ≈ .*every law here but flat assumes it keeps falling/.test(w)), a.warnings.join(' | '));
  const plain = analyzeCurve(xs(60).map((x) => ({ x, y: 2 + 30 * Math.pow(x, -0.2) })), { laws: ['m2', 'flat'], seed: 1 });
  assert.equal(plain.upturn, undefined);
  assert.ok(!plain.warnings.some((w) => /has risen/.test(w)));
  assert.doesNotMatch(plain.auto?.reason ?? '', /turned up/);
});

test('auto holds a curve that turned up at its recent level, and still shows what the back-tests chose', () => {
  const points = xs(60).map((x, i) => ({ x, y: uTurn(60)[i]! }));
  const laws = ['m2', 'm4', 'loglin', 'flat'];
  const a = analyzeCurve(points, { laws, seed: 1, targets: [1e10, 6e10] });
  assert.equal(a.auto?.law, 'flat');
  const chosen = /the back-tests chose (\S+):/.exec(a.auto!.reason)?.[1];
  assert.ok(chosen && chosen !== 'flat' && a.estimators.some((e) => e.law === chosen && e.fit), a.auto!.reason);
  const flat = a.estimators.find((e) => e.law === 'flat')!;
  const level = flat.predictions[1]!.y;
  assert.ok(Math.abs(level / uTurn(60)[59]! - 1) < 0.01, `held near the last loss: ${level}`);
  // every law with a level predicts less than the level held (loglin, the recent trend, may rise)
  for (const e of a.estimators.filter((r) => ['m2', 'm4'].includes(r.law) && r.fit)) assert.ok(e.predictions[1]!.y < level, `${e.law} ${e.predictions[1]!.y}`);
  // a single law named: no auto to overrule
  assert.equal(analyzeCurve(points, { laws: ['m2'], seed: 1 }).auto?.law, 'm2');
});

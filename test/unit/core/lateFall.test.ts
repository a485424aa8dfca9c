// The loss falling away below the fit at the end of the data (an LR cooldown the laws do not see)
// is said; a curve that follows its law, with noise, is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { lateFall, lateFallWarning } from '../../../src/core/lateFall';
import { mulberry32, normal } from '../../../src/core/random';
import type { Point } from '../../../src/core/analysis';
import { wanderingLaw, wanderingLoss } from './wanderingLoss';

function curve(seed: number, cooldown: boolean): Point[] {
  const z = normal(mulberry32(seed));
  return Array.from({ length: 60 }, (_, i) => {
    const x = 1000 * (i + 1);
    // a cooldown over the last sixth: the loss falls 6% more than the power law by the end
    const cool = cooldown && i >= 50 ? Math.exp((-0.06 * (i - 49)) / 10) : 1;
    return { x, y: (1.8 + 30 * x ** -0.4) * cool * Math.exp(0.005 * z()) };
  });
}

function fallOf(points: Point[]): ReturnType<typeof lateFall> {
  const end = points[points.length - 1]!.x;
  const a = analyzeCurve(points, { laws: ['m2'], targets: [end, 10 * end], seed: 1 });
  return lateFall(a.fitPoints, a.estimators[0]!.predictions.find((p) => p.x === end)!.y);
}

test('a curve on its law with 0.5% noise is never said to fall away; a 6% cooldown over its last sixth mostly is (the law bends to part of it)', () => {
  let said = 0;
  for (let seed = 1; seed <= 12; seed++) {
    assert.equal(fallOf(curve(seed, false)), undefined, `seed ${seed}`);
    const f = fallOf(curve(seed, true));
    if (!f) continue;
    said++;
    assert.ok(f.fall < -0.01);
    assert.match(lateFallWarning(f), /^the last \d+ points lie \d+\.\d% below the fitted curve: .*predictions past the data are likely too high$/);
  }
  assert.ok(said >= 9, `${said} of 12`);
  // a fit far above every point is said of 60 points, not of 15: too few to judge
  assert.ok(lateFall(curve(1, true), 10));
  assert.equal(lateFall(curve(1, true).slice(0, 15), 10), undefined, 'too short to judge');
});

test('a per-step loss whose noise wanders (AR(1), autocorrelation 0.9, 2%) on its law is not said to fall away', () => {
  let said = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const { x, y } = wanderingLoss(seed, 2000);
    const points = Array.from(x, (v, i) => ({ x: v, y: y[i]! }));
    // the law itself at the end: a fall below it is the noise's alone
    if (lateFall(points, wanderingLaw(x[x.length - 1]!))) said++;
  }
  assert.ok(said <= 1, `${said} of 12 said to fall away`);
});

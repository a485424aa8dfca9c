// A prediction past the data is cautioned when the loss falls away below the fit at its end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';
import { mulberry32, normal } from '../../../src/core/random';

test('the panel cautions a prediction past the data when the last points fall away below the fit (a cooldown it does not see)', async () => {
  const z = normal(mulberry32(1));
  const pts = Array.from({ length: 60 }, (_, i) => {
    const x = 1000 * (i + 1);
    const cool = i >= 50 ? Math.exp((-0.06 * (i - 49)) / 10) : 1;
    return { x, y: (1.8 + 30 * x ** -0.4) * cool * Math.exp(0.005 * z()) };
  });
  const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2'])));
  session.setSource({ format: 'csv', warnings: [], runs: [{ name: 'r', origin: '/r.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step: Float64Array.from(pts, (p) => p.x) }, y: Float64Array.from(pts, (p) => p.y) }] }] });
  await session.refitLaws();
  assert.match(session.panelData().prediction?.caution ?? '', /below the fitted curve: the loss falls faster than the laws follow/);
});

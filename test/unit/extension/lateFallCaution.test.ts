// A prediction past the data is cautioned when the loss falls away below the fit at its end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { testDeps, testSettings } from './sessionFixture';
import { mulberry32, normal } from '../../../src/core/random';

/** 60 points on a power law with 0.5% noise, falling `depth` more over the points from `from` on (a cooldown). */
function cooled(from: number, depth: number): SourceData {
  const z = normal(mulberry32(1));
  const pts = Array.from({ length: 60 }, (_, i) => {
    const x = 1000 * (i + 1);
    const cool = i >= from ? Math.exp((-depth * (i - from + 1)) / (60 - from)) : 1;
    return { x, y: (1.8 + 30 * x ** -0.4) * cool * Math.exp(0.005 * z()) };
  });
  return { format: 'csv', warnings: [], runs: [{ name: 'r', origin: '/r.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step: Float64Array.from(pts, (p) => p.x) }, y: Float64Array.from(pts, (p) => p.y) }] }] };
}

test('the panel cautions a prediction past the data when the last points fall away below the fit (a cooldown it does not see), with points held out too', async () => {
  for (const [holdoutFraction, source] of [[0, cooled(50, 0.06)], [0.1, cooled(40, 0.1)]] as const) {
    const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2'], { holdoutFraction })));
    session.setSource(source);
    await session.refitLaws();
    assert.match(session.panelData().prediction?.caution ?? '', /below the fitted curve: the loss falls faster than the laws follow/, `holdout ${holdoutFraction}`);
  }
});

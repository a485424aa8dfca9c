import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { errorScale, predictionInterval, type IntervalInputs } from '../../../src/core/calibrate';

test('onIntervalInputs hands out exactly what the held-out intervals were built from', () => {
  const points = Array.from({ length: 24 }, (_, i) => ({ x: 1e3 * 10 ** (i / 12), y: 5 * (1e3 * 10 ** (i / 12)) ** -0.3 * (1 + 0.01 * Math.sin(7 * i)) }));
  const seen: IntervalInputs[] = [];
  const a = analyzeCurve(points, { laws: ['m2'], holdoutFrac: 0.25, bootstrap: 12, seed: 3, onIntervalInputs: (i) => seen.push(i) });
  assert.equal(seen.length, 1);
  const inp = seen[0];
  assert.equal(inp.law, 'm2');
  assert.ok(inp.residuals && inp.residuals.length > 0);
  const held = a.estimators[0].heldOut!.points!;
  assert.equal(inp.bootstrap.logSd.length, held.length);
  const scale = errorScale(inp.residuals, inp.fitNoise, inp.noise);
  held.forEach((p, i) => {
    const r = predictionInterval({ point: p.pred, distance: Math.max(0, Math.log(p.x / inp.xMaxFit)), scale, bootstrapLogSd: inp.bootstrap.logSd[i], predictedChange: 0, level: 0.95 });
    assert.ok('lo' in r && p.lo !== undefined);
    // without the floor's change term the rebuilt interval can only be narrower or equal
    assert.ok(r.lo >= p.lo! - 1e-12 && r.hi <= p.hi! + 1e-12);
  });
});

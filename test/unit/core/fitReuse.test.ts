import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzeOptions, Point } from '../../../src/core/analysis';
import { analyzeCurve } from '../../../src/core/analyze';
import { newFitReuse } from '../../../src/core/fitReuse';
import { getLaw } from '../../../src/core/laws/index';
import { mulberry32, normal } from '../../../src/core/random';
import { t5Curves } from '../../../bench/realCurvesData';

const z = normal(mulberry32(7));
/** A per-step log: 2,000 noisy points with spikes (binned and trimmed before fitting). */
const longLog: Point[] = Array.from({ length: 2000 }, (_, i) => {
  const x = 100 + 50 * i;
  const spike = i % 397 === 0 ? 1.8 : 1;
  return { x, y: spike * getLaw('m2').predict({ beta: 12, c: -0.3, errInf: 1.9 }, x) * Math.exp(0.02 * z()) };
});
/** 9 points: few enough that bootstrap resamples fail to fit. */
const short: Point[] = Array.from({ length: 9 }, (_, i) => ({ x: 2 ** (i + 4), y: 3 * (2 ** (i + 4)) ** -0.2 + 0.5 }));
const t5 = t5Curves()[0].points.filter((_, i) => i % 4 === 0);

const curves: [string, Point[], AnalyzeOptions][] = [
  ['a long noisy log with spikes', longLog, { bootstrap: 12, seed: 1 }],
  ['a 9-point curve', short, { bootstrap: 12, seed: 1 }],
  ['T5 with half held out', t5, { bootstrap: 12, seed: 1, holdoutFrac: 0.5 }],
  ['T5 without intervals', t5, { bootstrap: 0, seed: 1 }],
];

for (const [name, points, opts] of curves) {
  test(`new targets from kept fits give the cold analysis' answer, fitting nothing again: ${name}`, () => {
    const xMax = Math.max(...points.map((p) => p.x));
    const reuse = newFitReuse();
    const first = analyzeCurve(points, { ...opts, targets: [2 * xMax, 10 * xMax], reuse });
    assert.ok(reuse.fits && reuse.backtests, 'the first analysis keeps its fits');
    const at = [1.5 * xMax, 100 * xMax, 1000 * xMax];
    const again = analyzeCurve(points, { ...opts, targets: at, reuse });
    const cold = analyzeCurve(points, { ...opts, targets: at });
    assert.deepEqual(again, cold);
    assert.ok(again.estimators.some((e) => e.fit && e.predictions.length === 3));
    // the fits are the kept objects themselves: nothing was refitted
    for (const e of again.estimators) {
      const kept = first.estimators.find((f) => f.law === e.law)?.fit;
      if (e.fit && kept && !e.law.startsWith('avg(')) assert.equal(e.fit, kept, e.law);
    }
  });
}

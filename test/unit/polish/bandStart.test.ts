// The panel's band starts at the last observed point with the in-sample noise width the analysis
// gives a prediction there (calibrate's noise term), not pinched to zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { kappaAt } from '../../../src/core/calibrate';
import { buildChart, predictionGrid } from '../../../src/extension/panel/viewModel';

test('the band at the last observed x has the noise width, and widens beyond it', () => {
  // an M2 curve with ±2% deterministic wobble: in-sample noise is clearly above zero
  const points = Array.from({ length: 40 }, (_, i) => {
    const x = 1e3 * Math.pow(1.15, i);
    return { x, y: (1.5 + 30 * Math.pow(x, -0.3)) * (1 + 0.02 * Math.sin(1.7 * i)) };
  });
  const hi = points[points.length - 1].x;
  const analysis = analyzeCurve(points, { laws: ['m2'], targets: predictionGrid(points, 10 * hi), bootstrap: 20, seed: 1, level: 0.8 });
  const chart = buildChart([{ id: 'c', label: 'run', analysis }], { xLabel: 'x', yLabel: 'y', lawOf: (id) => getLaw(id), maxPoints: 1000, target: 10 * hi });
  const band = chart.series.find((s) => s.role === 'band')!.band!;
  assert.equal(band[0].x, hi);
  const w0 = Math.log(band[0].hi / band[0].lo) / 2;
  // at least κ·(robust scatter of the wobble): 0.02·sin has a median |.| of about 0.014
  assert.ok(w0 > kappaAt(0.8) * 0.01, `half-width at the last point ${w0}`);
  for (let i = 1; i < band.length; i++) assert.ok(Math.log(band[i].hi / band[i].lo) / 2 >= w0 - 1e-12, `band ${i} narrower than at the last point`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimalAllocation } from '../../../src/core/allocation';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { fitIsoflop } from '../../../src/core/isoflop';
import { shapeShift, vertexShift } from '../../../src/core/isoflopShape';
import { PUBLISHED } from './synthetic';

test("a cubic through a skewed valley moves the parabola's lowest point toward the valley's own; a parabola's valley, not at all", () => {
  const budgets = [6e18, 6e19, 6e20];
  const N: number[] = [];
  const D: number[] = [];
  const loss: number[] = [];
  for (const C of budgets) {
    const centre = optimalAllocation(PUBLISHED, C).N;
    for (let j = 0; j < 7; j++) {
      const n = centre * Math.exp(3 * (j / 6 - 0.5));
      N.push(n);
      D.push(C / (6 * n));
      loss.push(chinchillaLoss(PUBLISHED, n, C / (6 * n)));
    }
  }
  const data = { N, D, loss };
  const fit = fitIsoflop(data);
  const bias = Math.log(fit.budgets[0]!.N! / optimalAllocation(PUBLISHED, budgets[0]!).N);
  assert.ok(bias > 0.005, `the parabola's vertex lies above the surface's optimum (${bias})`);
  const shift = shapeShift(data, fit);
  assert.ok(shift < 0 && Math.abs(shift) > 0.5 * bias && Math.abs(shift) < 1.5 * bias, `shift ${shift} against bias ${bias}`);

  const u = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5];
  const parabola = { c0: 2, c1: 0.1, c2: 0.3, centre: 0 };
  assert.ok(Math.abs(vertexShift(u, u.map((x) => 2 + 0.1 * x + 0.3 * x * x), parabola, 7)!) < 1e-9);
  assert.equal(vertexShift(u.slice(0, 4), [3, 2, 2, 3], parabola, 4), undefined, 'too few sizes for a cubic');
});

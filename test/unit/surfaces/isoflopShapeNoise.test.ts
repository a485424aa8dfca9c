import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitIsoflop, isoflopAllocation } from '../../../src/core/isoflop';
import { bootstrapIsoflop, isoflopIntervals, type IsoflopDraw } from '../../../src/core/isoflopBootstrap';
import { SHAPE_WEIGHT } from '../../../src/core/isoflopShape';
import { isoflopOf } from '../../../src/cli/commands/isoflopOutput';
import { mulberry32, normal } from '../../../src/core/random';

const LINE = { a: 0.5, kN: 0.1 };
const C = 1e21;

test("each resample keeps its valleys' own shape gap, which scatters about 0 (its valleys have no skew)", () => {
  const kaplan = (n: number, d: number): number => Math.pow(Math.pow(6.4e13 / n, 0.076 / 0.103) + 1.8e13 / d, 0.103);
  const gauss = normal(mulberry32(3));
  const N: number[] = [];
  const D: number[] = [];
  const loss: number[] = [];
  for (const budget of [6e18, 2e19, 6e19, 2e20, 6e20]) {
    const centre = 0.3 * Math.pow(budget / 6, 0.5);
    for (let j = 0; j < 7; j++) {
      const n = centre * Math.exp(Math.log(20) * (j / 6 - 0.5));
      N.push(n);
      D.push(budget / (6 * n));
      loss.push(kaplan(n, budget / (6 * n)) * Math.exp(0.01 * gauss()));
    }
  }
  const data = { N, D, loss };
  const boot = bootstrapIsoflop(data, fitIsoflop(data), { resamples: 60, seed: 1 });
  assert.ok(boot.draws.length > 50 && boot.draws.every((d) => Number.isFinite(d.gap)), 'every draw has a finite gap');
  const gaps = boot.draws.map((d) => d.gap!);
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (gaps.length - 1));
  assert.ok(sd > 0, 'the gaps differ between resamples');
  assert.ok(Math.abs(mean) < 3 * sd, `mean gap ${mean} vs spread ${sd}`);
});

test("the N_opt interval reaches the draws moved by the data's gap plus their own, and D_opt moves the other way", () => {
  const gap = 0.05;
  const shift = SHAPE_WEIGHT * gap;
  const draws: IsoflopDraw[] = Array.from({ length: 40 }, () => ({ ...LINE, gap: 0.3 }));
  const [iv] = isoflopIntervals(draws, LINE, [C], 0.95, shift);
  const at = isoflopAllocation(LINE, C);
  // the shift alone would stop at N·e^0.1; each draw's own gap carries it to N·e^0.35
  assert.ok(Math.abs(iv!.N.hi / (at.N * Math.exp(gap + 0.3)) - 1) < 1e-9, `N hi ${iv!.N.hi}`);
  assert.ok(Math.abs(iv!.D.lo / (at.D * Math.exp(-(gap + 0.3))) - 1) < 1e-9, `D lo ${iv!.D.lo}`);
  assert.ok(iv!.N.lo <= at.N && at.D <= iv!.D.hi, 'the interval still holds its own estimate');
});

test('draws without a gap (a fit saved before it was kept) get the data shift alone, as then', () => {
  const draws: IsoflopDraw[] = Array.from({ length: 40 }, () => ({ ...LINE }));
  const [iv] = isoflopIntervals(draws, LINE, [C], 0.95, 0.1);
  const at = isoflopAllocation(LINE, C);
  assert.ok(Math.abs(iv!.N.hi / (at.N * Math.exp(0.1)) - 1) < 1e-9);
  const [none] = isoflopIntervals(draws.map((d) => ({ ...d, gap: 0.3 })), LINE, [C], 0.95, 0);
  assert.equal(none!.N.hi, at.N, 'no shift (a sweep with no valley of 5 sizes): the gaps are not used');
});

test('allocate --from reads draws saved as [a, kN, gap] and as [a, kN]', () => {
  const read = isoflopOf({ isoflop: { a: 0.5, kN: 0.1, bootstrap: { resamples: 3, failed: 0, level: 0.95, draws: [[0.5, 0.1, 0.02], [0.51, 0.09], [0.5, 0.1, 'x']], shapeShift: 0.04 } } });
  assert.deepEqual(read?.draws, [{ a: 0.5, kN: 0.1, gap: 0.02 }, { a: 0.51, kN: 0.09 }]);
});

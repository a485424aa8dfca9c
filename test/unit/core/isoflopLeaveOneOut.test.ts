// The IsoFLOP valleys' leave-one-out residuals (core/isoflopParabola.ts), by which a run far above its
// valley is left out: read off the one fit through the valley by each run's leverage, they must
// agree with refitting the parabola without each run in turn, which they replaced (m refits of m
// runs per budget made a 100,000-run sweep's IsoFLOP bootstrap take minutes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitParabola, leaveOneOut, parabolaAt } from '../../../src/core/isoflopParabola';
import { mulberry32, normal } from '../../../src/core/random';

function refitted(N: ArrayLike<number>, loss: ArrayLike<number>, rows: readonly number[]): number[] {
  return rows.map((i) => {
    const p = fitParabola(N, loss, rows.filter((j) => j !== i));
    return p ? loss[i]! - parabolaAt(p, N[i]!) : NaN;
  });
}

test('leave-one-out residuals from the leverage equal refitting without each run, on valleys of 5 to 400 runs with an outlier and repeated sizes', () => {
  const u = mulberry32(3);
  const z = normal(u);
  for (const m of [5, 6, 9, 40, 400]) {
    const N = Float64Array.from({ length: m }, (_, k) => 1e8 * Math.exp((k % Math.max(5, m >> 1)) * 0.4 + 0.01 * u()));
    const loss = Float64Array.from(N, (n) => 2.5 + 0.05 * (Math.log(n) - 20) ** 2 + 0.01 * z());
    loss[m >> 1] += 0.3;
    // rows in any order, a subset of the arrays
    const rows = Array.from({ length: m }, (_, k) => k).reverse();
    const fast = leaveOneOut(N, loss, rows);
    const slow = refitted(N, loss, rows);
    assert.equal(fast.length, m);
    fast.forEach((v, k) => assert.ok(Math.abs(v - slow[k]!) <= 1e-9 * Math.max(1, Math.abs(slow[k]!)), `m ${m} row ${rows[k]}: ${v} vs ${slow[k]}`));
    assert.ok(fast[rows.indexOf(m >> 1)]! > 0.25, 'the raised run stands out');
  }
});

test('a valley of fewer than 5 sizes is not judged: no residual for any of its runs', () => {
  const N = [1e8, 1e8, 2e8, 2e8, 4e8, 8e8];
  const loss = [3.1, 3.0, 2.8, 2.9, 3.2, 3.5];
  assert.ok(leaveOneOut(N, loss, [0, 1, 2, 3, 4, 5]).every(Number.isNaN));
});

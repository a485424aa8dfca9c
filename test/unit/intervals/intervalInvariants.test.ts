// Interval invariants for every law the panel shows, on curves drawn from each synthetic truth:
// an interval contains its point estimate and widens (strictly) with extrapolation distance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { syntheticCurve, TRUTHS } from './synthetic';

const PANEL_LAWS = ['m1', 'm2', 'm3', 'm4', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'];

for (const truth of Object.keys(TRUTHS)) {
  test(`curve drawn from ${truth}: every law's interval contains its point and widens at 1.5×, 3×, 10×, 100×`, () => {
    const points = syntheticCurve(truth, 7, 20, 0.02);
    const xMax = points[points.length - 1].x;
    const a = analyzeCurve(points, { laws: PANEL_LAWS, targets: [1.5, 3, 10, 100].map((f) => f * xMax), bootstrap: 12, seed: 2, ...(TRUTHS[truth].upperBound ? { upperBound: 1 } : {}) });
    let checked = 0;
    for (const e of a.estimators) {
      if (!e.fit) continue;
      let last = 0;
      for (const p of e.predictions) {
        if (p.lo === undefined || p.hi === undefined) {
          // no interval is allowed only with its reason
          assert.ok(p.intervalNote && p.intervalNote.length > 0, `${e.law}: neither interval nor reason at ${p.x}`);
          continue;
        }
        assert.ok(p.lo <= p.y && p.y <= p.hi, `${e.law}: ${p.lo} ≤ ${p.y} ≤ ${p.hi}`);
        const w = Math.log(p.hi / p.lo);
        assert.ok(w > last, `${e.law}: width ${w} at ${p.x / xMax}× after ${last}`);
        last = w;
        checked++;
      }
    }
    // most laws fit these curves; a vacuous pass (nothing checked) fails
    assert.ok(checked >= 4 * 6, `only ${checked} intervals checked`);
  });
}

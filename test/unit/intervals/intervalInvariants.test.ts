// Interval invariants for every law the panel shows, on curves drawn from each synthetic truth:
// an interval contains its point estimate and widens (strictly) with extrapolation distance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { bootstrapCurve, type ResampleFits } from '../../../src/core/bootstrap';
import { getLaw } from '../../../src/core/laws/index';
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

test("the bootstraps of one curve share each base law's resample fits: an average refits none of its parts, and every result is what it is alone", () => {
  const points = syntheticCurve('m4', 7);
  const x = Float64Array.from(points, (p) => p.x);
  const y = Float64Array.from(points, (p) => p.y);
  const at = [x[x.length - 1]! * 3];
  const opts = { resamples: 12, seed: 3 };
  const shared: ResampleFits = new Map();
  const calls = new Map<string, number>();
  const originals = ['m3', 'm4'].map((id) => {
    const law = getLaw(id);
    const fit = law.fit;
    law.fit = (obs, o) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return fit.call(law, obs, o);
    };
    return () => void (law.fit = fit);
  });
  try {
    for (const id of ['m3', 'm4', 'mix', 'avg(m4+mix)']) {
      const before = new Map(calls);
      const withShared = bootstrapCurve(id, x, y, at, { ...opts, shared });
      const fitted = [...calls].reduce((k, [law, n]) => k + n - (before.get(law) ?? 0), 0);
      assert.equal(fitted, id === 'm3' || id === 'm4' ? 12 : 0, `${id}: ${fitted} base fits`);
      const aloneBefore = new Map(calls);
      const alone = bootstrapCurve(id, x, y, at, opts);
      const aloneFitted = [...calls].reduce((k, [law, n]) => k + n - (aloneBefore.get(law) ?? 0), 0);
      assert.equal(aloneFitted, id === 'avg(m4+mix)' ? 36 : id === 'mix' ? 24 : 12, `${id} alone refits its parts`);
      assert.deepEqual(withShared, alone, id);
    }
  } finally {
    for (const restore of originals) restore();
  }
});

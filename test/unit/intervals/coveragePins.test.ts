// Coverage of held-out points on a subset of the coverage bench (kept small for runtime): the RNSL
// language curves (NMT, LM, BB; Training == 0 held out) with M4, and the OPT trajectories fitted on
// their first 50% with auto's choice, 40 resamples as in the bench, with the shipped κ and floor.
// The pins are this run's figures (deterministic), so a change to the method shows here. The
// issue's target band (nominal ± 0.07) is asserted where it is met (both, since a point's own
// noise got the normal quantile and κ and the floor were recalibrated: RNSL language M4 moved from
// 0.916 / 0.99 to 0.863 / 0.985, OPT from 0.861 / 1.0 to 0.852 / 0.972).
// OPT's pins moved from 0.833 / 0.981 to 0.861 / 1.0 when the no-prior auto (flat/loglin candidates)
// was merged: auto chooses differently on these curves; the constants are unchanged.
// The shipped constants were calibrated on every set, these included; `npm run bench coverage`
// reports the leave-one-set-out figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOOR_RATE, FLOOR_SHARE, kappaAt } from '../../../src/core/calibrate';
import { corpusCurves, rnslCurves } from '../../../bench/coverageData';
import { coverage, scoreCurve, type ScoredCurve } from '../../../bench/coverageScore';

const floor = { rate: FLOOR_RATE, share: FLOOR_SHARE };
const score = (curves: ReturnType<typeof rnslCurves>, law: string): ScoredCurve[] =>
  curves.map((c) => scoreCurve(c, law, 40)).filter((s): s is ScoredCurve => s !== undefined);

const PINS: { name: string; curves: () => ScoredCurve[]; pin: Record<number, number>; inBand: boolean }[] = [
  { name: 'RNSL language, m4', curves: () => score(rnslCurves().filter((c) => c.set === 'RNSL language'), 'm4'), pin: { 0.8: 0.863, 0.95: 0.985 }, inBand: true },
  { name: 'OPT @50%, auto', curves: () => score(corpusCurves([0.5]).filter((c) => c.subset === 'OPT'), 'auto'), pin: { 0.8: 0.852, 0.95: 0.972 }, inBand: true },
];

for (const p of PINS) {
  test(`coverage pinned: ${p.name}`, () => {
    const scored = p.curves();
    for (const level of [0.8, 0.95]) {
      const c = coverage(scored, { kappa: kappaAt(level), floor, level });
      const base = coverage(scored, { bootLevel: level === 0.8 ? 0 : 1 });
      console.log(`${p.name}: coverage@${level} ${c.coverage.toFixed(3)} (width ${c.width.toFixed(4)}; plain bootstrap ${base.coverage.toFixed(3)}) over ${c.curves} curves`);
      if (p.inBand) assert.ok(Math.abs(c.coverage - level) <= 0.07, `coverage@${level} ${c.coverage}`);
      if (Number.isFinite(p.pin[level])) assert.ok(Math.abs(c.coverage - p.pin[level]) < 0.005, `pinned ${p.pin[level]}, got ${c.coverage}`);
      // the plain parameter bootstrap is what this replaces: it covers far less
      assert.ok(base.coverage < c.coverage);
    }
  });
}

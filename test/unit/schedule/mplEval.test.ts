// The multi-power law's fast evaluation against the naive O(T²) sum, its gradient against finite
// differences, and the authors' parameters reproducing their test-set figures (a check of the
// evaluation, not a fit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridFromSchedule, perStep } from '../../../src/core/schedule/grid';
import { mplEvaluate, mplFromTheta, mplNaive, mplToTheta } from '../../../src/core/schedule/mpl';
import { dropTerms } from '../../../src/core/schedule/mplTerms';
import { cleanLrLog, relErr, runLr } from '../../../src/core/schedule/index';
import { AUTHORS, AUTHORS_SPLIT, loggedTerms, rows, schedule, scheduleTerms, SIZES, TEST } from './lrData';

test('fast evaluation = the naive per-step double sum to 2e-6 relative (logged and spec grids, every schedule kind)', () => {
  const p = AUTHORS['25M'];
  for (const name of TEST) {
    const all = rows('25M', name);
    // the 72k-step runs at every 8th logged step: the naive sum is the slow part of this test
    const keep = (_: number, i: number): boolean => all.steps.length < 300 || i % 8 === 7;
    const r = { ...all, steps: all.steps.filter(keep), lr: all.lr.filter(keep) };
    for (const grid of [
      runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: all.steps, lr: all.lr }) }).grid,
      gridFromSchedule(schedule(name), r.steps, 128, r.steps[r.steps.length - 1]),
    ]) {
      const fast = new Float64Array(r.steps.length);
      mplEvaluate(dropTerms(grid, r.steps), p, fast);
      const naive = mplNaive(p, perStep(grid), r.steps, 0);
      let worst = 0;
      naive.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - fast[i]) / v)));
      assert.ok(worst < 2e-6, `${name}: ${worst}`);
    }
  }
});

test('analytic gradient = central finite differences', () => {
  const r = rows('25M', 'wsd_20000_24000');
  const terms = loggedTerms(r);
  const theta = mplToTheta(AUTHORS['25M']);
  const n = r.steps.length;
  const out = new Float64Array(n);
  const jac = new Float64Array(n * 7);
  mplEvaluate(terms, mplFromTheta(theta), out, jac);
  for (let k = 0; k < 7; k++) {
    const h = 1e-6;
    const up = new Float64Array(n);
    const dn = new Float64Array(n);
    const tp = Float64Array.from(theta);
    tp[k] += h;
    mplEvaluate(terms, mplFromTheta(tp), up);
    tp[k] -= 2 * h;
    mplEvaluate(terms, mplFromTheta(tp), dn);
    for (const i of [5, 80, n - 1]) {
      const fd = (up[i] - dn[i]) / (2 * h);
      assert.ok(Math.abs(fd - jac[i * 7 + k]) <= 1e-5 * Math.max(1e-3, Math.abs(fd)), `θ${k} point ${i}: ${jac[i * 7 + k]} vs ${fd}`);
    }
  }
});

test("the authors' parameters give their published test-set figures under their protocol (η per step from the schedule)", () => {
  // their protocol (η rebuilt per step from the schedule, every logged row scored) reproduces
  // 0.00110 / 0.00409 and 0.00142 / 0.00583 to within 0.3%; η from the 128-step LR log instead
  // (what the CLI reads) measured 0.00111 / 0.00401 and 0.00141 / 0.00593
  const logged = { '25M': [0.00111, 0.00401], '100M': [0.00141, 0.00593] };
  for (const size of SIZES) {
    const got = { schedule: [0, 0], log: [0, 0] };
    for (const name of TEST) {
      const r = rows(size, name);
      for (const mode of ['schedule', 'log'] as const) {
        const pred = new Float64Array(r.steps.length);
        mplEvaluate(mode === 'log' ? loggedTerms(r) : scheduleTerms(r, name), AUTHORS[size], pred);
        const e = relErr(r.loss, pred);
        got[mode][0] += e.meanRelErr / TEST.length;
        got[mode][1] += e.maxRelErr / TEST.length;
      }
    }
    console.log(`authors' parameters, ${size}: their protocol ${got.schedule.map((v) => v.toFixed(5)).join(' / ')}, logged η ${got.log.map((v) => v.toFixed(5)).join(' / ')}`);
    for (const k of [0, 1]) {
      assert.ok(Math.abs(got.schedule[k] - AUTHORS_SPLIT[size][k]) < 0.005 * AUTHORS_SPLIT[size][k], `${size}: ${got.schedule[k]} is not their figure ${AUTHORS_SPLIT[size][k]}`);
      assert.ok(Math.abs(got.log[k] - logged[size][k]) < 0.02 * logged[size][k], `${size} logged η: ${got.log[k]}`);
    }
  }
});

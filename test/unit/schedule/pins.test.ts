// Pinned figures on the bundled runs (data/lr-schedules, Luo et al. 2025). Our own joint fit on the
// authors' training split (cosine_24000, constant_24000, wsdcon_9), scored on the other six; and
// half-run forecasts of cosine_72000, wsd_20000_24000, wsdld_20000_24000 from their first 50% of
// rows + schedule spec, with the training fit as prior, without prior, and the power law in steps.
// Tolerances fail on a regression of a few percent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitScheduleLaw, forecastRun, relErr, type ScheduleFit } from '../../../src/core/schedule/index';
import { mplEvaluate, mplToTheta } from '../../../src/core/schedule/mpl';
import { mplObjective } from '../../../src/core/schedule/mplFit';
import { AUTHORS, AUTHORS_SPLIT, FORECAST, rows, schedule, scheduleTerms, SIZES, TEST, TRAIN, type Size } from './lrData';
import { cooldownShapeGap } from '../../../bench/scheduleShapes';

// η per step from each run's schedule, as the authors fit and score (lrData.scheduleTerms)
function trainFit(size: Size): ScheduleFit {
  const runs = TRAIN.map((name) => {
    const r = rows(size, name);
    return { name, steps: r.steps, loss: r.loss, schedule: schedule(name) };
  });
  return fitScheduleLaw(runs, 'mpl', 1).fit;
}

/** The gain of a full decay on the training split (LR-annealing fit), as a fraction of the loss. */
function gainOf(size: Size): number {
  const t = fitScheduleLaw(TRAIN.map((name) => ({ name, steps: rows(size, name).steps, loss: rows(size, name).loss, schedule: schedule(name) })), 'tissue').fit;
  if (t.law !== 'tissue') throw new Error('expected a tissue fit');
  return (t.params.C * 3e-4) / (1 - t.params.lambda) / rows(size, 'constant_24000').loss[rows(size, 'constant_24000').loss.length - 1];
}

const fits = new Map<Size, ScheduleFit>();
const fitOf = (size: Size): ScheduleFit => fits.get(size) ?? (fits.set(size, trainFit(size)), fits.get(size)!);

// measured [mean relative error, mean of per-run worst] on the six test runs under the authors'
// protocol; theirs (AUTHORS_SPLIT): 25M 0.00110 / 0.00409, 100M 0.00142 / 0.00583. We beat the
// worst, not the mean: our fit is the minimum of their objective (every start reaches it, and its
// training objective is half theirs or less, pinned below); their parameters are an early-stopped
// Adam run's, which extrapolates the 24k-step training runs to the 72k-step ones better.
const SPLIT: Record<Size, [number, number]> = { '25M': [0.00137, 0.0036], '100M': [0.00165, 0.00505] };

test("our joint fit on the authors' training split, scored on their six test runs with their protocol", () => {
  for (const size of SIZES) {
    const fit = fitOf(size);
    if (fit.law !== 'mpl') throw new Error('expected an MPL fit');
    let mean = 0;
    let worst = 0;
    for (const name of TEST) {
      const r = rows(size, name);
      const pred = new Float64Array(r.steps.length);
      mplEvaluate(scheduleTerms(r, name), fit.params, pred);
      const e = relErr(r.loss, pred);
      mean += e.meanRelErr / TEST.length;
      worst += e.maxRelErr / TEST.length;
    }
    const objective = mplObjective(TRAIN.map((name) => {
      const r = rows(size, name);
      return { terms: scheduleTerms(r, name), y: r.loss };
    }));
    const ours = objective(mplToTheta(fit.params), null);
    const theirs = objective(mplToTheta(AUTHORS[size]), null);
    console.log(`${size}: test-six mean relative error ${mean.toFixed(5)}, mean worst ${worst.toFixed(5)}; training objective ours ${ours.toFixed(4)}, at the authors' parameters ${theirs.toFixed(4)}`);
    assert.ok(mean <= SPLIT[size][0] * 1.03, `${size} mean ${mean} regressed from ${SPLIT[size][0]}`);
    assert.ok(worst <= SPLIT[size][1] * 1.03, `${size} worst ${worst} regressed from ${SPLIT[size][1]}`);
    assert.ok(worst < AUTHORS_SPLIT[size][1], `${size}: the authors' per-run worst ${AUTHORS_SPLIT[size][1]} is not beaten (${worst})`);
    assert.ok(ours < 0.6 * theirs, `${size}: our fit (${ours}) is not clearly a better optimum of the authors' objective than their parameters (${theirs})`);
  }
});

// measured mean |final-loss error| over the three runs: [with prior, without prior, power law in steps]
// (without prior, before this change — the prefix's LR-annealing law with no gain assumed for an
// unseen decay: 0.0178 and 0.0227)
// (25M without prior 0.0055 → 0.0072 and 100M 0.0059 → 0.0051 when the steps past the logged LR
// took η from the schedule instead of a straight line between its breakpoints: wsd_20000_24000's
// exp decay had been forecast as a linear one)
const HALF: Record<Size, [number, number, number]> = { '25M': [0.002, 0.0072, 0.0253], '100M': [0.0034, 0.0051, 0.03] };

test('half-run forecasts: ≤ 0.5% final-loss error with the sibling prior; without it still better than the power law in steps', () => {
  for (const size of SIZES) {
    const prior = fitOf(size);
    const err = [0, 0, 0];
    for (const name of FORECAST) {
      const r = rows(size, name);
      const half = Math.floor(r.steps.length / 2);
      const last = r.steps.length - 1;
      const req = { steps: r.steps.slice(0, half), loss: r.loss.slice(0, half), lr: { steps: r.steps.slice(0, half), lr: r.lr.slice(0, half) }, schedule: schedule(name), bootstrap: 50 };
      const at = (curve: { step: number; y: number }[]): number => curve.reduce((b, p) => (Math.abs(p.step - r.steps[last]) < Math.abs(b.step - r.steps[last]) ? p : b)).y;
      const withPrior = forecastRun({ ...req, prior });
      // without a prior, before any decay, the assumed decay gain is the OTHER size's (as the bench)
      const own = forecastRun({ ...req, annealingGain: gainOf(SIZES.find((s) => s !== size)!) });
      const truth = r.loss[last];
      err[0] += Math.abs(at(withPrior.curve) - truth) / truth / FORECAST.length;
      err[1] += Math.abs(at(own.curve) - truth) / truth / FORECAST.length;
      err[2] += Math.abs(withPrior.powerLaw.final.y - truth) / truth / FORECAST.length;
      assert.ok(withPrior.final.lo < withPrior.final.y && withPrior.final.y < withPrior.final.hi);
    }
    console.log(`${size}: half-run final-loss error, prior ${err[0].toFixed(4)}, no prior ${err[1].toFixed(4)}, power law in steps ${err[2].toFixed(4)}`);
    assert.ok(err[0] <= 0.005, `${size}: with prior ${err[0]} > 0.5%`);
    assert.ok(err[1] < err[2], `${size}: without prior ${err[1]} does not beat the power law ${err[2]}`);
    assert.ok(err[0] <= HALF[size][0] * 1.05 + 1e-4, `${size}: with prior ${err[0]} regressed from ${HALF[size][0]}`);
    assert.ok(err[1] <= HALF[size][1] * 1.05 + 1e-4, `${size}: without prior ${err[1]} regressed from ${HALF[size][1]}`);
  }
});

// Before its decay a WSD run's prefix has seen no annealing: the band must carry the uncertainty of
// the prior's decay gain (κ). Without it the truth fell outside at 100M in every such case.
test('the 95% band covers the true final loss of WSD runs forecast before their decay (25/50/75% prefixes), with the sibling prior', () => {
  for (const size of SIZES) {
    const prior = fitOf(size);
    for (const name of ['wsd_20000_24000', 'wsdld_20000_24000']) {
      const r = rows(size, name);
      const last = r.steps.length - 1;
      for (const frac of [0.25, 0.5, 0.75]) {
        const k = Math.floor(r.steps.length * frac);
        const f = forecastRun({ steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: schedule(name), prior, bootstrap: 50 });
        const p = f.curve.reduce((b, q) => (Math.abs(q.step - r.steps[last]) < Math.abs(b.step - r.steps[last]) ? q : b));
        const truth = r.loss[last];
        assert.ok(p.lo < p.y && p.y < p.hi, `${size} ${name} ${frac}: band does not contain its forecast`);
        assert.ok(p.lo <= truth && truth <= p.hi, `${size} ${name} @${frac}: truth ${truth} outside [${p.lo}, ${p.hi}]`);
        // and stays useful: from half the run on, narrower than ±1.5%
        if (frac >= 0.5) assert.ok(p.hi / p.lo < 1.03, `${size} ${name} @${frac}: band ${p.lo}–${p.hi} wider than ±1.5%`);
        assert.ok(f.spread !== undefined && f.spread.unseenDecay > 0 && f.spread.kappa > 0, `${size} ${name}: the unseen decay is not in the band`);
      }
    }
  }
});

// The gap the forecast puts between two cooldown shapes (bench/scheduleShapes.ts), against the
// runs that ran them (wsd exp, wsdld linear): with the sibling prior it is the runs' size; without
// one it is the LR-annealing law's λ, not the run's (src/core/schedule/tissue.ts), measured 0.0127
// and 0.0107 with the shipped gain for the runs' 0.0010 and 0.0021.
test('What-If cooldown shapes: with a prior the exp–linear gap is the runs’; without one it is the law’s, ~5–13× theirs', () => {
  for (const size of SIZES) {
    const withPrior = cooldownShapeGap(size, fitOf(size));
    const own = cooldownShapeGap(size);
    const real = withPrior.realLinear - withPrior.realExp;
    const gapPrior = withPrior.linear - withPrior.exp;
    const gapOwn = own.linear - own.exp;
    console.log(`${size}: linear − exp final loss, prior ${gapPrior.toFixed(4)}, no prior ${gapOwn.toFixed(4)}, the runs ${real.toFixed(4)}`);
    assert.ok(gapPrior > 0 && gapPrior < 2 * real, `${size}: with prior ${gapPrior} vs the runs' ${real}`);
    assert.ok(gapOwn > 4 * real, `${size}: without prior ${gapOwn} is no longer several times the runs' ${real}: update tissue.ts's comment, docs/panel.md's What If and docs/benchmarks.md`);
  }
});

// Forecast of a live run to the end of its schedule: the loss curve with a 95% band, the final
// loss, when a target loss is reached and how likely the run ends below it, beside the plain power
// law in steps. With a prior (a law fitted on finished sibling runs) only the level — L0 and A —
// is refitted on the run's prefix, the schedule response (α, B, C, β, γ or α, C) held at the
// prior's: a prefix cannot identify how the run will answer a decay it has not seen. Without a
// prior the LR-annealing law (4 parameters) is fitted on the prefix alone.
//
// The band combines (a) a seeded moving-block bootstrap of the prefix's residuals, refitting each
// resample, and (b) a back-test inside the prefix: the same refit on its first half, its error at
// the prefix's end, grown linearly with the horizon. (b) is what makes the band honest about
// extrapolation; the bench reports how often the true final loss falls inside.
import { ScalingLensError } from '../types';
import { band, levelRefit, powerRefit, relWeights, type Refit } from './forecastBand';
import { afterWarmup, averagedPrefix, cleanPrefix, MAX_FORECAST_POINTS } from './forecastPrefix';
import { runAloneLaw } from './forecastRunAlone';
import type { ForecastPoint, ForecastRequest, ScheduleForecast } from './forecastTypes';
import { fitPowerPlus, wls } from './linear';
import type { LrGrid } from './grid';
import { compareLrWithSchedule, cleanLrLog, runLr, type CleanLr } from './lrSeries';
import { guessFit, inferSchedule } from './infer';
import { mplEvaluate } from './mpl';
import { dropTerms } from './mplTerms';
import { normalCdf, Z95 } from './normal';
import type { ScheduleFit } from './prior';
import { tissueTerms } from './tissue';

// The forecast's parts, in files named for them; importers take them from here.
export type { ForecastPoint, ForecastRequest, ScheduleForecast } from './forecastTypes';
export { averagedPrefix, cleanPrefix, fitWarmupEnd, MAX_FORECAST_POINTS, MIN_FORECAST_LOSSES } from './forecastPrefix';
export { ANNEAL_GAIN, MAX_MEASURED_GAIN, MEASURED_DECAY, MIN_DECAY_LOSSES } from './forecastRunAlone';

/**
 * A forecast of the final loss whose 95% band spans more than this factor (hi / lo) is not a
 * prediction worth acting on (model sizes a decade apart differ by some 10% in loss): it is
 * marked undetermined and shown as its band, not as a number. A fixed bound, not fitted to any run.
 */
export const UNDETERMINED_BAND = 2;

/**
 * κ: the relative standard deviation of the annealing gain the prefix has not seen. With a prior,
 * the unseen gain is the prior's own (B·ΔLD or C·ΔS2) and κ_prior its relative uncertainty; without
 * one, the unseen scale is the share of the peak LR still to be removed and κ_own the loss drop per
 * full decay (log scale) nobody has measured. Calibrated on the bundled lr-schedules runs
 * (bench/schedule.bench.ts, bench/scheduleCoverage.ts; test/unit/schedule/calibration.test.ts holds
 * each constant to its recipe): the cases forecast before any decay with a decay ahead (WSD,
 * two-stage) get unit mean-square standardised errors, 0.072 on both sizes (0.065 while the steps
 * past the logged LR took a straight line between the schedule's breakpoints, which forecast WSD's
 * exp decay as a linear one). Leave-one-size-out the values disagree for the prior (25M alone:
 * 0.030, 100M alone: 0.097 — the prior's decay gain is off by ~3% of the gain at 25M, ~10% at
 * 100M), so the value from both sizes is shipped and the bench reports the coverage each size gets
 * from the other's κ. Without a prior (with the assumed ANNEAL_GAIN before any decay) the same
 * calibration gives 0.008 (25M alone 0.011, 100M alone 0.004; 25M's WSD runs are forecast 0.6–1.3%
 * low with 100M's gain, the exp one lowest), but that is one study's two sizes, whose gains are
 * close: it made a 95% band that held 14 of 20 fresh WSD runs forecast before their cooldown.
 * KAPPA_OWN is instead the spread of the gain itself between runs: the sample standard deviation
 * of the full-decay gains measured on the three runs that show one (25M 0.036, 100M 0.048, Mamba
 * 3B 0.059; bench/schedule.bench.ts).
 */
export const KAPPA_PRIOR = 0.072;

export const KAPPA_OWN = 0.012;

/** |gain still to come| relative to the loss, from a fixed annealing term (0 over the prefix). */
function unseenGain(fixed: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
  const ref = y[n - 1];
  for (let j = n; j < fixed.length; j++) out[j] = Math.abs(fixed[j] - fixed[n - 1]) / ref;
}

function futureSteps(last: number, end: number, spacing: number, max: number): number[] {
  const gap = Math.max(spacing, (end - last) / max);
  const out: number[] = [];
  for (let k = 1; last + k * gap < end; k++) out.push(Math.round(last + k * gap));
  out.push(end);
  return [...new Set(out)].filter((s) => s > last);
}

const point = (step: number, y: number, sd: number): ForecastPoint => ({ step, y, lo: y * Math.exp(-Z95 * sd), hi: y * Math.exp(Z95 * sd) });

/** Without a schedule the forecast stops at the last logged LR; what the logged LR suggests instead. */
export function noScheduleNote(log: CleanLr, planned?: number): string {
  const base = 'no schedule given: the forecast ends at the last logged learning rate';
  const g = inferSchedule(log, planned);
  if (!g.ok) return `${base} (${g.why})`;
  return `${base}; the logged LR follows ${g.text} (${guessFit(g)}): give it as the schedule to forecast to step ${g.spec.total}`;
}

/** A prior's schedule response at every step, held while the level (L0, A) is refitted: its annealing term and its power law's u^(−α). */
function priorShape(prior: ScheduleFit, grid: LrGrid, steps: readonly number[]): { fixed: Float64Array; pw: Float64Array } {
  if (prior.law === 'mpl') {
    const terms = dropTerms(grid, steps);
    const drop = new Float64Array(steps.length);
    const tmp = new Float64Array(steps.length);
    mplEvaluate(terms, { ...prior.params, L0: 0, A: 0 }, tmp, undefined, drop);
    return { fixed: Float64Array.from(drop, (d) => prior.params.B * d), pw: Float64Array.from(terms.s1, (v) => Math.pow(v, -prior.params.alpha)) };
  }
  const t = tissueTerms(grid, steps, prior.params.lambda);
  return { fixed: Float64Array.from(t.s2, (v) => -prior.params.C * v), pw: Float64Array.from(t.s1, (v) => Math.pow(v, -prior.params.alpha)) };
}

export function forecastRun(req: ForecastRequest): ScheduleForecast {
  const logged = cleanPrefix(req.steps, req.loss);
  const warnings = [...logged.warnings];
  const log = req.lr ? cleanLrLog(req.lr, 'the logged learning rate') : undefined;
  if (log) warnings.push(...log.warnings);
  const pre = req.keepWarmup ? logged : afterWarmup(logged, req.schedule, log, warnings);
  if (!log && !req.schedule) throw new ScalingLensError('bad-argument', 'no learning rate logged and no schedule given: a schedule (e.g. cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5) makes the forecast schedule-aware');
  if (log && req.schedule) {
    const d = compareLrWithSchedule(log, req.schedule);
    if (d.message) warnings.push(d.message);
  }
  const lastObs = pre.steps[pre.steps.length - 1];
  const end = req.schedule?.total ?? log!.steps[log!.steps.length - 1];
  if (lastObs > end) throw new ScalingLensError('bad-argument', `the log reaches step ${lastObs}, past the end of the schedule (${end}): the run is longer than the schedule says`);
  if (!req.schedule) warnings.push(noScheduleNote(log!, req.plannedSteps));
  else if (lastObs === end) warnings.push('the run has reached the end of its schedule: nothing left to forecast');
  const span = lastObs - pre.steps[0];
  if (end - lastObs > 10 * span) warnings.push(`the forecast reaches ${Math.round((end - lastObs) / Math.max(1, span))}× further than the logged span: expect a wide band`);
  const fitted = averagedPrefix(pre, MAX_FORECAST_POINTS);
  if (fitted.per > 1) warnings.push(`fitted the ${pre.steps.length} logged losses as ${fitted.steps.length} averages of ${fitted.per} consecutive steps`);
  const n = fitted.steps.length;
  const spacing = Math.max(1, Math.round((lastObs - pre.steps[0]) / Math.max(1, pre.steps.length - 1)));
  const future = lastObs < end ? futureSteps(lastObs, end, spacing, req.maxCurvePoints ?? 200) : [];
  const steps = [...fitted.steps, ...future];
  // the LR log only up to the prefix: what was logged beyond is not known at forecast time
  const lr = runLr({ evalSteps: steps, log, schedule: req.schedule });
  warnings.push(...lr.warnings.filter((w) => !warnings.includes(w)));
  const y = Float64Array.from(fitted.loss);
  const resamples = req.bootstrap ?? 200;
  const seed = req.seed ?? 1;

  let refit: Refit;
  let law: 'mpl' | 'tissue';
  let params: Record<string, number> = {};
  let free: string[];
  let annealingFit: ScheduleForecast['annealing'];
  let backTestFallback: Refit | undefined;
  // what the prefix cannot measure: the response to the part of the decay still to come
  // (log-relative scale per evaluation step, 0 over the prefix), scaled by κ below
  const unseen = new Float64Array(steps.length);
  const prior = req.prior;
  if (prior) {
    law = prior.law;
    const { fixed, pw } = priorShape(prior, lr.grid, steps);
    unseenGain(fixed, y, n, unseen);
    refit = levelRefit(pw, fixed);
    free = ['L0', 'A'];
    const r = wls([new Float64Array(n).fill(1), pw.subarray(0, n)], Float64Array.from(y, (v, i) => v - fixed[i]), relWeights(y), [false, true]);
    params = { ...prior.params, L0: r?.coef[0] ?? NaN, A: r?.coef[1] ?? NaN };
  } else {
    law = 'tissue';
    ({ refit, free, params, annealing: annealingFit, backTestFallback } = runAloneLaw(lr.grid, steps, y, end, req, warnings, unseen));
  }
  const fc = band(refit, y, steps, resamples, seed, backTestFallback);
  const kappa = req.kappa ?? (prior ? KAPPA_PRIOR : KAPPA_OWN);
  const sd = Float64Array.from(fc.sd, (v, j) => Math.sqrt(v * v + (kappa * unseen[j]) ** 2));
  const curve = steps.map((s, j) => point(s, fc.mid[j], sd[j])).slice(n - 1);
  const final = curve[curve.length - 1];
  const last = steps.length - 1;
  const sdFinal = sd[last];
  const spread = { resample: fc.boot[last], backTest: fc.backTest[last], unseenDecay: unseen[last], kappa, total: sdFinal };

  // the plain power law in steps on the same prefix, for comparison
  const stepsArr = Float64Array.from(steps);
  const pl = fitPowerPlus(stepsArr.subarray(0, n), y);
  const plFit = band(powerRefit(stepsArr, [], pl), y, steps, Math.min(resamples, 100), seed + 1);
  const plFinal = point(end, plFit.mid[steps.length - 1], plFit.sd[steps.length - 1]);

  const undetermined = !(final.hi / final.lo <= UNDETERMINED_BAND);
  if (undetermined) warnings.push(`the end is not determined by the steps logged so far: the 95% band of the final loss spans ${final.lo.toPrecision(3)}–${final.hi.toPrecision(3)} (×${(final.hi / final.lo).toPrecision(3)}, more than ×${UNDETERMINED_BAND}), so its middle (${final.y.toPrecision(4)}) is no prediction`);
  let reaches: ScheduleForecast['reaches'];
  if (req.targetLoss !== undefined) {
    const L = req.targetLoss;
    if (!(L > 0)) throw new ScalingLensError('bad-argument', `target loss must be > 0; got ${L}`);
    // P(final < target) of an undetermined end is mostly its band's width: none is given
    if (!undetermined) {
      const observed = pre.steps.find((_, i) => pre.loss[i] <= L);
      const predicted = curve.find((p) => p.y <= L)?.step;
      const probability = sdFinal > 0 ? normalCdf((Math.log(L) - Math.log(final.y)) / sdFinal) : final.y <= L ? 1 : 0;
      reaches = { loss: L, step: observed ?? predicted ?? null, probability };
    }
  }
  return {
    law,
    mode: prior ? 'prior' : 'prefix',
    params,
    free,
    final,
    reaches,
    curve,
    powerLaw: { final: plFinal, params: { E: pl?.coef[0] ?? NaN, A: pl?.coef[1] ?? NaN, a: pl?.alpha ?? NaN } },
    lastValue: { final: { step: end, y: pre.loss[pre.loss.length - 1] } },
    spread,
    ...(annealingFit ? { annealing: annealingFit } : {}),
    ...(undetermined ? { undetermined: true as const } : {}),
    warnings,
  };
}

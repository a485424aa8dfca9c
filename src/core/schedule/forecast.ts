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
import { maxOf } from '../arrayStats';
import { mulberry32, randomInt } from '../random';
import { ScalingLensError } from '../types';
import { MIN_AFTER_WARMUP, warmupEnd } from '../warmup';
import { fitPowerPlus, wls, type LinearFit } from './linear';
import { etaAt, type LrGrid } from './grid';
import { decayAhead, decayShares, NO_DECAY, REHEARSED_DECAY } from './decay';
import { compareLrWithSchedule, cleanLrLog, runLr, type CleanLr, type LrLog } from './lrSeries';
import { guessFit, inferSchedule } from './infer';
import { mplEvaluate } from './mpl';
import { dropTerms } from './mplTerms';
import { normalCdf, Z95 } from './normal';
import type { ScheduleFit } from './prior';
import type { Schedule } from './schedule';
import { fitTissue, TISSUE_LAMBDA, tissueTerms, type TissueParams } from './tissue';
import { fastMemorySd, fullDecaySd } from './gainError';
import { fastMemoryShown, fullDecayCoefficient, MEASURED_LAMBDA, MEASURED_LAMBDA_FAST } from './twoMemory';
import { nonPositiveText, skippedPointsText } from './skippedPoints';

export interface ForecastRequest {
  /** Steps and loss logged so far. */
  readonly steps: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
  /** Logged learning rate, when the log has one. */
  readonly lr?: LrLog;
  /** The schedule: η for the steps not logged yet (and all steps without an LR log). */
  readonly schedule?: Schedule;
  readonly prior?: ScheduleFit;
  readonly targetLoss?: number;
  /** Bootstrap resamples for the band (default 200). */
  readonly bootstrap?: number;
  readonly seed?: number;
  /** Most points on the forecast curve (default 200). */
  readonly maxCurvePoints?: number;
  /** κ for the unseen-decay term instead of the calibrated KAPPA_PRIOR / KAPPA_OWN (for calibration). */
  readonly kappa?: number;
  /** Without a prior, before any decay: the assumed gain of a full decay instead of ANNEAL_GAIN (for calibration). */
  readonly annealingGain?: number;
  /** Without a prior, once the decay is measured: the two memories (λfast, λ) instead of MEASURED_LAMBDA_FAST, MEASURED_LAMBDA, or 'one' for the law's one (for calibration). */
  readonly memories?: readonly [number, number] | 'one';
  /** Without a prior: the share of the decay ahead the prefix must have seen for its gain to be used, instead of MEASURED_DECAY (for calibration). */
  readonly measuredDecay?: number;
  /** Without a prior: the fewest losses logged in the decay for its gain to be used, instead of MIN_DECAY_LOSSES (for calibration). */
  readonly decayLosses?: number;
  /** The run's planned length, when the log records it (HF max_steps): used only to suggest a schedule when none is given. */
  readonly plannedSteps?: number;
  /** Fit the losses logged during the LR warmup too (by default they are left out, as `fit` does). */
  readonly keepWarmup?: boolean;
}

export interface ForecastPoint {
  readonly step: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

export interface ScheduleForecast {
  readonly law: 'mpl' | 'tissue';
  /** 'prior': level refitted on the prefix, shape from the prior; 'prefix': the prefix alone. */
  readonly mode: 'prior' | 'prefix';
  readonly params: Record<string, number>;
  readonly free: readonly string[];
  readonly final: ForecastPoint;
  /** With a target loss, unless undetermined: where it is (or was) reached, and P(final < target). */
  readonly reaches?: { readonly loss: number; readonly step: number | null; readonly probability: number };
  readonly curve: ForecastPoint[];
  readonly powerLaw: { readonly final: ForecastPoint; readonly params: { readonly E: number; readonly A: number; readonly a: number } };
  readonly lastValue: { readonly final: { readonly step: number; readonly y: number } };
  /**
   * What the final interval is made of, as log-scale standard deviations: the resampled prefix,
   * the back-test grown to the horizon, and the unseen decay's scale (its share is κ·unseenDecay).
   */
  readonly spread?: { readonly resample: number; readonly backTest: number; readonly unseenDecay: number; readonly kappa: number; readonly total: number };
  /**
   * Without a prior, once the prefix shows some decay: the gain of a full decay fitted on it (a
   * share of the last loss) and whether the forecast used it (else the assumed ANNEAL_GAIN).
   */
  readonly annealing?: { readonly gain: number; readonly sd: number; readonly measured: boolean };
  /** The 95% band of the final loss spans more than UNDETERMINED_BAND: the log so far does not determine the end. */
  readonly undetermined?: true;
  readonly warnings: string[];
}

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

/**
 * Without a prior and before any decay, the run cannot say what its decay will gain; zero (the
 * power law alone) is the one value known to be wrong. Assumed instead: a decay from the peak to 0
 * gains this fraction of the current loss, in the LR-annealing law's own form (C·S2 with S2 → Δη/(1−λ)).
 * Measured on the bundled runs as the training split's LR-annealing fit, C·η_peak/(1−λ)/L: 25M
 * 0.036, 100M 0.048; the mean is shipped, and the bench forecasts each size with the other's value.
 */
export const ANNEAL_GAIN = 0.042;
/**
 * A full decay's gain fitted above this share of the loss is the fit running away on a prefix that
 * has seen little decay (Mamba from a quarter of its cosine: 200%), not a measurement: the assumed
 * ANNEAL_GAIN is used instead. Six times the typical gain; a stated bound, not tuned.
 */
export const MAX_MEASURED_GAIN = 0.25;
export const KAPPA_OWN = 0.012;
/**
 * Without a prior, a gain fitted on the prefix is used only once the decay it was fitted on is at
 * least this share of the decay still ahead (both as decay.ts measures them, shares of a full
 * decay's S2). The gain is carried over the decay ahead, and the law's form of the response (one
 * memory λ, tissue.ts) is its assumption, not the run's: fitted on a decay's first steps the gain
 * is many standard errors from 0 yet several times the one the same run settles to (25M WSD from
 * 20,320: 17% ± 1.5%, then 9.4%, 5.4%, 4.1% as the decay goes on; bench scheduleDecayOnset), a
 * bias no standard error shows. Carried over more than twice the decay it was measured on, it is
 * not a measurement of that decay: the own-history line's factor-2 bound (REHEARSED_DECAY), not tuned.
 * Picked from ¼, ⅓, ½, 1 with each schedule family left out (bench/scheduleFamilyOut.ts), ¼ wins
 * every time (0.59% over the 84 decay-onset cuts against ½'s 0.61%), yet ½ stays: ¼ moves 12 cuts,
 * 8 nearer the end and 4 further (the 100M two-stage runs by 0.5–1 point), a gain within their scatter.
 */
export const MEASURED_DECAY = REHEARSED_DECAY;
/**
 * Without a prior, a gain fitted on the prefix is used only once at least this many of its losses
 * were logged in the decay (a share NO_DECAY of a full decay seen by their step). One loss alone
 * has the decay coefficient to itself: the fit passes through it whatever its noise, and nothing
 * checks the gain. The decay share (MEASURED_DECAY) does not see it: a two-stage run's drop is
 * half the decay ahead within a few hundred steps, and an eval every 500 steps has logged one loss
 * in it by then (its forecasts from 800 steps past the switch 1.8–2.8% low, outside their bands;
 * `npx tsx bench/scheduleSparseVal.ts`). A per-step log has dozens by then. Stated, not tuned.
 */
export const MIN_DECAY_LOSSES = 2;

/** How many of the prefix's first `n` steps come after the decay began (NO_DECAY of a full decay seen since step 1). */
function lossesInDecay(g: LrGrid, steps: readonly number[], n: number): number {
  const shares = decayShares(g, [1, ...steps.slice(0, n).map(Math.round)]);
  let seen = 0;
  let count = 0;
  for (const s of shares) {
    seen += s;
    if (seen >= NO_DECAY) count++;
  }
  return count;
}

/** |gain still to come| relative to the loss, from a fixed annealing term (0 over the prefix). */
function unseenGain(fixed: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
  const ref = y[n - 1];
  for (let j = n; j < fixed.length; j++) out[j] = Math.abs(fixed[j] - fixed[n - 1]) / ref;
}

/**
 * Share of the peak LR still to be removed after the prefix's last step, or the decay the loss has
 * still to answer there (decay.ts), when more: a two-stage run logged just past its switch has no
 * η left to remove, but most of its drop's gain still to come.
 */
function unseenDecay(g: LrGrid, steps: readonly number[], n: number, out: Float64Array): void {
  const peak = Math.max(0, maxOf(g.eta));
  if (!(peak > 0)) return;
  const now = etaAt(g, steps[n - 1]);
  const pending = decayShares(g, steps.slice(n - 1).map(Math.round));
  let answered = 0;
  for (let j = n; j < steps.length; j++) {
    answered += Math.max(0, pending[j - n]!);
    out[j] = Math.max(Math.max(0, now - etaAt(g, steps[j])) / peak, answered);
  }
}

/**
 * Refits a model on the first y.length points of the prefix and returns its prediction at every
 * evaluation step (prefix steps first, then the future).
 */
type Refit = (y: Float64Array) => Float64Array | undefined;

/** The fewest logged losses a forecast is made from (a watch waits for them before it follows another series). */
export const MIN_FORECAST_LOSSES = 6;

/** The logged losses the forecast fits: finite, from step 1, steps rising (a repeated step keeps its last loss). */
export function cleanPrefix(steps: ArrayLike<number>, loss: ArrayLike<number>): { steps: number[]; loss: number[]; warnings: string[] } {
  const s: number[] = [];
  const y: number[] = [];
  let dropped = 0;
  let atZero = 0;
  const nonPositiveAt: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    const v = loss[i];
    if (!Number.isFinite(st) || !Number.isFinite(v)) {
      dropped++;
      continue;
    }
    if (st === 0) {
      // logged before the first update (nanoGPT's iter 0): the laws start at step 1
      atZero++;
      continue;
    }
    if (v <= 0) {
      // a loss logged as 0 by a metric that was not computed: left out and said where, as `fit` does
      nonPositiveAt.push(st);
      continue;
    }
    const prev = s.length ? s[s.length - 1] : -Infinity;
    if (st < prev) throw new ScalingLensError('bad-argument', `step goes back from ${prev} to ${st} (a restarted or resumed run?); give the part after the restart`);
    if (st === prev) {
      y[y.length - 1] = v;
      continue;
    }
    if (st < 1 || !Number.isInteger(st)) throw new ScalingLensError('bad-argument', `step ${st} is not a whole number ≥ 1`);
    s.push(st);
    y.push(v);
  }
  const warnings = dropped > 0 ? [skippedPointsText(dropped, 'loss')] : [];
  if (atZero > 0) warnings.push('skipped the loss logged at step 0 (before the first update)');
  if (nonPositiveAt.length > 0) warnings.push(nonPositiveText(nonPositiveAt));
  if (s.length < MIN_FORECAST_LOSSES) throw new ScalingLensError('too-few-points', `a forecast needs at least ${MIN_FORECAST_LOSSES} logged losses (got ${s.length}${nonPositiveAt.length > 0 ? `; ${nonPositiveAt.length} ≤ 0 left out` : ''})`);
  return { steps: s, loss: y, warnings };
}

/** More logged losses than this are fitted as averages of consecutive steps: the fit costs per point, and a per-step log of 200k losses took minutes. */
export const MAX_FORECAST_POINTS = 1000;

/**
 * The prefix as at most `max` points: averages of equal runs of consecutive logged losses at their
 * mean step (rounded: the schedule is per step). Noise averages out and the curve does not bend
 * within a run of steps this short against the whole log, so the fit is that of the raw points.
 */
export function averagedPrefix(pre: { steps: number[]; loss: number[] }, max: number): { steps: number[]; loss: number[]; per: number } {
  const n = pre.steps.length;
  const per = Math.ceil(n / max);
  if (per <= 1) return { ...pre, per: 1 };
  const steps: number[] = [];
  const loss: number[] = [];
  for (let a = 0; a < n; a += per) {
    const b = Math.min(n, a + per);
    let s = 0;
    let y = 0;
    for (let i = a; i < b; i++) {
      s += pre.steps[i];
      y += pre.loss[i];
    }
    const step = Math.round(s / (b - a));
    // a rounded mean step can only tie with its neighbour's when steps repeat: keep them increasing
    steps.push(steps.length > 0 ? Math.max(step, steps[steps.length - 1] + 1) : step);
    loss.push(y / (b - a));
  }
  return { steps, loss, per };
}

function futureSteps(last: number, end: number, spacing: number, max: number): number[] {
  const gap = Math.max(spacing, (end - last) / max);
  const out: number[] = [];
  for (let k = 1; last + k * gap < end; k++) out.push(Math.round(last + k * gap));
  out.push(end);
  return [...new Set(out)].filter((s) => s > last);
}

const relWeights = (y: Float64Array): Float64Array => Float64Array.from(y, (v) => 1 / (v * v));

/** L0 + A·pw + fixed, (L0, A ≥ 0) refitted: a prior's level with its shape held. */
function levelRefit(pw: Float64Array, fixed: Float64Array): Refit {
  return (y) => {
    const k = y.length;
    const target = Float64Array.from(y, (v, i) => v - fixed[i]);
    const r = wls([new Float64Array(k).fill(1), pw.subarray(0, k)], target, relWeights(y), [false, true]);
    if (!r) return undefined;
    return Float64Array.from(pw, (p, i) => r.coef[0] + r.coef[1] * p + fixed[i]);
  };
}

/**
 * c0 + c1·u^(−α) + Σ c_k·extra_k, α searched: the Tissue law on the prefix (one or two memories), or
 * the power law in steps. `prefixFit`, the prefix's fit when the caller has made it already (for its
 * params), answers the first call (band's fit of the prefix) instead of the same fit made twice.
 */
function powerRefit(u: Float64Array, extra: readonly Float64Array[], prefixFit?: LinearFit): Refit {
  // the first call fits the prefix itself; its α is where the resamples' α is searched first
  let near: number | undefined;
  let made = prefixFit;
  return (y) => {
    const k = y.length;
    const r = made ?? fitPowerPlus(u.subarray(0, k), y, extra.map((e) => e.subarray(0, k)), undefined, near);
    made = undefined;
    if (!r) return undefined;
    near ??= r.alpha;
    return Float64Array.from(u, (v, i) => extra.reduce((a, e, c) => a + r.coef[2 + c] * e[i], r.coef[0] + r.coef[1] * Math.pow(v, -r.alpha)));
  };
}

/** c0 + c1·u^(−α) + fixed, α searched: the prefix's power law under an assumed annealing term (`prefixFit` as powerRefit's). */
function offsetPowerRefit(u: Float64Array, fixed: Float64Array, prefixFit?: LinearFit): Refit {
  const inner = powerRefit(u, [], prefixFit);
  return (y) => {
    const p = inner(Float64Array.from(y, (v, i) => v - fixed[i]));
    return p && Float64Array.from(p, (v, i) => v + fixed[i]);
  };
}

/** Fit on the prefix, seeded block bootstrap of its residuals, back-test on its first half. */
function band(refit: Refit, y: Float64Array, steps: readonly number[], resamples: number, seed: number, backTestFallback?: Refit): { mid: Float64Array; sd: Float64Array; boot: Float64Array; backTest: Float64Array } {
  const n = y.length;
  const mid = refit(y);
  if (!mid || !mid.every((v) => v > 0)) throw new ScalingLensError('no-convergence', 'the forecast fit failed on this prefix (too few distinct points, or a loss that does not fall?)');
  const m = steps.length;
  const logRes = Float64Array.from({ length: n }, (_, i) => Math.log(y[i]) - Math.log(mid[i]));
  const block = Math.max(1, Math.round(n / 8));
  const rnd = mulberry32(seed);
  const sum = new Float64Array(m);
  const sum2 = new Float64Array(m);
  let ok = 0;
  const ys = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; ) {
      const start = randomInt(rnd, n - block + 1);
      for (let k = 0; k < block && i < n; k++, i++) ys[i] = mid[i] * Math.exp(logRes[start + k]);
    }
    const p = refit(ys);
    if (!p) continue;
    ok++;
    for (let j = 0; j < m; j++) {
      const v = Math.log(p[j]) - Math.log(mid[j]);
      if (!Number.isFinite(v)) continue;
      sum[j] += v;
      sum2[j] += v * v;
    }
  }
  const sd = new Float64Array(m);
  if (ok > 1) for (let j = 0; j < m; j++) sd[j] = Math.sqrt(Math.max(0, (sum2[j] - (sum[j] * sum[j]) / ok) / (ok - 1)));
  // back-test: the same refit on the prefix's first half, its |log error| over the last 3 points
  const half = Math.max(3, Math.floor(n / 2));
  // a law whose decay the first half has not seen cannot be refitted there: the back-test is then
  // the forecast that half would have made (an assumed gain), not a silent zero
  const part = refit(y.slice(0, half)) ?? backTestFallback?.(y.slice(0, half));
  let bt = 0;
  if (part) {
    const k = Math.min(3, n - half);
    for (let i = n - k; i < n; i++) bt += Math.log(y[i]) - Math.log(part[i]);
    bt = Math.abs(bt / Math.max(1, k));
  }
  const horizon = Math.max(1, steps[n - 1] - steps[half - 1]);
  const boot = Float64Array.from(sd);
  const backTest = new Float64Array(m);
  for (let j = n; j < m; j++) {
    backTest[j] = bt * ((steps[j] - steps[n - 1]) / horizon);
    sd[j] = Math.sqrt(sd[j] * sd[j] + backTest[j] * backTest[j]);
  }
  return { mid, sd, boot, backTest };
}

const point = (step: number, y: number, sd: number): ForecastPoint => ({ step, y, lo: y * Math.exp(-Z95 * sd), hi: y * Math.exp(Z95 * sd) });

/** Without a schedule the forecast stops at the last logged LR; what the logged LR suggests instead. */
export function noScheduleNote(log: CleanLr, planned?: number): string {
  const base = 'no schedule given: the forecast ends at the last logged learning rate';
  const g = inferSchedule(log, planned);
  if (!g.ok) return `${base} (${g.why})`;
  return `${base}; the logged LR follows ${g.text} (${guessFit(g)}): give it as the schedule to forecast to step ${g.spec.total}`;
}

const statedWarmup = (schedule: Schedule | undefined): number | undefined => (schedule && schedule.warmup > 0 ? schedule.warmup : undefined);

/** The step the forecast's fit starts from: the end of the schedule's warmup, else the logged LR's. */
export function fitWarmupEnd(schedule: Schedule | undefined, log: CleanLr | undefined): number | undefined {
  return statedWarmup(schedule) ?? (log ? warmupEnd(log.steps, log.lr) : undefined);
}

/**
 * The prefix from the end of the LR warmup (the schedule's, else the logged LR's), as `fit` fits
 * it: while the LR ramps up the loss falls from ~ln(vocabulary) at the ramp's pace, and a law of
 * the LR fitted to that fall missed a constant-LR run's final loss by 15.6% from a quarter of the
 * run (3.3% without the warmup) and called 95% of such ends undetermined (10%). The LR terms still
 * count the warmup's learning rate.
 */
function afterWarmup(pre: { steps: number[]; loss: number[] }, schedule: Schedule | undefined, log: CleanLr | undefined, warnings: string[]): { steps: number[]; loss: number[] } {
  const stated = statedWarmup(schedule);
  const end = fitWarmupEnd(schedule, log);
  if (end === undefined) return pre;
  // cleanPrefix leaves the steps rising
  const k = pre.steps.findIndex((s) => s >= end);
  if (k === 0) return pre;
  const after = k < 0 ? 0 : pre.steps.length - k;
  if (after < MIN_AFTER_WARMUP) {
    warnings.push(`the learning rate's warmup ends at step ${end}, but only ${after} logged loss${after === 1 ? '' : 'es'} follow${after === 1 ? 's' : ''} it: the warmup stays in the forecast's fit until ${MIN_AFTER_WARMUP} do`);
    return pre;
  }
  warnings.push(`left the ${k} loss${k === 1 ? '' : 'es'} logged before step ${end} out of the forecast's fit: the learning rate's warmup (${stated !== undefined ? 'the schedule' : 'the logged LR'}'s), where the loss follows the rising LR`);
  return { steps: pre.steps.slice(k), loss: pre.loss.slice(k) };
}

/**
 * The run-alone law once its decay is measured: the decay answered with two memories
 * (twoMemory.ts); undefined when singular or when the prefix does not show the fast memory.
 */
function twoMemoryFit(grid: LrGrid, steps: readonly number[], y: Float64Array, [lambdaFast, lambda]: readonly [number, number]): { refit: Refit; params: TissueParams; sd: number } | undefined {
  const n = y.length;
  const t = tissueTerms(grid, steps, lambda, lambdaFast);
  const cols = [Float64Array.from(t.s2, (v) => -v), Float64Array.from(t.s2fast!, (v) => -v)];
  const r = fitPowerPlus(t.s1.subarray(0, n), y, cols.map((c) => c.subarray(0, n)));
  if (!r) return undefined;
  const params: TissueParams = { L0: r.coef[0]!, A: r.coef[1]!, alpha: r.alpha, C: r.coef[2]!, lambda, Cfast: r.coef[3]!, lambdaFast };
  const prefix = { steps: t.steps.subarray(0, n), s1: t.s1.subarray(0, n), s2: t.s2.subarray(0, n), s2fast: t.s2fast!.subarray(0, n) };
  if (!fastMemoryShown(params.Cfast!, fastMemorySd(prefix, y, params))) return undefined;
  return { refit: powerRefit(t.s1, cols), params, sd: fullDecaySd(prefix, y, params) };
}

/** Without a prior, what the run-alone fit is: the LR-annealing law on the prefix, its decay gain measured (one memory, or two once the decay is) or assumed. */
interface RunAloneLaw {
  readonly refit: Refit;
  readonly free: string[];
  readonly params: Record<string, number>;
  readonly annealing?: ScheduleForecast['annealing'];
  /** The back-test's refit where the law's cannot be made (a first half with no decay): the assumed-gain forecast. */
  readonly backTestFallback: Refit;
}

/** The run-alone law on `y` (the prefix, its first `y.length` of `steps`); says what it assumed in `warnings`, fills `unseen` with the decay still to come. */
function runAloneLaw(grid: LrGrid, steps: readonly number[], y: Float64Array, end: number, req: Pick<ForecastRequest, 'annealingGain' | 'memories' | 'measuredDecay' | 'decayLosses'>, warnings: string[], unseen: Float64Array): RunAloneLaw {
  const n = y.length;
  let refit: Refit;
  let free: string[];
  let annealingFit: ScheduleForecast['annealing'];
  const t = tissueTerms(grid, steps);
  const prefix = { steps: t.steps.subarray(0, n), s1: t.s1.subarray(0, n), s2: t.s2.subarray(0, n) };
  const own = fitTissue(prefix, y);
  if (!own) throw new ScalingLensError('no-convergence', 'the LR-annealing law could not be fitted on this prefix');
  const peak = Math.max(0, maxOf(grid.eta));
  // a full decay's gain as a share of the last loss, with one memory or two (twoMemory.ts)
  const perLoss = peak > 0 ? peak / y[n - 1]! : 0;
  const gain = fullDecayCoefficient(own.params) * perLoss;
  const runaway = own.annealingIdentified && !(gain <= MAX_MEASURED_GAIN);
  if (runaway) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) is no measurement: it has seen too little decay to tell it from noise, so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}%; give --prior, a fit of finished sibling runs)`);
  const [seen, ahead] = decayShares(grid, [1, steps[n - 1]!, end]);
  const unmeasured = own.annealingIdentified && !runaway && seen! < (req.measuredDecay ?? MEASURED_DECAY) * ahead!;
  if (unmeasured) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) was measured on ${Math.round(100 * seen!)}% of a full decay, under half the ${Math.round(100 * ahead!)}% still ahead: a gain fitted on a decay's first steps is not yet the one the run settles to (on the LR-schedule runs it came out up to several times it), so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}%) and the band is that of an unmeasured gain (give --prior, a fit of finished sibling runs)`);
  const inDecay = lossesInDecay(grid, steps, n);
  const minLosses = req.decayLosses ?? MIN_DECAY_LOSSES;
  const lone = own.annealingIdentified && !runaway && !unmeasured && inDecay < minLosses;
  if (lone) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) rests on ${inDecay === 1 ? 'one loss' : `${inDecay} losses`} logged in the decay: ${inDecay === 1 ? 'one loss fits a gain exactly, whatever its noise' : 'too few to check it'}, so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}%) until ${minLosses} are logged, and the band is that of an unmeasured gain (give --prior, a fit of finished sibling runs)`);
  const annealing = own.annealingIdentified && !runaway && !unmeasured && !lone;
  if (own.annealingIdentified) annealingFit = { gain, sd: peak > 0 ? fullDecaySd(prefix, y, own.params) * perLoss : NaN, measured: annealing };
  // a gain set aside (runaway, unmeasured, lone) has said it assumes a typical one: said once
  if (!annealing && !runaway && !unmeasured && !lone && decayAhead(grid, steps[n - 1]!)) warnings.push(`the logged part has too little learning-rate decay to measure how the loss answers one: the annealing gain of the coming decay cannot be estimated from this run alone, so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}% of the loss for a full decay) and the band is wide; how much the decay's shape changes it is the law's assumption too, several times the difference between runs that tried two shapes (give --prior, a fit of finished sibling runs)`);
  const assumedC = peak > 0 ? ((req.annealingGain ?? ANNEAL_GAIN) * y[n - 1] * (1 - TISSUE_LAMBDA)) / peak : 0;
  const assumedTerm = Float64Array.from(t.s2, (v) => -assumedC * v);
  const assumed = offsetPowerRefit(t.s1, assumedTerm);
  const memories = req.memories ?? [MEASURED_LAMBDA_FAST, MEASURED_LAMBDA];
  const two = annealing && memories !== 'one' ? twoMemoryFit(grid, steps, y, memories) : undefined;
  if (two) {
    refit = two.refit;
    free = ['L0', 'A', 'alpha', 'C', 'Cfast'];
    own.params = two.params;
    annealingFit = { gain: fullDecayCoefficient(two.params) * perLoss, sd: two.sd * perLoss, measured: true };
  } else if (annealing) {
    refit = powerRefit(t.s1, [Float64Array.from(t.s2, (v) => -v)]);
    free = ['L0', 'A', 'alpha', 'C'];
  } else {
    // the level of the forecast itself, refitted under the assumed gain: the law's own fit beside
    // the assumed C drew another curve (Mamba 3B from a quarter of its run: 0.93 at the end, where
    // the forecast said 0.80), and `params` is what the JSON gives and the benches score
    const level = fitPowerPlus(t.s1.subarray(0, n), Float64Array.from(y, (v, i) => v - assumedTerm[i]!));
    own.params = level ? { ...own.params, L0: level.coef[0]!, A: level.coef[1]!, alpha: level.alpha, C: assumedC } : { ...own.params, C: assumedC };
    refit = offsetPowerRefit(t.s1, assumedTerm, level);
    free = ['L0', 'A', 'alpha'];
  }
  unseenDecay(grid, steps, n, unseen);
  return { refit, free, params: { ...own.params }, ...(annealingFit ? { annealing: annealingFit } : {}), backTestFallback: assumed };
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

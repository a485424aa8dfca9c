// Calibrated prediction intervals for extrapolations. A parameter bootstrap measures how much the
// fit wobbles under resampling, not how wrong an extrapolation usually is, so on its own it covers
// far too little. Here the curve's own back-tests (the law fitted on prefixes, predicting the later
// fit points) say how fast its error grows with extrapolation distance D = log(x / x_max_fit); the
// interval is the point estimate times exp(±κ·σ(D)) with
//   σ(D)² = noise² + (rate·D)² + bootstrap log-sd(D)² + (FLOOR_RATE·D + FLOOR_SHARE·Δ)²
// where Δ = |log(pred(x) / pred(x_max_fit))| is how much further the law says the curve will move:
// a curve's own back-tests can look perfect and still miss a turn it has not reached, and across
// curves the miss grows with the predicted change. A held-out point also carries its own noise, the
// scatter of one logged value from the next (σ_point, at most `noise`): that part is Gaussian and
// measured on the curve, so it gets the normal quantile z(level), and the rest κ(level):
//   half-width² = κ²·(σ(D)² − σ_point²) + z²·σ_point².
// κ alone scaled everything, and was learned < z on mostly smooth curves, so a per-step log's
// noise got 0.76σ at 0.8 and held-out per-step losses were covered 0.50 / 0.79 at 0.8 / 0.95.
// κ(level) is learned across many curves (the RNSL benchmark and the real-curve corpus, see
// bench/coverage.bench.ts): the value at which the held-out points inside are the level. Pure and
// deterministic.
import type { BacktestResidual, LawBacktest } from './backtest';
import type { BootstrapResult } from './bootstrap';
import { getLaw } from './laws/index';
import { partsOf } from './laws/mix';
import { normalCdf } from './schedule/normal';
import { medianInPlace } from './arrayStats';

/** Central coverage of prediction intervals unless asked otherwise. */
export const DEFAULT_LEVEL = 0.95;

/** What one curve's fit says about its own error, independent of the level asked for. */
export interface ErrorScale {
  /** Scatter of single observations about the fit (log units). */
  readonly noise: number;
  /** Growth of the back-tested extrapolation error per unit of log distance; undefined when no cut could be back-tested. */
  readonly rate: number | undefined;
  /** The part of `noise` that is one observation's own scatter from the next (successive differences), not misfit. */
  readonly pointNoise?: number;
}

export interface IntervalRequest {
  /** The point estimate (> 0). */
  readonly point: number;
  /** log(x_target / x_max_fit), 0 inside the fit range. */
  readonly distance: number;
  readonly scale: ErrorScale;
  /** Robust sd of log predictions across bootstrap refits (0 or absent when no bootstrap). */
  readonly bootstrapLogSd?: number;
  /** |log(point / the law's value at x_max_fit)|: how far the law says the curve still moves. */
  readonly predictedChange?: number;
  readonly level: number;
  /** Override of κ (the coverage bench calibrates it leave-one-set-out). */
  readonly kappa?: number;
}

/** What one law's intervals on one curve are built from (analyzeCurve's onIntervalInputs hook). */
export interface IntervalInputs {
  readonly law: string;
  readonly residuals: readonly BacktestResidual[] | undefined;
  /** Scatter of the fitted (possibly binned) curve about the law, log units. */
  readonly fitNoise: number;
  /** Scatter of single raw late fit points about the law, log units. */
  readonly noise: number;
  /** Scatter of those points from one to the next (successive differences), log units: their own noise. */
  readonly pointNoise: number;
  /** The bootstrap at the targets, then the held-out points, in that order. */
  readonly bootstrap: BootstrapResult;
  readonly xMaxFit: number;
}

/** `scatter`: set when one value's own noise makes most of the interval (IntervalScatter). */
export type IntervalOutcome = { readonly lo: number; readonly hi: number; readonly scatter?: number } | { readonly reason: string };

/**
 * One value's own noise (σ in log units, from step-to-step differences) as the interval's share of
 * it: when that part is more than half the half-width's square, the interval is mostly the spread
 * of one logged value about the curve (a per-step loss), not doubt about the curve, and is said so
 * with that value's own spread as a fraction, exp(σ) − 1, from 1% up (below, nothing to say).
 */
export function intervalScatter(kappa: number, z: number, sd: number, pointNoise: number): number | undefined {
  const n = Math.min(pointNoise, sd);
  const w2 = halfWidth(kappa, z, sd, pointNoise) ** 2;
  const spread = Math.expm1(pointNoise);
  return n > 0 && z * z * n * n > 0.5 * w2 && spread >= 0.01 ? spread : undefined;
}

/**
 * κ at each level: the value at which the level's share of the held-out points of every curve in
 * the coverage bench (RNSL benchmark + corpus, auto's choice and M4 pooled, each curve weighted
 * equally) lie inside halfWidth, with the floor below; `npm run bench coverage` prints these ("to
 * ship"). Between these levels κ is interpolated linearly; outside them it is clamped.
 */
export const KAPPA_TABLE: readonly (readonly [number, number])[] = [
  [0.5, 0.28],
  [0.8, 0.565],
  [0.9, 0.827],
  [0.95, 1.1],
  [0.99, 2.048],
];

export function kappaAt(level: number): number {
  const t = KAPPA_TABLE;
  if (level <= t[0][0]) return t[0][1];
  for (let i = 1; i < t.length; i++) {
    if (level <= t[i][0]) {
      const [l0, k0] = t[i - 1];
      const [l1, k1] = t[i];
      return k0 + ((level - l0) / (l1 - l0)) * (k1 - k0);
    }
  }
  return t[t.length - 1][1];
}

/** More than this fraction of failed bootstrap refits and the survivors are not a sample of anything. */
export const MAX_FAILED_FRACTION = 0.5;

/** A reason to give no interval because too many bootstrap resamples failed, else undefined. */
export function bootstrapFailure(used: number, requested: number): string | undefined {
  if (requested <= 0) return undefined;
  const failed = requested - used;
  if (used < 2 || failed / requested > MAX_FAILED_FRACTION) {
    return `no interval: ${failed} of ${requested} bootstrap resamples could not be fitted (more than ${Math.round(MAX_FAILED_FRACTION * 100)}% failed)`;
  }
  return undefined;
}

/** 1.4826 × the median absolute value: the sd of normal values, unmoved by a few spikes. */
export function robustSigma(values: ArrayLike<number>): number {
  // a numeric typed-array sort: a long log's late half can be hundreds of thousands of values
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(Math.abs(values[i]));
  const a = Float64Array.from(finite).sort();
  if (a.length === 0) return 0;
  const m = a.length >> 1;
  const med = a.length % 2 ? a[m] : 0.5 * (a[m - 1] + a[m]);
  return 1.4826 * med;
}

/**
 * The back-test residuals of `lawId`: its own when it was back-tested, else (an average such as
 * auto's avg(m4+bnsl-1+mix)) the geometric mean of its parts' predictions at each (cut, x) every
 * part reached. Undefined when neither is available.
 */
export function residualsFor(lawId: string, backtests: ReadonlyMap<string, LawBacktest>): BacktestResidual[] | undefined {
  const own = backtests.get(lawId)?.residuals;
  if (own) return [...own];
  const parts = partsOf(getLaw(lawId));
  if (!parts) return undefined;
  const each = parts.map((p) => residualsFor(p.id, backtests));
  if (each.some((r) => r === undefined)) return undefined;
  const key = (r: BacktestResidual): string => `${r.cut}|${r.x}`;
  const maps = each.map((rs) => new Map(rs!.map((r) => [key(r), r])));
  const out: BacktestResidual[] = [];
  for (const r of each[0]!) {
    const same = maps.map((m) => m.get(key(r)));
    if (same.some((s) => s === undefined)) continue;
    out.push({ ...r, logPred: same.reduce((s, v) => s + v!.logPred, 0) / same.length });
  }
  return out;
}

/**
 * The error scale of one curve from its back-test residuals. `fitNoise` is the scatter of the
 * points the back-tests scored (the fitted, possibly binned, curve) and is taken out of each
 * residual before the growth rate is fitted: rate² = Σ d²·(e² − fitNoise²) / Σ d⁴, least squares
 * of the excess squared error on d² through the origin (far points carry the growth). `noise` is
 * the scatter of single raw observations, which a held-out point carries too.
 */
export function errorScale(residuals: readonly BacktestResidual[] | undefined, fitNoise: number, noise: number, pointNoise?: number): ErrorScale {
  const point = pointNoise !== undefined && Number.isFinite(pointNoise) ? { pointNoise: Math.min(noise, Math.max(0, pointNoise)) } : {};
  const usable = (residuals ?? []).filter((r) => r.distance > 0 && Number.isFinite(r.logPred) && Number.isFinite(r.logY));
  if (usable.length === 0) return { noise, rate: undefined, ...point };
  let num = 0;
  let den = 0;
  for (const r of usable) {
    const e = r.logY - r.logPred;
    const d2 = r.distance * r.distance;
    num += d2 * (e * e - fitNoise * fitNoise);
    den += d2 * d2;
  }
  return { noise, rate: Math.sqrt(Math.max(0, num) / den), ...point };
}

/**
 * The floor on extrapolation error every curve gets, whatever its back-tests said: FLOOR_RATE per
 * unit of log distance plus FLOOR_SHARE of the change the law predicts. Chosen with κ in
 * bench/coverage.bench.ts (the grid point whose leave-one-set-out coverage is closest to nominal).
 */
export const FLOOR_RATE = 0.004;
export const FLOOR_SHARE = 1;

/** The interval's half-width in log units: κ on the error the curve cannot measure, z on one observation's own noise. */
export function halfWidth(kappa: number, z: number, sd: number, pointNoise: number): number {
  const n = Math.min(pointNoise, sd);
  return Math.sqrt(kappa * kappa * (sd * sd - n * n) + z * z * n * n);
}

// every interval of a curve asks at the same level, once per held-out point of every law
const quantiles = new Map<number, number>();

/** The standard normal quantile at the central level (z(0.95) = 1.96), by bisection on normalCdf. */
export function normalQuantile(level: number): number {
  let z = quantiles.get(level);
  if (z === undefined) {
    z = bisectQuantile(level);
    if (quantiles.size < 16) quantiles.set(level, z);
  }
  return z;
}

function bisectQuantile(level: number): number {
  const p = 0.5 + level / 2;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const m = (lo + hi) / 2;
    if (normalCdf(m) < p) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}

/** σ(D): the level-free scale of the log error at distance D. */
export function errorSd(scale: ErrorScale, distance: number, bootstrapLogSd = 0, predictedChange = 0, floor = { rate: FLOOR_RATE, share: FLOOR_SHARE }): number {
  const d = Math.max(0, distance);
  const rate = scale.rate ?? 0;
  const f = floor.rate * d + floor.share * Math.abs(predictedChange);
  return Math.sqrt(scale.noise ** 2 + (rate * d) ** 2 + bootstrapLogSd ** 2 + f * f);
}

/**
 * The interval at one target. Symmetric in log space about the point estimate, so it always
 * contains it; it widens with distance. No interval (with the reason) when the curve could not
 * be back-tested.
 */
export function predictionInterval(req: IntervalRequest): IntervalOutcome {
  if (!(req.point > 0) || !Number.isFinite(req.point)) return { reason: 'no interval: the prediction is not a positive finite number' };
  if (req.scale.rate === undefined) return { reason: 'no interval: too few fit points to back-test how far this curve extrapolates' };
  const kappa = req.kappa ?? kappaAt(req.level);
  const z = normalQuantile(req.level);
  const sd = errorSd(req.scale, req.distance, req.bootstrapLogSd ?? 0, req.predictedChange ?? 0);
  const w = halfWidth(kappa, z, sd, req.scale.pointNoise ?? 0);
  if (!Number.isFinite(w)) return { reason: 'no interval: the bootstrap refits diverged' };
  const scatter = intervalScatter(kappa, z, sd, req.scale.pointNoise ?? 0);
  return { lo: req.point * Math.exp(-w), hi: req.point * Math.exp(w), ...(scatter !== undefined ? { scatter } : {}) };
}

export interface Trust {
  /** The extrapolation factor back-tested nearest to the target's (x / the prefix's largest x). */
  readonly factor: number;
  /** How far off that back-tested prediction was, as a fraction of the observed value. */
  readonly missedBy: number;
  /** Present when the target lies further out than any back-test reached: `factor` is then only the farthest rehearsal. */
  readonly beyond?: true;
  /** The target's own extrapolation factor (x / the largest fit x); present with `beyond`. */
  readonly targetFactor?: number;
}

/**
 * A target counts as beyond the rehearsals when its factor exceeds the farthest back-tested one
 * by more than this ratio: within it the nearest rehearsal is a fair stand-in.
 */
export const BEYOND_RATIO = 1.25;

/** Rehearsed predictions within this log distance of the nearest one count as the same distance (factors within ±15%). */
export const TRUST_WINDOW = Math.log(1.15);
/**
 * Fewest rehearsed predictions a trust figure rests on: where the window holds fewer (the farthest
 * rehearsal, often one or two points), the nearest others in distance join it. One point can cross
 * the truth by chance: a sweep curve's "3.5× extrapolation missed by 0.05%" stood for a 10× target
 * whose prediction missed by 0.79%. A stated number, not tuned.
 */
export const MIN_TRUST_POINTS = 5;

/**
 * "On this curve's own history, a 2× extrapolation missed by 0.8%": the RMS relative error of the
 * back-tested predictions at about the extrapolation distance nearest the target's. When the
 * target is further out than any back-test reached, says so (`beyond`) rather than passing the
 * farthest rehearsal off as comparable. Undefined inside the fit range or when nothing was
 * back-tested.
 */
export function trustAt(residuals: readonly BacktestResidual[] | undefined, distance: number): Trust | undefined {
  const found = nearestRehearsals(residuals, distance);
  if (!found) return undefined;
  const { best, near, inWindow } = found;
  const missedBy = Math.sqrt(near.reduce((s, r) => s + (Math.exp(r.logPred - r.logY) - 1) ** 2, 0) / near.length);
  const trust = { factor: Math.exp(inWindow >= MIN_TRUST_POINTS ? best.distance : medianInPlace(Float64Array.from(near, (r) => r.distance))), missedBy };
  // the nearest is the farthest whenever the target lies beyond every rehearsal
  if (distance - best.distance > Math.log(BEYOND_RATIO)) return { ...trust, beyond: true, targetFactor: Math.exp(distance) };
  return trust;
}

/**
 * The rehearsed predictions a trust figure rests on: every one within TRUST_WINDOW of the one
 * nearest the target's distance (`best`; `inWindow` of them), and at least MIN_TRUST_POINTS of the
 * nearest. Undefined inside the fit range or with fewer usable rehearsals than that.
 */
export function nearestRehearsals(residuals: readonly BacktestResidual[] | undefined, distance: number): { best: BacktestResidual; near: BacktestResidual[]; inWindow: number } | undefined {
  if (!(distance > 0) || !residuals) return undefined;
  let best: BacktestResidual | undefined;
  for (const r of residuals) {
    if (!(r.distance > 0) || !Number.isFinite(r.logPred) || !Number.isFinite(r.logY)) continue;
    if (!best || Math.abs(r.distance - distance) < Math.abs(best.distance - distance)) best = r;
  }
  if (!best) return undefined;
  // one point can cross the truth by chance ("missed by 0.0%"): every rehearsal at about that
  // distance, and at least MIN_TRUST_POINTS of the nearest, as an RMS, at their median distance
  const usable = residuals.filter((r) => r.distance > 0 && Number.isFinite(r.logPred) && Number.isFinite(r.logY));
  // fewer rehearsals than that say nothing a reader should lean on
  if (usable.length < MIN_TRUST_POINTS) return undefined;
  const gap = (r: BacktestResidual): number => Math.abs(r.distance - best!.distance);
  const byGap = [...usable].sort((a, b) => gap(a) - gap(b));
  const inWindow = byGap.filter((r) => gap(r) <= TRUST_WINDOW).length;
  return { best, near: byGap.slice(0, Math.max(inWindow, MIN_TRUST_POINTS)), inWindow };
}

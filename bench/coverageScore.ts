// Scores prediction intervals on held-out points: for one curve, the law auto picks (or a fixed
// law) is bootstrapped through analyzeCurve exactly as the CLI does, and each held-out point gets
// its calibrated error scale σ (so any κ can be tried afterwards) and the plain parameter-bootstrap
// percentile interval (the baseline) at each level.
import { analyzeCurve } from '../src/core/analyze';
import { errorScale, errorSd, halfWidth, normalQuantile, type IntervalInputs } from '../src/core/calibrate';
import { getLaw } from '../src/core/laws/index';
import type { CoverageCurve } from './coverageData';

export const LEVELS = [0.8, 0.95] as const;

export interface ScoredPoint {
  /** log(x / x_max_fit). */
  readonly distance: number;
  /** log(y / pred). */
  readonly err: number;
  /** Calibrated scale σ(D) without the floor term (noise, error growth, bootstrap); undefined when the method gave no interval. */
  readonly sigma?: number;
  /** |log(pred / pred at x_max_fit)|: the change the law predicts (for the floor term). */
  readonly change: number;
  /** Robust sd of the bootstrap refits' log predictions here (the bootstrap term of σ). */
  readonly bootSd?: number;
  /** Plain bootstrap percentile interval, log(lo/pred) and log(hi/pred), per level. */
  readonly boot: readonly (readonly [number, number])[];
}

/** What the curve's error scale is built from, so the benches can try other scale rules offline. */
export interface ScaleInputs {
  readonly fitNoise: number;
  readonly noise: number;
  /** One observation's own scatter (core/calibrate.ts ErrorScale.pointNoise), at most `noise`. */
  readonly pointNoise?: number;
  /** Back-test residuals: cut, distance, error log(y/pred). */
  readonly residuals?: readonly { readonly cut: number; readonly d: number; readonly e: number }[];
}

export interface ScoredCurve {
  readonly curve: CoverageCurve;
  readonly law: string;
  readonly points: readonly ScoredPoint[];
  readonly scale?: ScaleInputs;
  readonly note?: string;
}

const percentile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
};

export function scoreCurve(c: CoverageCurve, lawMode: 'auto' | string, resamples: number, seed = 1): ScoredCurve | undefined {
  const base = { trainMask: c.trainMask, seed, ...(c.upperBound !== undefined ? { upperBound: c.upperBound } : {}), ...(c.fitFrom !== undefined ? { fitFrom: c.fitFrom } : {}) };
  let law = lawMode;
  if (lawMode === 'auto') {
    const first = analyzeCurve(c.points, base);
    if (!first.auto) return undefined;
    law = first.auto.law;
  }
  const level = 0.95;
  let inputs: IntervalInputs | undefined;
  const a = analyzeCurve(c.points, { ...base, laws: [law], bootstrap: resamples, level, onIntervalInputs: (i) => { if (i.law === law) inputs = i; } });
  const est = a.estimators.find((e) => e.law === law);
  const held = est?.heldOut?.points;
  if (!est?.fit || !held || held.length === 0 || !inputs) return undefined;
  // the baseline: the same resamples' percentile intervals (no targets were asked, so draws are the held-out points)
  const b = inputs.bootstrap;
  const xMax = inputs.xMaxFit;
  const scaleOf = errorScale(inputs.residuals, inputs.fitNoise, inputs.noise, inputs.pointNoise);
  const y0 = getLaw(law).predict(est.fit.params, xMax);
  const points = held.map((p, i): ScoredPoint => {
    const draws = [...b.draws[i]].filter(Number.isFinite).sort((u, v) => u - v);
    const distance = Math.max(0, Math.log(p.x / xMax));
    const change = p.x > xMax ? Math.abs(Math.log(p.pred / y0)) : 0;
    // σ as analyzeCurve used it, without the floor term (the bench tries other floors)
    const sigma = p.hi !== undefined ? errorSd(scaleOf, distance, b.logSd[i] ?? 0, 0, { rate: 0, share: 0 }) : undefined;
    return {
      distance,
      change,
      err: Math.log(p.y / p.pred),
      ...(sigma !== undefined ? { sigma } : {}),
      ...(Number.isFinite(b.logSd[i]) ? { bootSd: b.logSd[i] } : {}),
      boot: LEVELS.map((l) => [Math.log(percentile(draws, (1 - l) / 2) / p.pred), Math.log(percentile(draws, (1 + l) / 2) / p.pred)] as const),
    };
  });
  const scale: ScaleInputs = {
    fitNoise: inputs.fitNoise,
    noise: inputs.noise,
    ...(scaleOf.pointNoise !== undefined ? { pointNoise: scaleOf.pointNoise } : {}),
    ...(inputs.residuals ? { residuals: inputs.residuals.filter((r) => Number.isFinite(r.logPred) && Number.isFinite(r.logY)).map((r) => ({ cut: r.cut, d: r.distance, e: r.logY - r.logPred })) } : {}),
  };
  const note = held.find((p) => p.hi === undefined) ? 'no interval' : undefined;
  return { curve: c, law, points, scale, ...(note ? { note } : {}) };
}

/** Weighted quantile (each curve's points share weight 1, so long curves do not dominate). */
export function weightedQuantile(values: readonly { v: number; w: number }[], q: number): number {
  const s = [...values].filter((e) => Number.isFinite(e.v)).sort((a, b) => a.v - b.v);
  const total = s.reduce((t, e) => t + e.w, 0);
  let acc = 0;
  for (const e of s) {
    acc += e.w;
    if (acc >= q * total) return e.v;
  }
  return s.length ? s[s.length - 1].v : NaN;
}

export interface Floor {
  readonly rate: number;
  readonly share: number;
}

/** σ(D) with a floor term (core/calibrate.ts errorSd). */
export function sigmaWith(p: ScoredPoint, floor: Floor): number {
  const f = floor.rate * p.distance + floor.share * p.change;
  return Math.sqrt(p.sigma! * p.sigma! + f * f);
}

/** The half-width (log units) of the interval at a point with κ, the floor and the level (core/calibrate.ts halfWidth). */
export function halfWidthAt(p: ScoredPoint, c: ScoredCurve, kappa: number, floor: Floor, level: number): number {
  return halfWidth(kappa, normalQuantile(level), sigmaWith(p, floor), c.scale?.pointNoise ?? 0);
}

/**
 * κ at which the mean over curves of the share of held-out points inside is `level`, each curve
 * weighted by `weight` (default 1). A point is inside from κ_i = √((e² − z²n²) / (σ² − n²)) on
 * (0 when its own noise covers it), so κ is the weighted level-quantile of κ_i.
 */
export function kappaFor(curves: readonly ScoredCurve[], floor: Floor, level: number, weight: (c: ScoredCurve) => number = () => 1): number {
  const z = normalQuantile(level);
  const values: { v: number; w: number }[] = [];
  for (const c of curves) {
    const pts = c.points.filter((p) => p.sigma !== undefined);
    const wc = weight(c);
    if (pts.length === 0 || !(wc > 0)) continue;
    for (const p of pts) {
      const sd = sigmaWith(p, floor);
      const n = Math.min(c.scale?.pointNoise ?? 0, sd);
      const excess = p.err * p.err - z * z * n * n;
      const rest = sd * sd - n * n;
      values.push({ v: excess <= 0 ? 0 : rest > 0 ? Math.sqrt(excess / rest) : Infinity, w: wc / pts.length });
    }
  }
  return weightedQuantile(values, level);
}

/** t = |log error| / σ for every point with an interval, weighted 1/n per curve (the rule before the point-noise term: κ on all of σ). */
export function studentized(curves: readonly ScoredCurve[], floor: Floor): { v: number; w: number }[] {
  const out: { v: number; w: number }[] = [];
  for (const c of curves) {
    const pts = c.points.filter((p) => p.sigma !== undefined);
    for (const p of pts) {
      const sd = sigmaWith(p, floor);
      out.push({ v: sd > 0 ? Math.abs(p.err) / sd : p.err !== 0 ? Infinity : 0, w: 1 / pts.length });
    }
  }
  return out;
}

export interface CoverageFigures {
  readonly curves: number;
  readonly points: number;
  /** Curves with no interval (too few points to back-test, failed bootstrap). */
  readonly withoutInterval: number;
  /** Mean over curves of the fraction of held-out points inside the interval. */
  readonly coverage: number;
  /** Mean over curves of the mean interval width log(hi/lo). */
  readonly width: number;
}

/** Coverage of the calibrated intervals with scale κ at a level, or of the bootstrap baseline at level index li. */
export function coverage(curves: readonly ScoredCurve[], pick: { kappa: number; floor: Floor; level: number } | { bootLevel: number }): CoverageFigures {
  let cov = 0;
  let width = 0;
  let n = 0;
  let pts = 0;
  let without = 0;
  for (const c of curves) {
    const use = 'kappa' in pick ? c.points.filter((p) => p.sigma !== undefined) : c.points.filter((p) => Number.isFinite(p.boot[pick.bootLevel][0]) && Number.isFinite(p.boot[pick.bootLevel][1]));
    if (use.length === 0) {
      without++;
      continue;
    }
    let inside = 0;
    let w = 0;
    for (const p of use) {
      if ('kappa' in pick) {
        const h = halfWidthAt(p, c, pick.kappa, pick.floor, pick.level);
        inside += Math.abs(p.err) <= h ? 1 : 0;
        w += 2 * h;
      } else {
        const [lo, hi] = p.boot[pick.bootLevel];
        inside += p.err >= lo && p.err <= hi ? 1 : 0;
        w += hi - lo;
      }
    }
    cov += inside / use.length;
    width += w / use.length;
    n++;
    pts += use.length;
  }
  return { curves: n, points: pts, withoutInterval: without, coverage: n ? cov / n : NaN, width: n ? width / n : NaN };
}

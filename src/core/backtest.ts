// Extrapolation back-testing inside the fit region: fit each law on a prefix of the fit points
// (in log-x order) and score it on the points after the prefix, as if they were the future.
// Only the caller's fit points are ever seen here, so choosing by these scores cannot peek at
// held-out data.
import type { BacktestScore } from './analysis';
import { fitMany } from './fitMany';
import { getLaw } from './laws/index';
import type { FitOptions } from './types';
import { rmsle } from './validate';

export interface BacktestPlan {
  /**
   * Where to cut. A value r > 1 fits on x ≤ xmax / r and scores the rest, i.e. it rehearses an
   * extrapolation by a factor r; a value f ≤ 1 is a fraction of the log-x span instead.
   * Default [1.5, 2, 3] weighted [3, 1, 0.5]: the shortest rehearsal is fitted on the most data and
   * is the most like the real task, so it counts most. When the fit points span too little of
   * log x for those cuts (each prefix needs MIN_PREFIX points and must leave one to score), the
   * same r cut by count instead: the first n/r points, as on a run logged at even steps.
   */
  readonly cuts?: readonly number[];
  readonly weights?: readonly number[];
}

export const DEFAULT_CUTS: readonly number[] = [1.5, 2, 3];
export const DEFAULT_CUT_WEIGHTS: readonly number[] = [3, 1, 0.5];
/** Fewest points a back-test prefix is fitted on (every candidate law needs at least 3). */
export const MIN_PREFIX = 3;
/** A cut where a law could not be fitted but others could is charged this many times the worst score there. */
export const MISSING_PENALTY = 2;

export interface LawBacktest {
  /**
   * Weighted mean RMSLE over the cuts: a cut this law could not take but another law could is
   * charged MISSING_PENALTY × the worst score there (counted in `charged`); NaN when the law
   * scored at no cut. This is the one figure auto ranks by and the reports show.
   */
  readonly score: number;
  /** Per cut; null where the prefix had too few points or the fit failed. */
  readonly perCut: readonly (BacktestScore | null)[];
  /** Every scored point of every usable cut: how far past its prefix it was and how wrong (for intervals). */
  readonly residuals?: readonly BacktestResidual[];
  /** How many cuts were charged the penalty. */
  readonly charged: number;
}

/** One back-tested prediction: the law fitted on cut `cut`'s prefix, predicting a later fit point. */
export interface BacktestResidual {
  readonly cut: number;
  readonly x: number;
  /** log(x / the prefix's largest x): the extrapolation distance, > 0. */
  readonly distance: number;
  /** log(predicted y); log(observed y) − logPred is the error. */
  readonly logPred: number;
  readonly logY: number;
}

/** Prefix lengths for the cuts: by log-x ratio when every one leaves a usable prefix, else by point count. */
export function cutPrefixes(x: Float64Array, cuts: readonly number[]): { prefixes: number[]; byCount: boolean } {
  const n = x.length;
  const l0 = Math.log(x[0]);
  const span = Math.log(x[n - 1]) - l0;
  const byLogX = cuts.map((cut) => {
    // cut > 1 means "fit on x ≤ xmax / cut"; cut ≤ 1 is a fraction of the log-x span
    const lcut = cut > 1 ? span - Math.log(cut) : cut * span;
    let k = 0;
    while (k < n && Math.log(x[k]) - l0 <= lcut + 1e-12) k++;
    return k;
  });
  const usable = (k: number): boolean => k >= MIN_PREFIX && k < n;
  if (byLogX.every(usable) || cuts.some((c) => c <= 1)) return { prefixes: byLogX, byCount: false };
  const byCount = cuts.map((cut) => Math.floor(n / cut));
  // a curve too short for count cuts too keeps whichever log-x cuts it can take
  return byCount.some(usable) ? { prefixes: byCount, byCount: true } : { prefixes: byLogX, byCount: false };
}

/** x must be sorted ascending and distinct (see prepareCurve). */
export function backtest(
  lawIds: readonly string[],
  x: Float64Array,
  y: Float64Array,
  opts: FitOptions & BacktestPlan = {},
): Map<string, LawBacktest> {
  const cuts = opts.cuts ?? DEFAULT_CUTS;
  const weights = opts.weights ?? (opts.cuts ? opts.cuts.map(() => 1) : DEFAULT_CUT_WEIGHTS);
  const n = x.length;
  const { prefixes } = cutPrefixes(x, cuts);
  const perLaw = new Map<string, (BacktestScore | null)[]>(lawIds.map((id) => [id, []]));
  const resid = new Map<string, BacktestResidual[]>(lawIds.map((id) => [id, []]));
  for (let ci = 0; ci < prefixes.length; ci++) {
    const k = prefixes[ci];
    // need a prefix worth fitting and something to score
    if (k < MIN_PREFIX || k >= n) {
      for (const id of lawIds) perLaw.get(id)!.push(null);
      continue;
    }
    const fitX = x.subarray(0, k);
    const fitY = y.subarray(0, k);
    const fits = fitMany(lawIds, { x: fitX, y: fitY }, opts);
    for (const id of lawIds) {
      const outcome = fits.get(id);
      if (!outcome || !('fit' in outcome)) {
        perLaw.get(id)!.push(null);
        continue;
      }
      const law = getLaw(id);
      const pred = Array.from(x.subarray(k), (xi) => law.predict(outcome.fit.params, xi));
      const score = rmsle(pred, y.subarray(k));
      perLaw.get(id)!.push(Number.isFinite(score) ? { rmsle: score, nFit: k, nScored: n - k } : null);
      if (Number.isFinite(score)) {
        const lx = Math.log(x[k - 1]);
        pred.forEach((p, j) => resid.get(id)!.push({ cut: ci, x: x[k + j], distance: Math.log(x[k + j]) - lx, logPred: Math.log(p), logY: Math.log(y[k + j]) }));
      }
    }
  }
  const worst = prefixes.map((_, c) => {
    let w = -Infinity;
    for (const perCut of perLaw.values()) if (perCut[c]) w = Math.max(w, perCut[c]!.rmsle);
    return w;
  });
  const out = new Map<string, LawBacktest>();
  for (const [id, perCut] of perLaw) {
    let s = 0;
    let w = 0;
    let charged = 0;
    const scored = perCut.some((b) => b !== null);
    perCut.forEach((b, i) => {
      if (b) {
        s += weights[i] * b.rmsle;
        w += weights[i];
      } else if (scored && Number.isFinite(worst[i])) {
        s += weights[i] * MISSING_PENALTY * worst[i];
        w += weights[i];
        charged++;
      }
    });
    // a law that produced no usable score at any cut gets NaN and is never ranked
    out.set(id, { score: scored && w > 0 ? s / w : NaN, perCut, charged, residuals: resid.get(id)! });
  }
  return out;
}

/**
 * The back-test of a law that was not back-tested itself, from its back-tested predictions (an
 * average's: at each cut the geometric mean of its parts' predictions, calibrate.residualsFor).
 * Each cut's RMSLE weighted as `backtest` weights them, over the cuts that have predictions: a cut
 * one of the parts could not take has none, and is left out rather than charged. `nFitAt(cut)`:
 * the prefix length of that cut. Undefined when no cut has a prediction.
 */
export function scoreOfResiduals(residuals: readonly BacktestResidual[], weights: readonly number[], nFitAt: (cut: number) => number | undefined): (BacktestScore & { readonly cuts: number }) | undefined {
  const byCut = new Map<number, { s: number; n: number }>();
  for (const r of residuals) {
    const d = r.logPred - r.logY;
    if (!Number.isFinite(d)) continue;
    const c = byCut.get(r.cut) ?? { s: 0, n: 0 };
    c.s += d * d;
    c.n++;
    byCut.set(r.cut, c);
  }
  let s = 0;
  let w = 0;
  for (const [cut, c] of byCut) {
    const wi = weights[cut] ?? 1;
    s += wi * Math.sqrt(c.s / c.n);
    w += wi;
  }
  const main = Math.min(...byCut.keys());
  const nFit = nFitAt(main);
  if (!(w > 0) || nFit === undefined) return undefined;
  return { rmsle: s / w, nFit, nScored: byCut.get(main)!.n, cuts: byCut.size };
}

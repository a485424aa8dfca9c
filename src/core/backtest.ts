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
   * is the most like the real task, so it counts most.
   */
  readonly cuts?: readonly number[];
  readonly weights?: readonly number[];
}

export const DEFAULT_CUTS: readonly number[] = [1.5, 2, 3];
export const DEFAULT_CUT_WEIGHTS: readonly number[] = [3, 1, 0.5];

export interface LawBacktest {
  /** Weighted mean RMSLE over the cuts that could be fitted; NaN when none could. */
  readonly score: number;
  /** Per cut; null where the prefix had too few points or the fit failed. */
  readonly perCut: readonly (BacktestScore | null)[];
  /** Every scored point of every usable cut: how far past its prefix it was and how wrong (for intervals). */
  readonly residuals?: readonly BacktestResidual[];
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
  const l0 = Math.log(x[0]);
  const span = Math.log(x[n - 1]) - l0;
  const perLaw = new Map<string, (BacktestScore | null)[]>(lawIds.map((id) => [id, []]));
  const resid = new Map<string, BacktestResidual[]>(lawIds.map((id) => [id, []]));
  for (let ci = 0; ci < cuts.length; ci++) {
    const cut = cuts[ci];
    let k = 0;
    // cut > 1 means "fit on x ≤ xmax / cut"; cut ≤ 1 is a fraction of the log-x span
    const lcut = cut > 1 ? span - Math.log(cut) : cut * span;
    while (k < n && Math.log(x[k]) - l0 <= lcut + 1e-12) k++;
    // need something to fit and something to score
    if (k < 2 || k >= n) {
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
  const out = new Map<string, LawBacktest>();
  for (const [id, perCut] of perLaw) {
    let s = 0;
    let w = 0;
    perCut.forEach((b, i) => {
      if (b) {
        s += weights[i] * b.rmsle;
        w += weights[i];
      }
    });
    // a law that cannot be back-tested at some cut (too few points) is judged on the cuts it can
    // take, but one that produced no usable score at any cut gets NaN and is never chosen
    out.set(id, { score: w > 0 ? s / w : NaN, perCut, residuals: resid.get(id)! });
  }
  return out;
}

// The core entry points the fit worker runs, kept apart from engine.ts so the worker bundle holds
// the core alone, not the log readers (and their SQLite engine) that engine.ts also re-exports.
import type { BacktestScore, Point } from '../core/analysis';
import { logBinned } from '../core/fitCurve';
import { backtest } from '../core/backtest';
import type { FitOptions } from '../core/types';
import { prepareCurve } from '../core/validate';

export { analyzeCurve } from '../core/analyze';
export { fitScheduleLaw } from '../core/schedule/fitRuns';
export { fitSweepSurface, observationsAt, type SweepFit, type SweepFitOptions } from '../core/sweepSurface';
export { type SurfaceBackTest } from '../core/surfaceBackTest';
export { compareSurfaceLaws, standInFor, type SurfaceLawComparison } from '../core/surfaceLawComparison';

export interface LawBacktestResult {
  readonly law: string;
  /** Per factor; null where the prefix was too short or the fit failed. */
  readonly perCut: readonly (BacktestScore | null)[];
}

/**
 * Each law fitted on x ≤ xmax / r for every factor r and scored on the points after the cut: the
 * error of an extrapolation by r (core's back-test with the factors as cuts, on the same log-x
 * bins analyzeCurve fits).
 */
export function backtestByFactor(points: readonly Point[], laws: readonly string[], factors: readonly number[], opts: FitOptions & { maxFitPoints?: number }): LawBacktestResult[] {
  const c = prepareCurve(
    points.map((p) => p.x),
    points.map((p) => p.y),
    2,
    'the curve',
  );
  const curve = logBinned(c.x, c.y, opts.maxFitPoints ?? 300);
  const result = backtest(laws, curve.x, curve.y, { ...opts, cuts: factors, weights: factors.map(() => 1) });
  return laws.map((law) => ({ law, perCut: result.get(law)?.perCut ?? factors.map(() => null) }));
}

// The real-curves task of data/trajectories/README.md: fit the first `frac` of a curve's points
// (x order), score the rest by RMSLE, for every law, auto, and the two naive baselines (the last
// fit value held flat; E + A·x^(−a) fitted by least squares in log space), all on the same split.
import { analyzeCurve } from '../src/core/analyze';
import type { AnalyzeOptions, Point } from '../src/core/analysis';
import { leastSquares } from '../src/core/optim/lm';

export const BASELINES = ['last-value', 'E+A·x^-a'] as const;

export interface CurveOutcome {
  /** Held-out RMSLE per method (law ids, 'auto', the baselines); null = the method failed. */
  readonly rmsle: Record<string, number | null>;
  readonly auto: string | null;
  readonly reason: string;
  readonly nFit: number;
  readonly nHeldOut: number;
  /** The analysis's warnings (what was left out of the fit or of auto's choice, and why). */
  readonly warnings: readonly string[];
}

const rmsle = (pred: readonly number[], y: readonly number[]): number =>
  Math.sqrt(pred.reduce((s, p, i) => s + (Math.log(p) - Math.log(y[i])) ** 2, 0) / pred.length);

const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

export function evaluateCurve(points: readonly Point[], frac: number, laws: readonly string[], extra: AnalyzeOptions = {}): CurveOutcome {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const xs = [...new Set(sorted.map((p) => p.x))];
  const cutX = xs[Math.max(1, Math.floor(xs.length * frac)) - 1];
  const a = analyzeCurve(sorted, { ...extra, laws, fitUntil: cutX, seed: 1 });
  const out: Record<string, number | null> = {};
  for (const e of a.estimators) out[e.law] = e.fit ? finiteOrNull(e.heldOut?.rmsle) : null;
  out.auto = a.auto ? (out[a.auto.law] ?? null) : null;
  const fit = sorted.filter((p) => p.x <= cutX);
  const held = sorted.filter((p) => p.x > cutX);
  const hy = held.map((p) => p.y);
  out['last-value'] = finiteOrNull(rmsle(held.map(() => fit[fit.length - 1].y), hy));
  const pl = naivePowerLaw(fit);
  out['E+A·x^-a'] = pl ? finiteOrNull(rmsle(held.map((p) => pl(p.x)), hy)) : null;
  return { rmsle: out, auto: a.auto?.law ?? null, reason: a.auto?.reason ?? a.warnings.join('; '), nFit: fit.length, nHeldOut: held.length, warnings: a.warnings };
}

/**
 * The naive baseline E + A·x^(−a): plain least squares on log residuals (no weights, no prior),
 * x rescaled by its first value, from a small grid of starts, as scipy's curve_fit would be used.
 */
export function naivePowerLaw(points: readonly Point[]): ((x: number) => number) | null {
  const x0 = points[0].x;
  const lx = points.map((p) => Math.log(p.x / x0));
  const ly = points.map((p) => Math.log(p.y));
  const yMin = Math.min(...points.map((p) => p.y));
  const yMax = Math.max(...points.map((p) => p.y));
  const run = leastSquares(
    {
      constraints: [{ min: 0, max: yMin }, 'positive', 'real'],
      n: points.length,
      residuals(p, out) {
        for (let i = 0; i < lx.length; i++) out[i] = Math.log(p[0] + p[1] * Math.exp(-p[2] * lx[i])) - ly[i];
      },
    },
    {
      starts: [0, 0.5, 0.9].flatMap((f) => [0.1, 0.5, 1].map((a) => [f * yMin, Math.max(yMax - f * yMin, 1e-6 * yMax), a])),
      maxIterations: 300,
      screen: 9,
      keep: 3,
    },
  );
  const [E, A, al] = run.params;
  if (![E, A, al].every(Number.isFinite) || !Number.isFinite(run.sse)) return null;
  return (x) => E + A * Math.pow(x / x0, -al);
}

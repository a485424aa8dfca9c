// Ways of carrying the IsoFLOP shape shift (src/core/isoflopShape.ts) into the N_opt intervals that
// were measured beside the shipped one and not shipped (docs/benchmarks.md, "IsoFLOP profiles and
// far-off runs"). The shipped join uses the valleys' mean cubic-vs-parabola gap ĝ of the data only;
// these need each resample's own gap g_r, so the bench replays bootstrapIsoflop's resamples here
// (same seed, same draws: isoflop.bench.ts checks that they agree). A resample's valleys are the
// data's parabolas plus pooled residuals, with no skew, so g_r scatters about 0 by the noise alone:
// its spread is ĝ's standard error, and ĝ + g_r is what a shift estimated in that resample adds.
import { fitValleys, isoflopAllocation, valleyDesigns, type IsoflopFit } from '../src/core/isoflop';
import type { IsoflopData } from '../src/core/isoflopBudgets';
import { pooledResiduals } from '../src/core/isoflopBootstrap';
import { shapeShift } from '../src/core/isoflopShape';
import { mulberry32, randomInt } from '../src/core/random';
import { interval } from '../src/core/surfaceBootstrap';

export interface GapDraw {
  readonly a: number;
  readonly kN: number;
  /** The resample's own mean gap (shapeShift of its refit), in ln N. */
  readonly gap: number;
}

/** bootstrapIsoflop's resamples, each with its refit's mean gap. */
export function resampleGaps(data: IsoflopData, fit: IsoflopFit, resamples: number, seed: number): GapDraw[] {
  const { rows, fitted, residuals } = pooledResiduals(data, fit);
  const groups = fit.budgets.map((b) => b.rows);
  const designs = valleyDesigns(data, groups);
  const uniform = mulberry32(seed);
  const loss = Float64Array.from(data.loss);
  const draws: GapDraw[] = [];
  for (let r = 0; r < resamples; r++) {
    for (const i of rows) loss[i] = fitted[i]! + residuals[randomInt(uniform, residuals.length)]!;
    try {
      const refit = fitValleys(data, loss, groups, {}, designs);
      if (Number.isFinite(refit.a) && refit.kN > 0 && Number.isFinite(refit.kN)) draws.push({ a: refit.a, kN: refit.kN, gap: shapeShift({ N: data.N, loss }, refit) });
    } catch {
      // a failed refit, as bootstrapIsoflop counts it
    }
  }
  return draws;
}

export type ShapeVariant = 'resample' | 'resample-joined' | 'shrunk';

export const VARIANT_LABELS: Record<ShapeVariant, string> = {
  'resample-joined': 'shipped ∪ shift per resample (w 1)',
  resample: 'shift per resample alone (w 1.25)',
  shrunk: 'shift shrunk, |ĝ|−1.96 se (w 2)',
};

/**
 * N_opt intervals (ln N bounds, as N) at `budgets` by a variant: 'resample' takes the percentiles of
 * each draw moved by 1.25·(ĝ + g_r); 'resample-joined' joins the shipped interval (the plain one
 * joined with itself moved by 2ĝ) with the same at weight 1; 'shrunk' joins the plain one with
 * itself moved by 2·sign(ĝ)·max(0, |ĝ| − 1.96·se), se the spread of g_r. The weights are the dev
 * seeds' choices (docs/benchmarks.md).
 */
export function variantIntervals(kind: ShapeVariant, draws: readonly GapDraw[], fit: Pick<IsoflopFit, 'a' | 'kN'>, gap: number, budgets: readonly number[], level: number): { N: { lo: number; hi: number } }[] {
  const mean = draws.reduce((s, d) => s + d.gap, 0) / draws.length;
  const se = Math.sqrt(draws.reduce((s, d) => s + (d.gap - mean) ** 2, 0) / (draws.length - 1));
  return budgets.map((C) => {
    const est = Math.log(isoflopAllocation(fit, C).N);
    const lnN = draws.map((d) => Math.log(isoflopAllocation(d, C).N));
    const plain = interval(lnN, level);
    const lo0 = Math.min(plain.lo, est);
    const hi0 = Math.max(plain.hi, est);
    const moved = (w: number) => interval(lnN.map((x, r) => x + w * (gap + draws[r]!.gap)), level);
    const joined = (s: number): [number, number] => [Math.min(lo0, lo0 + s), Math.max(hi0, hi0 + s)];
    let lo: number;
    let hi: number;
    if (kind === 'resample') {
      const m = moved(1.25);
      [lo, hi] = [Math.min(m.lo, est), Math.max(m.hi, est)];
    } else if (kind === 'resample-joined') {
      const m = moved(1);
      const [a, b] = joined(2 * gap);
      [lo, hi] = [Math.min(a, m.lo), Math.max(b, m.hi)];
    } else {
      [lo, hi] = joined(2 * Math.sign(gap) * Math.max(0, Math.abs(gap) - 1.96 * se));
    }
    return { N: { lo: Math.exp(lo), hi: Math.exp(hi) } };
  });
}

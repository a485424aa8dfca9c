// Ways of carrying the IsoFLOP shape shift (src/core/isoflopShape.ts) into the N_opt intervals that
// were measured beside the shipped one and not shipped (docs/benchmarks.md, "IsoFLOP profiles and
// far-off runs"). The shipped interval joins the plain one moved by 2ĝ (ĝ the data's mean
// cubic-vs-parabola gap) with each draw moved by ĝ + g_r (g_r the resample's own gap, which scatters
// about 0 by the noise alone: its spread is ĝ's standard error).
import { isoflopAllocation, type IsoflopFit } from '../src/core/isoflop';
import type { IsoflopDraw } from '../src/core/isoflopBootstrap';
import { interval } from '../src/core/surfaceBootstrap';

export type ShapeVariant = 'resample' | 'shrunk';

export const VARIANT_LABELS: Record<ShapeVariant, string> = {
  resample: 'shift per resample alone (w 1.25)',
  shrunk: 'shift shrunk, |ĝ|−1.96 se (w 2)',
};

/**
 * N_opt intervals (ln N bounds, as N) at `budgets` by a variant: 'resample' takes the percentiles of
 * each draw moved by 1.25·(ĝ + g_r); 'shrunk' joins the plain one with
 * itself moved by 2·sign(ĝ)·max(0, |ĝ| − 1.96·se), se the spread of g_r. The weights are the dev
 * seeds' choices (docs/benchmarks.md).
 */
export function variantIntervals(kind: ShapeVariant, draws: readonly IsoflopDraw[], fit: Pick<IsoflopFit, 'a' | 'kN'>, gap: number, budgets: readonly number[], level: number): { N: { lo: number; hi: number } }[] {
  const gaps = draws.map((d) => d.gap ?? 0);
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  const se = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (gaps.length - 1));
  return budgets.map((C) => {
    const est = Math.log(isoflopAllocation(fit, C).N);
    const lnN = draws.map((d) => Math.log(isoflopAllocation(d, C).N));
    const plain = interval(lnN, level);
    const lo0 = Math.min(plain.lo, est);
    const hi0 = Math.max(plain.hi, est);
    const moved = (w: number) => interval(lnN.map((x, r) => x + w * (gap + gaps[r]!)), level);
    const joined = (s: number): [number, number] => [Math.min(lo0, lo0 + s), Math.max(hi0, hi0 + s)];
    let lo: number;
    let hi: number;
    if (kind === 'resample') {
      const m = moved(1.25);
      [lo, hi] = [Math.min(m.lo, est), Math.max(m.hi, est)];
    } else {
      [lo, hi] = joined(2 * Math.sign(gap) * Math.max(0, Math.abs(gap) - 1.96 * se));
    }
    return { N: { lo: Math.exp(lo), hi: Math.exp(hi) } };
  });
}

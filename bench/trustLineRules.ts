// How a trust rule is judged against the misses it stood beside (bench/trustLine.ts), and the rules
// tried: the rehearsals' miss alone (the line before this bench), the number shown now (scaled by
// log distance beyond the rehearsals) and any power of that scaling, the same recomputed offline
// from the residuals, and the naive "the back-test's median miss whatever the distance".
import type { BacktestResidual } from '../src/core/backtest';
import { nearestRehearsals, trustAt } from '../src/core/calibrate';
import { missAtTarget } from '../src/core/trustScale';
import type { TrustCase } from './trustLineScore';

export interface Rule {
  readonly label: string;
  /** The relative miss the rule states for this case, undefined when it states none. */
  readonly stated: (c: TrustCase) => number | undefined;
}

/** The relative miss the prediction actually made at its target. */
export const actualMiss = (c: TrustCase): number => Math.abs(c.pred / c.actual - 1);

const rel = (r: { logPred: number; logY: number }): number => Math.abs(Math.exp(r.logPred - r.logY) - 1);

export function asResiduals(c: TrustCase): BacktestResidual[] {
  return c.residuals.map((r, i) => ({ cut: i, x: Math.exp(r.distance), ...r }));
}

export function median(v: readonly number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The back-test's median relative miss over every rehearsed prediction, whatever its distance. */
export function naiveMiss(c: TrustCase): number | undefined {
  const usable = c.residuals.filter((r) => r.distance > 0 && Number.isFinite(r.logPred) && Number.isFinite(r.logY));
  return usable.length > 0 ? median(usable.map(rel)) : undefined;
}

/** The target's own factor as trustAt saw it (exp of the distance it was asked at). */
const withTarget = (c: TrustCase): TrustCase['trust'] & { targetFactor: number } => ({ ...c.trust!, targetFactor: Math.exp(c.distance) });

/** The farthest rehearsal's miss carried to a target beyond it by (log-distance ratio)^p; p = 1 is what trustText shows. */
export function scaledRule(p: number): Rule {
  return {
    label: `beyond the rehearsals, their miss × (log-distance ratio)^${p}`,
    stated: (c) => {
      if (!c.trust) return undefined;
      const at = missAtTarget(withTarget(c));
      return at === undefined ? c.trust.missedBy : c.trust.missedBy * (at / c.trust.missedBy) ** p;
    },
  };
}

export const BEFORE: Rule = { label: "before: the rehearsals' miss alone, also beyond them (the line until this bench)", stated: (c) => c.trust?.missedBy };
export const SHOWN: Rule = { label: 'shipped: the number trustText shows (scaled by log distance beyond the rehearsals)', stated: (c) => (c.trust ? (missAtTarget(withTarget(c)) ?? c.trust.missedBy) : undefined) };
export const NAIVE: Rule = { label: "naive: the back-test's median miss regardless of distance", stated: naiveMiss };
export const RECOMPUTED: Rule = { label: 'trustAt recomputed from the residuals (checks the offline replay)', stated: (c) => trustAt(asResiduals(c), c.distance)?.missedBy };

function ranks(v: readonly number[]): number[] {
  const idx = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length < 3) return NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const ma = ra.reduce((s, x) => s + x, 0) / ra.length;
  const mb = rb.reduce((s, x) => s + x, 0) / rb.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : NaN;
}

export interface Judgement {
  readonly n: number;
  readonly shown: number;
  readonly spearman: number;
  readonly medianRatio: number;
  readonly within2: number;
  readonly aboveHalf: number;
  /** Mean |log(actual / stated)| over the shown cases (misses floored at 0.01%): what a constant is chosen on. */
  readonly logError: number;
}

export const MISS_FLOOR = 1e-4;

export function judgeRule(cases: readonly TrustCase[], stated: (c: TrustCase) => number | undefined): Judgement {
  const pairs = cases.flatMap((c) => {
    const s = stated(c);
    return s !== undefined && Number.isFinite(s) ? [[s, actualMiss(c)] as const] : [];
  });
  const ratio = pairs.map(([s, a]) => Math.max(a, MISS_FLOOR) / Math.max(s, MISS_FLOOR));
  return {
    n: cases.length,
    shown: pairs.length,
    spearman: spearman(pairs.map((p) => p[0]), pairs.map((p) => p[1])),
    medianRatio: median(ratio),
    within2: pairs.filter(([s, a]) => a <= 2 * s).length / pairs.length,
    aboveHalf: pairs.filter(([s, a]) => a >= s / 2).length / pairs.length,
    logError: ratio.reduce((t, r) => t + Math.abs(Math.log(r)), 0) / ratio.length,
  };
}

const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '—');

/** One set's row: the rule, the naive rule on the same cases, and the interval on the same cases. */
export function judge(cases: readonly TrustCase[], rule: Rule): { line: string; j: Judgement } {
  const j = judgeRule(cases, rule.stated);
  const shownCases = cases.filter((c) => rule.stated(c) !== undefined);
  const naive = judgeRule(shownCases, naiveMiss);
  const beyond = shownCases.filter((c) => c.trust?.beyond).length;
  const withInterval = shownCases.filter((c) => c.lo !== undefined && c.hi !== undefined);
  const held = (c: TrustCase): boolean => c.actual >= c.lo! && c.actual <= c.hi!;
  const over = withInterval.filter((c) => actualMiss(c) > 2 * rule.stated(c)!);
  const line = [
    String(j.n).padStart(8),
    pct(j.shown / j.n).padStart(6),
    pct(beyond / shownCases.length).padStart(7),
    f2(j.spearman).padStart(9),
    f2(j.medianRatio).padStart(10),
    pct(j.within2).padStart(10),
    pct(j.aboveHalf).padStart(9),
    '  |',
    f2(naive.spearman).padStart(15),
    f2(naive.medianRatio).padStart(10),
    pct(naive.within2).padStart(5),
    pct(naive.aboveHalf).padStart(4),
    '  |',
    `${pct(withInterval.filter(held).length / withInterval.length)}`.padStart(9),
    `${over.length ? `${over.filter(held).length}/${over.length}` : '—'}`.padStart(14),
  ].join(' ');
  return { line, j };
}

/**
 * The alternative of stating a range: the smallest to the largest miss of the rehearsals the figure
 * rests on (scaled like the line past them). How often it holds the actual miss, and how wide it is.
 */
export function rangeCheck(cases: readonly TrustCase[]): { n: number; inside: number; below: number; medianWidth: number } {
  let inside = 0;
  let below = 0;
  const widths: number[] = [];
  let n = 0;
  for (const c of cases) {
    const found = c.trust && nearestRehearsals(asResiduals(c), c.distance);
    if (!found) continue;
    n++;
    const scale = (SHOWN.stated(c) ?? c.trust!.missedBy) / c.trust!.missedBy;
    const misses = found.near.map(rel);
    const lo = Math.min(...misses) * scale;
    const hi = Math.max(...misses) * scale;
    const a = actualMiss(c);
    if (a < lo) below++;
    else if (a <= hi) inside++;
    widths.push(hi / Math.max(lo, MISS_FLOOR));
  }
  return { n, inside: inside / n, below: below / n, medianWidth: median(widths) };
}

// "When does the loss reach L?" (core/reach.ts) on the real curves: fit the first 50% / 25% of
// each curve's points, ask for the x at which two held-out loss levels are reached (the smoothed
// loss at the middle and at the end of the held-out part), and score the answer against the x at
// which the smoothed held-out curve first gets there: median |ln(x / x_true)|, the share within
// ±25%, the share never reached within 1000× the fit's end, and the 95% interval's coverage of
// x_true. Beside it, in the same run, E + A·x^(−a) inverted (the naive baseline; the last value
// held flat never reaches a lower loss). Nothing here was tuned: the intervals are the panel's.
import { analyzeCurve } from '../src/core/analyze';
import type { Point } from '../src/core/analysis';
import { CURVE_LAW_IDS } from '../src/core/laws/index';
import { lossReach, reachGrid, REACH_SPAN } from '../src/core/reach';
import { corpusCurves } from './realCurvesData';
import { naivePowerLaw } from './realCurvesEval';

const BOOTSTRAP = Number(process.env.BOOTSTRAP ?? 40);

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The held-out curve smoothed by a running median over 5% of its points (per-step logs are noisy). */
function smoothed(held: readonly Point[]): Point[] {
  const w = Math.max(1, Math.round(held.length / 40));
  return held.map((p, i) => ({ x: p.x, y: median(held.slice(Math.max(0, i - w), i + w + 1).map((q) => q.y)) }));
}

/** The first x at which the smoothed held-out curve is at or under `loss`. */
const firstAtOrUnder = (curve: readonly Point[], loss: number): number | undefined => curve.find((p) => p.y <= loss)?.x;

interface Answer {
  readonly ratio?: number;
  readonly covered?: boolean;
}

interface Tally {
  readonly auto: Answer[];
  readonly baseline: Answer[];
}

const tallies = new Map<string, Tally>();
const t0 = performance.now();
for (const frac of [0.5, 0.25]) {
  for (const c of corpusCurves()) {
    const sorted = [...c.points].sort((a, b) => a.x - b.x);
    const xs = [...new Set(sorted.map((p) => p.x))];
    const cutX = xs[Math.max(1, Math.floor(xs.length * frac)) - 1]!;
    const fit = sorted.filter((p) => p.x <= cutX && (c.fitFrom === undefined || p.x >= c.fitFrom));
    const held = smoothed(sorted.filter((p) => p.x > cutX));
    if (fit.length < 4 || held.length < 4) continue;
    const levels = [held[Math.floor(held.length / 2)]!.y, held[held.length - 1 - Math.max(1, Math.round(held.length / 40))]!.y];
    const base = { laws: CURVE_LAW_IDS, fitUntil: cutX, seed: 1, ...(c.fitFrom !== undefined ? { fitFrom: c.fitFrom } : {}), targets: reachGrid(fit[0]!.x, cutX) };
    // as the CLI does: choose without resampling, then bootstrap the chosen law
    const chosen = analyzeCurve(sorted, base).auto?.law;
    const analysis = chosen ? analyzeCurve(sorted, { ...base, laws: [chosen], bootstrap: BOOTSTRAP }) : undefined;
    const report = analysis?.estimators.find((e) => e.law === chosen);
    const pl = naivePowerLaw(fit);
    const key = `${c.set} ${frac * 100}%`;
    const tally = tallies.get(key) ?? { auto: [], baseline: [] };
    tallies.set(key, tally);
    for (const loss of levels) {
      const truth = firstAtOrUnder(held, loss);
      if (truth === undefined) continue;
      const r = report?.fit ? lossReach(report.predictions, loss, cutX) : undefined;
      tally.auto.push(r?.x !== undefined ? { ratio: r.x / truth, covered: r.lo !== undefined && r.lo <= truth && truth <= (r.hi ?? Infinity) } : { covered: r?.lo !== undefined && r.lo <= truth });
      // the baseline inverted: E + A·x^-a = L at x = x0·((L − E)/A)^(−1/a), within the same 1000×
      const grid = pl ? lossReach(reachGrid(fit[0]!.x, cutX).map((x) => ({ x, y: pl(x) })), loss, cutX) : undefined;
      tally.baseline.push(grid?.x !== undefined ? { ratio: grid.x / truth } : {});
    }
  }
}

const within = (a: readonly Answer[]): number => a.filter((x) => x.ratio !== undefined && Math.abs(Math.log(x.ratio)) <= Math.log(1.25)).length / a.length;
const notReached = (a: readonly Answer[]): number => a.filter((x) => x.ratio === undefined).length / a.length;
const medianError = (a: readonly Answer[]): number => median(a.map((x) => (x.ratio === undefined ? Math.log(REACH_SPAN) : Math.abs(Math.log(x.ratio)))));
const pct = (v: number): string => `${(100 * v).toFixed(0)}%`.padStart(5);

console.log(`x at which a held-out loss is reached (${BOOTSTRAP} resamples; a loss never reached scores ln ${REACH_SPAN} in the median)`);
console.log(`  ${'set'.padEnd(20)} asks  auto: med|ln|  ±25%  never  95% covers   E+A·x^-a: med|ln|  ±25%  never`);
for (const [key, t] of tallies) {
  const covered = t.auto.filter((a) => a.covered).length / t.auto.length;
  console.log(`  ${key.padEnd(20)} ${String(t.auto.length).padStart(4)}  ${medianError(t.auto).toFixed(3).padStart(11)} ${pct(within(t.auto))} ${pct(notReached(t.auto))}  ${pct(covered).padStart(9)}   ${medianError(t.baseline).toFixed(3).padStart(15)} ${pct(within(t.baseline))} ${pct(notReached(t.baseline))}`);
}
console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);

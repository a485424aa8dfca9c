// npm run bench coverage: do the prediction intervals cover what they claim on held-out points?
// Sets: the RNSL benchmark (vision; language = NMT + LM + BB; Training == 0 points held out), the
// real trajectories (T5, OPT, K2, Mamba) and the LR-schedule runs (fitted on the first 50% and 25%
// of each curve, scored on the rest). For each set, κ (core/calibrate.ts: the scale of the error a
// curve cannot measure; a point's own noise gets the normal quantile) is calibrated
// leave-one-set-out: on the other sets only, never on the set reported. Reported
// beside the plain parameter-bootstrap percentile interval from the same resamples (the baseline),
// for the law auto picks and for M4. Coverage and width (log(hi/lo)) are means over curves.
// The floor constants (FLOOR_RATE, FLOOR_SHARE) are chosen from a small grid the same way, nested:
// for the set reported, the grid point is picked by leave-one-set-out on the other sets alone.
// Options: --resamples K (default 40), --cache FILE (write the scored points), --from FILE (reuse them).
import { readFileSync, writeFileSync } from 'node:fs';
import { FLOOR_RATE, FLOOR_SHARE, KAPPA_TABLE } from '../src/core/calibrate';
import { corpusCurves, rnslCurves, type CoverageCurve } from './coverageData';
import { coverage, halfWidthAt, kappaFor, LEVELS, scoreCurve, type Floor, type ScoredCurve } from './coverageScore';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const resamples = Number(opt('resamples') ?? 40);
const METHODS = ['auto', 'm4'] as const;

type Scored = Record<(typeof METHODS)[number], ScoredCurve[]>;

function scoreAll(): Scored {
  const curves: CoverageCurve[] = [...rnslCurves(), ...corpusCurves()];
  const out: Scored = { auto: [], m4: [] };
  const t0 = performance.now();
  for (const m of METHODS) {
    for (const c of curves) {
      try {
        const s = scoreCurve(c, m, resamples);
        if (s) out[m].push(s);
      } catch (err) {
        console.log(`  ${m} ${c.name}: ${(err as Error).message}`);
      }
    }
    console.log(`scored ${out[m].length} of ${curves.length} curves with ${m} (${resamples} resamples) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return out;
}

const from = opt('from');
const scored: Scored = from ? JSON.parse(readFileSync(from, 'utf8')) : scoreAll();
const cache = opt('cache');
if (cache) writeFileSync(cache, JSON.stringify(scored));

const sets = [...new Set(scored.auto.map((c) => c.curve.set))];
const pct = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');
const pooled = (leave: readonly string[]): ScoredCurve[] => METHODS.flatMap((m) => scored[m].filter((c) => !leave.includes(c.curve.set)));
const GRID: Floor[] = [0, 0.3, 0.5, 0.7, 1, 1.5].flatMap((share) => [0, 0.002, 0.004, 0.008].map((rate) => ({ rate, share })));

/** κ at `level` from every set not in `leave` (both methods pooled, as the shipped constant is). */
function kappaWithout(leave: readonly string[], level: number, floor: Floor): number {
  return kappaFor(pooled(leave), floor, level);
}

/** Worst |coverage − level| over `among` (each scored with κ from the others in `among`), both levels, both methods pooled. */
function looWorst(among: readonly string[], floor: Floor): number {
  let worst = 0;
  for (const s of among) {
    const leave = [...sets.filter((x) => !among.includes(x)), s];
    for (const l of LEVELS) {
      const k = kappaWithout(leave, l, floor);
      const cov = coverage(METHODS.flatMap((m) => scored[m].filter((c) => c.curve.set === s)), { kappa: k, floor, level: l }).coverage;
      worst = Math.max(worst, Math.abs(cov - l));
    }
  }
  return worst;
}

function bestFloor(among: readonly string[]): Floor {
  let best = GRID[0];
  let score = Infinity;
  for (const g of GRID) {
    const w = looWorst(among, g);
    if (w < score - 1e-12) [best, score] = [g, w];
  }
  return best;
}

const shipFloor = bestFloor(sets);
console.log(`\nfloor shipped in core/calibrate.ts: rate ${FLOOR_RATE}, share ${FLOOR_SHARE}; chosen on all sets: rate ${shipFloor.rate}, share ${shipFloor.share}`);
console.log('κ shipped in core/calibrate.ts:', KAPPA_TABLE.map(([l, k]) => `${l}: ${k}`).join(', '));
console.log('κ from all sets pooled with that floor (to ship):', [0.5, 0.8, 0.9, 0.95, 0.99].map((l) => `${l}: ${kappaWithout([], l, shipFloor).toFixed(3)}`).join(', '));
const perSet = new Map(sets.map((s) => {
  const floor = bestFloor(sets.filter((x) => x !== s));
  const kappa = LEVELS.map((l) => kappaWithout([s], l, floor));
  console.log(`reporting ${s}: floor chosen on the others rate ${floor.rate}, share ${floor.share}; κ from the others ${LEVELS.map((l, i) => `${l}: ${kappa[i].toFixed(3)}`).join(', ')}`);
  return [s, { floor, kappa }] as const;
}));

console.log('\ncoverage of held-out points (mean over curves) and mean width log(hi/lo); floor and κ leave-one-set-out (nested)');
const header = ['method', 'set', 'curves', 'points', ...LEVELS.flatMap((l) => [`cov@${l}`, `width@${l}`, `boot cov@${l}`, `boot width@${l}`])];
const rows: string[][] = [header];
for (const m of METHODS) {
  const groups: { label: string; set: string; curves: ScoredCurve[] }[] = [];
  for (const s of sets) {
    const inSet = scored[m].filter((c) => c.curve.set === s);
    groups.push({ label: s, set: s, curves: inSet });
    const subsets = [...new Set(inSet.map((c) => c.curve.subset))];
    if (subsets.length > 1) for (const sub of subsets) groups.push({ label: `  ${sub}`, set: s, curves: inSet.filter((c) => c.curve.subset === sub) });
  }
  for (const g of groups) {
    const cal = perSet.get(g.set)!;
    const cells = LEVELS.flatMap((_l, li) => {
      const c = coverage(g.curves, { kappa: cal.kappa[li], floor: cal.floor, level: LEVELS[li] });
      const base = coverage(g.curves, { bootLevel: li });
      return [pct(c.coverage), pct(c.width), pct(base.coverage), pct(base.width)];
    });
    const c = coverage(g.curves, { kappa: 1, floor: cal.floor, level: LEVELS[0] });
    rows.push([m, g.label, `${c.curves}${c.withoutInterval ? ` (+${c.withoutInterval} none)` : ''}`, String(c.points), ...cells]);
  }
}
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

// coverage by extrapolation distance (auto, every set with its own leave-one-set-out floor and κ at 0.95)
console.log('\nauto, coverage@0.95 by extrapolation factor x/x_max_fit (leave-one-set-out):');
const bins = [1, 1.5, 2, 3, 5, 10, Infinity];
for (let b = 0; b + 1 < bins.length; b++) {
  let inside = 0;
  let n = 0;
  for (const c of scored.auto) {
    const cal = perSet.get(c.curve.set)!;
    for (const p of c.points) {
      const f = Math.exp(p.distance);
      if (p.sigma === undefined || f < bins[b] || f >= bins[b + 1]) continue;
      n++;
      inside += Math.abs(p.err) <= halfWidthAt(p, c, cal.kappa[1], cal.floor, LEVELS[1]) ? 1 : 0;
    }
  }
  console.log(`  ${bins[b]}–${bins[b + 1]}×: ${n ? (inside / n).toFixed(3) : '—'} of ${n} points`);
}

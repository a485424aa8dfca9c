// npm run bench coverage: do the prediction intervals cover what they claim on held-out points?
// Sets: the RNSL benchmark (vision; language = NMT + LM + BB; Training == 0 points held out), the
// real trajectories (T5, OPT, K2, Mamba) and the LR-schedule runs (fitted on the first 50% and 25%
// of each curve, scored on the rest). For each set, κ (the one constant of core/calibrate.ts) is
// calibrated leave-one-set-out: on the other sets only, never on the set reported. Reported
// beside the plain parameter-bootstrap percentile interval from the same resamples (the baseline),
// for the law auto picks and for M4. Coverage and width (log(hi/lo)) are means over curves.
// Options: --resamples K (default 40), --cache FILE (write the scored points), --from FILE (reuse them).
import { readFileSync, writeFileSync } from 'node:fs';
import { KAPPA_TABLE } from '../src/core/calibrate';
import { corpusCurves, rnslCurves, type CoverageCurve } from './coverageData';
import { coverage, LEVELS, scoreCurve, studentized, weightedQuantile, type ScoredCurve } from './coverageScore';

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

/** κ at each level from every set but `leave` (both methods pooled, as the shipped constant is). */
function kappaWithout(leave: string | undefined, level: number): number {
  const t = METHODS.flatMap((m) => studentized(scored[m].filter((c) => c.curve.set !== leave)));
  return weightedQuantile(t, level);
}

console.log('\nκ shipped in core/calibrate.ts:', KAPPA_TABLE.map(([l, k]) => `${l}: ${k}`).join(', '));
console.log('κ from all sets pooled (to ship):', [0.5, 0.8, 0.9, 0.95, 0.99].map((l) => `${l}: ${kappaWithout(undefined, l).toFixed(3)}`).join(', '));
for (const s of sets) console.log(`κ without ${s}:`, LEVELS.map((l) => `${l}: ${kappaWithout(s, l).toFixed(3)}`).join(', '));

console.log('\ncoverage of held-out points (mean over curves) and mean width log(hi/lo); κ leave-one-set-out');
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
    const cells = LEVELS.flatMap((l, li) => {
      const cal = coverage(g.curves, { kappa: kappaWithout(g.set, l) });
      const base = coverage(g.curves, { bootLevel: li });
      return [pct(cal.coverage), pct(cal.width), pct(base.coverage), pct(base.width)];
    });
    const cal = coverage(g.curves, { kappa: 1 });
    rows.push([m, g.label, `${cal.curves}${cal.withoutInterval ? ` (+${cal.withoutInterval} none)` : ''}`, String(cal.points), ...cells]);
  }
}
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

// coverage by extrapolation distance (all sets, auto, leave-one-set-out κ at 0.95): does the width grow right?
console.log('\nauto, coverage@0.95 by extrapolation factor x/x_max_fit (leave-one-set-out κ):');
const bins = [1, 1.5, 2, 3, 5, 10, Infinity];
for (let b = 0; b + 1 < bins.length; b++) {
  let inside = 0;
  let n = 0;
  for (const c of scored.auto) {
    const k = kappaWithout(c.curve.set, 0.95);
    for (const p of c.points) {
      const f = Math.exp(p.distance);
      if (p.sigma === undefined || f < bins[b] || f >= bins[b + 1]) continue;
      n++;
      inside += Math.abs(p.err) <= k * p.sigma ? 1 : 0;
    }
  }
  console.log(`  ${bins[b]}–${bins[b + 1]}×: ${n ? (inside / n).toFixed(3) : '—'} of ${n} points`);
}

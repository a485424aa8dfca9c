// npx tsx bench/trustLine.ts: is the trust line informative? Every prediction is quoted with how far
// the curve's own back-test missed at about the same extrapolation ("a 2× extrapolation missed by
// 0.8%", core/calibrate.ts trustAt), and a reader takes it as the miss to expect. On the real
// curves and the RNSL benchmark curves (fitted on their first 50% and 25%, as
// bench/realCurves.bench.ts), at the held-out point nearest 2× the fit range and at the curve's
// end, the number shown is compared with the prediction's actual relative miss there: per set, how
// often a number is shown, Spearman(stated, actual), the median ratio actual/stated, the share with
// actual ≤ 2× stated (and ≥ half of it), beside the naive alternative "the back-test's median miss
// regardless of distance", and whether the 95% interval held the observed value in the same cases.
// Past the farthest rehearsal the line now also carries that miss scaled by log distance
// (core/trustScale.ts); its power is checked leave-one-set-out.
// Not in `npm run bench`: the bootstraps take about 4 minutes.
// Options: --resamples K (default 40), --cache FILE (write the scored cases), --from FILE (reuse them).
import { readFileSync, writeFileSync } from 'node:fs';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { corpusCurves, type RealCurve } from './realCurvesData';
import { scoreTrust, type TrustCase } from './trustLineScore';
import { BEFORE, judge, judgeRule, rangeCheck, RECOMPUTED, scaledRule, SHOWN, type Judgement, type Rule } from './trustLineRules';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const resamples = Number(opt('resamples') ?? 40);
const FRACS = [0.5, 0.25];

function scoreAll(): TrustCase[] {
  const rnsl: RealCurve[] = benchmarkCurves(benchmarkRows()).map((g) => ({
    set: `RNSL ${g[0].domain}`,
    name: `${g[0].task}/${g[0].model}`,
    points: g.map((r) => ({ x: r.x, y: r.y })),
  }));
  const curves = [...corpusCurves(), ...rnsl];
  const t0 = performance.now();
  const out = FRACS.flatMap((frac) => curves.flatMap((c) => scoreTrust(c, frac, resamples)));
  console.log(`scored ${out.length} targets on ${curves.length} curves × ${FRACS.length} prefixes (${resamples} resamples) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return out;
}

const from = opt('from');
const cases: TrustCase[] = from ? JSON.parse(readFileSync(from, 'utf8')) : scoreAll();
const cache = opt('cache');
if (cache) writeFileSync(cache, JSON.stringify(cases));

const sets = [...new Set(cases.map((c) => c.set))];
const shownSets = sets.filter((s) => cases.some((c) => c.set === s && c.trust));
const replayed = cases.filter((c) => c.trust && RECOMPUTED.stated(c) !== c.trust.missedBy).length;
console.log(`offline replay of trustAt from the stored residuals differs from what the prediction carried in ${replayed} of ${cases.filter((c) => c.trust).length} cases`);
console.log('stated = the number the line shows; actual = |prediction / observed − 1| at the target; ratio = actual / stated');

for (const rule of [BEFORE, SHOWN]) {
  console.log(`\n${rule.label}`);
  console.log(`  ${'set'.padEnd(14)} targets  shown  beyond  spearman  med ratio  ≤2×stated  ≥½stated  | naive: spearman  med ratio  ≤2×  ≥½  | 95% held  held where >2×`);
  for (const set of [...sets, 'all']) console.log(`  ${set.padEnd(14)}${judge(cases.filter((c) => set === 'all' || c.set === set), rule).line}`);
}

// the power of the log-distance scaling, chosen leave-one-set-out: on the other sets (each weighted
// equally) by the mean |log(actual / stated)|, reported on the set left out beside p = 0 (before)
// and p = 1 (shipped, a stated rule: the miss grows in proportion to log distance)
const GRID = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const objective = (among: readonly string[], rule: Rule): number => {
  const v = among.map((s) => judgeRule(cases.filter((c) => c.set === s), rule.stated).logError).filter(Number.isFinite);
  return v.reduce((t, x) => t + x, 0) / v.length;
};
const cell = (j: Judgement): string => `${j.medianRatio.toFixed(2).padStart(5)} ${`${Math.round(j.within2 * 100)}%`.padStart(4)} ${`${Math.round(j.aboveHalf * 100)}%`.padStart(4)} ${j.logError.toFixed(2).padStart(5)}`;
const beyondOnly = (c: TrustCase): boolean => c.trust?.beyond === true;
console.log('\nleave-one-set-out: p chosen on the other sets; per cell median ratio, share ≤2× stated, share ≥½ stated, mean |log ratio|');
for (const [label, keep] of [['every target with a line', (c: TrustCase) => !!c.trust], ['targets beyond the rehearsals', beyondOnly]] as const) {
  console.log(`  ${label}`);
  console.log(`    ${'set'.padEnd(14)} n    p   |   before (p = 0)      |   shipped (p = 1)     |   p chosen held out`);
  const held: TrustCase[] = [];
  for (const s of shownSets) {
    const others = shownSets.filter((x) => x !== s);
    const p = GRID.reduce((b, q) => (objective(others, scaledRule(q)) < objective(others, scaledRule(b)) - 1e-12 ? q : b), GRID[0]);
    const inSet = cases.filter((c) => c.set === s && keep(c));
    if (inSet.length === 0) continue;
    const chosen = scaledRule(p);
    held.push(...inSet.map((c) => ({ ...c, looStated: chosen.stated(c) })));
    console.log(`    ${s.padEnd(14)}${String(inSet.length).padStart(4)} ${String(p).padStart(4)}   | ${cell(judgeRule(inSet, scaledRule(0).stated))} | ${cell(judgeRule(inSet, scaledRule(1).stated))} | ${cell(judgeRule(inSet, chosen.stated))}`);
  }
  const loo = (c: TrustCase): number | undefined => (c as TrustCase & { looStated?: number }).looStated;
  console.log(`    ${'all'.padEnd(14)}${String(held.length).padStart(4)}        | ${cell(judgeRule(held, scaledRule(0).stated))} | ${cell(judgeRule(held, scaledRule(1).stated))} | ${cell(judgeRule(held, loo))}`);
}
console.log(`\np chosen on all sets: ${GRID.reduce((b, q) => (objective(shownSets, scaledRule(q)) < objective(shownSets, scaledRule(b)) - 1e-12 ? q : b), GRID[0])}`);

console.log('\na range instead: the smallest to the largest miss of the rehearsals the figure rests on');
for (const set of [...shownSets, 'all']) {
  const r = rangeCheck(cases.filter((c) => set === 'all' || c.set === set));
  console.log(`  ${set.padEnd(14)} ${String(r.n).padStart(4)} targets: held the actual miss at ${Math.round(r.inside * 100)}% (${Math.round(r.below * 100)}% below it), median width max/min ${r.medianWidth.toFixed(1)}`);
}

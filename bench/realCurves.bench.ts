// Held-out RMSLE on real training curves (data/trajectories, data/lr-schedules) and, for
// reference, the RNSL benchmark's domains: per set and prefix (first 50% / 25% of each curve's
// points), the mean and median over the curves every method fitted, for every law, auto and the
// two naive baselines computed in the same run; failures counted per method.
import { AUTO_CANDIDATES, CURVE_LAW_IDS } from '../src/core/laws/index';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { corpusCurves, type RealCurve } from './realCurvesData';
import { BASELINES, evaluateCurve, type CurveOutcome } from './realCurvesEval';

const LAWS = CURVE_LAW_IDS;
const METHODS = ['auto', ...LAWS, ...BASELINES];
// the curves a set is averaged over: those auto, every auto candidate and both baselines fitted;
// where a candidate cannot be fitted on some curves (too few points), those auto and the
// baselines fitted, each law then averaged over the ones it fitted (its row says how many)
const REQUIRED = ['auto', ...AUTO_CANDIDATES, ...BASELINES];
const ESSENTIAL = ['auto', ...BASELINES];
const only = process.argv.slice(2);
// other prefixes than the two the rules were chosen on (e.g. FRACS=0.35,0.65): a check that auto's standing is not an artefact of 50% and 25%
const fracs = process.env.FRACS ? process.env.FRACS.split(',').map(Number) : [0.5, 0.25];

const rnsl: RealCurve[] = benchmarkCurves(benchmarkRows()).map((g) => ({
  set: `RNSL ${g[0].domain}`,
  name: `${g[0].task}/${g[0].model}`,
  points: g.map((r) => ({ x: r.x, y: r.y })),
}));
const curves = [...corpusCurves(), ...rnsl].filter((c) => only.length === 0 || only.some((o) => c.set.includes(o)));
const sets = [...new Set(curves.map((c) => c.set))];

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—').padStart(8);

const t0 = performance.now();
for (const frac of fracs) {
  console.log(`\n## fit the first ${frac * 100}% of each curve's points, score the rest (held-out RMSLE)`);
  for (const set of sets) {
    const ts = performance.now();
    const outs: CurveOutcome[] = curves.filter((c) => c.set === set).map((c) => evaluateCurve(c.points, frac, LAWS, c.fitFrom !== undefined ? { fitFrom: c.fitFrom } : {}));
    const ok = (o: CurveOutcome, m: string): boolean => o.rmsle[m] !== null && o.rmsle[m] !== undefined;
    const all = outs.filter((o) => REQUIRED.every((m) => ok(o, m)));
    const common = all.length > 0 ? all : outs.filter((o) => ESSENTIAL.every((m) => ok(o, m)));
    const rows = METHODS.map((m) => {
      const v = common.filter((o) => ok(o, m)).map((o) => o.rmsle[m]!);
      const fails = outs.filter((o) => o.rmsle[m] === null || o.rmsle[m] === undefined).length;
      return { m, mean: v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN, median: v.length ? median(v) : NaN, fails, n: v.length };
    });
    const best = rows.filter((r) => AUTO_CANDIDATES.includes(r.m) && r.n === common.length).sort((a, b) => a.mean - b.mean)[0] ?? rows[0];
    const autoRow = rows[0];
    const base = rows.filter((r) => (BASELINES as readonly string[]).includes(r.m));
    const verdict = autoRow.mean <= best.mean && base.every((b) => autoRow.mean <= b.mean) ? 'auto ≤ best law and both baselines' : 'auto loses';
    console.log(`\n${set}: ${outs.length} curves, ${common.length} fitted by ${all.length > 0 ? 'every method' : 'auto and both baselines'} (${((performance.now() - ts) / 1000).toFixed(1)} s) — ${verdict}`);
    console.log(`  ${'method'.padEnd(12)}    mean  median  failed`);
    for (const r of rows) console.log(`  ${r.m.padEnd(12)}${f(r.mean)}${f(r.median)}${String(r.fails).padStart(6)}${r.n < common.length ? `  over ${r.n}` : ''}${r.m === best.m ? '  best candidate' : ''}`);
    const chosen = new Map<string, number>();
    for (const o of outs) chosen.set(o.auto ?? 'none', (chosen.get(o.auto ?? 'none') ?? 0) + 1);
    console.log(`  auto chose: ${[...chosen].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    if (process.env.VERBOSE) for (const [i, o] of outs.entries()) console.log(`    ${curves.filter((c) => c.set === set)[i].name}: auto ${o.rmsle.auto?.toFixed(4)} ${o.auto} | ${o.reason}`);
  }
}
console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);

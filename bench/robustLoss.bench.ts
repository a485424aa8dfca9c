// Robust fitting of training logs on the real-curve corpus: plain least squares vs trimming the
// loss spikes vs a Huber loss on log residuals (δ = k robust σ of the plain fit's residuals), for
// the laws it applies to (M2, M3, M4, BNSL-1, mix) and auto, beside the two naive baselines, all
// on the same splits (first 50% / 25% of each curve's points, held-out RMSLE). k is chosen
// leave-one-set-out: for each set, the k that does best on the other sets, then scored on it.
// `npm run bench robustLoss`, or `node --import tsx bench/robustLoss.bench.ts [set…]` for some sets
import type { AnalyzeOptions } from '../src/core/analysis';
import { corpusCurves } from './realCurvesData';
import { BASELINES, evaluateCurve, type CurveOutcome } from './realCurvesEval';

const LAWS = ['m2', 'm3', 'm4', 'bnsl-1', 'mix', 'flat', 'loglin'];
const ROBUST_LAWS = ['m2', 'm3', 'm4', 'bnsl-1', 'mix', 'auto'];
const KS = [1.345, 2, 4];
const ONLY_MODES = process.env.MODES?.split(',');
const MODES: { name: string; opts: AnalyzeOptions }[] = [
  { name: 'plain', opts: { robust: 'none' } },
  { name: 'trim', opts: { robust: 'trim' } },
  ...KS.map((k) => ({ name: `huber k=${k}`, opts: { robust: 'huber', huberK: k } as AnalyzeOptions })),
  ...KS.map((k) => ({ name: `trim+huber k=${k}`, opts: { robust: 'trim+huber', huberK: k } as AnalyzeOptions })),
];
const only = process.argv.slice(2);
const modes = ONLY_MODES ? MODES.filter((m) => m.name === 'plain' || ONLY_MODES.some((o) => m.name.startsWith(o))) : MODES;
const curves = corpusCurves().filter((c) => only.length === 0 || only.some((o) => c.set.includes(o)));
const sets = [...new Set(curves.map((c) => c.set))];
const FRACS = [0.5, 0.25];

/** mean[set][frac][mode][method], over the curves the method fitted in every mode */
const mean = new Map<string, number>();
const key = (set: string, frac: number, mode: string, m: string): string => `${set}|${frac}|${mode}|${m}`;
const f = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—').padStart(8);

const t0 = performance.now();
for (const set of sets) {
  for (const frac of FRACS) {
    const ts = performance.now();
    const cs = curves.filter((c) => c.set === set);
    const outs = new Map<string, CurveOutcome[]>(modes.map((md) => [md.name, cs.map((c) => evaluateCurve(c.points, frac, LAWS, md.opts))]));
    const long = cs.filter((c) => Math.floor(c.points.length * frac) >= 20).length;
    console.log(`\n${set}, first ${frac * 100}%: ${cs.length} curves (${long} with 20+ fit points: robust fitting applies) (${((performance.now() - ts) / 1000).toFixed(1)} s)`);
    console.log(`  ${'mode'.padEnd(18)}${[...ROBUST_LAWS, ...BASELINES].map((m) => m.padStart(11)).join('')}`);
    for (const md of modes) {
      const cells = [...ROBUST_LAWS, ...BASELINES].map((m) => {
        const ok = cs.map((_, i) => modes.every((x) => outs.get(x.name)![i].rmsle[m] != null));
        const v = outs.get(md.name)!.filter((_, i) => ok[i]).map((o) => o.rmsle[m]!);
        const mu = v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
        mean.set(key(set, frac, md.name, m), mu);
        return f(mu).padStart(11);
      });
      console.log(`  ${md.name.padEnd(18)}${cells.join('')}`);
    }
  }
}

// leave-one-set-out choice of k: minimise the mean log ratio to plain over the other sets
const logRatio = (sets_: string[], mode: string): number => {
  let s = 0;
  let n = 0;
  for (const set of sets_)
    for (const frac of FRACS)
      for (const m of ROBUST_LAWS) {
        const a = mean.get(key(set, frac, mode, m));
        const b = mean.get(key(set, frac, 'plain', m));
        if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && a > 0 && b > 0) {
          s += Math.log(a / b);
          n++;
        }
      }
  return n ? s / n : 0;
};
console.log('\nleave-one-set-out: k chosen on the other sets; on the held-out set, geometric-mean ratio to plain over both prefixes and M2, M3, M4, BNSL-1, mix, auto (< 1 = better than plain)');
for (const [family, ks] of [['huber', KS], ['trim+huber', KS]] as const) {
  if (!modes.some((m) => m.name.startsWith(family))) continue;
  let wins = 0;
  let losses = 0;
  console.log(`${family} (δ = k·σ of the plain fit's residuals${family === 'huber' ? ', spikes kept' : ''}) vs trim:`);
  for (const held of sets) {
    const others = sets.filter((s) => s !== held);
    const k = ks.reduce((best: number, k: number) => (logRatio(others, `${family} k=${k}`) < logRatio(others, `${family} k=${best}`) ? k : best), ks[0]);
    const h = Math.exp(logRatio([held], `${family} k=${k}`));
    const t = Math.exp(logRatio([held], 'trim'));
    if (h < t - 1e-12) wins++;
    else if (t < h - 1e-12) losses++;
    console.log(`  ${held.padEnd(14)} k=${k}: ${family} ${h.toFixed(4)}  trim ${t.toFixed(4)}  ${h < t - 1e-12 ? family : t < h - 1e-12 ? 'trim' : 'tie'}`);
  }
  for (const k of ks) console.log(`  all sets, ${family} k=${k}: ${Math.exp(logRatio(sets, `${family} k=${k}`)).toFixed(4)}`);
  console.log(`  held-out sets won: ${family} ${wins}, trim ${losses}, tied ${sets.length - wins - losses}`);
}
console.log(`  all sets, trim: ${Math.exp(logRatio(sets, 'trim')).toFixed(4)}`);
console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);

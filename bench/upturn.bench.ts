// auto on curves that turn up, against the back-tests' own choice (what auto predicted before an
// upturn overruled it) and the two naive baselines. Synthetic only: nothing in ../shared rises.
// Families, each a power law in x (a training log's evaluations, evenly spaced) with log-normal
// noise of 0.5–2% and a fit prefix of 50% or 75%:
//   rise     from 25–45% of the run on, the loss climbs 5–20% by its end (overfitting, repeated data)
//   restart  a learning-rate restart at 35–45%: the loss jumps 4–10% and decays back to the trend
//   falling  no rise (how often a plain curve is overruled, and what that costs)
// Nothing here was tuned: the rule (holdRisenCurve) and the detector (upturn.ts) are as shipped.
//   npm run bench upturn [-- --curves 40]
import { CURVE_LAW_IDS } from '../src/core/laws/index';
import { mulberry32, normal } from '../src/core/random';
import { evaluateCurve } from './realCurvesEval';

const curvesAt = process.argv.indexOf('--curves');
const CURVES = curvesAt > 0 ? Number(process.argv[curvesAt + 1]) : 40;
const FAMILIES = ['rise', 'restart', 'falling'] as const;
const FRACS = [0.5, 0.75];

type Family = (typeof FAMILIES)[number];

function curveOf(family: Family, rnd: () => number): { x: number; y: number }[] {
  const n = [40, 200, 1000][Math.floor(rnd() * 3)]!;
  const sigma = 0.005 + rnd() * 0.015;
  const a = 0.2 + rnd() * 0.2;
  const E = 1.6 + rnd() * 0.6;
  const start = 2.5 + rnd() * 2;
  const at = 0.25 + rnd() * 0.2 + (family === 'restart' ? 0.1 : 0);
  const size = family === 'rise' ? 0.05 + rnd() * 0.15 : 0.04 + rnd() * 0.06;
  const power = 1 + rnd();
  const gauss = normal(rnd);
  return Array.from({ length: n }, (_, i) => {
    const t = (i + 1) / n;
    let y = E + (start - E) * Math.pow(n * t, -a);
    if (family === 'rise' && t > at) y *= 1 + size * Math.pow((t - at) / (1 - at), power);
    if (family === 'restart' && t > at) y *= 1 + size * Math.exp(-(t - at) / 0.15);
    return { x: t * 1e10, y: y * Math.exp(sigma * gauss()) };
  });
}

const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
const fmt = (v: number): string => v.toFixed(4);

console.log(`auto on curves that turn up (synthetic, ${CURVES} curves per family and prefix; mean held-out RMSLE over the curves every method fitted)\n`);
console.log('| family | prefix | overruled | auto | back-tests\' choice | last value | E + A·x^−a | overruled only: auto / back-tests\' choice |');
console.log('|---|---|---|---|---|---|---|---|');
for (const family of FAMILIES) {
  for (const frac of FRACS) {
    const rnd = mulberry32(FAMILIES.indexOf(family) * 100 + Math.round(frac * 100));
    const rows: { auto: number; chosen: number; last: number; naive: number; overruled: boolean }[] = [];
    for (let k = 0; k < CURVES; k++) {
      const o = evaluateCurve(curveOf(family, rnd), frac, CURVE_LAW_IDS);
      const overruled = /the back-tests chose (\S+):/.exec(o.reason)?.[1];
      const row = { auto: o.rmsle.auto, chosen: overruled ? o.rmsle[overruled] : o.rmsle.auto, last: o.rmsle['last-value'], naive: o.rmsle['E+A·x^-a'] };
      if (Object.values(row).every((v) => typeof v === 'number')) rows.push({ ...(row as Record<keyof typeof row, number>), overruled: !!overruled });
    }
    const col = (k: 'auto' | 'chosen' | 'last' | 'naive', of = rows): string => (of.length ? fmt(mean(of.map((r) => r[k]))) : '—');
    const over = rows.filter((r) => r.overruled);
    console.log(`| ${family} | ${frac * 100}% | ${over.length} of ${rows.length} | ${col('auto')} | ${col('chosen')} | ${col('last')} | ${col('naive')} | ${col('auto', over)} / ${col('chosen', over)} |`);
  }
}

// npm run bench coverageLaws: coverage of held-out points per law × per set, for every law the
// panel shows, with the mean relative interval width (hi − lo) / pred. Sets: RNSL vision and
// language (Training == 0 held out), the real trajectories and LR-schedule runs (first 50% / 25%
// fitted), and synthetic curves drawn from each law with 1% noise (first 2/3 fitted). Two columns
// per level: the shipped intervals (κ and floor of core/calibrate.ts, calibrated on the pooled
// auto + M4 scores of the real sets; the synthetic set never entered them) and the per-law κ chosen leave-one-set-out (κ for law L on
// set S from L's scores on the other sets only), which shows whether one κ per law would do better.
// The curves are a deterministic spread sample of each set (--per-set N, default 8) to keep the
// run within minutes on shared cores. Options: --laws a,b --per-set N --resamples K (default 16)
// --cache FILE --from FILE.
// Measured (--per-set 40, 20 resamples; 190 curves): 27 of 100 law × set × level cells miss ±0.07
// with the shipped κ, 29 with a per-law κ chosen leave-one-set-out (at --per-set 16: 40 and 41, and
// 38 with a per-law floor and κ both chosen leave-one-set-out): a law's coverage on one set is not
// predictable from its other sets, so neither is shipped.
import { readFileSync, writeFileSync } from 'node:fs';
import { FLOOR_RATE, FLOOR_SHARE, kappaAt } from '../src/core/calibrate';
import { corpusCurves, rnslCurves, type CoverageCurve } from './coverageData';
import { halfWidthAt, kappaFor, LEVELS, scoreCurve, type ScoredCurve } from './coverageScore';
import { syntheticCurves } from './coverageSynthetic';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const LAWS = (opt('laws') ?? 'm1,m2,m3,m4,bnsl-1,bnsl-2,mix,flat,loglin,auto').split(',');
const perSet = Number(opt('per-set') ?? 8);
const resamples = Number(opt('resamples') ?? 16);
const floor = { rate: FLOOR_RATE, share: FLOOR_SHARE };

/** Every k-th curve of each set, so each subset (T5, OPT, 25M, …) keeps a share. */
function sample(curves: CoverageCurve[]): CoverageCurve[] {
  const out: CoverageCurve[] = [];
  for (const s of [...new Set(curves.map((c) => c.set))]) {
    const inSet = curves.filter((c) => c.set === s);
    const step = Math.max(1, inSet.length / perSet);
    for (let i = 0; i < Math.min(perSet, inSet.length); i++) out.push(inSet[Math.floor(i * step)]);
  }
  return out;
}

function scoreAll(): Record<string, ScoredCurve[]> {
  const curves = [...sample([...rnslCurves(), ...corpusCurves()]), ...syntheticCurves(Math.max(1, Math.round(perSet / 4)))];
  const out: Record<string, ScoredCurve[]> = {};
  const t0 = performance.now();
  for (const law of LAWS) {
    out[law] = [];
    for (const c of curves) {
      try {
        const s = scoreCurve(c, law, resamples);
        if (s) out[law].push(s);
      } catch {
        // a law that cannot fit this curve has no interval on it; counted as "fitted" below
      }
    }
    console.log(`${law}: scored ${out[law].length} of ${curves.length} curves (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return out;
}

const from = opt('from');
const scored: Record<string, ScoredCurve[]> = from ? JSON.parse(readFileSync(from, 'utf8')) : scoreAll();
if (opt('cache')) writeFileSync(opt('cache')!, JSON.stringify(scored));

/**
 * Mean over curves of coverage, and the median over curves of each curve's mean relative width at
 * scale κ (a median: one diverged bootstrap makes a BNSL interval 1e20 wide, which a mean would report).
 */
function figures(curves: readonly ScoredCurve[], kappaOf: number | ((c: ScoredCurve) => number), level: number): { cov: number; width: number; n: number; none: number } {
  let cov = 0;
  const widths: number[] = [];
  let n = 0;
  let none = 0;
  for (const c of curves) {
    const pts = c.points.filter((p) => p.sigma !== undefined);
    if (pts.length === 0) {
      none++;
      continue;
    }
    let inside = 0;
    let w = 0;
    const kappa = typeof kappaOf === 'number' ? kappaOf : kappaOf(c);
    for (const p of pts) {
      const h = halfWidthAt(p, c, kappa, floor, level);
      inside += Math.abs(p.err) <= h ? 1 : 0;
      w += 2 * Math.sinh(h);
    }
    cov += inside / pts.length;
    widths.push(w / pts.length);
    n++;
  }
  widths.sort((a, b) => a - b);
  const mid = widths.length >> 1;
  const width = widths.length === 0 ? NaN : widths.length % 2 ? widths[mid] : (widths[mid - 1] + widths[mid]) / 2;
  return { cov: n ? cov / n : NaN, width, n, none };
}

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');
const sets = [...new Set(Object.values(scored).flatMap((cs) => cs.map((c) => c.curve.set)))];
const pooledKappa = (l: number): number => kappaAt(l);

/** κ with every set weighing the same (the target is coverage per set). */
function setWeightedKappa(curves: readonly ScoredCurve[], level: number): number {
  const withInterval = curves.filter((c) => c.points.some((p) => p.sigma !== undefined));
  const count = new Map<string, number>();
  for (const c of withInterval) count.set(c.curve.set, (count.get(c.curve.set) ?? 0) + 1);
  return kappaFor(withInterval, floor, level, (c) => 1 / count.get(c.curve.set)!);
}
/** κ for `law` at `level` from its scores on every set but `leave`. */
const kappaMemo = new Map<string, number>();
function lawKappa(law: string, level: number, leave?: string): number {
  const key = `${law}|${level}|${leave}`;
  if (!kappaMemo.has(key)) kappaMemo.set(key, setWeightedKappa(scored[law].filter((c) => c.curve.set !== leave), level));
  return kappaMemo.get(key)!;
}

const header = ['law', 'set', 'curves', ...LEVELS.flatMap((l) => [`cov@${l}`, `relW`, `law-κ LOSO cov@${l}`, `relW`])];
const rows: string[][] = [header];
const misses: string[] = [];
const pooledMisses: string[] = [];
for (const law of Object.keys(scored)) {
  for (const s of sets) {
    const inSet = scored[law].filter((c) => c.curve.set === s);
    const cells = LEVELS.flatMap((l) => {
      const pooled = figures(inSet, pooledKappa(l), l);
      // auto's interval uses the κ of the law it picked (pooled κ for a law with none)
      const own = figures(inSet, law === 'auto' ? (c) => (scored[c.law] && c.law !== 'auto' ? lawKappa(c.law, l, s) : pooledKappa(l)) : lawKappa(law, l, s), l);
      if (own.n > 0 && Math.abs(own.cov - l) > 0.07) misses.push(`${law} on ${s} @${l}: ${f3(own.cov)}`);
      if (pooled.n > 0 && Math.abs(pooled.cov - l) > 0.07) pooledMisses.push(`${law} on ${s} @${l}: ${f3(pooled.cov)}`);
      return [f3(pooled.cov), f3(pooled.width), f3(own.cov), f3(own.width)];
    });
    const f = figures(inSet, 1, LEVELS[0]);
    rows.push([law, s, `${f.n}${f.none ? ` (+${f.none} none)` : ''}`, ...cells]);
  }
}
console.log(`\nper-law coverage of held-out points (mean over curves) and median over curves of the mean relative width (hi − lo)/pred; ${resamples} resamples, ≤ ${perSet} curves per real set`);
console.log('cov: as shipped, one κ for every law (core/calibrate.ts KAPPA_TABLE, floor); law-κ LOSO: κ for that law from its scores on the other sets only (sets weighted equally)');
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log(`\noutside ±0.07 of nominal, pooled κ (${pooledMisses.length}): ${pooledMisses.join('; ')}`);
console.log(`outside ±0.07 of nominal, law-κ leave-one-set-out (${misses.length}): ${misses.join('; ')}`);
console.log('\nper-law κ from every set (sets weighted equally), for reference; not shipped: leave-one-set-out it misses as often as the pooled κ:');
for (const law of Object.keys(scored)) {
  if (law === 'auto') continue;
  console.log(`  ${law}: [${[0.5, 0.8, 0.9, 0.95, 0.99].map((l) => `[${l}, ${lawKappa(law, l).toFixed(3)}]`).join(', ')}],`);
}

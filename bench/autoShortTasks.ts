// The tasks and the shipped short-fit rule of the auto benches on short fits (bench/autoShort.bench.ts,
// bench/autoEvidence.bench.ts): the RNSL curves under realCurves prefix splits, sweeps of few sizes cut
// from every curve, and auto as shipped restated over bench records (bench/autoRecords.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { FALLBACK, one, ranked, record, reweighted, type Combiner, type CurveRecord, type Task } from './autoRecords';
import { naivePowerLaw } from './realCurvesEval';
import { corpusCurves } from './realCurvesData';

/** The RNSL curves fitted on their first `fracs` of points (as bench/realCurves.bench.ts), cached in `file` when given. */
export function rnslPrefixTasks(fracs: readonly number[] = [0.5, 0.25], file = process.env.AUTO_SHORT_CACHE): Task[] {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Task[];
  const out: Task[] = [];
  const rnsl = benchmarkCurves(benchmarkRows());
  for (const frac of fracs) {
    for (const d of ['IC', 'NMT', 'LM', 'BB']) {
      const recs = rnsl.filter((g) => g[0].domain === d).map((g) => {
        const points = g.map((r) => ({ x: r.x, y: r.y }));
        const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
        // as bench/realCurves.bench.ts: no Training mask, no domain settings
        return record(points, { fitUntil: xs[Math.max(1, Math.floor(xs.length * frac)) - 1] });
      });
      out.push({ set: `RNSL ${d}`, split: `${frac * 100}%`, recs });
    }
  }
  if (file) writeFileSync(file, JSON.stringify(out));
  return out;
}

/**
 * Sweeps with few sizes: of each curve's first half (distinct x), k points spread evenly in log x
 * (the first and the last always), fitted; the second half scored. k = 2…6: up to 4 points nothing
 * can be back-tested; 5 gives one cut scoring 2 points, 6 two cuts.
 */
export const SWEEP_SIZES = [2, 3, 4, 5, 6];
export function sweepTasks(): Task[] {
  const file = process.env.AUTO_SHORT_CACHE ? `${process.env.AUTO_SHORT_CACHE}.sweeps` : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Task[];
  const curves = [
    ...corpusCurves(),
    ...benchmarkCurves(benchmarkRows()).map((g) => ({ set: `RNSL ${g[0].domain}`, points: g.map((r) => ({ x: r.x, y: r.y })) })),
  ];
  const out: Task[] = [];
  for (const k of SWEEP_SIZES) {
    for (const set of [...new Set(curves.map((c) => c.set))]) {
      const recs: CurveRecord[] = [];
      for (const c of curves.filter((v) => v.set === set)) {
        const xs = [...new Set(c.points.map((p) => p.x))].sort((a, b) => a - b);
        const m = Math.floor(xs.length * 0.5);
        if (m < k) continue;
        const l0 = Math.log(xs[0]);
        const l1 = Math.log(xs[m - 1]);
        const chosen = new Set<number>();
        for (let j = 0; j < k; j++) {
          const want = l0 + ((l1 - l0) * j) / (k - 1);
          // the nearest prefix x not taken yet
          let best = -1;
          for (let i = 0; i < m; i++) if (!chosen.has(xs[i]) && (best < 0 || Math.abs(Math.log(xs[i]) - want) < Math.abs(Math.log(xs[best]) - want))) best = i;
          chosen.add(xs[best]);
        }
        const points = c.points.filter((p) => chosen.has(p.x) || p.x > xs[m - 1]);
        recs.push(record(points, { fitUntil: xs[m - 1] }));
      }
      out.push({ set, split: `${k} sizes`, recs });
    }
  }
  if (file) writeFileSync(file, JSON.stringify(out));
  return out;
}

/** Adds what short-fit rules need and autoRecords does not keep: loglin through 2 points, E+A·x^−a on 2 points (realCurves fits it there). */
export function augment(c: CurveRecord): CurveRecord {
  const n = c.btX.length;
  const logPred = { ...c.logPred };
  if (!('loglin' in logPred) && n >= 2) {
    // the shipped log-linear law's fit (the last half of the points, at least 2), allowed down to 2 points
    const from = Math.min(n - 2, Math.floor(0.5 * n));
    const lx = c.btX.slice(from).map(Math.log);
    const ly = c.btY.slice(from).map(Math.log);
    const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
    const my = ly.reduce((s, v) => s + v, 0) / ly.length;
    const b = lx.reduce((s, v, i) => s + (v - mx) * (ly[i] - my), 0) / lx.reduce((s, v) => s + (v - mx) ** 2, 0);
    logPred.loglin2 = c.heldX.map((x) => my + b * (Math.log(x) - mx));
  } else if ('loglin' in logPred) logPred.loglin2 = logPred.loglin;
  const naive = { ...c.naive };
  if (!naive['E+A·x^-a'] && n >= 2) {
    const pl = naivePowerLaw(c.btX.map((x, i) => ({ x, y: c.btY[i] })));
    naive['E+A·x^-a'] = pl ? c.heldX.map((x) => Math.log(pl(x))) : null;
  }
  return { ...c, logPred, naive };
}

/** distinct fit points scored by the back-test (the longest cut's): 0 = nothing back-tested */
export const scoredPoints = (c: CurveRecord): number =>
  Math.max(0, ...Object.values(c.cutPred).flatMap((p) => p.map((v) => v?.logY.length ?? 0)));
/** cuts at which some law was back-tested */
export const usableCuts = (c: CurveRecord): number => Math.max(0, ...Object.values(c.perCut).map((p) => p.filter((v) => v !== null).length));
export const falling = (c: CurveRecord): boolean => c.btY.length >= 2 && c.btY[c.btY.length - 1] < c.btY[0];

/** the shipped rule when something was back-tested: top 3 (cuts even below 50 back-tested points), flat joining within 1.25× */
export function backtested(c: CurveRecord): Record<string, number> {
  // analyze weights the cuts by the back-tested curve's length (duplicate x merged, long logs binned), not the raw count
  const s = c.btX.length < 50 ? reweighted(c, [1, 1, 1]) : c.score;
  const r = Object.keys(s).filter((id) => Number.isFinite(s[id])).sort((a, b) => s[a] - s[b]);
  const top = r.slice(0, 3);
  const ids = top.length > 1 && !top.includes('flat') && s.flat <= 1.25 * s[r[0]] ? [...top, 'flat'] : top;
  return Object.fromEntries(ids.map((id) => [id, 1]));
}

export type Fallback = (c: CurveRecord) => Record<string, number>;
/** the record's prediction for `id` if it fitted: loglin from 3 points as it always could, from 2 only when `two` */
export const avail = (c: CurveRecord, id: string, two: boolean): string | undefined => {
  if (id !== 'loglin') return id in c.logPred ? id : undefined;
  if (c.btX.length >= 3) return 'loglin' in c.logPred ? 'loglin' : undefined;
  return two && 'loglin2' in c.logPred ? 'loglin2' : undefined;
};
/** the first of `order` that fitted (loglin down to 2 points when `two`) */
export const ordered = (order: readonly string[], two = false, noFlatIfFalling = false): Fallback => (c) => {
  const list = noFlatIfFalling && falling(c) ? [...order.filter((id) => id !== 'flat'), 'flat'] : order;
  for (const id of list) {
    const a = avail(c, id, two);
    if (a) return one(a);
  }
  return {};
};
/**
 * Two fit points: the line through them with its slope kept by the share `keep` (log-linear between
 * the last level and the line; ½ = their geometric mean, the trend damped by half); with
 * `fallingOnly`, a pair that does not fall is held flat.
 */
export const damped2 = (fb: Fallback, keep = 0.5, fallingOnly = false): Fallback => (c) =>
  c.btX.length === 2 && 'loglin2' in c.logPred && (!fallingOnly || falling(c)) ? { loglin2: keep, flat: 1 - keep } : fb(c);
/** auto as shipped: the back-tested choice, or (nothing back-tested) the damped trend of 2 falling points, else the first fallback law that fitted */
export const shippedAuto: Combiner = (c) => (ranked(c).length > 0 ? backtested(c) : damped2(ordered(FALLBACK), 0.5, true)(c));

// Which back-test signal auto should rank laws by, chosen leave-one-set-out. Every plan below is a
// set of back-test origins (prefixes of the back-tested curve) and a way to score each law at an
// origin and to pool the origins; the combining rule stays auto's (top 3 geometric mean, flat
// joining within 1.25× the best). The fits on each prefix are shared: a plan is a choice of prefix
// lengths, so every prefix of every curve is fitted once (AUTO_CUTS_CACHE=file keeps those fits,
// AUTO_RULES_CACHE=file the per-curve records of bench/autoRecords.ts).
import { cutPrefixes, MIN_PREFIX, MISSING_PENALTY } from '../src/core/backtest';
import { domainSettings } from '../src/core/benchmark';
import { fitMany } from '../src/core/fitMany';
import { getLaw } from '../src/core/laws/index';
import { equal, loadTasks, looReport, meets, ruleScore, taskFigures, topK, type Combiner, type CurveRecord, type Task } from './autoRecords';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Per prefix length k: per law, log predictions of the back-tested points k … n−1 (null = fit failed). */
type PrefixFits = Record<number, Record<string, number[] | null>>;

const FRACTIONS = Array.from({ length: 14 }, (_, i) => +(0.3 + 0.05 * i).toFixed(2)); // 0.30 … 0.95 of the log-x span
const geo = (rho: number, m: number): number[] => Array.from({ length: m }, (_, i) => +(rho ** (i + 1)).toFixed(6));
const RATIOS = [...new Set([1.1, 1.2, 1.25, 1.33, 1.5, 1.75, 2, 2.5, 3, 4, 6, ...geo(1.25, 6), ...geo(1.5, 4)])];

/** prefix length at a fraction f of the log-x span (the points with log x − log x0 ≤ f·span) */
function atFraction(x: readonly number[], f: number): number {
  const l0 = Math.log(x[0]);
  const lcut = f * (Math.log(x[x.length - 1]) - l0);
  let k = 0;
  while (k < x.length && Math.log(x[k]) - l0 <= lcut + 1e-12) k++;
  return k;
}

/** every prefix length any plan may ask for */
function neededPrefixes(x: readonly number[]): number[] {
  const n = x.length;
  if (n < 2) return [];
  const xs = Float64Array.from(x);
  const ks = new Set<number>();
  for (const k of cutPrefixes(xs, [1.5, 2, 3]).prefixes) ks.add(k);
  for (const f of FRACTIONS) ks.add(atFraction(x, f));
  for (const r of RATIOS) {
    ks.add(cutPrefixes(xs, [r]).prefixes[0]);
    ks.add(Math.floor(n / r));
  }
  return [...ks].filter((k) => k >= MIN_PREFIX && k < n).sort((a, b) => a - b);
}

function fitPrefixes(t: Task, c: CurveRecord, out: PrefixFits = {}): PrefixFits {
  const laws = Object.keys(c.score);
  const upperBound = t.set.startsWith('RNSL ') ? domainSettings(t.set.slice(5)).upperBound : undefined;
  const x = Float64Array.from(c.btX);
  const y = Float64Array.from(c.btY);
  for (const k of neededPrefixes(c.btX)) {
    if (out[k]) continue;
    const fits = fitMany(laws, { x: x.subarray(0, k), y: y.subarray(0, k) }, { seed: 1, ...(upperBound ? { upperBound } : {}) });
    out[k] = {};
    for (const id of laws) {
      const o = fits.get(id);
      if (!o || !('fit' in o)) {
        out[k][id] = null;
        continue;
      }
      const law = getLaw(id);
      const lp = Array.from(x.subarray(k), (xi) => Math.log(law.predict(o.fit.params, xi)));
      out[k][id] = lp.every(Number.isFinite) ? lp : null;
    }
  }
  return out;
}

function loadPrefixFits(tasks: readonly Task[]): PrefixFits[][] {
  const file = process.env.AUTO_CUTS_CACHE;
  const cached = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PrefixFits[][]) : undefined;
  const t0 = Date.now();
  // prefixes already fitted are kept; only new ones are fitted
  const out = tasks.map((t, i) => t.recs.map((c, j) => fitPrefixes(t, c, cached?.[i]?.[j])));
  console.log(`prefix fits: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (file) writeFileSync(file, JSON.stringify(out));
  return out;
}

// ---- plans -------------------------------------------------------------------------------------

/** Where a plan's origins are: prefix lengths, in the order its weights refer to. */
type Origins = (x: readonly number[]) => number[];
const shippedOrigins: Origins = (x) => cutPrefixes(Float64Array.from(x), [1.5, 2, 3]).prefixes;
const ratioOrigins = (rs: readonly number[]): Origins => (x) => cutPrefixes(Float64Array.from(x), rs).prefixes;
/** m origins evenly spaced in log x, from fraction lo to hi of the log-x span */
const fractionOrigins = (m: number, lo: number, hi: number): Origins => (x) =>
  Array.from({ length: m }, (_, i) => atFraction(x, +(lo + ((hi - lo) * i) / Math.max(1, m - 1)).toFixed(2)));

/** One law at one origin: the scored points' log errors and their distances past the origin. */
interface OriginErrors {
  readonly err: number[];
  readonly dist: number[];
}
/** How a law is scored at one origin (NaN = nothing to score). */
type PointScore = (e: OriginErrors, horizon: number) => number;
const inHorizon = (e: OriginErrors, h: number): number[] => e.err.filter((_, j) => e.dist[j] <= h + 1e-12);
const rms = (v: readonly number[]): number => (v.length === 0 ? NaN : Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length));
/** RMSLE over the points within the horizon (today's score with an infinite horizon) */
const allPoints: PointScore = (e, h) => rms(inHorizon(e, h));
/** RMS error weighted by distance^p (p = 1: the far points count more) */
const distWeighted = (p: number): PointScore => (e, h) => {
  let s = 0;
  let w = 0;
  e.err.forEach((v, j) => {
    if (e.dist[j] > h + 1e-12) return;
    const wj = e.dist[j] ** p;
    [s, w] = [s + wj * v * v, w + wj];
  });
  return w > 0 ? Math.sqrt(s / w) : NaN;
};
/** RMS error of the farthest part of the horizon: points at ≥ frac × the farthest scored distance */
const endPoints = (frac: number): PointScore => (e, h) => {
  const d = e.dist.filter((v) => v <= h + 1e-12);
  if (d.length === 0) return NaN;
  const dm = Math.max(...d);
  return rms(e.err.filter((_, j) => e.dist[j] <= h + 1e-12 && e.dist[j] >= frac * dm - 1e-12));
};

/** How the origins' scores are pooled into one figure per law. */
type Pool = 'mean' | 'shipped' | 'relative' | 'relative-geo';

interface Plan {
  readonly origins: Origins;
  readonly point: PointScore;
  /** log-x horizon after each origin: a number, or 'reach' (the real extrapolation: log(max held-out x / max fit x)) */
  readonly horizon: number | 'reach';
  readonly pool: Pool;
  /** origin weights (default even); below `evenBelow` fit points even regardless */
  readonly weights?: readonly number[] | ((ks: readonly number[], x: readonly number[]) => number[]);
  readonly evenBelow?: number;
}

/** Per law, the plan's back-test figure on one curve (NaN = never scored), with fit cost = origins fitted. */
function planScores(c: CurveRecord, fits: PrefixFits, plan: Plan): { score: Record<string, number>; cost: number } {
  const laws = Object.keys(c.score);
  const x = c.btX;
  const n = x.length;
  const ks = n >= 2 ? plan.origins(x) : [];
  const h = plan.horizon === 'reach' ? (Number.isFinite(c.reach) ? c.reach : Infinity) : plan.horizon;
  // per origin and law: the score (null = origin not taken or law not fitted there)
  const per: (Record<string, number | null> | null)[] = ks.map((k) => {
    if (k < MIN_PREFIX || k >= n || !fits[k]) return null;
    const row: Record<string, number | null> = {};
    const lx = Math.log(x[k - 1]);
    const dist = x.slice(k).map((v) => Math.log(v) - lx);
    const ly = c.btY.slice(k).map(Math.log);
    for (const id of laws) {
      const lp = fits[k][id];
      if (!lp) {
        row[id] = null;
        continue;
      }
      const s = plan.point({ err: lp.map((v, j) => ly[j] - v), dist }, h);
      row[id] = Number.isFinite(s) ? s : null;
    }
    return row;
  });
  const cost = new Set(ks.filter((k) => k >= MIN_PREFIX && k < n)).size;
  const even = ks.map(() => 1);
  const w0 = typeof plan.weights === 'function' ? plan.weights(ks, x) : plan.weights ?? even;
  const weights = plan.pool === 'shipped' ? (c.nFit < 50 ? even : [3, 1, 0.5]) : plan.evenBelow !== undefined && c.nFit < plan.evenBelow ? even : w0;
  // relative pools: each origin's scores divided by the best law's there (scale-free)
  const scaled = per.map((row) => {
    if (!row || (plan.pool !== 'relative' && plan.pool !== 'relative-geo')) return row;
    const vals = Object.values(row).filter((v): v is number => v !== null);
    if (vals.length === 0) return row;
    const best = Math.max(Math.min(...vals), 1e-12);
    return Object.fromEntries(Object.entries(row).map(([id, v]) => [id, v === null ? null : Math.max(v, 1e-12) / best]));
  });
  const worst = scaled.map((row) => {
    const vals = row ? Object.values(row).filter((v): v is number => v !== null) : [];
    return vals.length ? Math.max(...vals) : NaN;
  });
  const score: Record<string, number> = {};
  for (const id of laws) {
    const scored = scaled.some((row) => row && row[id] !== null);
    if (!scored) {
      score[id] = NaN;
      continue;
    }
    let s = 0;
    let w = 0;
    scaled.forEach((row, i) => {
      if (!row) return;
      const v = row[id] ?? (Number.isFinite(worst[i]) ? MISSING_PENALTY * worst[i] : null);
      if (v === null) return;
      const t = plan.pool === 'relative-geo' ? Math.log(v) : v;
      [s, w] = [s + weights[i] * t, w + weights[i]];
    });
    score[id] = w > 0 ? (plan.pool === 'relative-geo' ? Math.exp(s / w) : s / w) : NaN;
  }
  return { score, cost };
}

/** auto's combining rule, unchanged: the 3 best by `score`, flat joining within 1.25× the best. */
const autoOn = (score: Record<string, number>, c: CurveRecord): string[] => {
  const r = topK(3)({ ...c, score });
  const fin = Object.values(score).filter(Number.isFinite);
  if (fin.length === 0) return r;
  const best = Math.min(...fin);
  return !r.includes('flat') && score.flat <= 1.25 * best ? [...r, 'flat'] : r;
};

// ---- run ---------------------------------------------------------------------------------------

const tasks = loadTasks();
const prefixFits = loadPrefixFits(tasks);
const fitsOf = new Map<CurveRecord, PrefixFits>();
tasks.forEach((t, i) => t.recs.forEach((c, j) => fitsOf.set(c, prefixFits[i][j])));

const INF = Infinity;
const LN2 = Math.log(2);
const PLANS: Record<string, Plan> = {
  shipped: { origins: shippedOrigins, point: allPoints, horizon: INF, pool: 'shipped' },
  'ship even': { origins: shippedOrigins, point: allPoints, horizon: INF, pool: 'mean' },
  'ship rel': { origins: shippedOrigins, point: allPoints, horizon: INF, pool: 'relative' },
  'ship end.5': { origins: shippedOrigins, point: endPoints(0.5), horizon: INF, pool: 'shipped' },
  'ship d1': { origins: shippedOrigins, point: distWeighted(1), horizon: INF, pool: 'shipped' },
  'roll6 0.4-0.9 all': { origins: fractionOrigins(6, 0.4, 0.9), point: allPoints, horizon: INF, pool: 'mean' },
  'roll6 0.4-0.9 h=ln2 rel': { origins: fractionOrigins(6, 0.4, 0.9), point: allPoints, horizon: LN2, pool: 'relative' },
};
const RATIO_SETS: Record<string, number[]> = {
  'r1.25': [1.25],
  'r1.25,1.5': [1.25, 1.5],
  'r1.25-2': [1.25, 1.5, 2],
  'r1.25-3': [1.25, 1.5, 2, 3],
  'r1.1-3': [1.1, 1.25, 1.5, 2, 3],
  'r1.2-3': [1.2, 1.5, 2, 3],
  'r1.33-3': [1.33, 1.5, 2, 3],
  'r1.25-4': [1.25, 1.5, 2, 3, 4],
  'r1.25-2.5': [1.25, 1.5, 2, 2.5, 3],
  'r1.25-3 dense': [1.25, 1.5, 1.75, 2, 2.5, 3],
  'r1.2-3 dense': [1.2, 1.33, 1.5, 1.75, 2, 2.5, 3],
  'r1.1-2': [1.1, 1.25, 1.5, 2],
  'g1.25×3': geo(1.25, 3),
  'g1.25×4': geo(1.25, 4),
  'g1.25×5': geo(1.25, 5),
  'g1.25×6': geo(1.25, 6),
  'g1.5×3': geo(1.5, 3),
  'g1.5×4': geo(1.5, 4),
};
{
  const o = ratioOrigins([1.25, 1.5, 2, 3]);
  PLANS['r1.25-3 w3310 n<50'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [3, 3, 1, 0.5], evenBelow: 50 };
  PLANS['r1.25-3 w3310'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [3, 3, 1, 0.5] };
  PLANS['r1.25-3 w1/logr'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [1.25, 1.5, 2, 3].map((r) => 1 / Math.log(r)) };
  PLANS['r1.25-3 w1/logr n<50'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [1.25, 1.5, 2, 3].map((r) => 1 / Math.log(r)), evenBelow: 50 };
  PLANS['r1.25-3 w4310 n<50'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [4, 3, 1, 0.5], evenBelow: 50 };
  PLANS['r1.25-3 w1310 n<50'] = { origins: o, point: allPoints, horizon: INF, pool: 'mean', weights: [1, 3, 1, 0.5], evenBelow: 50 };
}
{
  // below 50 fit points the four cuts 1.25 … 3 evenly; from 50 on the shipped cuts and weights
  const four = ratioOrigins([1.25, 1.5, 2, 3]);
  PLANS['short +1.25'] = { origins: (x) => (x.length < 50 ? four(x) : shippedOrigins(x)), point: allPoints, horizon: INF, pool: 'mean', weights: (ks) => (ks.length === 3 ? [3, 1, 0.5] : ks.map(() => 1)), evenBelow: 50 };
}
for (const [tag, rs] of Object.entries(RATIO_SETS)) {
  const o = ratioOrigins(rs);
  PLANS[`${tag} all`] = { origins: o, point: allPoints, horizon: INF, pool: 'mean' };
  PLANS[`${tag} all rel`] = { origins: o, point: allPoints, horizon: INF, pool: 'relative' };
  PLANS[`${tag} end.5`] = { origins: o, point: endPoints(0.5), horizon: INF, pool: 'mean' };
  PLANS[`${tag} d1`] = { origins: o, point: distWeighted(1), horizon: INF, pool: 'mean' };
  if (tag.startsWith('g')) {
    const rho = rs[0];
    // rolling origins, each scored on the next ×rho window only (fixed horizon)
    PLANS[`${tag} h=win`] = { origins: o, point: allPoints, horizon: Math.log(rho), pool: 'mean' };
    PLANS[`${tag} h=win rel`] = { origins: o, point: allPoints, horizon: Math.log(rho), pool: 'relative' };
    PLANS[`${tag} h=ln2`] = { origins: o, point: allPoints, horizon: LN2, pool: 'mean' };
    PLANS[`${tag} h=reach`] = { origins: o, point: allPoints, horizon: 'reach', pool: 'mean' };
  }
}

const costs: Record<string, number[]> = {};
const RULES: Record<string, Combiner> = {};
for (const [name, plan] of Object.entries(PLANS)) {
  const memo = new Map<CurveRecord, string[]>();
  costs[name] = [];
  for (const t of tasks)
    for (const c of t.recs) {
      const { score, cost } = planScores(c, fitsOf.get(c)!, plan);
      costs[name].push(cost);
      memo.set(c, Number.isFinite(Math.min(...Object.values(score).filter(Number.isFinite))) ? autoOn(score, c) : topK(1)({ ...c, score }));
    }
  RULES[name] = equal((c) => memo.get(c)!);
}
// sanity: the shipped plan rebuilt from the prefix fits is the records' own rule
const shippedFromRecords: Combiner = equal((c) => {
  const s = c.nFit < 50 ? planScores(c, fitsOf.get(c)!, PLANS['ship even']).score : c.score;
  return autoOn(s, c);
});
RULES['shipped (records)'] = shippedFromRecords;

/**
 * The family the LOSO report picks from: one plan per idea (shipped; a 4th, shorter cut with even
 * weights; six ratio origins; rolling origins in log x with a fixed ln 2 horizon; origins spread
 * over the log-x span, scale-free; end-of-rehearsal and distance-weighted errors; scale-free
 * pooling of the shipped cuts; the 4th cut on short curves only). FAMILY='a|b|…' picks another;
 * every plan is listed in the all-sets ranking.
 */
const IDEAS = ['shipped', 'r1.25-3 all', 'r1.25-3 dense all', 'g1.25×5 h=ln2', 'roll6 0.4-0.9 h=ln2 rel', 'ship end.5', 'ship d1', 'ship rel', 'short +1.25'];
const family = process.env.FAMILY ? process.env.FAMILY.split('|') : IDEAS;
looReport(tasks, RULES, family);
const base = costs.shipped.reduce((s, v) => s + v, 0);
console.log('\nfit cost (prefix fits per curve, all curves; ratio to shipped):');
for (const [name, v] of Object.entries(costs)) {
  const tot = v.reduce((s, x) => s + x, 0);
  console.log(`  ${name.padEnd(24)} ${(tot / v.length).toFixed(2)}  ×${(tot / base).toFixed(2)}`);
}

// per task, the named plans side by side (same run): auto's mean held-out RMSLE and its ratio to the shipped plan's
const SHOW = (process.env.SHOW ?? 'shipped|r1.25-3 all').split('|');
console.log(`\nper task: ${SHOW.join(' | ')} (ratio to the first)`);
for (const t of tasks) {
  const f = SHOW.map((r) => taskFigures(t, RULES[r]).auto);
  console.log(`  ${`${t.set} ${t.split}`.padEnd(24)} ${f.map((v) => `${v.toFixed(5)} (${(v / f[0]).toFixed(3)})`).join('  ')}`);
}

// per curve: how often the second plan's choice beats / loses to the first's on held-out RMSLE (a sign test), per task
if (SHOW.length > 1) {
  console.log(`\nper curve, ${SHOW[1]} vs ${SHOW[0]}: better / worse / same (>0.5% apart), geometric mean of the ratio`);
  let [b, w, n] = [0, 0, 0];
  for (const t of tasks) {
    let [tb, tw, ts, lg, m] = [0, 0, 0, 0, 0];
    for (const c of t.recs) {
      if (c.logY.length === 0) continue;
      const a = ruleScore(c, RULES[SHOW[0]](c));
      const z = ruleScore(c, RULES[SHOW[1]](c));
      if (!Number.isFinite(a) || !Number.isFinite(z)) continue;
      if (z < a * 0.995) tb++;
      else if (z > a * 1.005) tw++;
      else ts++;
      lg += Math.log(z / a);
      m++;
    }
    [b, w, n] = [b + tb, w + tw, n + m];
    console.log(`  ${`${t.set} ${t.split}`.padEnd(24)} ${tb} / ${tw} / ${ts}   ${Math.exp(lg / Math.max(1, m)).toFixed(4)}`);
  }
  console.log(`  all: ${b} better, ${w} worse of ${n}`);
}

/**
 * The leave-one-set-out figures as one number: per set, the family's rule chosen on the other sets,
 * scored on the set left out; mean over tasks of auto ÷ min(best single, last value, E+A·x^-a),
 * beside the shipped rule's, and each set's change (the shipping test: the LOSO ratio improves, no
 * set worse by more than 2%, no more missed cells).
 */
function looSummary(family: readonly string[]): void {
  const sets = [...new Set(tasks.map((t) => t.set))];
  const figs = new Map<string, ReturnType<typeof taskFigures>>();
  const fig = (t: Task, r: string) => {
    const key = `${t.set}|${t.split}|${r}`;
    if (!figs.has(key)) figs.set(key, taskFigures(t, RULES[r]));
    return figs.get(key)!;
  };
  const ratio = (t: Task, r: string): number => {
    const f = fig(t, r);
    return f.auto / Math.min(f.best, f.last, f.pl);
  };
  const loss = (r: string, ex: string): number => {
    const ts = tasks.filter((t) => t.set !== ex);
    return ts.reduce((s, t) => s + ratio(t, r), 0) / ts.length;
  };
  let [sl, ss, ml, ms] = [0, 0, 0, 0];
  const picks: Record<string, number> = {};
  console.log(`\nLOSO summary, family of ${family.length}: per task, the left-out figure vs shipped`);
  for (const set of sets) {
    const r = [...family].sort((a, b) => loss(a, set) - loss(b, set))[0];
    picks[r] = (picks[r] ?? 0) + 1;
    for (const t of tasks.filter((x) => x.set === set)) {
      const [a, b] = [fig(t, r), fig(t, 'shipped')];
      const ma = meets(t, a);
      const mb = meets(t, b);
      [sl, ss, ml, ms] = [sl + ratio(t, r), ss + ratio(t, 'shipped'), ml + (ma ? 0 : 1), ms + (mb ? 0 : 1)];
      console.log(`  ${`${t.set} ${t.split}`.padEnd(24)} ${r.padEnd(22)} ${a.auto.toFixed(5)} vs ${b.auto.toFixed(5)}  ×${(a.auto / b.auto).toFixed(3)}  ${ma ? 'met' : 'missed'}/${mb ? 'met' : 'missed'}`);
    }
  }
  console.log(`  picks: ${Object.entries(picks).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  console.log(`  all sets LOSO ${(sl / tasks.length).toFixed(4)} (misses ${ml}) vs shipped ${(ss / tasks.length).toFixed(4)} (misses ${ms})`);
}
looSummary(family);
// the one change that beat shipped on the other sets in every fold: a 4th cut at 1.25, even weights
looSummary(['shipped', 'r1.25-3 all']);

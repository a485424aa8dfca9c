// How auto combines back-tested laws, chosen leave-one-set-out: every rule below is applied to the
// same fits (back-test scores and held-out predictions of every candidate, per curve), the sets
// being the RNSL domains (their Training split) and the real-curve corpus (first 50% and 25%).
// For each set, the rule that does best on the *other* sets (mean over their tasks of auto's mean
// held-out RMSLE divided by the lowest of the best single candidate's and the two naive baselines')
// is scored on the set left out; that figure is the honest one for a set. Beside it: the naive
// baselines and two hindsight bounds (best candidate per curve, best equal-weight average of ≤ 3
// per curve, both picked with the held-out points): a cell whose bound is above the target is out
// of reach of any rule that picks or averages these fits. Also: which candidate does best on short fit prefixes
// (the fallback when nothing can be back-tested).
import { analyzeCurve, logBinned } from '../src/core/analyze';
import { backtest, DEFAULT_CUT_WEIGHTS, MISSING_PENALTY } from '../src/core/backtest';
import { findSpikes } from '../src/core/spikes';
import { prepareCurve } from '../src/core/validate';
import { SHORT_CURVE_FALLBACK } from '../src/core/auto';
import type { Point } from '../src/core/analysis';
import { domainSettings } from '../src/core/benchmark';
import { AUTO_CANDIDATES, getLaw } from '../src/core/laws/index';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { corpusCurves } from './realCurvesData';
import { naivePowerLaw } from './realCurvesEval';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

interface CurveRecord {
  /** back-test score per candidate (NaN = none) */
  readonly score: Record<string, number>;
  /** back-test RMSLE per candidate and cut (null = not taken) */
  readonly perCut: Record<string, (number | null)[]>;
  /** held-out log predictions per fitted candidate */
  readonly logPred: Record<string, number[]>;
  readonly logY: number[];
  readonly nFit: number;
  /** how far past the fit points the held-out points reach: log(max held-out x / max fit x) */
  readonly reach: number;
  /** held-out log predictions of the two naive baselines (last fit value flat; E + A·x^−a), null = failed */
  readonly naive: Record<string, number[] | null>;
}

function record(points: readonly Point[], opts: Parameters<typeof analyzeCurve>[1]): CurveRecord {
  const a = analyzeCurve(points, { ...opts, laws: AUTO_CANDIDATES, seed: 1 });
  const score: Record<string, number> = {};
  const logPred: Record<string, number[]> = {};
  for (const e of a.estimators) {
    if (!e.fit || !AUTO_CANDIDATES.includes(e.law)) continue;
    score[e.law] = e.backtest?.rmsle ?? NaN;
    const law = getLaw(e.law);
    logPred[e.law] = a.heldOutPoints.map((p) => Math.log(law.predict(e.fit!.params, p.x)));
  }
  // the same curve analyze fits (spikes left out, long curves log-binned), back-tested again to keep every cut's score
  const perCut: Record<string, (number | null)[]> = {};
  try {
    const c = prepareCurve(a.fitPoints.map((p) => p.x), a.fitPoints.map((p) => p.y), 2, 'curve');
    const sp = findSpikes(c.y);
    const keep = (_: number, i: number): boolean => !sp.includes(i);
    const cv = logBinned(c.x.filter(keep), c.y.filter(keep), 300);
    const plan = { seed: 1, weights: DEFAULT_CUT_WEIGHTS, ...(opts?.upperBound ? { upperBound: opts.upperBound } : {}) };
    for (const [id, b] of backtest(Object.keys(score), cv.x, cv.y, plan)) {
      perCut[id] = b.perCut.map((v) => v?.rmsle ?? null);
    }
  } catch {
    // too short to prepare: no cuts
  }
  // every rule starts from the fixed default cut weights (auto may weight otherwise; see cutWeightsFor)
  for (const id of Object.keys(perCut)) score[id] = reweighted({ perCut } as CurveRecord, DEFAULT_CUT_WEIGHTS)[id];
  const maxX = (ps: readonly Point[]): number => Math.max(...ps.map((p) => p.x));
  const reach = a.heldOutPoints.length > 0 && a.fitPoints.length > 0 ? Math.log(maxX(a.heldOutPoints) / maxX(a.fitPoints)) : NaN;
  const fp = [...a.fitPoints].sort((p, q) => p.x - q.x);
  const pl = fp.length >= 3 ? naivePowerLaw(fp) : null;
  const naive: Record<string, number[] | null> = {
    'last-value': fp.length > 0 ? a.heldOutPoints.map(() => Math.log(fp[fp.length - 1].y)) : null,
    'E+A·x^-a': pl ? a.heldOutPoints.map((p) => Math.log(pl(p.x))) : null,
  };
  return { score, perCut, logPred, logY: a.heldOutPoints.map((p) => Math.log(p.y)), nFit: a.fitPoints.length, reach, naive };
}

type Rule = (c: CurveRecord) => string[];
const FALLBACK = SHORT_CURVE_FALLBACK;
const ranked = (c: CurveRecord): string[] =>
  Object.keys(c.score).filter((id) => Number.isFinite(c.score[id])).sort((a, b) => c.score[a] - c.score[b]);
const topK = (k: number): Rule => (c) => {
  const r = ranked(c);
  if (r.length > 0) return r.slice(0, k);
  const f = FALLBACK.find((id) => id in c.logPred);
  return f ? [f] : [];
};
/** scores re-weighted over the cuts (a missing cut charged as in core/backtest.ts) */
function reweighted(c: CurveRecord, w: readonly number[]): Record<string, number> {
  const ids = Object.keys(c.perCut);
  const worst = w.map((_, k) => Math.max(...ids.map((id) => c.perCut[id][k] ?? -Infinity)));
  const out: Record<string, number> = {};
  for (const id of ids) {
    const pc = c.perCut[id];
    if (!pc.some((v) => v !== null)) {
      out[id] = NaN;
      continue;
    }
    let s = 0;
    let ws = 0;
    pc.forEach((v, k) => {
      if (v !== null) [s, ws] = [s + w[k] * v, ws + w[k]];
      else if (Number.isFinite(worst[k])) [s, ws] = [s + w[k] * MISSING_PENALTY * worst[k], ws + w[k]];
    });
    out[id] = ws > 0 ? s / ws : NaN;
  }
  return out;
}
const topKw = (k: number, w: readonly number[]): Rule => (c) => topK(k)({ ...c, score: reweighted(c, w) });
/** the best k, but only those within `ratio` × the best score */
const within = (k: number, ratio: number): Rule => (c) => {
  const r = topK(k)(c);
  return r.length > 1 ? r.filter((id) => c.score[id] <= ratio * c.score[r[0]]) : r;
};
/**
 * Each law's score per cut, a missing cut charged MISSING_PENALTY × the worst law's score there (as
 * above), reduced to one number by `reduce`; NaN for a law with no cut at all.
 */
function chargedScores(c: CurveRecord, reduce: (sorted: number[]) => number): Record<string, number> {
  const ids = Object.keys(c.perCut);
  const nc = Math.max(0, ...ids.map((id) => c.perCut[id].length));
  const worst = Array.from({ length: nc }, (_, k) => Math.max(...ids.map((id) => c.perCut[id][k] ?? -Infinity)));
  const out: Record<string, number> = {};
  for (const id of ids) {
    const v = c.perCut[id].flatMap((x, k) => (x !== null ? [x] : Number.isFinite(worst[k]) ? [MISSING_PENALTY * worst[k]] : []));
    out[id] = v.length === 0 || !c.perCut[id].some((x) => x !== null) ? NaN : reduce(v.sort((p, q) => p - q));
  }
  return out;
}
/** the cut scores' median instead of their weighted mean */
const medianScores = (c: CurveRecord): Record<string, number> =>
  chargedScores(c, (s) => (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2));
const CUT_RATIOS = [1.5, 2, 3];
/** cut weights from how close each cut's rehearsal (log cut) is to the real extrapolation (log reach) */
const horizon = (k: number, tau: number): Rule => (c) => {
  if (!Number.isFinite(c.reach)) return topK(k)(c);
  const w = CUT_RATIOS.map((r) => Math.exp(-Math.abs(Math.log(r) - c.reach) / tau));
  return topK(k)({ ...c, score: reweighted(c, w) });
};
/** the best k, plus 'flat' when its back-test is within `ratio` × the best (the curve is flattening) */
const plusFlat = (k: number, ratio: number): Rule => (c) => {
  const r = topK(k)(c);
  const best = c.score[ranked(c)[0]];
  return !r.includes('flat') && c.score.flat <= ratio * best ? [...r, 'flat'] : r;
};
/** cut weights by point count: even weights on short fits (each cut is a few points), the default otherwise */
const byCount = (n: number): Rule => (c) => (c.nFit < n ? topKw(3, [1, 1, 1])(c) : topK(3)(c));
/** the worst cut's score (a law must extrapolate well at every rehearsal) */
const maxScores = (c: CurveRecord): Record<string, number> => chargedScores(c, (s) => s[s.length - 1]);
/** sum over cuts of each law's rank there (scale-free: one cut's large errors do not dominate) */
function rankSum(c: CurveRecord): Record<string, number> {
  const ids = Object.keys(c.perCut).filter((id) => c.perCut[id].some((x) => x !== null));
  const nc = Math.max(0, ...ids.map((id) => c.perCut[id].length));
  const out: Record<string, number> = Object.fromEntries(Object.keys(c.perCut).map((id) => [id, NaN]));
  for (const id of ids) out[id] = 0;
  for (let k = 0; k < nc; k++) {
    const order = [...ids].sort((a, b) => (c.perCut[a][k] ?? Infinity) - (c.perCut[b][k] ?? Infinity));
    order.forEach((id, r) => (out[id] += r + 1));
  }
  return out;
}
const RULES: Record<string, Rule> = {
  'top3 w111 n<50 +loglin≤1.25×': (c) => {
    const r = byCount(50)(c);
    const s = c.nFit < 50 ? reweighted(c, [1, 1, 1]) : c.score;
    const best = Math.min(...Object.values(s).filter(Number.isFinite));
    return !r.includes('loglin') && s.loglin <= 1.25 * best ? [...r, 'loglin'] : r;
  },
  'top3 max-cut': (c) => topK(3)({ ...c, score: maxScores(c) }),
  'top3 rank-sum': (c) => topK(3)({ ...c, score: rankSum(c) }),
  'top3 w111 n<50 +flat≤1.25×': (c) => {
    const r = byCount(50)(c);
    const s = c.nFit < 50 ? reweighted(c, [1, 1, 1]) : c.score;
    const best = Math.min(...Object.values(s).filter(Number.isFinite));
    return !r.includes('flat') && s.flat <= 1.25 * best ? [...r, 'flat'] : r;
  },
  top1: topK(1),
  top2: topK(2),
  top3: topK(3),
  top4: topK(4),
  top5: topK(5),
  'top3≤1.5×': within(3, 1.5),
  'top3≤2×': within(3, 2),
  'top4≤2×': within(4, 2),
  'top3 w111': topKw(3, [1, 1, 1]),
  'top3 w121': topKw(3, [1, 2, 1]),
  'top3 w.513': topKw(3, [0.5, 1, 3]),
  'top2 w111': topKw(2, [1, 1, 1]),
  'top4 w111': topKw(4, [1, 1, 1]),
  'top3 median-cut': (c) => topK(3)({ ...c, score: medianScores(c) }),
  'top2 median-cut': (c) => topK(2)({ ...c, score: medianScores(c) }),
  'top3 horizon τ.35': horizon(3, 0.35),
  'top3 horizon τ.7': horizon(3, 0.7),
  'top2 horizon τ.35': horizon(2, 0.35),
  'top3+flat≤1.25×': plusFlat(3, 1.25),
  'top3+flat≤1.5×': plusFlat(3, 1.5),
  'top2+flat≤1.25×': plusFlat(2, 1.25),
  'top3 w111 if n<20': byCount(20),
  'top3 w111 if n<50': byCount(50),
};

/**
 * Weighted rules (weights need not be equal): inverse back-test error and softmax over the scores.
 * Measured beside the equal-weight rules; auto's averages are equal-weight geometric means, so a
 * weighted rule would need a weighted 'avg' law to ship.
 */
type WRule = (c: CurveRecord) => Record<string, number>;
const inverse = (k: number, pw: number): WRule => (c) => {
  const r = ranked(c).slice(0, k);
  if (r.length === 0) return Object.fromEntries(topK(1)(c).map((id) => [id, 1]));
  return Object.fromEntries(r.map((id) => [id, Math.max(c.score[id], 1e-9) ** -pw]));
};
const softmax = (tau: number): WRule => (c) => {
  const r = ranked(c);
  if (r.length === 0) return Object.fromEntries(topK(1)(c).map((id) => [id, 1]));
  const s0 = Math.max(c.score[r[0]], 1e-9);
  return Object.fromEntries(r.map((id) => [id, Math.exp(-(c.score[id] - s0) / (tau * s0))]));
};
const WEIGHTED: Record<string, WRule> = {
  'inv top3 p1': inverse(3, 1),
  'inv top3 p2': inverse(3, 2),
  'inv all p2': inverse(99, 2),
  'softmax τ.25': softmax(0.25),
  'softmax τ.5': softmax(0.5),
};
const ALL: Record<string, WRule> = {
  ...Object.fromEntries(Object.entries(RULES).map(([k, r]) => [k, (c: CurveRecord) => Object.fromEntries(r(c).map((id) => [id, 1]))])),
  ...WEIGHTED,
};

const rmsle = (lp: number[], ly: number[]): number => Math.sqrt(lp.reduce((s, v, i) => s + (v - ly[i]) ** 2, 0) / lp.length);
function ruleScore(c: CurveRecord, w: Record<string, number>): number {
  const ids = Object.keys(w).filter((id) => id in c.logPred && w[id] > 0);
  if (ids.length === 0 || c.logY.length === 0) return NaN;
  const tw = ids.reduce((s, id) => s + w[id], 0);
  const lp = c.logY.map((_, i) => ids.reduce((s, id) => s + w[id] * c.logPred[id][i], 0) / tw);
  return rmsle(lp, c.logY);
}
const one = (id: string): Record<string, number> => ({ [id]: 1 });

// tasks: (set, split) → records. AUTO_RULES_CACHE=file keeps the fits between runs (rules are cheap, fits are not).
type Task = { set: string; split: string; recs: CurveRecord[] };
function computeTasks(): Task[] {
  const out: Task[] = [];
  const rnsl = benchmarkCurves(benchmarkRows());
  for (const d of ['IC', 'NMT', 'LM', 'BB']) {
    const recs = rnsl.filter((g) => g[0].domain === d).map((g) => record(g, { trainMask: g.map((r) => r.training), ...domainSettings(d) }));
    out.push({ set: `RNSL ${d}`, split: 'Training', recs });
  }
  const corpus = corpusCurves();
  for (const frac of [0.5, 0.25]) {
    for (const set of [...new Set(corpus.map((c) => c.set))]) {
      const recs = corpus.filter((c) => c.set === set).map((c) => {
        const xs = [...new Set(c.points.map((p) => p.x))].sort((a, b) => a - b);
        return record(c.points, { fitUntil: xs[Math.max(1, Math.floor(xs.length * frac)) - 1] });
      });
      out.push({ set, split: `${frac * 100}%`, recs });
    }
  }
  return out;
}
const cacheFile = process.env.AUTO_RULES_CACHE;
const tasks: Task[] = cacheFile && existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Task[]) : computeTasks();
if (cacheFile && !existsSync(cacheFile)) writeFileSync(cacheFile, JSON.stringify(tasks));

/** Per task: mean over curves every candidate and both baselines fitted, of auto-by-rule, each single candidate, the baselines, hindsight bounds. */
function taskFigures(t: Task, rule: WRule) {
  const ok = t.recs.filter((c) => AUTO_CANDIDATES.every((id) => id in c.logPred) && c.logY.length > 0 && c.naive['E+A·x^-a'] && c.naive['last-value']);
  const use = ok.length > 0 ? ok : t.recs.filter((c) => c.logY.length > 0);
  const mean = (f: (c: CurveRecord) => number): number => use.reduce((s, c) => s + f(c), 0) / use.length;
  const auto = mean((c) => ruleScore(c, rule(c)));
  let best = Infinity;
  let bestId = '';
  for (const id of AUTO_CANDIDATES) {
    if (!use.every((c) => id in c.logPred)) continue;
    const m = mean((c) => ruleScore(c, one(id)));
    if (m < best) [best, bestId] = [m, id];
  }
  const naive = (k: string): number => mean((c) => (c.naive[k] ? rmsle(c.naive[k]!, c.logY) : NaN));
  const last = naive('last-value');
  const pl = naive('E+A·x^-a');
  // hindsight (sees the held-out points): the best candidate per curve, the best equal-weight average of ≤ 3 per curve
  const avail = (c: CurveRecord): string[] => AUTO_CANDIDATES.filter((id) => id in c.logPred);
  const single = mean((c) => Math.min(...avail(c).map((id) => ruleScore(c, one(id)))));
  const avg3 = mean((c) => {
    const ids = avail(c);
    let m = Infinity;
    for (let i = 0; i < ids.length; i++)
      for (let j = i; j < ids.length; j++)
        for (let k = j; k < ids.length; k++) m = Math.min(m, ruleScore(c, { [ids[i]]: 1, [ids[j]]: 1, [ids[k]]: 1 }));
    return m;
  });
  return { auto, best, bestId, last, pl, single, avg3, n: use.length };
}

const sets = [...new Set(tasks.map((t) => t.set))];
// the target: auto at or below the best single candidate and both naive baselines; a rule is charged its ratio to the lowest of those
const figCache = new Map<string, ReturnType<typeof taskFigures>>();
const fig = (t: Task, rule: string): ReturnType<typeof taskFigures> => {
  const key = `${t.set}|${t.split}|${rule}`;
  let f = figCache.get(key);
  if (!f) figCache.set(key, (f = taskFigures(t, ALL[rule])));
  return f;
};
const loss = (rule: string, exclude: string): number => {
  const ts = tasks.filter((t) => t.set !== exclude);
  return ts.reduce((s, t) => {
    const f = fig(t, rule);
    return s + f.auto / Math.min(f.best, f.last, f.pl);
  }, 0) / ts.length;
};
const RNSL_PINS: Record<string, number> = { 'RNSL IC': 0.0316, 'RNSL NMT': 0.0109, 'RNSL LM': 0.00077, 'RNSL BB': 0.008 / 1.05 };
// RNSL's target is to stay within 5% of the pinned figures (BB: the open ≤ 0.008); the corpus's, at or below the best single and both baselines
const meets = (t: Task, f: ReturnType<typeof taskFigures>): boolean =>
  RNSL_PINS[t.set] !== undefined ? f.auto <= RNSL_PINS[t.set] * 1.05 : f.auto <= f.best && f.auto <= f.last && f.auto <= f.pl;
const family = process.env.WEIGHTED ? Object.keys(ALL) : Object.keys(RULES);
console.log(`rule family: ${family.length} rules${process.env.WEIGHTED ? ' (incl. weighted)' : ' (equal-weight; WEIGHTED=1 adds weighted rules)'}`);
console.log('rule chosen on the other sets → figures on the set left out (mean held-out RMSLE; bounds use the held-out points)');
console.log('set            split     rule                  auto     best candidate   last-val  E+A·x^-a  | hindsight single  avg≤3   target');
for (const set of sets) {
  const rule = [...family].sort((a, b) => loss(a, set) - loss(b, set))[0];
  for (const t of tasks.filter((x) => x.set === set)) {
    const f = fig(t, rule);
    const met = meets(t, f);
    console.log(
      `${set.padEnd(14)} ${t.split.padEnd(9)} ${rule.padEnd(20)} ${f.auto.toFixed(5)}  ${f.best.toFixed(5)} ${f.bestId.padEnd(7)} ${f.last.toFixed(5)}   ${f.pl.toFixed(5)} | ${f.single.toFixed(5)} ${f.avg3.toFixed(5)}  ${met ? 'met' : 'missed'}`,
    );
  }
}
console.log('\nall sets (auto ÷ min(best single, last value, E+A·x^-a), mean over tasks; lower is better):');
for (const r of Object.keys(ALL).sort((a, b) => loss(a, '') - loss(b, ''))) {
  const missed = tasks.filter((t) => !meets(t, fig(t, r)));
  console.log(`  ${r.padEnd(20)} ${loss(r, '').toFixed(4)}  misses ${missed.length}: ${missed.map((t) => `${t.set} ${t.split}`).join(', ')}`);
}

// short fit prefixes: which candidate extrapolates best when a curve has few fit points
const short = tasks.flatMap((t) => t.recs).filter((c) => c.nFit <= 8 && c.logY.length > 0);
console.log(`\nshort fit prefixes (≤ 8 fit points, ${short.length} curves): mean held-out RMSLE over those each candidate fitted`);
for (const id of AUTO_CANDIDATES) {
  const v = short.filter((c) => id in c.logPred).map((c) => ruleScore(c, one(id)));
  console.log(`  ${id.padEnd(8)} ${(v.reduce((s, x) => s + x, 0) / v.length).toFixed(4)} over ${v.length}`);
}

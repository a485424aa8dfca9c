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
import { AUTO_CANDIDATES } from '../src/core/laws/index';
import { chargedScores, equal, loadTasks, looReport, one, ranked, reweighted, ruleScore, topK, type Combiner, type CurveRecord, type Rule } from './autoRecords';

const topKw = (k: number, w: readonly number[]): Rule => (c) => topK(k)({ ...c, score: reweighted(c, w) });
/** the best k, but only those within `ratio` × the best score */
const within = (k: number, ratio: number): Rule => (c) => {
  const r = topK(k)(c);
  return r.length > 1 ? r.filter((id) => c.score[id] <= ratio * c.score[r[0]]) : r;
};
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
const ALL: Record<string, Combiner> = {
  ...Object.fromEntries(Object.entries(RULES).map(([k, r]) => [k, equal(r)])),
  ...WEIGHTED,
};


const tasks = loadTasks();
looReport(tasks, ALL, process.env.WEIGHTED ? Object.keys(ALL) : Object.keys(RULES));
// short fit prefixes: which candidate extrapolates best when a curve has few fit points
const short = tasks.flatMap((t) => t.recs).filter((c) => c.nFit <= 8 && c.logY.length > 0);
console.log(`\nshort fit prefixes (≤ 8 fit points, ${short.length} curves): mean held-out RMSLE over those each candidate fitted`);
for (const id of AUTO_CANDIDATES) {
  const v = short.filter((c) => id in c.logPred).map((c) => ruleScore(c, one(id)));
  console.log(`  ${id.padEnd(8)} ${(v.reduce((s, x) => s + x, 0) / v.length).toFixed(4)} over ${v.length}`);
}

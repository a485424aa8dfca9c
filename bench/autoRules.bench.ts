// How auto combines back-tested laws, chosen leave-one-set-out: every rule below is applied to the
// same fits (back-test scores and held-out predictions of every candidate, per curve), the sets
// being the RNSL domains (their Training split) and the real-curve corpus (first 50% and 25%).
// For each set, the rule that does best on the *other* sets (mean over their tasks of auto's mean
// held-out RMSLE divided by the best single candidate's) is scored on the set left out; that
// figure is the honest one for a set. Also: which candidate does best on short fit prefixes
// (the fallback when nothing can be back-tested).
import { analyzeCurve, logBinned } from '../src/core/analyze';
import { backtest, MISSING_PENALTY } from '../src/core/backtest';
import { findSpikes } from '../src/core/spikes';
import { prepareCurve } from '../src/core/validate';
import { SHORT_CURVE_FALLBACK } from '../src/core/auto';
import type { Point } from '../src/core/analysis';
import { domainSettings } from '../src/core/benchmark';
import { AUTO_CANDIDATES, getLaw } from '../src/core/laws/index';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { corpusCurves } from './realCurvesData';

interface CurveRecord {
  /** back-test score per candidate (NaN = none) */
  readonly score: Record<string, number>;
  /** back-test RMSLE per candidate and cut (null = not taken) */
  readonly perCut: Record<string, (number | null)[]>;
  /** held-out log predictions per fitted candidate */
  readonly logPred: Record<string, number[]>;
  readonly logY: number[];
  readonly nFit: number;
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
    for (const [id, b] of backtest(Object.keys(score), cv.x, cv.y, { seed: 1, ...(opts?.upperBound ? { upperBound: opts.upperBound } : {}) })) {
      perCut[id] = b.perCut.map((v) => v?.rmsle ?? null);
    }
  } catch {
    // too short to prepare: no cuts
  }
  return { score, perCut, logPred, logY: a.heldOutPoints.map((p) => Math.log(p.y)), nFit: a.fitPoints.length };
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
const RULES: Record<string, Rule> = {
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
};

const rmsle = (lp: number[], ly: number[]): number => Math.sqrt(lp.reduce((s, v, i) => s + (v - ly[i]) ** 2, 0) / lp.length);
function ruleScore(c: CurveRecord, ids: string[]): number {
  if (ids.length === 0 || c.logY.length === 0) return NaN;
  const lp = c.logY.map((_, i) => ids.reduce((s, id) => s + c.logPred[id][i], 0) / ids.length);
  return rmsle(lp, c.logY);
}

// tasks: (set, split) → records
const tasks: { set: string; split: string; recs: CurveRecord[] }[] = [];
const rnsl = benchmarkCurves(benchmarkRows());
for (const d of ['IC', 'NMT', 'LM', 'BB']) {
  const recs = rnsl.filter((g) => g[0].domain === d).map((g) => record(g, { trainMask: g.map((r) => r.training), ...domainSettings(d) }));
  tasks.push({ set: `RNSL ${d}`, split: 'Training', recs });
}
const corpus = corpusCurves();
for (const frac of [0.5, 0.25]) {
  for (const set of [...new Set(corpus.map((c) => c.set))]) {
    const recs = corpus.filter((c) => c.set === set).map((c) => {
      const xs = [...new Set(c.points.map((p) => p.x))].sort((a, b) => a - b);
      return record(c.points, { fitUntil: xs[Math.max(1, Math.floor(xs.length * frac)) - 1] });
    });
    tasks.push({ set, split: `${frac * 100}%`, recs });
  }
}

/** Per task: mean over curves every candidate fitted of auto-by-rule and of each single candidate. */
function taskFigures(t: (typeof tasks)[number], rule: Rule): { auto: number; best: number; bestId: string } {
  const ok = t.recs.filter((c) => AUTO_CANDIDATES.every((id) => id in c.logPred) && c.logY.length > 0);
  const use = ok.length > 0 ? ok : t.recs.filter((c) => c.logY.length > 0);
  const mean = (f: (c: CurveRecord) => number): number => use.reduce((s, c) => s + f(c), 0) / use.length;
  const auto = mean((c) => ruleScore(c, rule(c)));
  let best = Infinity;
  let bestId = '';
  for (const id of AUTO_CANDIDATES) {
    if (!use.every((c) => id in c.logPred)) continue;
    const m = mean((c) => ruleScore(c, [id]));
    if (m < best) [best, bestId] = [m, id];
  }
  return { auto, best, bestId };
}

const sets = [...new Set(tasks.map((t) => t.set))];
const loss = (rule: string, exclude: string): number => {
  const ts = tasks.filter((t) => t.set !== exclude);
  return ts.reduce((s, t) => {
    const f = taskFigures(t, RULES[rule]);
    return s + f.auto / f.best;
  }, 0) / ts.length;
};
console.log('rule chosen on the other sets → figures on the set left out (mean held-out RMSLE)');
console.log('set            split     rule         auto    best candidate');
for (const set of sets) {
  const rule = Object.keys(RULES).sort((a, b) => loss(a, set) - loss(b, set))[0];
  for (const t of tasks.filter((x) => x.set === set)) {
    const f = taskFigures(t, RULES[rule]);
    console.log(`${set.padEnd(14)} ${t.split.padEnd(9)} ${rule.padEnd(12)} ${f.auto.toFixed(5)} ${f.best.toFixed(5)} ${f.bestId}`);
  }
}
console.log('\nall sets (relative to the best single candidate, mean over tasks):');
for (const r of Object.keys(RULES)) console.log(`  ${r}: ${loss(r, '').toFixed(4)}`);

// short fit prefixes: which candidate extrapolates best when a curve has few fit points
const short = tasks.flatMap((t) => t.recs).filter((c) => c.nFit <= 8 && c.logY.length > 0);
console.log(`\nshort fit prefixes (≤ 8 fit points, ${short.length} curves): mean held-out RMSLE over those each candidate fitted`);
for (const id of AUTO_CANDIDATES) {
  const v = short.filter((c) => id in c.logPred).map((c) => ruleScore(c, [id]));
  console.log(`  ${id.padEnd(8)} ${(v.reduce((s, x) => s + x, 0) / v.length).toFixed(4)} over ${v.length}`);
}

// The shared harness of the auto-rule benches: per curve, every candidate's back-test (score per
// cut and the cut's predictions) and held-out predictions, for the RNSL domains (their Training
// split) and the real-curve corpus (first 50% and 25%); a rule (which candidates to average, with
// what weights, or a prediction of its own) is scored leave-one-set-out against the best single
// candidate, the two naive baselines and two hindsight bounds (best candidate per curve, best
// equal-weight average of ≤ 3 per curve, both picked with the held-out points).
import { analyzeCurve } from '../src/core/analyze';
import { logBinned } from '../src/core/fitCurve';
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

export interface CurveRecord {
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
  /** The curve the back-tests ran on (fit points, spikes left out, long curves log-binned): rules may re-run backtest() on it with other cuts. */
  readonly btX: number[];
  readonly btY: number[];
  /** held-out x, in the order of logY */
  readonly heldX: number[];
  /** per candidate and cut: the back-test's predictions of the points after that cut's prefix (null = cut not taken) */
  readonly cutPred: Record<string, (CutPrediction | null)[]>;
}

/** One back-test cut of one law: log predictions and log observations of the points after the prefix, and their distance log(x/x_prefix_max). */
export interface CutPrediction {
  readonly logPred: number[];
  readonly logY: number[];
  readonly distance: number[];
}

export function record(points: readonly Point[], opts: Parameters<typeof analyzeCurve>[1]): CurveRecord {
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
  const cutPred: Record<string, (CutPrediction | null)[]> = {};
  let btX: number[] = [];
  let btY: number[] = [];
  try {
    const c = prepareCurve(a.fitPoints.map((p) => p.x), a.fitPoints.map((p) => p.y), 2, 'curve');
    const sp = findSpikes(c.y);
    const keep = (_: number, i: number): boolean => !sp.includes(i);
    const cv = logBinned(c.x.filter(keep), c.y.filter(keep), 300);
    const plan = { seed: 1, weights: DEFAULT_CUT_WEIGHTS, ...(opts?.upperBound ? { upperBound: opts.upperBound } : {}) };
    [btX, btY] = [Array.from(cv.x), Array.from(cv.y)];
    for (const [id, b] of backtest(Object.keys(score), cv.x, cv.y, plan)) {
      perCut[id] = b.perCut.map((v) => v?.rmsle ?? null);
      cutPred[id] = b.perCut.map((v, k) => {
        if (v === null) return null;
        const rs = (b.residuals ?? []).filter((r) => r.cut === k);
        return { logPred: rs.map((r) => r.logPred), logY: rs.map((r) => r.logY), distance: rs.map((r) => r.distance) };
      });
    }
  } catch {
    // too short to prepare: no cuts
  }
  // every rule starts from the fixed default cut weights (auto may weight otherwise; see cutWeightsFor)
  for (const id of Object.keys(perCut)) score[id] = reweighted({ perCut } as CurveRecord, DEFAULT_CUT_WEIGHTS)[id];
  const maxX = (ps: readonly Point[]): number => Math.max(...ps.map((p) => p.x));
  const reach = a.heldOutPoints.length > 0 && a.fitPoints.length > 0 ? Math.log(maxX(a.heldOutPoints) / maxX(a.fitPoints)) : NaN;
  // the naive baselines see every fit point, a log's warmup too (as bench/realCurvesEval.ts)
  const fp = [...(a.warmupPoints ?? []), ...a.fitPoints].sort((p, q) => p.x - q.x);
  const pl = fp.length >= 3 ? naivePowerLaw(fp) : null;
  const naive: Record<string, number[] | null> = {
    'last-value': fp.length > 0 ? a.heldOutPoints.map(() => Math.log(fp[fp.length - 1].y)) : null,
    'E+A·x^-a': pl ? a.heldOutPoints.map((p) => Math.log(pl(p.x))) : null,
  };
  const logY = a.heldOutPoints.map((p) => Math.log(p.y));
  const heldX = a.heldOutPoints.map((p) => p.x);
  return { score, perCut, logPred, logY, nFit: a.fitPoints.length, reach, naive, btX, btY, heldX, cutPred };
}


/** A rule's output for one curve: weights over candidates (geometric mean), or a log prediction of the held-out points of its own. */
export type Combiner = (c: CurveRecord) => Record<string, number> | { readonly logPred: readonly number[] };
export type Rule = (c: CurveRecord) => string[];

export const FALLBACK = SHORT_CURVE_FALLBACK;
export const ranked = (c: CurveRecord): string[] =>
  Object.keys(c.score).filter((id) => Number.isFinite(c.score[id])).sort((a, b) => c.score[a] - c.score[b]);
/** the k best back-tests, or the short-curve fallback when none */
export const topK = (k: number): Rule => (c) => {
  const r = ranked(c);
  if (r.length > 0) return r.slice(0, k);
  const f = FALLBACK.find((id) => id in c.logPred);
  return f ? [f] : [];
};
export const equal = (r: Rule): Combiner => (c) => Object.fromEntries(r(c).map((id) => [id, 1]));

export const rmsle = (lp: readonly number[], ly: readonly number[]): number => Math.sqrt(lp.reduce((s, v, i) => s + (v - ly[i]) ** 2, 0) / lp.length);
/** held-out RMSLE of a rule's output on one curve (NaN when it names no fitted candidate) */
export function ruleScore(c: CurveRecord, out: ReturnType<Combiner>): number {
  if ('logPred' in out && Array.isArray(out.logPred)) return c.logY.length === 0 ? NaN : rmsle(out.logPred as number[], c.logY);
  const w = out as Record<string, number>;
  const ids = Object.keys(w).filter((id) => id in c.logPred && w[id] > 0);
  if (ids.length === 0 || c.logY.length === 0) return NaN;
  const tw = ids.reduce((s, id) => s + w[id], 0);
  const lp = c.logY.map((_, i) => ids.reduce((s, id) => s + w[id] * c.logPred[id][i], 0) / tw);
  return rmsle(lp, c.logY);
}
export const one = (id: string): Record<string, number> => ({ [id]: 1 });

/** scores re-weighted over the cuts (a missing cut charged as in core/backtest.ts) */
export function reweighted(c: CurveRecord, w: readonly number[]): Record<string, number> {
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
/**
 * Each law's score per cut, a missing cut charged MISSING_PENALTY × the worst law's score there (as
 * above), reduced to one number by `reduce`; NaN for a law with no cut at all.
 */
export function chargedScores(c: CurveRecord, reduce: (sorted: number[]) => number): Record<string, number> {
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

// tasks: (set, split) → records. AUTO_RULES_CACHE=file keeps the fits between runs (rules are cheap, fits are not).
export type Task = { set: string; split: string; recs: CurveRecord[] };
/** RNSL's Training splits (unless `rnslTraining` is false) and the corpus at `fracs`. */
export function computeTasks(fracs = process.env.AUTO_RULES_FRACS ? process.env.AUTO_RULES_FRACS.split(',').map(Number) : [0.5, 0.25], rnslTraining = true): Task[] {
  const out: Task[] = [];
  const rnsl = rnslTraining ? benchmarkCurves(benchmarkRows()) : [];
  for (const d of rnslTraining ? ['IC', 'NMT', 'LM', 'BB'] : []) {
    const recs = rnsl.filter((g) => g[0].domain === d).map((g) => record(g, { trainMask: g.map((r) => r.training), ...domainSettings(d) }));
    out.push({ set: `RNSL ${d}`, split: 'Training', recs });
  }
  const corpus = corpusCurves();
  // AUTO_RULES_FRACS=0.35,0.65,0.8: the corpus at prefixes no rule was chosen on
  for (const frac of fracs) {
    for (const set of [...new Set(corpus.map((c) => c.set))]) {
      const recs = corpus.filter((c) => c.set === set).map((c) => {
        const xs = [...new Set(c.points.map((p) => p.x))].sort((a, b) => a - b);
        return record(c.points, { fitUntil: xs[Math.max(1, Math.floor(xs.length * frac)) - 1], ...(c.fitFrom !== undefined ? { fitFrom: c.fitFrom } : {}) });
      });
      out.push({ set, split: `${frac * 100}%`, recs });
    }
  }
  return out;
}
/** The tasks, from AUTO_RULES_CACHE when that file exists (written there otherwise). */
export function loadTasks(): Task[] {
  const cacheFile = process.env.AUTO_RULES_CACHE;
  if (cacheFile && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as Task[];
  const tasks = computeTasks();
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(tasks));
  return tasks;
}

/** Per task: mean over curves every candidate and both baselines fitted, of auto-by-rule, each single candidate, the baselines, hindsight bounds. */
export function taskFigures(t: Task, rule: Combiner, hindsight = true) {
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
  const single = hindsight ? mean((c) => Math.min(...avail(c).map((id) => ruleScore(c, one(id))))) : NaN;
  const avg3 = !hindsight ? NaN : mean((c) => {
    const ids = avail(c);
    let m = Infinity;
    for (let i = 0; i < ids.length; i++)
      for (let j = i; j < ids.length; j++)
        for (let k = j; k < ids.length; k++) m = Math.min(m, ruleScore(c, { [ids[i]]: 1, [ids[j]]: 1, [ids[k]]: 1 }));
    return m;
  });
  return { auto, best, bestId, last, pl, single, avg3, n: use.length };
}

export const RNSL_PINS: Record<string, number> = { 'RNSL IC': 0.0316, 'RNSL NMT': 0.0109, 'RNSL LM': 0.00077, 'RNSL BB': 0.008 / 1.05 };
type Figures = ReturnType<typeof taskFigures>;
// RNSL's target is to stay within 5% of the pinned figures (BB: the open ≤ 0.008); the corpus's, at or below the best single and both baselines
export const meets = (t: Task, f: Figures): boolean =>
  RNSL_PINS[t.set] !== undefined ? f.auto <= RNSL_PINS[t.set] * 1.05 : f.auto <= f.best && f.auto <= f.last && f.auto <= f.pl;

/**
 * Prints, for each set, the figures of the rule the *other* sets pick (lowest mean over their tasks
 * of auto ÷ min(best single, last value, E+A·x^−a)), then every rule's all-sets figure and misses.
 * `family` are the rules a fold may pick from; `all` adds rules only listed. Returns the ranking.
 */
export function looReport(tasks: readonly Task[], all: Record<string, Combiner>, family: readonly string[] = Object.keys(all)): string[] {
  const sets = [...new Set(tasks.map((t) => t.set))];
  const figCache = new Map<string, Figures>();
  const fig = (t: Task, rule: string): Figures => {
    const key = `${t.set}|${t.split}|${rule}`;
    let f = figCache.get(key);
    if (!f) figCache.set(key, (f = taskFigures(t, all[rule])));
    return f;
  };
  const loss = (rule: string, exclude: string): number => {
    const ts = tasks.filter((t) => t.set !== exclude);
    return ts.reduce((s, t) => {
      const f = fig(t, rule);
      return s + f.auto / Math.min(f.best, f.last, f.pl);
    }, 0) / ts.length;
  };
  console.log(`rule family: ${family.length} rules`);
  console.log('rule chosen on the other sets → figures on the set left out (mean held-out RMSLE; bounds use the held-out points)');
  console.log('set            split     rule                  auto     best candidate   last-val  E+A·x^-a  | hindsight single  avg≤3   target');
  for (const set of sets) {
    const rule = [...family].sort((a, b) => loss(a, set) - loss(b, set))[0];
    for (const t of tasks.filter((x) => x.set === set)) {
      const f = fig(t, rule);
      console.log(
        `${set.padEnd(14)} ${t.split.padEnd(9)} ${rule.padEnd(20)} ${f.auto.toFixed(5)}  ${f.best.toFixed(5)} ${f.bestId.padEnd(7)} ${f.last.toFixed(5)}   ${f.pl.toFixed(5)} | ${f.single.toFixed(5)} ${f.avg3.toFixed(5)}  ${meets(t, f) ? 'met' : 'missed'}`,
      );
    }
  }
  console.log('\nall sets (auto ÷ min(best single, last value, E+A·x^-a), mean over tasks; lower is better):');
  const order = Object.keys(all).sort((a, b) => loss(a, '') - loss(b, ''));
  for (const r of order) {
    const missed = tasks.filter((t) => !meets(t, fig(t, r)));
    console.log(`  ${r.padEnd(20)} ${loss(r, '').toFixed(4)}  misses ${missed.length}: ${missed.map((t) => `${t.set} ${t.split}`).join(', ')}`);
  }
  return order;
}

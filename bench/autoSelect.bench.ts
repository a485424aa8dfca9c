// Which laws auto averages, by selection rules from model-selection practice with (almost) no tuned
// constants, against the shipped rule in the same run (leave-one-set-out over the RNSL domains and
// the real-curve corpus, bench/autoRecords.ts):
// (a) one-standard-error rule (Breiman): a law's back-test uncertainty is the spread of its per-cut
//     errors (weighted sd / √n_eff); every law within m·SE of the best is kept, then averaged
//     (geometric mean, even weights) or the simplest one is taken; m ∈ {0.5, 1, 2}.
// (b) agreement: the top k by back-test, less those whose extrapolation at the farthest held-out x
//     (no labels: only the x) is farther than c × MAD from the median of the k; k ∈ {3,4,5}, c ∈ {2,3}.
// (c) k per curve by the back-test of the average itself: for k = 1..4 the top-k average is scored
//     on the cuts; nested = at each cut the laws are ranked only on points inside that cut's prefix
//     (the inner, shorter cuts' errors there), so the shortest cut is not scored; optimistic = ranked
//     by the full back-test score (which has seen that cut's points).
// Also: the shipped set widened by the one-SE set (never fewer laws than shipped). Each family is
// scored with the shipped rule on offer and alone; `looSummary` prints the honest all-sets figure
// (each set's rule picked on the other sets), the folds per rule, and per task LOSO vs shipped.
// FAMILY=<name> runs one family (FAMILY=none: only the per-task table).
import { equal, loadTasks, looReport, taskFigures, rmsle, topK, type Combiner, type CurveRecord, type Rule } from './autoRecords';
import { MISSING_PENALTY } from '../src/core/backtest';
import { shipped, shippedScore, shippedW } from './autoShipped';

/** per law: weighted mean and standard error of its per-cut errors (a missing cut charged as in core/backtest.ts) */
function meanSE(c: CurveRecord): Record<string, { mean: number; se: number }> {
  const w = shippedW(c);
  const ids = Object.keys(c.perCut);
  const worst = w.map((_, k) => Math.max(...ids.map((id) => c.perCut[id][k] ?? -Infinity)));
  const out: Record<string, { mean: number; se: number }> = {};
  for (const id of ids) {
    if (!c.perCut[id].some((v) => v !== null)) continue;
    const vs: [number, number][] = [];
    c.perCut[id].forEach((v, k) => {
      if (v !== null) vs.push([v, w[k]]);
      else if (Number.isFinite(worst[k])) vs.push([MISSING_PENALTY * worst[k], w[k]]);
    });
    const sw = vs.reduce((s, [, x]) => s + x, 0);
    const sw2 = vs.reduce((s, [, x]) => s + x * x, 0);
    const mean = vs.reduce((s, [v, x]) => s + v * x, 0) / sw;
    const sd = Math.sqrt(vs.reduce((s, [v, x]) => s + x * (v - mean) ** 2, 0) / sw);
    out[id] = { mean, se: sd / Math.sqrt((sw * sw) / sw2) };
  }
  return out;
}
const COMPLEXITY: Record<string, number> = { flat: 0, loglin: 1, m1: 2, m2: 3, m3: 4, m4: 4, 'bnsl-1': 5, mix: 6 };
const oneSE = (m: number, pick: 'avg' | 'simplest'): Rule => (c) => {
  const ms = meanSE(c);
  const ids = Object.keys(ms).filter((id) => Number.isFinite(ms[id].mean)).sort((a, b) => ms[a].mean - ms[b].mean);
  if (ids.length === 0) return topK(1)(c);
  const b = ms[ids[0]];
  const keep = ids.filter((id) => ms[id].mean <= b.mean + m * b.se);
  if (pick === 'avg') return keep;
  const cx = Math.min(...keep.map((id) => COMPLEXITY[id] ?? 9));
  return [keep.find((id) => (COMPLEXITY[id] ?? 9) === cx)!];
};

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const agree = (k: number, cMad: number): Rule => (c) => {
  const r = topK(k)({ ...c, score: shippedScore(c) });
  if (r.length < 3 || c.heldX.length === 0) return r;
  const far = c.heldX.indexOf(Math.max(...c.heldX));
  const p = r.map((id) => c.logPred[id]?.[far] ?? NaN);
  if (!p.every(Number.isFinite)) return r;
  const med = median(p);
  const mad = median(p.map((v) => Math.abs(v - med)));
  const keep = r.filter((_, i) => Math.abs(p[i] - med) <= cMad * mad);
  return keep.length > 0 ? keep : r;
};

/** the top-k average's RMSLE on one cut, the laws ranked by `rank` (lower better; NaN = unranked) */
function cutScoreOfAvg(c: CurveRecord, cut: number, k: number, rank: Record<string, number>): number {
  const ids = Object.keys(c.cutPred).filter((id) => c.cutPred[id][cut] && Number.isFinite(rank[id])).sort((a, b) => rank[a] - rank[b]);
  const top = ids.slice(0, k);
  if (top.length < k) return NaN;
  const ly = c.cutPred[top[0]][cut]!.logY;
  const lp = ly.map((_, i) => top.reduce((s, id) => s + c.cutPred[id][cut]!.logPred[i], 0) / top.length);
  return rmsle(lp, ly);
}
/** ranking of the laws at cut `cut` from the inner (shorter-prefix) cuts' errors on points inside this cut's prefix */
function nestedRank(c: CurveRecord, cut: number): Record<string, number> | null {
  const N = c.btX.length;
  const any = Object.values(c.cutPred).find((v) => v[cut]);
  if (!any) return null;
  const kj = N - any[cut]!.logY.length;
  const out: Record<string, number> = {};
  for (const id of Object.keys(c.cutPred)) {
    let s = 0;
    let n = 0;
    c.cutPred[id].forEach((p, j) => {
      if (!p || j === cut) return;
      const kInner = N - p.logY.length;
      if (kInner >= kj) return;
      for (let i = 0; i < kj - kInner; i++) [s, n] = [s + (p.logPred[i] - p.logY[i]) ** 2, n + 1];
    });
    out[id] = n > 0 ? Math.sqrt(s / n) : NaN;
  }
  return Object.values(out).some(Number.isFinite) ? out : null;
}
const kByBacktest = (nested: boolean): Rule => (c) => {
  const w = shippedW(c);
  const nc = Math.max(0, ...Object.values(c.cutPred).map((v) => v.length));
  let bestK = 3;
  let bestS = Infinity;
  for (let k = 1; k <= 4; k++) {
    let s = 0;
    let sw = 0;
    for (let j = 0; j < nc; j++) {
      const rank = nested ? nestedRank(c, j) : shippedScore(c);
      if (!rank) continue;
      const v = cutScoreOfAvg(c, j, k, rank);
      if (Number.isFinite(v)) [s, sw] = [s + w[j] * v, sw + w[j]];
    }
    // a k no cut could score is not chosen; ties go to the smaller k
    if (sw > 0 && s / sw < bestS) [bestS, bestK] = [s / sw, k];
  }
  return topK(bestK)({ ...c, score: shippedScore(c) });
};

const FAMILIES: Record<string, Record<string, Rule>> = {
  oneSE: {
    '1SE m.5 avg': oneSE(0.5, 'avg'),
    '1SE m1 avg': oneSE(1, 'avg'),
    '1SE m2 avg': oneSE(2, 'avg'),
    '1SE m.5 simplest': oneSE(0.5, 'simplest'),
    '1SE m1 simplest': oneSE(1, 'simplest'),
    '1SE m2 simplest': oneSE(2, 'simplest'),
  },
  agree: {
    'agree k3 c2': agree(3, 2),
    'agree k3 c3': agree(3, 3),
    'agree k4 c2': agree(4, 2),
    'agree k4 c3': agree(4, 3),
    'agree k5 c2': agree(5, 2),
    'agree k5 c3': agree(5, 3),
  },
  // the shipped set widened by every law the one-SE rule keeps (the average never shrinks below the shipped top 3)
  shippedUnion1SE: {
    'shipped ∪ 1SE m1': (c) => [...new Set([...shipped(c), ...oneSE(1, 'avg')(c)])],
    'shipped ∪ 1SE m2': (c) => [...new Set([...shipped(c), ...oneSE(2, 'avg')(c)])],
  },
  kByBT: { 'k by BT nested': kByBacktest(true), 'k by BT optimistic': kByBacktest(false) },
};
const SHIPPED = 'shipped top3+flat';
const tasks = loadTasks();
/** The honest all-sets figure: mean over tasks of auto ÷ min(best single, last value, E+A) with each set's rule picked on the other sets; and how many folds picked each rule. */
function looSummary(all: Record<string, Combiner>, family: readonly string[] = Object.keys(all)): void {
  const ratio = new Map<string, number>();
  const r = (t: (typeof tasks)[number], rule: string): number => {
    const key = `${t.set}|${t.split}|${rule}`;
    if (!ratio.has(key)) {
      const f = taskFigures(t, all[rule]);
      ratio.set(key, f.auto / Math.min(f.best, f.last, f.pl));
    }
    return ratio.get(key)!;
  };
  const sets = [...new Set(tasks.map((t) => t.set))];
  const picks: Record<string, number> = {};
  let loo = 0;
  const worse: string[] = [];
  for (const set of sets) {
    const others = tasks.filter((t) => t.set !== set);
    const loss = (rule: string): number => others.reduce((s, t) => s + r(t, rule), 0) / others.length;
    const rule = [...family].sort((a, b) => loss(a) - loss(b))[0];
    picks[rule] = (picks[rule] ?? 0) + 1;
    for (const t of tasks.filter((x) => x.set === set)) {
      loo += r(t, rule);
      const [a, b] = [taskFigures(t, all[rule]).auto, taskFigures(t, all[SHIPPED]).auto];
      worse.push(`${t.set.replace('RNSL ', '')} ${t.split === 'Training' ? '' : t.split + ' '}${((a / b - 1) * 100).toFixed(1)}%`);
    }
  }
  const shippedAll = tasks.reduce((s, t) => s + r(t, SHIPPED), 0) / tasks.length;
  console.log(`${family.length < Object.keys(all).length ? 'family alone: ' : ''}LOSO all-sets ratio ${(loo / tasks.length).toFixed(4)} vs shipped ${shippedAll.toFixed(4)}; folds picking each rule: ${Object.entries(picks).map(([k, v]) => `${k} ${v}/${sets.length}`).join(', ')}`);
  console.log(`  LOSO auto vs shipped per task: ${worse.join(', ')}`);
}
const only = process.env.FAMILY;
for (const [name, fam] of Object.entries(FAMILIES)) {
  if (only && only !== name) continue;
  console.log(`\n===== family ${name}: shipped + ${Object.keys(fam).length} rules =====`);
  const all: Record<string, Combiner> = { [SHIPPED]: equal(shipped), ...Object.fromEntries(Object.entries(fam).map(([k, r]) => [k, equal(r)])) };
  looReport(tasks, all);
  looSummary(all);
  // the family on its own (shipped rule not on offer): what it would give
  looSummary({ ...Object.fromEntries(Object.entries(fam).map(([k, r]) => [k, equal(r)])), [SHIPPED]: equal(shipped) }, Object.keys(fam));
}
if (!only) {
  console.log('\n===== all three families together =====');
  const all: Record<string, Combiner> = { [SHIPPED]: equal(shipped) };
  for (const fam of Object.values(FAMILIES)) for (const [k, r] of Object.entries(fam)) all[k] = equal(r);
  looReport(tasks, all);
  looSummary(all);
}

// per task, every rule's mean held-out RMSLE and the mean number of laws it averaged (the LOSO table above shows the chosen rule only)
{
  const rules: Record<string, Rule> = { [SHIPPED]: shipped };
  for (const fam of Object.values(FAMILIES)) Object.assign(rules, fam);
  const names = Object.keys(rules);
  console.log('\nper task: mean held-out RMSLE (mean number of laws averaged)');
  console.log(['task'.padEnd(22), ...names.map((n) => n.slice(0, 16).padEnd(17))].join(''));
  for (const t of tasks) {
    const cells = names.map((n) => {
      const f = taskFigures(t, equal(rules[n]));
      const size = t.recs.reduce((s, c) => s + rules[n](c).length, 0) / t.recs.length;
      return `${f.auto.toFixed(4)}(${size.toFixed(1)})`.padEnd(17);
    });
    console.log([`${t.set} ${t.split}`.padEnd(22), ...cells].join(''));
  }
}

// auto on short fits: what to do when nothing can be back-tested (≤ 3 fit points: no prefix of 3
// leaves a point to score) or the back-test scores only a point or two. The tasks are those of
// bench/autoRecords.ts (RNSL Training splits, the corpus at 50% and 25%) plus the RNSL curves under
// the realCurves prefix splits (fit the first 50% / 25% of each RNSL curve's points, as
// bench/realCurves.bench.ts does), where fits of 2–11 points are common (NMT 25%: 2 points). Every
// rule is the shipped combination ('top3 w111 n<50 +flat≤1.25×') with another short-fit part, and is
// scored leave-one-set-out (a set = one RNSL domain over its three splits, or one corpus set over
// its two prefixes). AUTO_RULES_CACHE caches the autoRecords tasks, AUTO_SHORT_CACHE the RNSL
// prefix tasks.
import { AUTO_CANDIDATES } from '../src/core/laws/index';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';
import { FALLBACK, loadTasks, one, ranked, record, reweighted, ruleScore, taskFigures, type Combiner, type CurveRecord, type Task } from './autoRecords';
import { naivePowerLaw } from './realCurvesEval';
import { corpusCurves } from './realCurvesData';

// ---- tasks ---------------------------------------------------------------------------------
function rnslPrefixTasks(): Task[] {
  const file = process.env.AUTO_SHORT_CACHE;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Task[];
  const out: Task[] = [];
  const rnsl = benchmarkCurves(benchmarkRows());
  for (const frac of [0.5, 0.25]) {
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
function sweepTasks(): Task[] {
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
function augment(c: CurveRecord): CurveRecord {
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

// ---- rules ---------------------------------------------------------------------------------
/** distinct fit points scored by the back-test (the longest cut's): 0 = nothing back-tested */
const scoredPoints = (c: CurveRecord): number =>
  Math.max(0, ...Object.values(c.cutPred).flatMap((p) => p.map((v) => v?.logY.length ?? 0)));
/** cuts at which some law was back-tested */
const usableCuts = (c: CurveRecord): number => Math.max(0, ...Object.values(c.perCut).map((p) => p.filter((v) => v !== null).length));
const falling = (c: CurveRecord): boolean => c.btY.length >= 2 && c.btY[c.btY.length - 1] < c.btY[0];

/** the shipped rule when something was back-tested: top 3 (cuts even below 50 back-tested points), flat joining within 1.25× */
function backtested(c: CurveRecord): Record<string, number> {
  // analyze weights the cuts by the back-tested curve's length (duplicate x merged, long logs binned), not the raw count
  const s = c.btX.length < 50 ? reweighted(c, [1, 1, 1]) : c.score;
  const r = Object.keys(s).filter((id) => Number.isFinite(s[id])).sort((a, b) => s[a] - s[b]);
  const top = r.slice(0, 3);
  const ids = top.length > 1 && !top.includes('flat') && s.flat <= 1.25 * s[r[0]] ? [...top, 'flat'] : top;
  return Object.fromEntries(ids.map((id) => [id, 1]));
}

type Fallback = (c: CurveRecord) => Record<string, number>;
/** the record's prediction for `id` if it fitted: loglin from 3 points as it always could, from 2 only when `two` */
const avail = (c: CurveRecord, id: string, two: boolean): string | undefined => {
  if (id !== 'loglin') return id in c.logPred ? id : undefined;
  if (c.btX.length >= 3) return 'loglin' in c.logPred ? 'loglin' : undefined;
  return two && 'loglin2' in c.logPred ? 'loglin2' : undefined;
};
/** the first of `order` that fitted (loglin down to 2 points when `two`) */
const ordered = (order: readonly string[], two = false, noFlatIfFalling = false): Fallback => (c) => {
  const list = noFlatIfFalling && falling(c) ? [...order.filter((id) => id !== 'flat'), 'flat'] : order;
  for (const id of list) {
    const a = avail(c, id, two);
    if (a) return one(a);
  }
  return {};
};
/** the geometric mean of every fitted fallback law but flat (flat only when nothing else fitted) */
const averaged = (two: boolean): Fallback => (c) => {
  const ids = FALLBACK.filter((id) => id !== 'flat').map((id) => avail(c, id, two)).filter((v): v is string => !!v);
  return ids.length > 0 ? Object.fromEntries(ids.map((id) => [id, 1])) : ordered(['flat'])(c);
};

/**
 * A rule: the shipped back-tested choice; `fb` when nothing was back-tested; when the back-test
 * scored fewer than `few` points (and, with `oneCutOnly`, at one cut only), `blend` says how the
 * fallback enters: 'replace' (the fallback alone), 'join' (its law joins the back-tested average as
 * one more part).
 */
const rule = (fb: Fallback, few = 0, blend: 'replace' | 'join' = 'replace', oneCutOnly = false): Combiner => (c) => {
  if (ranked(c).length === 0) return fb(c);
  const bt = backtested(c);
  if (scoredPoints(c) >= few || (oneCutOnly && usableCuts(c) > 1)) return bt;
  const f = fb(c);
  return blend === 'replace' ? f : { ...bt, ...f };
};

/**
 * Two fit points: the line through them with its slope kept by the share `keep` (log-linear between
 * the last level and the line; ½ = their geometric mean, the trend damped by half); with
 * `fallingOnly`, a pair that does not fall is held flat.
 */
const damped2 = (fb: Fallback, keep = 0.5, fallingOnly = false): Fallback => (c) =>
  c.btX.length === 2 && 'loglin2' in c.logPred && (!fallingOnly || falling(c)) ? { loglin2: keep, flat: 1 - keep } : fb(c);
/** every fitted candidate, flat included, equally (loglin down to 2 points) */
const allFitted: Fallback = (c) => Object.fromEntries(FALLBACK.map((id) => avail(c, id, true)).filter((v): v is string => !!v).map((id) => [id, 1]));

const ORDER = FALLBACK; // m2 m4 mix bnsl-1 m3 loglin flat
const BEFORE = 'before: m2…loglin(≥3 pt), flat';
const NOW = 'damped½ 2pt if falling';
const dampedOrder = damped2(ordered(ORDER), 0.5, true);
/** the questions of the brief, each a family of rules differing in that one part (the rest as NOW) */
const FAMILIES: Record<string, Record<string, Combiner>> = {
  '2 points (only loglin and flat fit)': {
    [BEFORE]: rule(ordered(ORDER)),
    'line (loglin ≥ 2 pt)': rule(ordered(ORDER, true)),
    'damped¼ 2pt': rule(damped2(ordered(ORDER), 0.25)),
    'damped½ 2pt': rule(damped2(ordered(ORDER), 0.5)),
    [NOW]: rule(dampedOrder),
    'damped¾ 2pt': rule(damped2(ordered(ORDER), 0.75)),
  },
  '3–4 points, nothing back-tested': {
    'm4 first': rule(damped2(ordered(['m4', 'm2', 'mix', 'bnsl-1', 'm3', 'loglin', 'flat']), 0.5, true)),
    'loglin first': rule(damped2(ordered(['loglin', 'm2', 'm4', 'mix', 'bnsl-1', 'm3', 'flat']), 0.5, true)),
    'avg of fitted fallbacks': rule(damped2(averaged(false), 0.5, true)),
    'avg incl. flat': rule(damped2(allFitted, 0.5, true)),
  },
  'few scored points (trust the back-test less)': {
    '<3 scored → fallback': rule(dampedOrder, 3),
    '<3 scored → +fallback': rule(dampedOrder, 3, 'join'),
    '<5 scored → +fallback': rule(dampedOrder, 5, 'join'),
    '<3 scored → +avg': rule(damped2(averaged(false), 0.5, true), 3, 'join'),
    '1 cut, <3 scored → fallback': rule(dampedOrder, 3, 'replace', true),
    '1 cut, <3 scored → +fallback': rule(dampedOrder, 3, 'join', true),
    '1 cut, <3 scored → +avg': rule(damped2(averaged(false), 0.5, true), 3, 'join', true),
  },
};
const RULES: Record<string, Combiner> = Object.assign({}, ...Object.values(FAMILIES));

// ---- report --------------------------------------------------------------------------------
type Figures = ReturnType<typeof taskFigures>;
const PINS: Record<string, number> = { 'RNSL IC': 0.0316, 'RNSL NMT': 0.0109, 'RNSL LM': 0.00077, 'RNSL BB': 0.008 / 1.05 };
// RNSL Training: within 5% of the pinned figures; every other task (corpus, RNSL prefixes): ≤ best single and both baselines
const meets = (t: Task, f: Figures): boolean =>
  t.split === 'Training' && PINS[t.set] !== undefined ? f.auto <= PINS[t.set] * 1.05 : f.auto <= f.best && f.auto <= f.last && f.auto <= f.pl;

const records = loadTasks();
const prefixes = rnslPrefixTasks();
const sweeps = sweepTasks();
const tasks = [...records, ...prefixes, ...sweeps].map((t) => ({ ...t, recs: t.recs.map(augment) }));
const kind = (t: Task): 'records' | 'prefix' | 'sweep' => (t.split.endsWith('sizes') ? 'sweep' : t.set.startsWith('RNSL') && t.split !== 'Training' ? 'prefix' : 'records');
const sets = [...new Set(tasks.map((t) => t.set))];
const sub = (k: string): Task[] => tasks.filter((t) => kind(t) === k);
const figs = new Map<string, Figures>();
const fig = (t: Task, r: string): Figures => {
  const k = `${t.set}|${t.split}|${r}`;
  if (!figs.has(k)) figs.set(k, taskFigures(t, RULES[r]));
  return figs.get(k)!;
};
const ratio = (f: Figures): number => f.auto / Math.min(f.best, f.last, f.pl);
const loss = (r: string, exclude: string, ts: readonly Task[] = tasks): number => {
  const use = ts.filter((t) => t.set !== exclude && Number.isFinite(ratio(fig(t, r))));
  return use.reduce((s, t) => s + ratio(fig(t, r)), 0) / use.length;
};
const names = Object.keys(RULES);
const pick = (family: readonly string[], exclude: string): string => [...family].sort((a, b) => loss(a, exclude) - loss(b, exclude))[0];
console.log(`${names.length} rules in ${Object.keys(FAMILIES).length} families; a set = one RNSL domain (Training, 50%, 25%, k sizes) or one corpus set (50%, 25%, k sizes)`);
console.log(`tasks: ${sub('records').length} autoRecords (RNSL Training, corpus 50%/25%), ${sub('prefix').length} RNSL prefixes (as realCurves), ${sub('sweep').length} sweeps of 2–6 sizes`);
for (const [fam, rules] of Object.entries(FAMILIES)) {
  const picks = new Map<string, number>();
  for (const set of sets) picks.set(pick(Object.keys(rules), set), (picks.get(pick(Object.keys(rules), set)) ?? 0) + 1);
  console.log(`  ${fam}: folds picking → ${[...picks].map(([r, n]) => `${r} ${n}/${sets.length}`).join('; ')}`);
}
console.log('\nwhole family: the rule chosen on the other sets → on the set left out; beside it the rule before and the one shipped now (mean held-out RMSLE)');
console.log(`set            split     curves  ${'rule (LOSO)'.padEnd(26)} LOSO     before   now      best candidate   last-val  E+A·x^-a  target (now)`);
const picks = new Map<string, number>();
for (const set of sets) {
  const r = pick(names, set);
  picks.set(r, (picks.get(r) ?? 0) + 1);
  for (const t of tasks.filter((x) => x.set === set)) {
    const [f, b, n] = [fig(t, r), fig(t, BEFORE), fig(t, NOW)];
    const v = (x: number): string => (Number.isFinite(x) ? x.toFixed(5) : '—'.padEnd(7));
    console.log(
      `${set.padEnd(14)} ${t.split.padEnd(9)} ${String(f.n).padStart(5)}  ${r.slice(0, 26).padEnd(26)} ${v(f.auto)}  ${v(b.auto)}  ${v(n.auto)}  ${v(f.best)} ${f.bestId.padEnd(7)} ${v(f.last)}   ${v(f.pl)}  ${meets(t, n) ? 'met' : 'missed'}${meets(t, b) === meets(t, n) ? '' : meets(t, b) ? ' (before: met)' : ' (before: missed)'}`,
    );
  }
}
console.log(`folds picking each rule: ${[...picks].map(([r, n]) => `${r} ${n}`).join('; ')}`);
console.log('\nauto ÷ min(best single, last value, E+A·x^-a), mean over tasks (lower is better): all | autoRecords | RNSL prefixes | sweeps; misses; tasks > 2% worse / better than before');
for (const r of [...names].sort((a, b) => loss(a, '') - loss(b, ''))) {
  const missed = tasks.filter((t) => !meets(t, fig(t, r)));
  const worse = tasks.filter((t) => fig(t, r).auto > fig(t, BEFORE).auto * 1.02);
  const better = tasks.filter((t) => fig(t, r).auto < fig(t, BEFORE).auto / 1.02);
  console.log(
    `  ${r.padEnd(32)} ${loss(r, '').toFixed(4)} | ${loss(r, '', sub('records')).toFixed(4)} | ${loss(r, '', sub('prefix')).toFixed(4)} | ${loss(r, '', sub('sweep')).toFixed(4)}  misses ${missed.length}` +
      `${worse.length ? `  worse: ${worse.map((t) => `${t.set} ${t.split}`).join(', ')}` : ''}${better.length ? `  better: ${better.length} tasks` : ''}`,
  );
}

// the short fits themselves: per fit length, mean held-out RMSLE of each fallback law (over the fits each fitted)
const short = tasks.flatMap((t) => t.recs.map((c) => ({ t, c }))).filter(({ c }) => c.logY.length > 0 && (ranked(c).length === 0 || scoredPoints(c) < 5));
console.log(`\nshort fits (nothing back-tested, or < 5 scored points): ${short.length} curves`);
const groups: Record<string, CurveRecord[]> = {};
for (const { t, c } of short) (groups[`${t.set} ${t.split} n${c.nFit} s${scoredPoints(c)}`] ??= []).push(c);
const ids = [...AUTO_CANDIDATES.filter((id) => id !== 'loglin'), 'loglin2'];
console.log(`  ${'group'.padEnd(28)} curves  ${ids.map((id) => id.padStart(8)).join('')}  last-val  E+A·x^-a  before     now`);
for (const [g, cs] of Object.entries(groups)) {
  const m = (f: (c: CurveRecord) => number): string => {
    const v = cs.map(f).filter(Number.isFinite);
    return v.length === cs.length ? (v.reduce((s, x) => s + x, 0) / v.length).toFixed(4).padStart(8) : '       —';
  };
  const nv = (k: string) => (c: CurveRecord): number => (c.naive[k] ? ruleScore(c, { logPred: c.naive[k]! }) : NaN);
  console.log(`  ${g.padEnd(28)} ${String(cs.length).padStart(6)}  ${ids.map((id) => m((c) => ruleScore(c, one(id)))).join('')}  ${m(nv('last-value'))}  ${m(nv('E+A·x^-a'))}  ${m((c) => ruleScore(c, RULES[BEFORE](c)))}  ${m((c) => ruleScore(c, RULES[NOW](c)))}`);
}
console.log(`\n2-size sweeps: ${tasks.filter((t) => t.split === '2 sizes').reduce((s, t) => s + t.recs.filter((c) => !falling(c)).length, 0)} of ${tasks.filter((t) => t.split === '2 sizes').reduce((s, t) => s + t.recs.length, 0)} pairs do not fall`);

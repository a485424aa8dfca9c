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
import { FALLBACK, loadTasks, one, ranked, ruleScore, taskFigures, type Combiner, type CurveRecord, type Task } from './autoRecords';
import { augment, avail, backtested, damped2, falling, ordered, rnslPrefixTasks, scoredPoints, sweepTasks, usableCuts, type Fallback } from './autoShortTasks';

// ---- rules ---------------------------------------------------------------------------------
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

// How much auto's headline jumps while a watched log grows. Each bundled LR-schedule run
// (data/lr-schedules, 18 runs) is fed to a LensSession as a growing log file, thinned to at most
// MAX_ROWS rows (every 3rd row of a 24000-step run: the walkthrough's cosine_24000), and refitted
// at every new row from FIRST_ROWS on, as a watch refits at every write. Per consecutive pair of
// refits it counts:
//   - the headline at the watch's target (the default 10x, as the live line shows it) moving > 2%;
//   - auto's parts changing (its law id);
//   - the headline moving more than the earlier refit's interval half-width;
// and, beside them, the E + A·x^(−a) baseline (m2 alone) at the same target moving > 2%. The target
// slides with the data (10x of the last step), so both also move with it: at the run's last
// logged step (a fixed x) the same counts isolate the fits' own moves, and the error there against
// the run's logged final loss (held out: not yet read at any refit) says whether a steadier rule
// would cost accuracy. "sticky" is that steadier rule, declared here and not tuned: keep the
// previous refit's parts while each of them still back-tests and their mean back-test score is
// within STICKY_FACTOR of the new parts' mean.
// Usage: npx tsx bench/liveJitter.bench.ts [--boot 40] [--only cosine_24000]. The point fits and
// auto's choice, so the headline's and the parts' columns, are the same without the bootstrap
// (--boot 0, ~10× faster); the interval's column needs it.
// Measured (--boot 0, 18 runs, 823 pairs of refits): the headline at 10x moved > 2% on 73 (9%), m2
// on 19 (2%); auto's parts changed on 118 (14%; 1 to 10 per run). At the run's last step auto moved
// > 2% on 2 pairs, m2 on none: the 10x target's jumps are far out, where the laws part. Held-out
// mean |ln(pred/final)| auto 0.0125, m2 0.0166; sticky 0.0125 with its parts changing on 4%, but
// worse than auto on 12 of 18 runs (better on 5): not shipped, the change is said instead
// (live/autoChange.ts). With --boot 40 on the 8 runs of 24000 steps (384 pairs): the headline moved
// past the earlier interval's half-width on none, so auto's part changes (14%) are what is said.
// (sticky's errors move a little with the bootstrap, auto's and m2's do not.)
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CurveAnalysis } from '../src/core/analysis';
import { getLaw } from '../src/core/laws/index';
import { partsOf } from '../src/core/laws/mix';
import { readSource } from '../src/ingest/files/read';
import { LensSession } from '../src/extension/session';
import { testDeps, testSettings } from '../test/unit/extension/sessionFixture';

const MAX_ROWS = 60;
const FIRST_ROWS = 8;
const JUMP = 0.02;
const STICKY_FACTOR = 1.5;
const ESTIMATORS = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'];

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const boot = Number(opt('--boot') ?? 40);
const only = opt('--only');

interface Refit {
  readonly auto: string;
  readonly y: number;
  readonly half: number | undefined;
  readonly m2: number | undefined;
  /** At the run's last logged step. */
  readonly autoEnd: number;
  readonly m2End: number | undefined;
  readonly scores: ReadonlyMap<string, number>;
  readonly analysis: CurveAnalysis;
}

/** A fitted law's prediction at `x` (an average: the geometric mean of its direct parts' own fits). */
function predictLaw(a: CurveAnalysis, id: string, x: number): number | undefined {
  const report = a.estimators.find((e) => e.law === id && e.fit);
  if (report?.fit) {
    const y = getLaw(id).predict(report.fit.params, x);
    return Number.isFinite(y) ? y : undefined;
  }
  const parts = partsOf(getLaw(id));
  if (!parts) return undefined;
  const ys = parts.map((p) => predictLaw(a, p.id, x));
  return ys.every((y): y is number => y !== undefined && y > 0) ? Math.exp(ys.reduce((s, y) => s + Math.log(y), 0) / ys.length) : undefined;
}

const directParts = (id: string): string[] => (partsOf(getLaw(id)) ?? [getLaw(id)]).map((l) => l.id);

/** The sticky rule's law at this refit, given the one it showed at the previous. */
function stickyLaw(prev: string | undefined, now: Refit): string {
  if (prev === undefined || prev === now.auto) return now.auto;
  const mean = (ids: string[]) => {
    const s = ids.map((id) => now.scores.get(id));
    return s.every((v): v is number => v !== undefined && Number.isFinite(v)) ? s.reduce((a, b) => a + b, 0) / s.length : Infinity;
  };
  return mean(directParts(prev)) <= STICKY_FACTOR * mean(directParts(now.auto)) ? prev : now.auto;
}

interface RunFigures {
  name: string;
  pairs: number;
  autoJumps: number;
  partChanges: number;
  beyondHalf: number;
  m2Jumps: number;
  autoEndJumps: number;
  m2EndJumps: number;
  stickyEndJumps: number;
  stickyChanges: number;
  autoErr: number;
  m2Err: number;
  stickyErr: number;
}

async function runOne(file: string, dir: string): Promise<RunFigures> {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const rows = lines.slice(1);
  const thin = Math.ceil(rows.length / MAX_ROWS);
  const kept = rows.filter((_, i) => i % thin === 0);
  const last = kept[kept.length - 1]!.split(',');
  const endX = Number(last[0]);
  const endY = Number(last[2]);
  const log = path.join(dir, path.basename(file));
  const session = new LensSession(log, path.basename(file), testDeps(testSettings(ESTIMATORS, { bootstrapSamples: boot })));
  session.watching = true;
  const refits: Refit[] = [];
  // the last row is the truth scored against: the refits read up to the one before it
  for (let n = FIRST_ROWS; n < kept.length; n++) {
    writeFileSync(log, [lines[0], ...kept.slice(0, n)].join('\n') + '\n');
    session.setSource(await readSource(log));
    await session.refit();
    const id = session.selected[0]!;
    const a = session.analysisOf(id);
    const p = session.prediction;
    const live = session.liveFacts()?.forecast;
    if (!a?.auto || !p || !live || live.x !== p.x) throw new Error(`${file} at ${n} rows: no headline at the watch's target`);
    const autoEnd = predictLaw(a, a.auto.law, endX)!;
    refits.push({
      auto: a.auto.law,
      y: p.y,
      half: p.lo !== undefined && p.hi !== undefined ? (p.hi - p.lo) / 2 : undefined,
      m2: predictLaw(a, 'm2', p.x),
      autoEnd,
      m2End: predictLaw(a, 'm2', endX),
      scores: new Map(a.estimators.filter((e) => e.backtest).map((e) => [e.law, e.backtest!.rmsle])),
      analysis: a,
    });
  }
  const moved = (p: number | undefined, q: number | undefined) => p !== undefined && q !== undefined && Math.abs(q / p - 1) > JUMP;
  const err = (y: number | undefined) => (y === undefined ? NaN : Math.abs(Math.log(y / endY)));
  let sticky: string | undefined;
  const stickyYs: number[] = [];
  let stickyChanges = 0;
  for (const r of refits) {
    const next = stickyLaw(sticky, r);
    if (sticky !== undefined && next !== sticky) stickyChanges++;
    sticky = next;
    stickyYs.push(predictLaw(r.analysis, next, endX) ?? r.autoEnd);
  }
  const f: RunFigures = { name: path.relative('data/lr-schedules', file), pairs: refits.length - 1, autoJumps: 0, partChanges: 0, beyondHalf: 0, m2Jumps: 0, autoEndJumps: 0, m2EndJumps: 0, stickyEndJumps: 0, stickyChanges, autoErr: 0, m2Err: 0, stickyErr: 0 };
  for (let i = 1; i < refits.length; i++) {
    const [p, q] = [refits[i - 1]!, refits[i]!];
    if (moved(p.y, q.y)) f.autoJumps++;
    if (p.auto !== q.auto) f.partChanges++;
    if (p.half !== undefined && Math.abs(q.y - p.y) > p.half) f.beyondHalf++;
    if (moved(p.m2, q.m2)) f.m2Jumps++;
    if (moved(p.autoEnd, q.autoEnd)) f.autoEndJumps++;
    if (moved(p.m2End, q.m2End)) f.m2EndJumps++;
    if (moved(stickyYs[i - 1], stickyYs[i])) f.stickyEndJumps++;
  }
  const mean = (v: number[]) => v.filter(Number.isFinite).reduce((s, x) => s + x, 0) / Math.max(1, v.filter(Number.isFinite).length);
  f.autoErr = mean(refits.map((r) => err(r.autoEnd)));
  f.m2Err = mean(refits.map((r) => err(r.m2End)));
  f.stickyErr = mean(stickyYs.map(err));
  return f;
}

async function main(): Promise<void> {
  const files = ['25M', '100M'].flatMap((size) =>
    readdirSync(path.join('data/lr-schedules', size))
      .filter((f) => f.endsWith('.csv') && (!only || f.includes(only)))
      .sort()
      .map((f) => path.join('data/lr-schedules', size, f)),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'sl-jitter-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const all: RunFigures[] = [];
  const pct = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(0)}%`;
  console.log(`refits at every row from ${FIRST_ROWS} (≤ ${MAX_ROWS} rows per run), bootstrap ${boot}; pairs of consecutive refits:`);
  console.log('run                        pairs  auto>2%  parts  >½int  m2>2% | at end: auto>2%  m2>2%  sticky>2% (changes) | |ln err| auto  m2  sticky');
  for (const file of files) {
    const f = await runOne(file, dir);
    all.push(f);
    console.log(
      `${f.name.padEnd(26)} ${String(f.pairs).padStart(5)}  ${String(f.autoJumps).padStart(7)}  ${String(f.partChanges).padStart(5)}  ${(boot > 0 ? String(f.beyondHalf) : '–').padStart(5)}  ${String(f.m2Jumps).padStart(5)} | ` +
        `${String(f.autoEndJumps).padStart(15)}  ${String(f.m2EndJumps).padStart(5)}  ${String(f.stickyEndJumps).padStart(9)} (${String(f.stickyChanges).padStart(3)})  | ` +
        `${f.autoErr.toFixed(4)} ${f.m2Err.toFixed(4)} ${f.stickyErr.toFixed(4)}`,
    );
  }
  const sum = (k: keyof RunFigures) => all.reduce((s, f) => s + (f[k] as number), 0);
  const avg = (k: keyof RunFigures) => sum(k) / all.length;
  const n = sum('pairs');
  console.log(
    `\nall ${all.length} runs, ${n} pairs: headline at the target moved > 2% on ${pct(sum('autoJumps'), n)} (m2 ${pct(sum('m2Jumps'), n)}); ` +
      `auto's parts changed on ${pct(sum('partChanges'), n)}; moved more than its interval's half-width on ${boot > 0 ? pct(sum('beyondHalf'), n) : '– (no bootstrap: --boot 40 for it)'}.`,
  );
  console.log(
    `at the run's last step: auto moved > 2% on ${pct(sum('autoEndJumps'), n)}, m2 ${pct(sum('m2EndJumps'), n)}, sticky ${pct(sum('stickyEndJumps'), n)} (sticky changed parts on ${pct(sum('stickyChanges'), n)}); ` +
      `mean |ln(pred/final)| auto ${avg('autoErr').toFixed(4)}, m2 ${avg('m2Err').toFixed(4)}, sticky ${avg('stickyErr').toFixed(4)}.`,
  );
}

void main();

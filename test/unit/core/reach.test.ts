// Where a curve and its interval reach a loss (core/reach.ts), read off predictions on its grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedReach, lossReach, reachFromLog, reachGrid, reachGridOf, reachText, REACH_SPAN } from '../../../src/core/reach';
import type { Prediction } from '../../../src/core/analysis';
import { formatAmount } from '../../../src/core/units';

const banded = (f: (x: number) => number, lo: number, hi: number) => (x: number): Prediction => ({ x, y: f(x), lo: lo * f(x), hi: hi * f(x) });
const near = (got: number | undefined, want: number, tol: number, what: string) =>
  assert.ok(got !== undefined && Math.abs(got / want - 1) < tol, `${what}: ${got} vs ${want}`);

test('the grid runs from the data\'s start to REACH_SPAN times its end, evenly in log x', () => {
  const g = reachGrid(10, 1e4);
  assert.ok(Math.abs(g[0]! - 10) < 1e-9 && Math.abs(g[g.length - 1]! / (1e4 * REACH_SPAN) - 1) < 1e-12);
  const steps = g.slice(1).map((x, i) => Math.log10(x / g[i]!));
  assert.ok(steps.every((s) => Math.abs(s - steps[0]!) < 1e-9 && s <= 1 / 16 + 1e-12));
  assert.deepEqual(reachGrid(0, 10), []);
  assert.deepEqual(reachGrid(5, 1), []);
  // the ends exactly, as a JSON "until" prints them (10^log10(8e10) is 80000000000.00003)
  const far = reachGrid(3e6, 8e7);
  assert.equal(far[0], 3e6);
  assert.equal(far[far.length - 1], 8e7 * REACH_SPAN);
});

test('a falling loss: where the curve, its low edge (first) and its high edge (last) reach the loss', () => {
  const f = (x: number) => 2 + 10 * Math.pow(x, -0.5);
  const r = lossReach(reachGrid(1, 100).map(banded(f, 0.95, 1.05)), 2.5, 100);
  near(r.x, 400, 0.01, 'curve');
  near(r.lo, Math.pow(10 / (2.5 / 0.95 - 2), 2), 0.01, 'low edge');
  near(r.hi, Math.pow(10 / (2.5 / 1.05 - 2), 2), 0.01, 'high edge');
  assert.ok(r.lo! < r.x! && r.x! < r.hi!);
});

test('a loss below the curve\'s limit is not reached, with the value where the search ended; an unbanded curve gives no interval', () => {
  const f = (x: number) => 2 + 10 * Math.pow(x, -0.5);
  const r = lossReach(reachGrid(1, 100).map((x) => ({ x, y: f(x) })), 1.9, 100);
  assert.equal(r.x, undefined);
  assert.equal(r.lo, undefined);
  near(r.until, 1e5, 1e-9, 'until');
  near(r.atUntil, f(1e5), 1e-9, 'value at the end');
  const far = lossReach(reachGrid(1, 100).map(banded(f, 0.9, 1.1)), 2.01, 100);
  assert.equal(far.x, undefined);
  assert.ok(far.lo !== undefined && far.hi === undefined, 'only the near edge gets there');
});

test('a rising score reaches from below: the high edge gets there first', () => {
  const f = (x: number) => 0.9 - 0.5 * Math.pow(x, -0.3);
  const r = lossReach(reachGrid(1, 100).map(banded(f, 0.97, 1.03)), 0.8, 100);
  near(r.x, Math.pow(0.5 / 0.1, 1 / 0.3), 0.01, 'curve');
  assert.ok(r.lo! < r.x! && r.x! < r.hi!, JSON.stringify(r));
});

test('a loss reached past the data: the interval starts no earlier than the data\'s end, however wide the band is there', () => {
  const f = (x: number) => 2 + 10 * Math.pow(x, -0.5);
  const r = lossReach(reachGrid(1, 100).map(banded(f, 0.5, 1.5)), 2.5, 100);
  near(r.x, 400, 0.01, 'curve');
  assert.equal(r.lo, 100);
});

test('a loss the curve is already past where the data start is said so, not reached at the first x', () => {
  const f = (x: number) => 2 + 10 * Math.pow(x, -0.5);
  const r = lossReach(reachGrid(4, 100).map((x) => ({ x, y: f(x) })), 9, 100);
  assert.equal(r.x, undefined);
  assert.equal(r.beforeData, true);
  assert.match(reachText(r, 'loss', '95%'), /loss = 9: the fit is past it already where the data start/);
});

test('a flat fit never reaches a loss off its level, and a fit that turns back up is not reached where it never gets', () => {
  const flat = lossReach(reachGrid(100, 1e4).map((x) => ({ x, y: 0.84, lo: 0.8, hi: 0.88 })), 0.85, 1e4);
  assert.equal(flat.x, undefined, 'a flat 0.84 never reaches 0.85');
  assert.equal(flat.beforeData, undefined);
  const u = (x: number) => 2 + 30 * Math.pow(x, -0.3) + 1e-6 * x;
  for (const loss of [2.5, 5]) {
    const r = lossReach(reachGrid(100, 1e4).map((x) => ({ x, y: u(x) })), loss, 1e4);
    if (loss === 2.5) assert.ok(r.x === undefined && !r.beforeData, 'the valley floor is about 2.96: 2.5 is never reached');
    else assert.ok(r.x! > 100 && u(r.x!) > 4.9 && u(r.x!) < 5.1, `5 is reached on the way down, at ${r.x}`);
  }
});

test('reachText says where, how far past the data, the interval (open-ended when its far edge never gets there), or why not', () => {
  const base = { loss: 2.5, until: 1e5, dataEnd: 100 };
  assert.equal(reachText({ ...base, x: 400, lo: 250, hi: 690 }, 'val_loss', '95%', ' tokens'), 'val_loss = 2.5 at x ≈ 400 tokens, 4× the data (95%: 250 tokens – 690 tokens)');
  assert.match(reachText({ ...base, x: 102 }, 'loss', '95%'), /at x ≈ 102, 1\.02× the data/);
  assert.match(reachText({ ...base, x: 400, lo: 250 }, 'loss', '95%'), /\(95%: 250 – beyond 100K\)$/);
  // a near edge held at the data's end is that end, not a reach computed there (llm360Mamba3B, loss 0.7)
  assert.equal(
    reachText({ loss: 0.7, until: 1.77e8, dataEnd: 1.77e5, x: 7.11e5, lo: 1.77e5 }, 'loss', '95%', ' steps'),
    "loss = 0.7 at x ≈ 711K steps, 4.02× the data (95%: the data's end (177K steps) – beyond 177M steps)",
  );
  assert.match(reachText({ ...base, x: 40 }, 'loss', '95%'), /passes it at x ≈ 40, inside the data \(which reach 100\)/);
  assert.match(reachText({ ...base, atUntil: 2.61 }, 'loss', '95%'), /not reached by x = 100K \(1000× the data\); the fit is at 2\.61 there$/);
});

test('the grid of a fit that starts after a warmup starts there: the fit says nothing of the warmup', () => {
  const points = [1, 10, 100, 1000].map((x) => ({ x, y: 5 / Math.log10(10 * x) }));
  assert.equal(reachGridOf(points)[0], 1);
  assert.ok(Math.abs(reachGridOf(points, 100)[0]! - 100) < 1e-9);
  // a start before the data's is no start
  assert.equal(reachGridOf(points, 0.5)[0], 1);
});

test('a loss reached inside the data is answered from the log: where the median of the next points first got there', () => {
  // a per-step log of 1,000 points falling from 6 to 2, with single-step dips to 2.4 early on
  const points = Array.from({ length: 1000 }, (_, i) => ({ x: i + 1, y: (i % 97 === 50 ? 0.5 : 1) * (2 + 4 / Math.sqrt(1 + i / 10)) }));
  const first = points.find((p) => p.y <= 3)!.x;
  const steady = points.find((_, i) => i > 0 && points.slice(i, i + 10).every((q) => q.y <= 3))!.x;
  const { x: at, level, over } = loggedReach(points, 3)!;
  // the median of the 10 points from there (1 per 100 logged), itself past the loss
  const next = points.slice(at - 1, at - 1 + 10).map((p) => p.y).sort((a, b) => a - b);
  assert.deepEqual([over, level], [10, (next[4]! + next[5]!) / 2]);
  assert.ok(level <= 3);
  assert.ok(first < 100 && at > first, `a one-step dip at ${first} does not count: ${at}`);
  assert.ok(Math.abs(at - steady) <= 10, `${at} vs ${steady}`);
  assert.equal(loggedReach(points, 1.5), undefined);
  // a fit whose grid starts before the log got there says the fit crosses inside the data; with the
  // points, the answer is the log's
  const f = (x: number) => 2 + 4 / Math.sqrt(1 + x / 10);
  const r = lossReach(reachGrid(1, 1000).map((x) => ({ x, y: f(x) })), 3, 1000, points);
  assert.equal(r.logged, at);
  assert.equal(reachText(r, 'loss', '95%', ' steps'), `loss = 3: the log got there at x ≈ ${at} steps (the median of the 10 points from there: ${Number(level.toPrecision(4))}), inside the data (which reach 1K steps)`);
  // a loss the log has not reached is the fit's to answer
  assert.equal(lossReach(reachGrid(1, 1000).map((x) => ({ x, y: f(x) })), 2.05, 1000, points).logged, undefined);
});

test('a loss the log already reached is the log\'s answer even when the fit puts it past the data (the panel\'s rule, now the CLI\'s)', () => {
  const points = Array.from({ length: 1000 }, (_, i) => ({ x: i + 1, y: 2 + 4 / Math.sqrt(1 + i / 10) }));
  // a pessimistic fit that gets to 3 only at x ≈ 100K, far past the data's 1K
  const slow = reachGrid(1, 1000).map((x) => ({ x, y: 3.5 - 0.1 * Math.log10(x) }));
  const r = lossReach(slow, 3, 1000, points);
  assert.ok(r.x! > 1000, `the fit's own reach is kept beside: ${r.x}`);
  const logged = loggedReach(points, 3)!;
  assert.deepEqual([r.logged, r.loggedLevel, r.loggedOver], [logged.x, logged.level, logged.over]);
  assert.match(reachText(r, 'loss', '95%'), /^loss = 3: the log got there at x ≈ \d+ \(the median of the 10 points from there: [\d.]+\), inside the data/);
  // the panel asks the log first, with no fit: the same facts, the same words
  const fromLog = reachFromLog(points, 3, 1000)!;
  assert.deepEqual([fromLog.logged, fromLog.loggedLevel, fromLog.loggedOver], [r.logged, r.loggedLevel, r.loggedOver]);
  // the CLI, which fitted, adds the fit's own answer where it differs: a fit checked on held-out points is judged by it
  assert.equal(reachText(r, 'loss', '95%'), `${reachText(fromLog, 'loss', '95%')}; the fit puts it at x ≈ ${formatAmount(r.x!)}, ${Number((r.x! / 1000).toPrecision(2))}× the data`);
  assert.equal(reachFromLog(points, 1.5, 1000), undefined);
});

test('the log answers only a loss it crosses in its direction of travel: a spike, or a loss it started past, is no reach', () => {
  // 120 points falling from 7 to 2.46, one spike to 9.5 at x = 6,100
  const points = Array.from({ length: 120 }, (_, i) => ({ x: (i + 1) * 100, y: i === 60 ? 9.5 : 2.4 + 4.6 * Math.exp(-i / 20) }));
  assert.equal(loggedReach(points, 8), undefined, 'above its start: the spike does not reach it');
  assert.equal(loggedReach(points, 2.3), undefined, 'below its end: never reached');
  assert.ok(loggedReach(points, 3)!.x > 3000);
  // a rising score (accuracy) asked below its start, and a first value of 0, read nothing
  const acc = Array.from({ length: 50 }, (_, i) => ({ x: i + 1, y: 0.3 + 0.5 * (1 - Math.exp(-i / 10)) }));
  assert.equal(loggedReach(acc, 0.2), undefined);
  assert.equal(loggedReach(acc, 0.7)?.x, acc.find((p) => p.y >= 0.7)!.x);
  assert.equal(loggedReach([{ x: 1, y: 0 }, ...points], 8), undefined);
});

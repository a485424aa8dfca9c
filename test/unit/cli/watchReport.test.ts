// What `watch` says at each reading of a source: a run without the --metric series, the series it
// follows without --metric (and when that changes), a target before the data, a log that lost points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunData, SourceData } from '../../../src/ingest/model/model';
import { watchReporter, type WatchReportOptions } from '../../../src/cli/commands/watchReport';
import { pickSeries } from '../../../src/cli/commands/watchSeries';
import { MIN_FIT_POINTS, refitOf } from '../../../src/cli/commands/watchFit';

const law = (x: number): number => 2 + 30 / Math.sqrt(x);

/** A series of `n` points of the law, every `every` x apart, against `axis`. */
function series(key: string, n: number, every = 50, axis: 'step' | 'tokens' = 'step'): RunData['series'][number] {
  const xs = Float64Array.from({ length: n }, (_, i) => (i + 1) * every);
  return { key, split: /val|eval/.test(key) ? 'val' : 'train', x: { [axis]: xs }, y: xs.map(law) };
}

function source(...series: RunData['series']): SourceData {
  return { format: 'csv', runs: [{ name: 'a', origin: 'a.csv', format: 'csv', series }], warnings: [] };
}

function reporter(opts: Partial<WatchReportOptions> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const events: Record<string, unknown>[] = [];
  const report = watchReporter({ laws: ['m2'], targets: [], reach: [], json: false, ...opts }, { print: (l) => lines.push(l), printErr: (l) => errors.push(l), emit: (e) => events.push(e) });
  return { report, lines, errors, events };
}

test('a run without the --metric series is named once, with its series and the near match, and watched on', async () => {
  const w = reporter({ metric: 'val_loss' });
  await w.report(source(series('train loss', 20), series('val loss', 2)));
  await w.report(source(series('train loss', 40), series('val loss', 3)));
  assert.deepEqual(w.errors, ['warning: run a has no series "val_loss" (its series: train loss, val loss); watching on in case it appears, or watch --metric "val loss"']);
  assert.deepEqual(w.lines, []);
  // the series appears at last (its first eval): followed from then on
  await w.report(source(series('train loss', 60), series('val_loss', 6)));
  assert.match(w.lines[0] ?? '', / a val_loss: 6 points$/);

  const j = reporter({ metric: 'val_loss', json: true });
  await j.report(source(series('train loss', 20)));
  await j.report(source(series('train loss', 40)));
  assert.deepEqual(j.events, [{ event: 'warning', run: 'a', message: 'run a has no series "val_loss" (its series: train loss); watching on in case it appears' }]);
  assert.deepEqual(j.errors, []);
});

test('without --metric a run with no loss series is named once; a run with no series yet is not', async () => {
  const w = reporter();
  await w.report(source());
  await w.report(source(series('lr', 10), series('grad_norm', 10)));
  await w.report(source(series('lr', 20), series('grad_norm', 20)));
  assert.deepEqual(w.errors, ['warning: run a has no loss series to follow (its series: lr, grad_norm); watching on in case one appears, or choose one with --metric KEY']);
});

test('without --metric the preferred loss is followed once it has enough points to fit, else the one with most points', () => {
  const run = (...s: RunData['series']): RunData => ({ name: 'a', origin: 'a.csv', format: 'lightning', series: s });
  assert.equal(pickSeries(run(series('train_loss_step', 180), series('val_loss', 1)), undefined)?.key, 'train_loss_step');
  assert.equal(pickSeries(run(series('train_loss', 3), series('val_loss', MIN_FIT_POINTS - 1)), undefined)?.key, 'val_loss', 'neither fittable: the most points');
  assert.equal(pickSeries(run(series('train_loss', 180), series('val_loss', MIN_FIT_POINTS)), undefined)?.key, 'val_loss');
  // Lightning's per-step loss before its per-epoch mean, Megatron's loss scale never
  assert.equal(pickSeries(run(series('train_loss_epoch', 9), series('train_loss_step', 180)), undefined)?.key, 'train_loss_step');
  assert.equal(pickSeries(run(series('loss scale', 40), series('lm loss', 3)), undefined)?.key, 'lm loss');
});

test('watch follows the train loss while the val loss has one point, and says when it moves to the val loss', async () => {
  const w = reporter();
  await w.report(source(series('train_loss', 20), series('val_loss', 1, 1000)));
  await w.report(source(series('train_loss', 40), series('val_loss', 2, 1000)));
  await w.report(source(series('train_loss', 120), series('val_loss', MIN_FIT_POINTS, 1000)));
  const said = w.lines.filter((l) => !l.startsWith('  ')).map((l) => l.slice(9));
  assert.deepEqual(said, ['a train_loss: 20 points', 'a train_loss: 40 points (+20)', 'a: now following val_loss (was train_loss)', `a val_loss: ${MIN_FIT_POINTS} points`]);
  assert.ok(w.lines.filter((l) => l.startsWith('  ')).every((l) => /m2; back-test RMSLE/.test(l)), w.lines.join('\n'));

  const j = reporter({ json: true });
  await j.report(source(series('train_loss', 20), series('val_loss', 1, 1000)));
  await j.report(source(series('train_loss', 40), series('val_loss', MIN_FIT_POINTS, 1000)));
  const { time, ...change } = j.events.find((e) => e.event === 'switch') ?? {};
  assert.deepEqual(change, { event: 'switch', run: 'a', series: 'val_loss', was: 'train_loss' });
  assert.equal(typeof time, 'string');
});

test("a target before the data's first x gets fit's warning: once in text, in each refit event with --json", async () => {
  const points = Array.from({ length: 8 }, (_, i) => ({ x: (i + 1) * 262e6, y: law((i + 1) * 262e6) }));
  const r = await refitOf(points, { laws: ['m2'], targets: ['60000'], xKind: 'tokens' });
  assert.deepEqual(r.warnings, ["target x = 60K is before the data's first x (262M tokens): no law was fitted there; is the target in tokens?"]);
  assert.equal((await refitOf(points, { laws: ['m2'], targets: ['10x'], xKind: 'tokens' })).warnings, undefined);

  const w = reporter({ targets: ['60000'] });
  await w.report(source(series('val_loss', 8, 262e6, 'tokens')));
  await w.report(source(series('val_loss', 9, 262e6, 'tokens')));
  assert.deepEqual(w.errors, [`warning: a val_loss: ${r.warnings![0]}`]);
  assert.equal(w.lines.filter((l) => l.includes('y(tokens=60000)')).length, 2, w.lines.join('\n'));

  const j = reporter({ targets: ['60000'], json: true });
  await j.report(source(series('val_loss', 8, 262e6, 'tokens')));
  assert.deepEqual(j.events.find((e) => e.event === 'refit')?.warnings, r.warnings);
});

test('a log that lost points (rewritten shorter) gives its new count and the old, not a negative delta', async () => {
  const w = reporter();
  await w.report(source(series('loss', 800)));
  await w.report(source(series('loss', 200)));
  await w.report(source(series('loss', 230)));
  const counts = w.lines.filter((l) => !l.startsWith('  ')).map((l) => l.slice(9));
  assert.deepEqual(counts, ['a loss: 800 points', 'a loss: 200 points (was 800)', 'a loss: 230 points (+30)']);
});

test('a perplexity is followed with the loss it means; an accuracy as its error, read back; BLEU is named once and not fitted', async () => {
  const ppl = reporter({ metric: 'val_ppl', targets: ['10x'], reach: [5] });
  await ppl.report(source(series('val_ppl', 30)));
  assert.match(ppl.lines[1] ?? '', /^ {2}auto → m2; back-test RMSLE [^;]+; y\(step=15000\) = 2\.245 \(a loss of ln 2\.245 = 0\.8087 nats\); val_ppl = 5 \(a loss of ln 5 = 1\.609 nats\)/);

  const acc = (key: string): RunData['series'][number] => {
    const s = series(key, 30);
    return { ...s, y: s.y.map((v) => 1 - v / 10) };
  };
  const a = reporter({ metric: 'val_acc', targets: ['10x'], reach: [0.78] });
  await a.report(source(acc('val_acc')));
  assert.deepEqual(a.errors, ['warning: a val_acc: val_acc rises with training, and the laws here fit a metric that falls: fitted its error, 1 − val_acc; every value below is that error (the accuracy is 1 minus it)']);
  assert.match(a.lines[1] ?? '', /^ {2}auto → m2; back-test RMSLE [^;]+; y\(step=15000\) = 0\.2245 \(val_acc 0\.7755\); 1 − val_acc = 0\.22 \(val_acc 0\.78\) at x ≈ 22\.\dK step/);

  const b = reporter({ metric: 'bleu' });
  await b.report(source(acc('bleu')));
  await b.report(source(acc('bleu'), series('x', 1)));
  assert.equal(b.errors.length, 1);
  assert.match(b.errors[0]!, /^warning: a bleu: bleu rises with training; .*choose it with --metric/);
  // its count, and no refit line under it (the check here was that b.lines held its own first line)
  assert.equal(b.lines.length, 1);
  assert.match(b.lines[0]!, /^\d\d:\d\d:\d\d a bleu: 30 points$/);
});

test('watch: a percent accuracy whose first values were all ≤ 1 says so again when its error becomes 100 − acc; an accuracy that falls is followed as it is', async () => {
  const grows = (n: number): RunData['series'][number] => {
    const xs = Float64Array.from({ length: n }, (_, i) => (i + 1) * 50);
    // in percent: under 1% for the first 20 points, then rising to tens of percent
    return { key: 'top1_acc', split: 'val', x: { step: xs }, y: xs.map((x, i) => (i < 20 ? 0.02 * (i + 1) : 90 - 2800 / Math.sqrt(x))) };
  };
  const w = reporter({ metric: 'top1_acc' });
  await w.report(source(grows(20)));
  await w.report(source(grows(40)));
  assert.deepEqual(w.errors.map((e) => /fitted its error, (\d+) − top1_acc/.exec(e)?.[1]), ['1', '100']);

  const falls = reporter({ metric: 'val_acc' });
  await falls.report(source({ ...series('val_acc', 30), y: series('val_acc', 30).y.map((v) => v / 10) }));
  assert.deepEqual(falls.errors, []);
  assert.match(falls.lines[1] ?? '', /^ {2}auto → m2; /);
  assert.doesNotMatch(falls.lines[1] ?? '', /val_acc \d/);
});

test('watch --reach on an accuracy at or past its scale says why it is not answered (once), as predict refuses it; the others are answered', async () => {
  const s = series('val_acc', 30);
  const w = reporter({ metric: 'val_acc', reach: [0.78, 1, 90] });
  await w.report(source({ ...s, y: s.y.map((v) => 1 - v / 10) }));
  await w.report(source({ ...series('val_acc', 31), y: series('val_acc', 31).y.map((v) => 1 - v / 10) }));
  // dropped without a word before: no reach line and no reason for 1 (an error of 0) or 90 (a percent typed for a fraction)
  assert.deepEqual(w.errors.filter((e) => e.includes('--reach')), [
    'warning: a val_acc: --reach 1: val_acc is an accuracy up to 1, fitted as its error 1 − val_acc, which never reaches 0: give an accuracy below 1',
    'warning: a val_acc: --reach 90: val_acc is an accuracy up to 1, fitted as its error 1 − val_acc, which never reaches 0: give an accuracy below 1',
  ]);
  assert.match(w.lines[1] ?? '', /1 − val_acc = 0\.22 \(val_acc 0\.78\) at x ≈/);
});

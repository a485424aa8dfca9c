// The panel on curves whose y is no loss in nats: a perplexity's headline (and the Predict
// notification) also says the loss it means; an accuracy that rises is fitted as its error and
// shown as the accuracy (the chart, the headline, the status line, a reach, the export); BLEU that
// rises gets a notice saying what to choose instead, and no chart of a flat "the loss has risen" fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunData, SourceData } from '../../../src/ingest/model/model';
import { LensSession } from '../../../src/extension/session';
import { describePrediction } from '../../../src/extension/model/predictionText';
import { liveTooltip } from '../../../src/extension/live/statusText';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { reachQuery } from '../../../src/core/targetText';
import { reachText } from '../../../src/core/reach';
import { toCsv, toJson } from '../../../src/extension/export/serialize';

const tokens = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 1e8);
const lossAt = (t: number): number => 2 + 30 * Math.pow(t, -0.2);

function sourceOf(key: string, y: (t: number) => number): SourceData {
  return { format: 'csv', warnings: [], runs: [{ name: 'run', origin: '/run', format: 'csv', series: [{ key, split: 'val', x: { tokens }, y: Float64Array.from(tokens, y) }] }] };
}

async function panelOf(key: string, y: (t: number) => number) {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 20 })));
  session.setSource(sourceOf(key, y));
  await session.refit();
  return session.panelData();
}

test('a perplexity\'s headline says the loss it means, and the loss curve\'s headline agrees with it', async () => {
  const ppl = await panelOf('val_ppl', (t) => Math.exp(lossAt(t)));
  const loss = await panelOf('val_loss', lossAt);
  const p = ppl.prediction!;
  assert.match(p.meaning ?? '', /^a loss of ln [\d.]+ = [\d.]+ nats \([\d.]+–[\d.]+\)$/);
  const nats = Number(/= ([\d.]+) nats/.exec(p.meaning!)![1]);
  assert.ok(Math.abs(nats / loss.prediction!.y - 1) < 0.01, `${nats} vs ${loss.prediction!.y}`);
  assert.equal(loss.prediction!.meaning, undefined);
  assert.match(describePrediction(p, 'val_ppl'), /^val_ppl at 10x \([^)]+\): [\d.]+ \(95% interval [\d.]+–[\d.]+\), a loss of ln [\d.]+ = [\d.]+ nats \([\d.]+–[\d.]+\), by /);
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: ppl }));
});

test('bits per byte: the loss in nats is bits × ln 2', async () => {
  const bpb = await panelOf('val_bpb', (t) => lossAt(t) / Math.LN2);
  assert.match(bpb.prediction?.meaning ?? '', /^a loss of [\d.]+ × ln 2 = [\d.]+ nats/);
});

test('an accuracy that rises is fitted as its error and shown as the accuracy: the chart as logged, the headline, its interval flipped, one line saying so', async () => {
  const accOf = (t: number): number => 1 - lossAt(t) / 10;
  const acc = await panelOf('val_accuracy', accOf);
  const err = await panelOf('val_err', (t) => 1 - accOf(t));
  assert.equal(acc.notice, undefined);
  const data = acc.chart?.series.find((s) => s.role === 'fit');
  assert.deepEqual(data?.points.map((p) => p.y), Array.from(tokens, accOf), 'the data drawn as logged');
  const [a, e] = [acc.prediction!, err.prediction!];
  assert.ok(e.lo !== undefined && e.hi !== undefined);
  assert.deepEqual([a.y, a.lo, a.hi], [1 - e.y, 1 - e.hi, 1 - e.lo], 'the error\'s answer read back, its interval\'s ends swapped');
  assert.ok(a.lo! < a.y && a.y < a.hi! && a.y > accOf(tokens[tokens.length - 1]!), 'an accuracy that keeps rising');
  // the fitted curve and its extrapolation drawn as the accuracy: up to the headline's value at the target
  const ext = acc.chart!.series.find((s) => s.role === 'extrapolation');
  assert.ok(ext && Math.abs(ext.points[ext.points.length - 1]!.y - a.y) < 1e-9, `${ext?.points.at(-1)?.y} vs ${a.y}`);
  const band = acc.chart!.series.find((s) => s.role === 'band')!.band!;
  assert.ok(band.every((b) => b.lo <= b.hi && b.hi <= 1));
  assert.match(a.fittedAsError ?? '', /^val_accuracy rises with training, and the laws here fit a metric that falls: fitted its error, 1 − val_accuracy [\d.]+ \([\d.]+–[\d.]+\), read back as the accuracy \(1 minus it\)/);
  assert.equal(err.prediction!.fittedAsError, undefined);
  assert.match(describePrediction(a, 'val_accuracy'), /^val_accuracy at 10x \([^)]+\): 0\.\d+ \(95% interval 0\.\d+–0\.\d+\), by [^;]+; val_accuracy rises with training/);
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: acc }));
});

test('an accuracy that falls late is said to have fallen, in the accuracy as logged, not as "the loss has risen"', async () => {
  // rises to 0.762 by 3B tokens, then falls 0.0015 a point (an overfit), still up overall
  const accOf = (t: number): number => (t <= 3e9 ? 1 - lossAt(t) / 10 : 1 - lossAt(3e9) / 10 - 0.0015 * Math.round((t - 3e9) / 1e8));
  const acc = await panelOf('val_accuracy', accOf);
  const said = [acc.prediction?.caution ?? '', ...acc.warnings];
  assert.ok(said.some((w) => /^val_accuracy has fallen since x ≈ [\d.]+[KMB]? \(from 0\.\d+ to 0\.\d+; its error, 1 − val_accuracy, rose [\d.]+%\): every law here but flat assumes the error keeps falling/.test(w)), said.join(' | '));
  assert.ok(said.every((w) => !/the loss has risen/.test(w)), said.join(' | '));
});

test('BLEU or an mIoU that rises keeps its notice and no chart; an error that falls is fitted as it is', async () => {
  const bleu = await panelOf('bleu', (t) => 40 - lossAt(t));
  assert.equal(bleu.chart, undefined);
  assert.match(bleu.notice?.text ?? '', /bleu rises with training; .*choose it as y above the chart/);
  const miou = await panelOf('val/mIoU', (t) => 0.8 - lossAt(t) / 10);
  assert.equal(miou.chart, undefined);
  assert.match(miou.notice?.text ?? '', /val\/mIoU rises with training; /);
  const err = await panelOf('val_err', (t) => lossAt(t) / 10);
  assert.ok(err.chart && err.prediction);
});

test('timm\'s top1 in percent is fitted as 100 − top1 and answered in percent', async () => {
  const top1 = await panelOf('top1', (t) => 100 - 10 * lossAt(t));
  const err = await panelOf('top1_err', (t) => 10 * lossAt(t));
  assert.equal(top1.notice, undefined);
  assert.ok(Math.abs(top1.prediction!.y - (100 - err.prediction!.y)) < 1e-9);
  assert.match(top1.prediction!.fittedAsError ?? '', /fitted its error, 100 − top1 [\d.]+/);
});

test('the status line of an accuracy forecasts the accuracy; BLEU that rises gets no forecast of a fall', async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'])));
  session.setSource(sourceOf('val_accuracy', (t) => 1 - lossAt(t) / 10));
  await session.refit();
  const p = session.predict()!;
  assert.match(session.statusLine() ?? '', new RegExp(`^val_accuracy 0\\.\\d+ at 4B → ${p.y.toPrecision(4)} at 40B tokens$`));
  const bleu = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2', 'flat'])));
  bleu.setSource(sourceOf('bleu', (t) => 40 - lossAt(t)));
  await bleu.refit();
  assert.match(bleu.statusLine() ?? '', /^bleu [\d.]+ at 4B tokens \(it rises: no law of a fall fits it\)$/);
});

test('the status line of an accuracy that falls late says it fell (↓, the accuracy\'s own fraction), as a loss that turned up says ↑', async () => {
  const accOf = (t: number): number => (t <= 3e9 ? 1 - lossAt(t) / 10 : 1 - lossAt(3e9) / 10 - 0.0015 * Math.round((t - 3e9) / 1e8));
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2', 'flat'])));
  session.setSource(sourceOf('val_accuracy', accOf));
  await session.refit();
  const line = session.statusLine() ?? '';
  const m = /^val_accuracy 0\.\d+ at 4B ↓([\d.]+)% since [\d.]+B → 0\.\d+ at 40B tokens$/.exec(line);
  assert.ok(m, line);
  // the accuracy's fall from its high (0.7613) to its last (0.7498): 1.5%, not its error's rise (4.8%)
  assert.ok(Math.abs(Number(m[1]) - 1.5) < 0.3, line);
  assert.match(liveTooltip(session.liveFacts()!, '/run.csv'), /val_accuracy has fallen [\d.]+% since [\d.]+B \(its error, 1 − val_accuracy, rose [\d.]+%\): the laws assume the error keeps falling/);
});

test('"when does val_accuracy reach 0.78?" is where its error reaches 0.22, said as the accuracy', async () => {
  const accOf = (t: number): number => 1 - lossAt(t) / 10;
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'])));
  session.setSource(sourceOf('val_accuracy', accOf));
  const errSession = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'])));
  errSession.setSource(sourceOf('val_err', (t) => 1 - accOf(t)));
  const asked = reachQuery('when does val_accuracy reach 0.78?', 'val_accuracy');
  assert.equal(asked, 0.78);
  const r = await session.reach(session.selected[0]!, asked!);
  const e = await errSession.reach(errSession.selected[0]!, 0.22);
  assert.ok(r?.x !== undefined && r.x > tokens[tokens.length - 1]!, JSON.stringify(r));
  assert.equal(r.x, e!.x);
  assert.equal(r.loss, 0.78);
  assert.match(reachText(r, 'val_accuracy', '95%'), /^val_accuracy = 0\.78 at x ≈ .*, [\d.]+× the data/);
  // inside the data: the log's own answer, its level the accuracy there
  const logged = await session.reach(session.selected[0]!, 0.75);
  assert.ok(logged?.logged !== undefined && logged.loggedLevel! >= 0.75, JSON.stringify(logged));
});

test('an overlay of a BLEU that rises and one that falls fits and forecasts neither the rising one as a loss', async () => {
  const steps = Float64Array.from({ length: 40 }, (_, i) => (i + 1) * 100);
  const lr = Float64Array.from(steps, () => 1e-3);
  const run = (name: string, y: (t: number) => number): RunData => ({ name, origin: `/${name}`, format: 'csv', series: [{ key: 'bleu', split: 'val', x: { step: steps }, y: Float64Array.from(steps, (t) => y(t * 1e5)) }, { key: 'lr', split: 'train', x: { step: steps }, y: lr }] });
  const source: SourceData = { format: 'csv', warnings: [], runs: [run('up', (t) => 40 - lossAt(t)), run('down', lossAt)] };
  const fitted: number[] = [];
  const forecasts: number[] = [];
  const deps = testDeps(testSettings(['m2']), {
    analyze: async (points, options) => (fitted.push(points[0]!.y), analyzeCurve(points, options)),
    forecast: async (data) => {
      forecasts.push(data.loss[0]!);
      throw new Error('no forecast here');
    },
  });
  const session = new LensSession('/runs', 'runs', deps);
  session.setSource(source);
  const ids = session.curves.filter((c) => c.key === 'bleu').map((c) => c.id);
  session.selectCurves(ids);
  assert.deepEqual(session.selected.map((id) => session.curves.find((c) => c.id === id)!.label).length, 2);
  session.forecast.setSchedule('constant:warmup=0,total=8000,peak=1e-3');
  await session.refit();
  const up = 40 - lossAt(100 * 1e5);
  assert.ok(!fitted.includes(up), `the rising curve was fitted (${fitted})`);
  assert.equal(fitted.length, 1, 'the falling one is');
  assert.deepEqual(forecasts, [], 'no forecast of the rising curve shown first');
  const data = session.panelData();
  assert.equal(data.forecast, undefined);
  assert.match(data.notice?.text ?? '', /bleu rises with training/);
  const rising = data.chart!.series.filter((s) => s.curve === session.curves.find((c) => c.id === ids[0])!.label);
  assert.deepEqual(rising.map((s) => s.role), ['fit'], 'its data alone');
  assert.ok(data.chart!.series.some((s) => s.role === 'curve'), 'the falling one keeps its fit');
  assert.equal(session.liveFacts()?.noForecast, 'it rises: no law of a fall fits it');
});

test('an export of an accuracy says its values are the accuracy and its fits are of 1 − accuracy', async () => {
  const session = new LensSession('/run.csv', 'run.csv', testDeps(testSettings(['m2'], { bootstrapSamples: 20 })));
  session.setSource(sourceOf('val_accuracy', (t) => 1 - lossAt(t) / 10));
  await session.refit();
  const id = session.selected[0]!;
  const ctx = { source: '/run.csv', xColumn: 'tokens', yColumn: 'val_accuracy', curves: [{ id, label: 'run', analysis: session.analysisOf(id)! }], lawOf: getLaw };
  const csv = toCsv(ctx).trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(csv[0], ['curve', 'kind', 'tokens', 'val_accuracy', 'm2', 'm2_lo', 'm2_hi', 'fitted_as']);
  const first = csv[1]!;
  assert.equal(first[7], '1 − val_accuracy');
  assert.ok(Math.abs(Number(first[4]) - Number(first[3])) < 0.01, `the fit beside the accuracy logged: ${first}`);
  const json = JSON.parse(toJson(ctx));
  const c = json.curves[0];
  assert.equal(c.fittedAsError.error, '1 − val_accuracy');
  const p = c.estimators[0].predictions.at(-1);
  assert.ok(Math.abs(p.error.y - (1 - p.y)) < 1e-12 && Math.abs(p.error.lo - (1 - p.hi)) < 1e-12);
});

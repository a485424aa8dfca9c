// The panel fits a log from the end of its logged LR warmup, and draws the warmup apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from '../../../src/extension/export/serialize';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { warmupStartOf } from '../../../src/ingest/model/warmupStart';
import type { RunData } from '../../../src/ingest/model/model';
import { testDeps, testSettings } from './sessionFixture';

const n = 400;
const steps = Float64Array.from({ length: n }, (_, i) => (i + 1) * 10);
const lr = steps.map((s) => (s < 500 ? (3e-4 * s) / 500 : 3e-4));
const loss = steps.map((s) => (2 + 30 * s ** -0.5) * (s < 500 ? 1 + 0.5 * (1 - s / 500) : 1));
const tokens = steps.map((s) => s * 4096);

function source(withLr: boolean): SourceData {
  const x = { step: steps, tokens };
  return {
    format: 'csv',
    warnings: [],
    runs: [{ name: 'run', origin: '/r.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x, y: loss }, ...(withLr ? [{ key: 'lr', split: 'other' as never, x, y: lr }] : [])] }],
  };
}

const fitFrom = (run: RunData, key: string, x: 'step' | 'tokens'): number | undefined => warmupStartOf(run, run.series.find((s) => s.key === key)!, x)?.at;

test("warmupStartOf: the end of the run's LR warmup on the loss's own x axis", () => {
  const run = source(true).runs[0]!;
  assert.equal(fitFrom(run, 'loss', 'step'), 500);
  assert.equal(fitFrom(run, 'loss', 'tokens'), 500 * 4096);
  assert.match(warmupStartOf(run, run.series[0]!, 'step')!.from, /logged learning rate \("lr"\)/);
  assert.equal(fitFrom(run, 'lr', 'step'), undefined, 'not for the LR itself');
  assert.equal(fitFrom(source(false).runs[0]!, 'loss', 'step'), undefined, 'no LR logged, no config');
});

test("warmupStartOf: with no LR logged, the warmup the run's config states", () => {
  const withMeta = (meta: Record<string, string | number>): RunData => ({ ...source(false).runs[0]!, meta });
  // nanoGPT's config states its schedule in full; the warmup is part of it
  const nano = withMeta({ learning_rate: 6e-4, warmup_iters: 500, lr_decay_iters: 4000, max_iters: 4000, min_lr: 6e-5 });
  assert.equal(fitFrom(nano, 'loss', 'step'), 500);
  assert.equal(fitFrom(nano, 'loss', 'tokens'), 500 * 4096);
  assert.match(warmupStartOf(nano, nano.series[0]!, 'step')!.from, /schedule in the run's config, cosine:warmup=500/);
  // a warmup length alone, under the names trainers give it (nested config keys too)
  assert.equal(fitFrom(withMeta({ 'train.lr_warmup_steps': 300 }), 'loss', 'step'), 300);
  assert.match(warmupStartOf(withMeta({ 'train.lr_warmup_steps': 300 }), source(false).runs[0]!.series[0]!, 'step')!.from, /train\.lr_warmup_steps 300 in the run's config/);
  assert.equal(fitFrom(withMeta({ 'scheduler.t_warmup': 250 }), 'loss', 'step'), 250);
  // a share of the planned steps
  assert.equal(fitFrom(withMeta({ warmup_ratio: 0.05, max_steps: 4000 }), 'loss', 'step'), 200);
  assert.equal(fitFrom(withMeta({ warmup_ratio: 0.05 }), 'loss', 'step'), undefined, 'a share of an unknown length is no step');
  // HF: warmup_steps wins over warmup_ratio, and a schedule with none is none
  assert.equal(fitFrom(withMeta({ lr_scheduler_type: 'cosine', learning_rate: 3e-4, max_steps: 4000, warmup_steps: 120, warmup_ratio: 0.1 }), 'loss', 'step'), 120);
  assert.equal(fitFrom(withMeta({ lr_scheduler_type: 'cosine', learning_rate: 3e-4, max_steps: 4000, warmup_steps: 0 }), 'loss', 'step'), undefined);
  assert.equal(fitFrom(withMeta({ warmup_steps: 0, seed: 3 }), 'loss', 'step'), undefined, 'a warmup of 0 is none');
  assert.equal(fitFrom(withMeta({ warmup_steps: 'auto' }), 'loss', 'step'), undefined, 'no number');
  // a logged LR is the run as it went: its warmup, or its having none, wins over the config's
  assert.equal(fitFrom({ ...source(true).runs[0]!, meta: { warmup_steps: 900 } }, 'loss', 'step'), 500);
  const flatLr = source(true).runs[0]!;
  const constant = { ...flatLr, meta: { warmup_steps: 900 }, series: flatLr.series.map((s) => (s.key === 'lr' ? { ...s, y: s.y.map(() => 3e-4) } : s)) };
  assert.equal(fitFrom(constant, 'loss', 'step'), undefined);
});

test('the panel leaves a logged warmup out of the fit, draws it as its own series and says so', async () => {
  const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'])));
  session.setSource(source(true));
  await session.refitLaws();
  const data = session.panelData();
  const warm = data.chart?.series.find((s) => s.role === 'warmup');
  assert.ok(warm, data.chart?.series.map((s) => s.role).join());
  assert.equal(warm.points.length, 49);
  assert.ok(warm.points.every((p) => p.x < 500 * 4096), 'against tokens, the x the panel chose');
  assert.ok(data.chart!.series.filter((s) => s.role === 'fit').every((s) => s.points.every((p) => p.x >= 500 * 4096)));
  assert.ok(data.tables[0]!.warnings.some((w) => /learning rate's warmup/.test(w)), data.tables[0]!.warnings.join('; '));
  // the CSV export lists the warmup points as such
  const csv = toCsv({ source: 'r.csv', xColumn: 'tokens', yColumn: 'loss', curves: [{ id: 'c', label: 'run', analysis: session.analysisOf(session.selected[0]!)! }], lawOf: () => undefined });
  assert.equal(csv.split('\n').filter((l) => l.startsWith('run,warmup,')).length, 49);
  // scalingLens.fitWarmup: the warmup is fitted too
  const whole = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'], { fitWarmup: true })));
  whole.setSource(source(true));
  await whole.refitLaws();
  assert.ok(!whole.panelData().chart?.series.some((s) => s.role === 'warmup'));
  assert.equal(whole.analysisOf(whole.selected[0]!)!.fitPoints.length, n);
  // no LR logged: the warmup the config states, said in the warning
  const stated = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'])));
  const fromConfig = source(false);
  stated.setSource({ ...fromConfig, runs: [{ ...fromConfig.runs[0]!, meta: { warmup_iters: 500 } }] });
  await stated.refitLaws();
  assert.equal(stated.panelData().chart?.series.find((s) => s.role === 'warmup')?.points.length, 49);
  assert.ok(stated.panelData().tables[0]!.warnings.some((w) => /warmup, read from warmup_iters 500 in the run's config/.test(w)), stated.panelData().tables[0]!.warnings.join('; '));
  // without an LR or a config there is nothing to leave out
  const plain = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'])));
  plain.setSource(source(false));
  await plain.refitLaws();
  assert.ok(!plain.panelData().chart?.series.some((s) => s.role === 'warmup'));
});

test('while a watched log is refitted, the older fit leaves its warmup out of the fit points and draws its curve from the fit\'s start', async () => {
  // W's walkthrough: appends every second kept the panel stale, and the stale view drew the warmup
  // twice (as warmup and as fit points) and the older curve solid back over the warmup
  const first = source(true);
  const cut = (a: Float64Array) => a.slice(0, 300);
  const series = first.runs[0]!.series.map((s) => ({ ...s, x: { step: cut(steps), tokens: cut(tokens) }, y: cut(s.y as Float64Array) }));
  const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'])));
  session.setSource({ ...first, runs: [{ ...first.runs[0]!, series }] });
  await session.refitLaws();
  session.setSource(source(true));
  const shown = session.panelData();
  assert.match(shown.stale ?? '', /Fit from 300 points; refitting with the newest 400/);
  const start = 500 * 4096;
  assert.equal(shown.chart!.series.find((s) => s.role === 'warmup')?.points.length, 49);
  const fit = shown.chart!.series.filter((s) => s.role === 'fit').flatMap((s) => s.points);
  assert.ok(fit.length > 0 && fit.every((p) => p.x >= start), `fit points from ${Math.min(...fit.map((p) => p.x))}`);
  const curves = shown.chart!.series.filter((s) => s.role === 'curve');
  assert.ok(curves.length > 0 && curves.every((s) => s.points[0]!.x >= start), `curves from ${curves.map((s) => s.points[0]?.x).join(', ')}`);
});

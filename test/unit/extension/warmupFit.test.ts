// The panel fits a log from the end of its logged LR warmup, and draws the warmup apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from '../../../src/extension/export/serialize';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { warmupFitFrom } from '../../../src/ingest/model/warmupStart';
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

test("warmupFitFrom: the end of the run's LR warmup on the loss's own x axis", () => {
  const run = source(true).runs[0]!;
  const series = run.series[0]!;
  assert.equal(warmupFitFrom(run, series, 'step'), 500);
  assert.equal(warmupFitFrom(run, series, 'tokens'), 500 * 4096);
  assert.equal(warmupFitFrom(run, run.series[1]!, 'step'), undefined, 'not for the LR itself');
  assert.equal(warmupFitFrom(source(false).runs[0]!, series, 'step'), undefined, 'no LR logged');
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
  // without an LR there is nothing to leave out
  const plain = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['m2', 'm4'])));
  plain.setSource(source(false));
  await plain.refitLaws();
  assert.ok(!plain.panelData().chart?.series.some((s) => s.role === 'warmup'));
});

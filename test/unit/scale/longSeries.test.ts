// 1M-point series through every path a per-step log takes: core analysis, the panel's view model
// (curve data, thinning, chart, table, the fit-free first payload) and `fit` on a 1M-row CSV.
// These crashed with "Maximum call stack size exceeded" past ~125k points. No timing asserts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCurve } from '../../../src/core/analyze';
import type { CurveAnalysis, Point } from '../../../src/core/analysis';
import { getLaw, CURVE_LAW_IDS } from '../../../src/core/laws/index';
import { prepareCurve } from '../../../src/core/validate';
import { curveData, listCurves } from '../../../src/extension/model/curves';
import { buildChart, buildTable, predictionGrid } from '../../../src/extension/panel/viewModel';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { command as fit } from '../../../src/cli/commands/fit';
import { lossAt, stepCsvChunks, stepLog, TRUE_E } from './series';
import { testSettings } from '../extension/sessionFixture';

const N = 1_000_000;
const log = stepLog(N);
const points: Point[] = Array.from(log.x, (x, i) => ({ x, y: log.y[i]! }));
const dir = mkdtempSync(join(tmpdir(), 'sl-scale-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lawOf = (id: string) => {
  try {
    return getLaw(id);
  } catch {
    return undefined;
  }
};

let analysis: CurveAnalysis | undefined;

test('analyzeCurve on 1M points fits a bounded summary and recovers the curve', () => {
  analysis = analyzeCurve(points, { laws: CURVE_LAW_IDS, targets: [1e7], holdoutFrac: 0.2 });
  assert.equal(analysis.fitPoints.length + analysis.heldOutPoints.length, N);
  assert.equal(analysis.heldOutPoints.length, 200_000);
  assert.ok(analysis.warnings.some((w) => /fitted 800000 points as \d+ log-x bins/.test(w)), analysis.warnings.join('; '));
  const m2 = analysis.estimators.find((e) => e.law === 'm2')!;
  assert.ok(m2.fit, m2.error);
  assert.ok(Math.abs(m2.fit.params.errInf! - TRUE_E) < 0.1, `errInf ${m2.fit.params.errInf}`);
  // held out: the last 20% of a million steps, predicted from the first 80%
  assert.ok(m2.heldOut && m2.heldOut.n === 200_000 && m2.heldOut.rmsle < 0.02, JSON.stringify(m2.heldOut));
  assert.ok(analysis.auto, 'auto chose a law');
  const chosen = analysis.estimators.find((e) => e.law === analysis!.auto!.law)!;
  assert.ok(Math.abs(chosen.predictions[0]!.y / lossAt(1e7) - 1) < 0.03, `${chosen.law} predicts ${chosen.predictions[0]!.y} at 1e7`);
});

test('prepareCurve on 1M unsorted points with duplicates sorts, averages and spans the data', () => {
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[i] = N - Math.floor(i / 2); // descending, every x twice
    y[i] = log.y[i]!;
  }
  const c = prepareCurve(x, y, 2, 'the curve');
  assert.equal(c.x.length, N / 2);
  assert.equal(c.x[0], N / 2 + 1);
  assert.equal(c.x[c.x.length - 1], N);
  assert.ok(c.warnings.some((w) => /sorted/.test(w)) && c.warnings.some((w) => /averaged 500000 duplicate/.test(w)));
});

test('the view model of a fitted 1M-point curve draws every point decimated, within maxPoints', () => {
  assert.ok(analysis);
  const curve = { id: '0:loss', label: 'run', analysis: analysis! };
  const chart = buildChart([curve], { xLabel: 'step', yLabel: 'loss', lawOf, maxPoints: 2000, target: 1e7 });
  const fitSeries = chart.series.find((s) => s.role === 'fit')!;
  const held = chart.series.find((s) => s.role === 'heldout')!;
  // one dot per log-x bin (maxPoints / 2 bins), each with its bin's range drawn behind it
  assert.ok(fitSeries.points.length <= 1000 && fitSeries.points.length > 500, `${fitSeries.points.length}`);
  assert.ok(held.points.length <= 1000);
  assert.equal(fitSeries.points[0]!.x, points[0]!.x);
  assert.ok(held.points[held.points.length - 1]!.x > 0.99 * N);
  const spread = chart.series.find((s) => s.role === 'spread' && s.id.endsWith('|fit-spread'))!;
  assert.equal(spread.band?.length, fitSeries.points.length);
  assert.equal(spread.group, fitSeries.group);
  // the extrapolation runs from the last observed x to the target
  const extra = chart.series.find((s) => s.role === 'extrapolation')!;
  assert.equal(extra.points[0]!.x, N);
  assert.equal(extra.points[extra.points.length - 1]!.x, 1e7);
  const table = buildTable(curve, { lawOf, target: 1e7 });
  assert.ok(table.rows.some((r) => r.auto && r.prediction && Number.isFinite(r.prediction.y)));
  assert.deepEqual(predictionGrid(points, 1e7, 4).at(-1), 1e7);
  // the band starts at the last observed x (its in-sample width), then runs out to the target
  assert.equal(predictionGrid(points, 1e7, 4)[0], N);
});

test('the panel first paint (no fit yet) of a 1M-point log: curve data, thinned chart, no estimators', () => {
  const source: SourceData = {
    format: 'csv',
    warnings: [],
    runs: [{ name: 'run', origin: 'run.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step: log.x }, y: log.y }] }],
  };
  const [ref] = listCurves(source, { x: 'step', y: 'loss' });
  assert.equal(ref!.points, N);
  const data = curveData(source, ref!, 'step');
  assert.equal(data.points.length, N);
  const session = new LensSession('run.csv', 'run.csv', {
    analyze: () => Promise.reject(new Error('not in this test')),
    settings: () => testSettings(['m2']),
    lawOf,
    knownLaws: () => CURVE_LAW_IDS,
    curveLaws: () => CURVE_LAW_IDS,
  });
  session.setSource(source);
  const panel = session.panelData();
  assert.equal(panel.curves[0]!.points, N);
  const shown = panel.chart!.series.find((s) => s.role === 'fit')!;
  assert.ok(shown.points.length <= 1000 && shown.points.length > 500);
  assert.ok(shown.points[shown.points.length - 1]!.x > 0.99 * N);
  assert.equal(panel.chart!.series.filter((s) => s.role === 'curve').length, 0);
  assert.equal(session.target(), 10 * N);
});

test('fit on a 1M-row CSV prints sane JSON and exits 0', async () => {
  const path = join(dir, 'steps.csv');
  const out = createWriteStream(path);
  for (const chunk of stepCsvChunks(N)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  let code: number;
  try {
    code = await fit.run([path, '--x', 'step', '--y', 'loss', '--law', 'm2', '--target', '10x', '--json']);
  } finally {
    console.log = orig;
  }
  assert.equal(code, 0);
  const r = JSON.parse(lines.join('\n'));
  assert.equal(r.error, undefined);
  assert.equal(r.nFit, N);
  assert.ok(Math.abs(r.params.errInf - TRUE_E) < 0.1, JSON.stringify(r.params));
  assert.equal(r.predictions[0].x, 10 * N);
  assert.ok(Math.abs(r.predictions[0].y / lossAt(10 * N) - 1) < 0.03, JSON.stringify(r.predictions));
});

// Loss spikes down-weighted or left out of the fit reach the user: `fit --json` lists them, the text says so with
// their x, and the panel draws them as their own crossed series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { fitCurves } from '../../../src/cli/curveFit';
import { outlierText } from '../../../src/cli/curveText';
import { parseArgs } from '../../../src/cli/args';
import { fitText } from '../../../src/cli/commands/fit';
import { saidLines } from '../../../src/cli/textAnswer';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart, buildTable } from '../../../src/extension/panel/viewModel';
import { type PanelData } from '../../../src/shared/protocol';
import { validateToWebview, ProtocolError } from '../../../src/shared/validate';
import { chartModel } from '../../../webview/chartConfig';

// five checkpoints at double the loss (x = 2100, 5800, 9500, 13200, 16900) on a smooth M2 curve
const spiky = Array.from({ length: 200 }, (_, i) => {
  const x = 100 * (i + 1);
  return { x, y: (i % 37 === 20 ? 2 : 1) * (1.8 + 8 * Math.pow(x, -0.35)) };
});

const SPIKES = [2100, 5800, 9500, 13200, 16900];

test('fit --json lists the spikes per curve and the text says how many and where', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-spikes-'));
  const csv = join(dir, 'run.csv');
  writeFileSync(csv, ['step,loss', ...spiky.map((p) => `${p.x},${p.y}`)].join('\n'));
  const [r] = await fitCurves({ path: csv, xCol: 'step', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.deepEqual(r.outliers, SPIKES.map((x) => ({ x, y: spiky[x / 100 - 1].y })));
  // what the laws were fitted on: the spikes are not counted
  assert.equal(r.nFit, 200 - SPIKES.length);
  const printed = fitText(r);
  const text = [printed.answer, ...saidLines(printed)].join('\n');
  // the default (robust 'trim') leaves them out of every fit
  assert.match(text, /left 5 loss spikes out of the fit \(x = 2100, 5800, 9500, 13200, 16900\)/);
  // said once, not again as a warning
  assert.equal(text.match(/loss spikes?/g)!.length, 1);
  // robust 'huber' keeps them in M2–M4's fits under the Huber loss, and says so
  const [h] = await fitCurves({ path: csv, xCol: 'step', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1, robust: 'huber' });
  assert.match(fitText(h).answer, /5 loss spikes down-weighted by the Huber loss, left out of BNSL \(x = 2100, 5800, 9500, 13200, 16900\)/);
  // a clean curve has an empty list and no such line
  const cleanCsv = join(dir, 'clean.csv');
  writeFileSync(cleanCsv, ['step,loss', ...spiky.map((p) => `${p.x},${1.8 + 8 * Math.pow(p.x, -0.35)}`)].join('\n'));
  const [c] = await fitCurves({ path: cleanCsv, xCol: 'step', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.deepEqual(c.outliers, []);
  assert.doesNotMatch([fitText(c).answer, ...saidLines(fitText(c))].join('\n'), /loss spike/);
});

test('outlier text: singular, and long lists are cut', () => {
  assert.equal(outlierText([]), '');
  assert.equal(outlierText([{ x: 5 }]), 'left 1 loss spike out of the fit (x = 5)');
  assert.equal(outlierText([{ x: 5 }], true), '1 loss spike down-weighted by the Huber loss, left out of BNSL (x = 5)');
  const many = Array.from({ length: 11 }, (_, i) => ({ x: i + 1 }));
  assert.equal(outlierText(many), 'left 11 loss spikes out of the fit (x = 1, 2, 3, 4, 5, 6, 7, 8, … 3 more)');
});

test('the panel draws spikes as their own crossed series, which the protocol accepts', () => {
  const analysis = analyzeCurve(spiky, { laws: ['m2'] });
  const opts = { xLabel: 'step', yLabel: 'loss', lawOf: (id: string) => getLaw(id), maxPoints: 1000 };
  const chart = buildChart([{ id: 'c0', label: 'run', analysis }], opts);
  const spikes = chart.series.filter((s) => s.role === 'outlier');
  assert.equal(spikes.length, 1);
  assert.equal(spikes[0].label, 'spikes (not fitted)');
  const huber = buildChart([{ id: 'c0', label: 'run', analysis: analyzeCurve(spiky, { laws: ['m2'], robust: 'huber' }) }], opts);
  assert.equal(huber.series.find((s) => s.role === 'outlier')!.label, 'spikes (down-weighted)');
  assert.deepEqual(spikes[0].points.map((p) => p.x), SPIKES);
  // toggled on its own, drawn on top of the data
  const fit = chart.series.find((s) => s.role === 'fit')!;
  assert.notEqual(spikes[0].group, fit.group);
  // a spike is drawn once, by its cross: no fit-point dot of the same colour under it (which hid
  // the cross and counted the spike among the "fit points"), left out or down-weighted
  assert.equal(fit.points.length, 200 - SPIKES.length);
  assert.ok(fit.points.every((p) => !SPIKES.includes(p.x)));
  const huberFit = huber.series.find((s) => s.role === 'fit')!;
  assert.ok(huberFit.points.every((p) => !SPIKES.includes(p.x)));
  const theme = { foreground: '#ccc', muted: '#999', background: '#000', grid: '#333', fontFamily: 'sans', fontSize: 13, series: ['#00f', '#f80'], target: '#f00' };
  const ds = chartModel(chart, theme, new Set()).datasets.find((d) => d.role === 'outlier')!;
  assert.equal(ds.pointStyle, 'crossRot');
  assert.equal(ds.showLine, false);
  assert.equal(ds.legend, true);
  assert.ok(ds.order < chartModel(chart, theme, new Set()).datasets.find((d) => d.role === 'fit')!.order);
  const data: PanelData = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [], chart };
  const ok = validateToWebview({ type: 'data', data });
  assert.ok(ok.type === 'data' && ok.data.chart!.series.some((s) => s.role === 'outlier'));
  const bad = { ...chart, series: [{ ...spikes[0], role: 'spike' }] };
  assert.throws(() => validateToWebview({ type: 'data', data: { ...data, chart: bad } }), ProtocolError);
  // a curve without spikes gets no such series
  const clean = analyzeCurve(spiky.map((p) => ({ x: p.x, y: 1.8 + 8 * Math.pow(p.x, -0.35) })), { laws: ['m2'] });
  assert.equal(buildChart([{ id: 'c1', label: 'clean', analysis: clean }], opts).series.filter((s) => s.role === 'outlier').length, 0);
});

test('fit --robust trim leaves the spikes out (and says so); a bad --robust is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-spikes-'));
  const csv = join(dir, 'run.csv');
  writeFileSync(csv, ['step,loss', ...spiky.map((p) => `${p.x},${p.y}`)].join('\n'));
  const [r] = await fitCurves({ path: csv, xCol: 'step', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1, robust: 'trim' });
  assert.match(fitText(r).answer, /left 5 loss spikes out of the fit/);
  const req = (...extra: string[]) => curveRequest(parseArgs(['run.csv', '--y', 'loss', ...extra], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  assert.equal(req('--robust', 'none').robust, 'none');
  assert.equal(req().robust, undefined);
  assert.throws(() => req('--robust', 'tukey'), /--robust must be one of huber, trim, trim\+huber, none/);
});

test('the panel table says where the spikes are: the crosses on the chart, not a JSON field', () => {
  const analysis = analyzeCurve(spiky, { laws: ['m2'] });
  const table = buildTable({ id: 'c0', label: 'run', analysis }, { lawOf: (id: string) => getLaw(id), target: undefined });
  const w = table.warnings.find((x) => /loss spikes/.test(x))!;
  assert.match(w, /left 5 loss spikes out of the fit \(far above the running median; the × on the chart\)/);
  assert.doesNotMatch(w, /see outliers/);
});

// The schedule forecast leaves out the loss spikes the laws leave out (core/schedule/lossSpikes.ts): the panel's forecast job and the CLI's forecast.
// Walkthrough LMWALK: the first 300 rows of the 100M cosine_72000 run, three rows at 2× the loss.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { printed } from '../cli/printed';
import { forecastInputOf } from '../../../src/extension/model/forecastInput';
import { runForecastJob } from '../../../src/extension/forecastJob';
import { withoutLossSpikes } from '../../../src/core/schedule/lossSpikes';
import { endedHint } from '../../../src/extension/model/forecastState';
import { formatAmount } from '../../../src/core/units';
import type { SourceData } from '../../../src/ingest/model/model';
import { rows, SPECS } from '../schedule/lrData';
import { analyzeCurve } from '../../../src/core/analyze';
import { forecastRun } from '../../../src/core/schedule/forecast';
import { scheduleFromSpec } from '../../../src/core/schedule/index';

const run = rows('100M', 'cosine_72000');
const N = 300;
const SPIKES = [100, 101, 250];

function source(spiked: boolean): SourceData {
  const step = Float64Array.from(run.steps.slice(0, N));
  const y = Float64Array.from(run.loss.slice(0, N), (v, i) => (spiked && SPIKES.includes(i) ? 2 * v : v));
  return {
    format: 'jsonl',
    warnings: [],
    runs: [{ name: 'run', origin: '/run', format: 'jsonl', series: [{ key: 'train/loss', split: 'train', x: { step }, y }, { key: 'train/lr', split: 'train', x: { step }, y: Float64Array.from(run.lr.slice(0, N)) }] }],
  };
}

const ref = { id: 'r', label: 'run', runIndex: 0, key: 'train/loss' } as Parameters<typeof forecastInputOf>[1];
const forecastOf = (s: SourceData) => {
  const input = forecastInputOf(s, ref, 'step')!;
  const job = runForecastJob({ steps: input.steps, loss: input.loss, ...(input.lr ? { lrSteps: input.lr.steps, lr: input.lr.lr } : {}) }, { spec: SPECS.cosine_72000!, bootstrap: 20, seed: 1 });
  return { input, fc: job.base };
};

test('three 2× spikes in a W&B history: the panel’s forecast job leaves them out, and its forecast is the clean run’s (the band was ×6 wider with them)', () => {
  const spiked = forecastOf(source(true));
  const clean = forecastOf(source(false));
  const kept = withoutLossSpikes(spiked.input.steps, spiked.input.loss);
  assert.equal(kept.spikes, SPIKES.length);
  assert.equal(kept.loss.length, N - SPIKES.length);
  assert.equal(spiked.input.lastStep, run.steps[N - 1]);
  assert.deepEqual(kept.loss, [...clean.input.loss].filter((_, i) => !SPIKES.includes(i)), 'the rows flagged are the spikes');
  assert.ok(Math.abs(spiked.fc.final.y / clean.fc.final.y - 1) < 1e-3, `${spiked.fc.final.y} vs clean ${clean.fc.final.y}`);
  // with them: [2.527, 3.257], ×1.29
  assert.ok(spiked.fc.final.hi / spiked.fc.final.lo < 1.05, `band ${spiked.fc.final.lo}–${spiked.fc.final.hi}`);
});

test('a log with no spike has no rows flagged', () => {
  assert.equal(withoutLossSpikes(run.steps.slice(0, N), run.loss.slice(0, N)).spikes, 0);
});

test('the CLI forecast leaves them out too, and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-spikes-'));
  const file = join(dir, 'run.csv');
  const body = run.steps.slice(0, N).map((s, i) => `${s},${run.lr[i]},${SPIKES.includes(i) ? 2 * run.loss[i]! : run.loss[i]}`);
  writeFileSync(file, `step,lr,loss\n${body.join('\n')}\n`);
  const { out, err } = await printed(() => forecast.run([file, '--schedule', SPECS.cosine_72000!, '--bootstrap', '20', '--json']));
  const final = JSON.parse(out).final as { lo: number; hi: number };
  assert.ok(final.hi / final.lo < 1.05, `band ${final.lo}–${final.hi}`);
  assert.match(err + JSON.parse(out).warnings.join('\n'), /left 3 loss spikes out of the forecast/);
});

test('a run whose last logged loss is flagged as a spike and that has logged its planned end: the Forecast block gives that loss as logged, not NaN', () => {
  const s = source(false);
  const y = s.runs[0]!.series[0]!.y;
  y[N - 1] = 2 * y[N - 1]!;
  const input = forecastInputOf(s, ref, 'step')!;
  assert.equal(withoutLossSpikes(input.steps, input.loss).spikes, 1, 'the last row is left out of the forecast as a spike');
  const last = run.steps[N - 1]!;
  assert.match(endedHint(input, last) ?? '', new RegExp(`its final loss as logged is ${(2 * run.loss[N - 1]!).toPrecision(4)} \\(step ${formatAmount(last)}\\)`));
});

// Walkthrough SPIKEEND: the newest two rows at 2× made the band [0.67, 13] ("not determined yet"), its back-test "missed by −33%", and auto's headline 3.049 for 2.886
test('the newest 2 rows at 2×: auto and the forecast hold them back, give the clean log’s answers, and say so', async () => {
  const steps = run.steps.slice(0, N);
  const clean = run.loss.slice(0, N);
  const loss = clean.map((v, i) => (i >= N - 2 ? 2 * v : v));
  const kept = withoutLossSpikes(steps, loss);
  assert.deepEqual(kept.loss, clean.slice(0, N - 2));
  assert.equal(kept.newest?.count, 2);
  const schedule = scheduleFromSpec(SPECS.cosine_72000!);
  const fc = (s: number[], y: number[]) => forecastRun({ steps: s, loss: y, lr: { steps, lr: run.lr.slice(0, N) }, schedule, bootstrap: 20, seed: 1 }).final;
  const held = fc(kept.steps, kept.loss);
  const without = fc(steps.slice(0, N - 2), clean.slice(0, N - 2));
  assert.ok(Math.abs(held.y / without.y - 1) < 1e-3 && Math.abs(held.hi / held.lo - without.hi / without.lo) < 0.01, `${held.lo}–${held.hi} vs ${without.lo}–${without.hi}`);
  const auto = (y: number[]) => {
    const a = analyzeCurve(steps.slice(0, y.length).map((x, i) => ({ x, y: y[i]! })), { targets: [72000], seed: 1 });
    return { y: a.estimators.find((e) => e.law === a.auto?.law)!.predictions[0]!.y, warnings: a.warnings };
  };
  const spiked = auto(loss);
  assert.ok(Math.abs(spiked.y / auto(clean.slice(0, N - 2)).y - 1) < 1e-3, `auto ${spiked.y}`);
  assert.ok(spiked.warnings.includes('the last 2 losses jumped ×2.0 above the level before them: left out of the fit until the next rows show a spike or a rise'), spiked.warnings.join('\n'));
  const panel = runForecastJob({ steps: Float64Array.from(steps), loss: Float64Array.from(loss), lrSteps: Float64Array.from(steps), lr: Float64Array.from(run.lr.slice(0, N)) }, { spec: SPECS.cosine_72000!, bootstrap: 20, seed: 1 }).base;
  assert.ok(panel.warnings.includes('the last 2 losses jumped ×2.0 above the level before them: left out of the forecast until the next rows show a spike or a rise'), panel.warnings.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'sl-spikes-'));
  const file = join(dir, 'run.csv');
  writeFileSync(file, `step,lr,loss\n${steps.map((s, i) => `${s},${run.lr[i]},${loss[i]}`).join('\n')}\n`);
  const { out } = await printed(() => forecast.run([file, '--schedule', SPECS.cosine_72000!, '--bootstrap', '20', '--json']));
  assert.ok((JSON.parse(out).warnings as string[]).includes('the last 2 losses jumped ×2.0 above the level before them: left out of the forecast until the next rows show a spike or a rise'));
});

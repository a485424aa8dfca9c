// The CLI writes a loss as the panel does (core/units.ts lossText): four significant digits,
// trailing zeros kept, so an interval reads "[2.590, 2.633]" beside an L* of 2.605, not "[2.59, 2.633]".
// One fmtLoss for every command (fit, predict, watch, forecast, schedule, allocate), and a missing
// value written "—" by every number format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lossText } from '../../../src/core/units';
import { allocationTable, fmt as surfaceFmt, lossIntervalText } from '../../../src/cli/commands/surfaceOutput';
import { fmt, fmtLoss, MISSING } from '../../../src/cli/numberText';
import { refitText } from '../../../src/cli/commands/watchFit';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { fmtLoss as panelLoss, fmtLossInterval as panelInterval } from '../../../webview/format';
import { command as predict } from '../../../src/cli/commands/predict';
import { printed } from './printed';

test('one rule for a loss: four significant digits with trailing zeros, e-notation outside [1e-3, 1e5)', () => {
  assert.equal(lossText(2.38), '2.380');
  assert.equal(lossText(2.2), '2.200');
  assert.equal(lossText(0.006695), '0.006695');
  assert.equal(lossText(2e-4), '2e-4');
  assert.equal(lossText(NaN), 'NaN');
  for (const v of [2.38, 2.59, 3.09, 0.0123, 1234.5]) assert.equal(fmtLoss(v), panelLoss(v));
  assert.equal(lossIntervalText({ lo: 2.308, median: 2.34, hi: 2.38 }), panelInterval(2.308, 2.38));
});

test("the frontier's L* and its interval keep their trailing zeros, as the Plan's table does", () => {
  const row = { flops: 1e20, N: 6.152e8, D: 2.709e10, tokensPerParam: 44.04, loss: 2.58, warnings: [] };
  const iv = { N: { lo: 4e8, median: 6e8, hi: 7e8 }, D: { lo: 2e10, median: 3e10, hi: 4e10 }, loss: { lo: 2.59, median: 2.6, hi: 2.633 } };
  const text = allocationTable([row as never], [iv], 0.95);
  assert.match(text, / 2\.580 /);
  assert.match(text, /\[2\.590, 2\.633\]$/m);
});

test('predict writes its value and interval as the panel would: four digits each', async () => {
  const argv = ['data/lr-schedules/25M/cosine_24000.csv', '--at', '2x', '--bootstrap', '40'];
  const p = JSON.parse((await printed(() => predict.run([...argv, '--json']))).out).predictions[0];
  const { out } = await printed(() => predict.run(argv));
  assert.match(out, new RegExp(`\\s${[p.y, p.lo, p.hi].map((v: number) => panelLoss(v).replace('.', '\\.')).join('\\s+')}\\s`));
});

test('a loss outside [1e-3, 1e5) is written by lossText too, and a missing or NaN value as "—" by every format', () => {
  assert.equal(fmtLoss(1.4459e5), lossText(1.4459e5));
  assert.equal(fmtLoss(1.4459e5), '1.446e5');
  assert.equal(fmtLoss(4.2e-4), '4.2e-4');
  for (const v of [undefined, null, NaN, Infinity]) assert.equal(fmtLoss(v), MISSING);
  for (const v of [undefined, null, NaN]) assert.equal(fmt(v), '—');
  assert.equal(surfaceFmt(NaN), '—');
  assert.equal(surfaceFmt(Infinity), '—');
});

test('watch writes its predicted loss and band as fit and predict do, its x as they do', () => {
  const line = refitText({ law: 'm4', predictions: [{ x: 478400, y: 3.2112098, lo: 3.15, hi: 3.3 }] }, { xKind: 'step' });
  assert.match(line, /y\(step=4\.7840e\+5\) = 3\.211 \[3\.150, 3\.300\]/, line);
});

test('a loss asked for is echoed as typed, not padded: allocate --loss 2.1 and forecast --target-loss 3.2 say "2.1", "3.2"', async () => {
  const plan = await printed(() => allocate.run(['--loss', '2.1', '--preset', 'chinchilla']));
  assert.match(plan.out, /^to reach loss 2\.1: /m, plan.out);
  const run = ['data/lr-schedules/100M/wsd_20000_24000.csv', '--bootstrap', '0', '--target-loss', '3.2'];
  const fc = await printed(() => forecast.run(run));
  assert.match(fc.out, /^target 3\.2: /m, fc.out);
});

// An interval made mostly of one logged value's own noise (a per-step loss) says so: it is for one
// value, and the values scatter ±N% about the curve; the trust line beside it is about the curve.
// A clean curve's interval, made of extrapolation doubt, says nothing of the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCurve } from '../../../src/core/analyze';
import { chosenReport } from '../../../src/extension/panel/viewModel';
import { intervalScatter, predictionInterval } from '../../../src/core/calibrate';
import { mulberry32 } from '../../../src/core/random';
import { scatterText } from '../../../src/core/units';
import { describePrediction } from '../../../src/extension/model/predictionText';

test('intervalScatter: set when the point noise is most of the half-width, as exp(σ) − 1', () => {
  assert.ok(Math.abs(intervalScatter(1, 1.96, 0.25, 0.24)! - Math.expm1(0.24)) < 1e-12);
  assert.equal(intervalScatter(1, 1.96, 0.25, 0), undefined, 'no point noise');
  // a noise-free curve whose doubt is all of its tiny point noise: nothing worth saying (under 1%)
  assert.equal(intervalScatter(1, 1.96, 1e-5, 1e-5), undefined);
  // the value's own spread is reported, not the smaller curve doubt it is capped at in the width
  assert.ok(Math.abs(intervalScatter(1, 1.96, 0.1, 0.3)! - Math.expm1(0.3)) < 1e-12);
  // the curve's doubt (sd) far above one value's noise: the interval is about the curve
  assert.equal(intervalScatter(1.5, 1.96, 0.3, 0.02), undefined);
  const r = predictionInterval({ point: 1, distance: 0.5, scale: { noise: 0.24, rate: 0.01, pointNoise: 0.24 }, level: 0.95 });
  assert.ok('lo' in r && r.scatter !== undefined && r.lo < 1 && r.hi > 1, JSON.stringify(r));
  const clean = predictionInterval({ point: 1, distance: 2, scale: { noise: 0.002, rate: 0.05, pointNoise: 0.001 }, level: 0.95 });
  assert.ok('lo' in clean && clean.scatter === undefined, JSON.stringify(clean));
});

function curve(noise: number, n = 2000): { x: number; y: number }[] {
  const rand = mulberry32(3);
  // a per-step loss: the curve times a log-normal scatter of `noise` per value
  return Array.from({ length: n }, (_, i) => {
    const x = (i + 1) * 100;
    const g = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    return { x, y: (2 + 30 * x ** -0.3) * Math.exp(noise * g) };
  });
}

test('a per-step loss with 20% noise: its predictions carry the scatter, said in the CLI and notification words; a clean curve\'s do not', () => {
  const noisy = chosenReport(analyzeCurve(curve(0.2), { laws: ['m2', 'm4'], bootstrap: 12, seed: 1, targets: [6e5] }))!;
  const p = noisy.predictions[0]!;
  assert.ok(p.lo !== undefined && p.scatter !== undefined, JSON.stringify(p));
  assert.ok(p.scatter > 0.15 && p.scatter < 0.3, `${p.scatter}`);
  assert.match(scatterText(p.scatter, '95%'), /^the 95% interval is for one logged value: this log's values lie ±2\d% \(1σ\) off its curve$/);
  // the panel's smoothing fits a moving average: the spread is that average's, and said so
  assert.match(scatterText(p.scatter, '95%', true), /^the 95% interval is for one value of the smoothed log: its values lie ±2\d% \(1σ\) off its curve$/);
  const note = scatterText(p.scatter, '95%');
  const line = describePrediction({ curve: 'run', targetText: '3x', targetLabel: '3x', x: p.x, y: p.y, lo: p.lo, hi: p.hi!, level: 0.95, law: 'm2', scatterNote: note }, 'loss');
  assert.match(line, /\(95% interval [\d.]+–[\d.]+\), by m2 \(run\); the 95% interval is for one logged value/);
  const clean = chosenReport(analyzeCurve(curve(0.001, 300), { laws: ['m2', 'm4'], bootstrap: 12, seed: 1, targets: [1e5] }))!;
  assert.ok(clean.predictions[0]!.lo !== undefined && clean.predictions[0]!.scatter === undefined, JSON.stringify(clean.predictions[0]));
  // held-out points keep their interval fields only
  const held = analyzeCurve(curve(0.2), { laws: ['m2'], bootstrap: 12, seed: 1, targets: [6e5], holdoutFrac: 0.2 }).estimators[0]!;
  assert.ok(held.heldOut!.points!.every((q) => !('scatter' in q)));
});

// The two-memory decay response of the run-alone forecast (core/schedule/twoMemory.ts): the law's
// evaluation with its second memory, its full-decay coefficient, and when the prefix supports it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { predictLoss, runLr, scheduleFromSpec } from '../../../src/core/schedule/index';
import { fullDecaySd } from '../../../src/core/schedule/gainError';
import { fitPowerPlus } from '../../../src/core/schedule/linear';
import { tissueTerms } from '../../../src/core/schedule/tissue';
import { fastMemoryShown, fullDecayCoefficient, MEASURED_LAMBDA, MEASURED_LAMBDA_FAST } from '../../../src/core/schedule/twoMemory';
import { mulberry32, normal } from '../../../src/core/random';

const steps = Array.from({ length: 160 }, (_, i) => 2200 + 128 * i);
const grid = runLr({ evalSteps: steps, schedule: scheduleFromSpec('wsd:warmup=2000,decay=16000,total=24000,peak=3e-4,end=3e-5,shape=linear') }).grid;
const t = tissueTerms(grid, steps, MEASURED_LAMBDA, MEASURED_LAMBDA_FAST);
const p = { L0: 2.5, A: 40, alpha: 0.5, C: 40, lambda: MEASURED_LAMBDA, Cfast: 8, lambdaFast: MEASURED_LAMBDA_FAST };
const clean = steps.map((_, i) => p.L0 + p.A * Math.pow(t.s1[i]!, -p.alpha) - p.C * t.s2[i]! - p.Cfast * t.s2fast![i]!);

test('predictLoss evaluates the second memory: − Cfast·S2(λfast) on top of the one-memory law', () => {
  const two = predictLoss({ law: 'tissue', params: p }, grid, steps);
  const one = predictLoss({ law: 'tissue', params: { ...p, Cfast: 0 } }, grid, steps);
  steps.forEach((_, i) => assert.ok(Math.abs(two[i]! - clean[i]!) < 1e-12, `step ${steps[i]}`));
  assert.ok(one[159]! - two[159]! > 0.005, `the fast memory's gain at the end: ${one[159]! - two[159]!}`);
  assert.equal(fullDecayCoefficient(p), p.C / (1 - p.lambda) + p.Cfast / (1 - p.lambdaFast));
});

test('the full-decay coefficient’s standard error matches its spread over noise draws (a correctly specified two-memory law)', () => {
  const gauss = normal(mulberry32(5));
  const gs: number[] = [];
  const sds: number[] = [];
  const cols = [Float64Array.from(t.s2, (v) => -v), Float64Array.from(t.s2fast!, (v) => -v)];
  for (let k = 0; k < 60; k++) {
    const y = clean.map((v) => v * (1 + 0.003 * gauss()));
    const r = fitPowerPlus(t.s1, y, cols)!;
    const q = { ...p, L0: r.coef[0]!, A: r.coef[1]!, alpha: r.alpha, C: r.coef[2]!, Cfast: r.coef[3]! };
    gs.push(fullDecayCoefficient(q));
    sds.push(fullDecaySd(t, y, q));
  }
  const mean = gs.reduce((a, b) => a + b, 0) / gs.length;
  const spread = Math.sqrt(gs.reduce((a, g) => a + (g - mean) ** 2, 0) / (gs.length - 1));
  const sd = sds.reduce((a, b) => a + b, 0) / sds.length;
  assert.ok(sd > spread / 1.5 && sd < spread * 1.5, `standard error ${sd.toFixed(1)} vs spread ${spread.toFixed(1)}`);
});

test('the second memory is kept only when its coefficient is 1.96 standard errors from 0 (a singular fit is no evidence)', () => {
  assert.equal(fastMemoryShown(2, 1), true);
  assert.equal(fastMemoryShown(1.9, 1), false);
  assert.equal(fastMemoryShown(0, 0), false);
  assert.equal(fastMemoryShown(5, NaN), false);
});

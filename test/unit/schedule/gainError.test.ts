// The standard error of the LR-annealing law's decay coefficient C from the fit's curvature
// (core/schedule/gainError.ts), the figure a noise-only rule for "the gain is measured" would go by
// (bench scheduleDecayOnset reports it beside each fitted gain): on a correctly specified law with
// known noise it is the spread of the fitted C over noise draws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLr, scheduleFromSpec } from '../../../src/core/schedule/index';
import { fullDecaySd } from '../../../src/core/schedule/gainError';
import { fitTissue, tissueTerms } from '../../../src/core/schedule/tissue';
import { mulberry32, normal } from '../../../src/core/random';

test("the gain's standard error matches the spread of the fitted C over noise draws (a correctly specified law)", () => {
  const steps = Array.from({ length: 160 }, (_, i) => 2200 + 128 * i);
  const grid = runLr({ evalSteps: steps, schedule: scheduleFromSpec('wsd:warmup=2000,decay=16000,total=24000,peak=3e-4,end=3e-5,shape=linear') }).grid;
  const t = tissueTerms(grid, steps);
  const p = { L0: 2.5, A: 40, alpha: 0.5, C: 300, lambda: 0.999 };
  const clean = steps.map((_, i) => p.L0 + p.A * Math.pow(t.s1[i]!, -p.alpha) - p.C * t.s2[i]!);
  const gauss = normal(mulberry32(3));
  const cs: number[] = [];
  const sds: number[] = [];
  for (let k = 0; k < 60; k++) {
    const y = clean.map((v) => v * (1 + 0.005 * gauss()));
    const f = fitTissue(t, y)!;
    cs.push(f.params.C);
    // C's own: the full decay's coefficient is C/(1−λ) with one memory
    sds.push(fullDecaySd(t, y, f.params) * (1 - f.params.lambda));
  }
  const mean = cs.reduce((a, b) => a + b, 0) / cs.length;
  const spread = Math.sqrt(cs.reduce((a, c) => a + (c - mean) ** 2, 0) / (cs.length - 1));
  const sd = sds.reduce((a, b) => a + b, 0) / sds.length;
  assert.ok(sd > spread / 1.5 && sd < spread * 1.5, `standard error ${sd.toFixed(2)} vs spread ${spread.toFixed(2)} of C`);
});

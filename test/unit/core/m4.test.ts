import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { domainSettings } from '../../../src/core/benchmark';
import { m4, predictM4, signConstrainedFit } from '../../../src/core/laws/m4';
import { prepareCurve } from '../../../src/core/validate';
import { benchmarkRows } from './benchmarkPins';

test('M4 prediction solves (y − ε∞)/(ε0 − y)^α = β·x^c exactly', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      fc.double({ min: -1.5, max: -0.01, noNaN: true }),
      fc.double({ min: 0.01, max: 5, noNaN: true }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 0.6, max: 3, noNaN: true }),
      fc.double({ min: 1, max: 1e12, noNaN: true }),
      (beta, c, alpha, errInf, err0, x) => {
        const p = { beta, c, alpha, errInf, err0 };
        const y = predictM4(p, x);
        assert.ok(y >= errInf && y <= err0, `y=${y} outside [ε∞, ε0]`);
        // the identity is only checkable where both gaps are representable (not rounded to 0)
        if (y - errInf < 1e-9 * y || err0 - y < 1e-9 * err0) return;
        // compare in log space: log(y − ε∞) − α·log(ε0 − y) = log β + c·log x
        const lhs = Math.log(y - errInf) - alpha * Math.log(err0 - y);
        const rhs = Math.log(beta) + c * Math.log(x);
        // y is exact to ~1 ulp; the identity then holds to that ulp times its sensitivity
        const sens = y / (y - errInf) + (alpha * y) / (err0 - y);
        assert.ok(Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(rhs)) + 4e-16 * sens * 8, `${lhs} vs ${rhs}`);
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

test('M4 with α = 0 is the power law plus a limit', () => {
  const y = predictM4({ beta: 2, c: -0.5, alpha: 0, errInf: 0.1, err0: 1 }, 100);
  assert.ok(Math.abs(y - 0.3) < 1e-15);
});

test('signConstrainedFit honours c ≤ 0 and α ≥ 0 and is exact when the truth is feasible', () => {
  const u = Float64Array.from({ length: 20 }, (_, i) => i / 4);
  const w = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i));
  const z = u.map((ui, i) => 1.5 - 0.4 * ui + 0.7 * w[i]);
  const k = signConstrainedFit(u, w, z);
  assert.ok(Math.abs(k.lb - 1.5) < 1e-10 && Math.abs(k.c + 0.4) < 1e-10 && Math.abs(k.alpha - 0.7) < 1e-10);
  // infeasible truth (α < 0): the constrained optimum puts α on its bound
  const z2 = u.map((ui, i) => 1 - 0.4 * ui - 0.7 * w[i]);
  const k2 = signConstrainedFit(u, w, z2);
  assert.equal(k2.alpha, 0);
  assert.ok(k2.c <= 0);
});

test('M4 converges on at least 91 of the 92 RNSL benchmark curves (the exact polish is not cut short)', () => {
  const rows = [
    ...benchmarkRows('data/benchmark.vision.csv', ['IC']),
    ...benchmarkRows('data/benchmark.lang.csv', ['NMT', 'LM', 'BB']),
  ].filter((r) => r.training);
  const curves = new Map<string, typeof rows>();
  for (const r of rows) curves.set(`${r.domain}|${r.task}|${r.model}`, [...(curves.get(`${r.domain}|${r.task}|${r.model}`) ?? []), r]);
  assert.equal(curves.size, 92);
  const stuck: string[] = [];
  for (const [key, g] of curves) {
    const c = prepareCurve(g.map((r) => r.x), g.map((r) => r.y), 5, 'M4');
    const fit = m4.fit({ x: c.x, y: c.y }, domainSettings(g[0].domain));
    if (!fit.converged) stuck.push(`${key}: ${fit.reason}`);
  }
  assert.ok(stuck.length <= 1, stuck.join('\n'));
});

// The README's screenshot curve (NMT log_perplexity, 6 Enc 6 Dec, its 10 training points): the cap
// of 200 polish iterations ends with β = 1.2e-28 running to 0 while α and ε0 grow. The objective
// is not flat there (0.30% over the last 50 iterations; run to 5,000 it falls 2.6% more, and the
// prediction at 10× moves +0.06%), so the fit is still said not to converge, with that figure.
test('M4 on the README screenshot curve is not converged, and says the objective was still falling', () => {
  const x = [5e5, 1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7, 6.4e7, 1.28e8, 2.56e8];
  const y = [0.9311752923076924, 0.7439282076923077, 0.6362391538461539, 0.5567884999999999, 0.4820073461538462, 0.40960946153846156, 0.3737405153846154, 0.3531731307692308, 0.34907098076923077, 0.3402780576923077];
  const fit = m4.fit({ x: Float64Array.from(x), y: Float64Array.from(y) });
  assert.equal(fit.converged, false);
  assert.equal(fit.reason, 'max iterations, objective still falling 0.30% over the last 50 iterations');
  assert.ok(fit.params.beta < 1e-20, `beta=${fit.params.beta}`);
  assert.ok(fit.warnings.includes('at the iteration cap, still moving: beta, alpha, errInf, err0'), fit.warnings.join('\n'));
});

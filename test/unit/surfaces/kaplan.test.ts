import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLaw } from '../../../src/core/laws/index';
import { KAPLAN_CONSTANTS, kaplanCLaw, kaplanDLaw, kaplanNLaw } from '../../../src/core/laws/kaplan';
import { kaplanNDLaw, kaplanNSLaw } from '../../../src/core/laws/kaplanJoint';
import { criticalBatch, kaplanOverfitWarning, minTokensToAvoidOverfit, trainingFlops } from '../../../src/core/laws/kaplanRules';
import { mulberry32, normal } from '../../../src/core/random';
import { ScalingLensError } from '../../../src/core/types';
import { relErr } from './synthetic';

const logspace = (a: number, b: number, n: number) => Float64Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));

test('kaplan-n, -d, -c recover the published constants from points on the law', () => {
  const cases = [
    { law: kaplanNLaw, scale: 'Nc', exp: 'alphaN', truth: { Nc: KAPLAN_CONSTANTS.N.Nc, alphaN: KAPLAN_CONSTANTS.N.alphaN } as Record<string, number>, x: logspace(6, 10, 9) },
    { law: kaplanDLaw, scale: 'Dc', exp: 'alphaD', truth: { Dc: KAPLAN_CONSTANTS.D.Dc, alphaD: KAPLAN_CONSTANTS.D.alphaD } as Record<string, number>, x: logspace(8, 11, 7) },
    { law: kaplanCLaw, scale: 'Cc', exp: 'alphaC', truth: { Cc: KAPLAN_CONSTANTS.C.Cc, alphaC: KAPLAN_CONSTANTS.C.alphaC } as Record<string, number>, x: logspace(-6, 1, 8) },
  ];
  for (const c of cases) {
    const y = c.x.map((v) => c.law.predict(c.truth, v));
    const r = c.law.fit({ x: c.x, y });
    assert.ok(relErr(r.params[c.exp], c.truth[c.exp]) < 1e-9, `${c.law.id} exponent ${r.params[c.exp]}`);
    assert.ok(relErr(r.params[c.scale], c.truth[c.scale]) < 1e-6, `${c.law.id} scale ${r.params[c.scale]}`);
  }
  // Sanity of the law itself: a 1.5B-parameter model at Kaplan's constants, L ≈ (8.8e13/1.5e9)^0.076 ≈ 2.3.
  const L = kaplanNLaw.predict({ Nc: 8.8e13, alphaN: 0.076 }, 1.5e9);
  assert.ok(L > 2.2 && L < 2.4, `L ${L}`);
});

test('kaplan-n recovers its exponent through 2% noise', () => {
  const z = normal(mulberry32(3));
  const x = logspace(6, 10, 30);
  const y = x.map((v) => (8.8e13 / v) ** 0.076 * Math.exp(0.02 * z()));
  const r = kaplanNLaw.fit({ x, y });
  assert.ok(Math.abs(r.params.alphaN - 0.076) < 0.01, `alphaN ${r.params.alphaN}`);
});

test('kaplan-nd recovers the joint L(N, D) refit constants', () => {
  const truth = { ...KAPLAN_CONSTANTS.ND };
  const N: number[] = [];
  const D: number[] = [];
  for (const n of logspace(6, 9.5, 6)) for (const d of logspace(7.5, 10.5, 6)) {
    N.push(n);
    D.push(d);
  }
  const x = Float64Array.from(N);
  const x2 = Float64Array.from(D);
  const y = x.map((n, i) => kaplanNDLaw.predict(truth, n, x2[i]));
  const r = kaplanNDLaw.fit({ x, x2, y });
  assert.ok(r.objective < 1e-16, `objective ${r.objective}`);
  for (const k of ['alphaN', 'alphaD'] as const) assert.ok(relErr(r.params[k], truth[k]) < 1e-4, `${k} ${r.params[k]}`);
  for (const k of ['Nc', 'Dc'] as const) assert.ok(relErr(r.params[k], truth[k]) < 1e-2, `${k} ${r.params[k]}`);
});

test('kaplan-ns recovers the training-curve law L(N, S)', () => {
  const truth = { ...KAPLAN_CONSTANTS.NS };
  const N: number[] = [];
  const S: number[] = [];
  for (const n of logspace(6, 9, 5)) for (const s of logspace(3, 5.5, 8)) {
    N.push(n);
    S.push(s);
  }
  const x = Float64Array.from(N);
  const x2 = Float64Array.from(S);
  const y = x.map((n, i) => kaplanNSLaw.predict(truth, n, x2[i]));
  const r = kaplanNSLaw.fit({ x, x2, y });
  assert.ok(r.objective < 1e-16, `objective ${r.objective}`);
  for (const k of ['alphaN', 'alphaS'] as const) assert.ok(relErr(r.params[k], truth[k]) < 1e-4, `${k} ${r.params[k]}`);
  for (const k of ['Nc', 'Sc'] as const) assert.ok(relErr(r.params[k], truth[k]) < 1e-2, `${k} ${r.params[k]}`);
});

test('Kaplan laws are registered and reject bad input plainly', () => {
  for (const id of ['kaplan-n', 'kaplan-d', 'kaplan-c', 'kaplan-nd', 'kaplan-ns']) assert.equal(getLaw(id).id, id);
  const x = logspace(6, 9, 6);
  assert.throws(() => kaplanNLaw.fit({ x: x.slice(0, 2), y: x.slice(0, 2) }), ScalingLensError);
  assert.throws(() => kaplanNLaw.fit({ x: x.map((v, i) => (i ? v : -v)), y: x }), ScalingLensError);
  assert.throws(() => kaplanNDLaw.fit({ x, y: x }), ScalingLensError);
});

test('critical batch, overfitting threshold and C = 6NBS', () => {
  // B_crit(L) = B*/L^(1/α_B): at L = 1 it is B* itself; halving L multiplies it by 2^(1/0.21).
  assert.equal(criticalBatch(1), 2e8);
  assert.ok(relErr(criticalBatch(1.5) / criticalBatch(3), 2 ** (1 / 0.21)) < 1e-12);
  assert.ok(relErr(minTokensToAvoidOverfit(1e9), 5e3 * 1e9 ** 0.74) < 1e-12);
  assert.equal(kaplanOverfitWarning(1e9, 1e12), undefined);
  assert.match(kaplanOverfitWarning(1e9, 1e9) ?? '', /overfitting/);
  assert.equal(trainingFlops(1e9, 5e5, 1e4), 3e19);
  assert.throws(() => criticalBatch(0), ScalingLensError);
});

test('a Kaplan single-variable fit whose scale is not finite, or whose loss rises, is not converged', () => {
  const f = (v: number[]) => Float64Array.from(v);
  const flat = kaplanDLaw.fit({ x: f([1e9, 1e10, 1e11]), y: f([2.00001, 2.000005, 2.0]) });
  assert.equal(flat.converged, false);
  assert.match(flat.reason, /non-finite parameter Dc/);
  const rising = kaplanNLaw.fit({ x: f([1e7, 1e8, 1e9]), y: f([2.0, 2.1, 2.2]) });
  assert.equal(rising.converged, false);
  assert.match(rising.reason, /alphaN = -.* is not positive/);
  assert.equal(kaplanNLaw.fit({ x: f([1e7, 1e8, 1e9]), y: f([3.0, 2.6, 2.3]) }).converged, true);
});

test('kaplan-nd --quick: every 10th of its 108 starts, the same fit on points of the law at a tenth of the work', () => {
  const p = { Nc: 2.138e14, Dc: 4.818e14, alphaN: 0.08706, alphaD: 0.10845 };
  const N = [1e8, 3e8, 1e9, 3e9, 1e10].flatMap((n) => [1e10, 3e10, 1e11, 3e11].map(() => n));
  const D = [1e8, 3e8, 1e9, 3e9, 1e10].flatMap(() => [1e10, 3e10, 1e11, 3e11]);
  const obs = { x: Float64Array.from(N), x2: Float64Array.from(D), y: Float64Array.from(N, (n, i) => kaplanNDLaw.predict(p, n, D[i]!)) };
  const full = kaplanNDLaw.fit(obs);
  const quick = kaplanNDLaw.fit(obs, { quick: true });
  for (const k of Object.keys(p)) assert.ok(relErr(quick.params[k]!, full.params[k]!) < 1e-6, `${k}: quick ${quick.params[k]}, full ${full.params[k]}`);
  assert.ok(quick.iterations < full.iterations / 5, `iterations: quick ${quick.iterations}, full ${full.iterations}`);
});

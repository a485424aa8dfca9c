import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chinchillaLaw, chinchillaStartGrid, fitChinchilla, surfaceLogData, toVector } from '../../../src/core/laws/chinchilla';
import { huber, huberLseObjective } from '../../../src/core/laws/chinchillaObjective';
import { getLaw } from '../../../src/core/laws/index';
import { ScalingLensError } from '../../../src/core/types';
import { PUBLISHED, relErr, syntheticSurface } from './synthetic';

// Every 30th start of the replication grid (150 starts): enough to find the optimum on clean
// synthetic surfaces while keeping the unit tests fast; the full grid is exercised by the CLI test
// and the bench.
const someStarts = chinchillaStartGrid().filter((_, i) => i % 30 === 0);

test('the start grid is the replication grid: 5·5·5·6·6 = 4,500 starts over the stated values', () => {
  const g = chinchillaStartGrid();
  assert.equal(g.length, 4500);
  const distinct = (k: number) => [...new Set(g.map((v) => v[k]))].sort((a, b) => a - b);
  // layout [a, b, e, alpha, beta]
  assert.deepEqual(distinct(0), [0, 5, 10, 15, 20, 25]);
  assert.deepEqual(distinct(1), [0, 5, 10, 15, 20, 25]);
  assert.deepEqual(distinct(2), [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(distinct(3), [0, 0.5, 1, 1.5, 2]);
  assert.deepEqual(distinct(4), [0, 0.5, 1, 1.5, 2]);
});

test('analytic gradient of the summed-Huber objective matches central differences', () => {
  const obs = syntheticSurface(PUBLISHED, 40, 0.02, 3);
  const f = huberLseObjective(surfaceLogData(obs), 1e-3);
  // Away from the optimum so most residuals sit outside ±δ, and at a point with some inside.
  for (const p0 of [Float64Array.from([6, 6.5, 0.4, 0.3, 0.25]), toVector(PUBLISHED)]) {
    const g = new Float64Array(5);
    f(p0, g);
    for (let k = 0; k < 5; k++) {
      const h = 1e-6;
      const up = Float64Array.from(p0);
      const dn = Float64Array.from(p0);
      up[k] += h;
      dn[k] -= h;
      const fd = (f(up, new Float64Array(5)) - f(dn, new Float64Array(5))) / (2 * h);
      assert.ok(Math.abs(fd - g[k]) <= 1e-6 * Math.max(1, Math.abs(fd)), `∂/∂p${k}: analytic ${g[k]} vs numeric ${fd}`);
    }
  }
});

test('the summed-Huber objective equals the plain per-point sum, near and far from the data, with weights', () => {
  const obs = syntheticSurface(PUBLISHED, 240, 0.02, 9);
  const data = surfaceLogData(obs);
  const weights = Float64Array.from({ length: 240 }, (_, i) => [0, 1, 1, 2, 3][i % 5]);
  // Per point, in the log-sum-exp form with the max shifted out.
  const plain = (p: Float64Array, w?: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < 240; i++) {
      const t = [p[0] - p[3] * data.logN[i], p[1] - p[4] * data.logD[i], p[2]];
      const mx = Math.max(...t);
      const lse = mx + Math.log(t.reduce((s, v) => s + Math.exp(v - mx), 0));
      f += (w?.[i] ?? 1) * huber(1e-3, lse - data.logL[i]);
    }
    return f;
  };
  const points = [
    toVector(PUBLISHED), // residuals on both sides of ±δ and some inside
    Float64Array.from([25, 25, 1, 0, 0]), // every residual far above: the running product is flushed
    Float64Array.from([-40, -40, -30, 0.3, 0.3]), // every residual far below
    Float64Array.from([800, 2, 0.5, 0.1, 0.3]), // s overflows: the shifted form
    Float64Array.from([6, 6.5, -700, 0.3, 0.25]), // E underflows
  ];
  for (const w of [undefined, weights]) {
    const f = huberLseObjective(data, 1e-3, w);
    for (const p of points) {
      const want = plain(p, w);
      const got = f(p, new Float64Array(5));
      assert.ok(Number.isFinite(got) && Math.abs(got - want) <= 1e-13 * want, `at ${p}: ${got} vs ${want}`);
    }
  }
});

test('noiseless data from the published law: parameters recovered exactly', () => {
  const obs = syntheticSurface(PUBLISHED, 60);
  const r = fitChinchilla(obs, { starts: someStarts });
  assert.equal(r.converged, true, r.reason);
  const s = r.surface;
  assert.ok(relErr(s.E, PUBLISHED.E) < 1e-5, `E ${s.E}`);
  assert.ok(relErr(s.alpha, PUBLISHED.alpha) < 1e-5, `alpha ${s.alpha}`);
  assert.ok(relErr(s.beta, PUBLISHED.beta) < 1e-5, `beta ${s.beta}`);
  assert.ok(relErr(s.A, PUBLISHED.A) < 1e-4, `A ${s.A}`);
  assert.ok(relErr(s.B, PUBLISHED.B) < 1e-4, `B ${s.B}`);
  assert.ok(r.objective < 1e-14, `objective ${r.objective}`);
  for (const e of r.residuals) assert.ok(Math.abs(e) < 1e-7);
});

test('noisy data (1% log-normal, 160 points) from the Epoch replication law: parameters recovered', () => {
  const truth = { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3658 };
  const obs = syntheticSurface(truth, 160, 0.01, 11);
  const r = fitChinchilla(obs, { starts: someStarts });
  const s = r.surface;
  assert.ok(Math.abs(s.E - truth.E) < 0.05, `E ${s.E}`);
  assert.ok(Math.abs(s.alpha - truth.alpha) < 0.03, `alpha ${s.alpha}`);
  assert.ok(Math.abs(s.beta - truth.beta) < 0.03, `beta ${s.beta}`);
  // The fitted surface predicts the noiseless truth well inside the sampled range.
  for (const [N, D] of [[1e8, 1e10], [1e9, 2e10], [5e9, 1e11]]) {
    assert.ok(relErr(chinchillaLaw.predict(r.params, N, D), truth.E + truth.A / N ** truth.alpha + truth.B / D ** truth.beta) < 0.01);
  }
});

test('the fit is deterministic', () => {
  const obs = syntheticSurface(PUBLISHED, 30, 0.01, 5);
  const a = fitChinchilla(obs, { starts: someStarts });
  const b = fitChinchilla(obs, { starts: someStarts });
  assert.deepEqual(a.params, b.params);
  assert.equal(a.objective, b.objective);
});

test('registered in the law registry as "chinchilla" with the published parameter names', () => {
  const law = getLaw('chinchilla');
  assert.deepEqual(law.inputs, ['N', 'D']);
  assert.deepEqual(law.params.map((p) => p.name), ['E', 'A', 'B', 'alpha', 'beta']);
  // Chinchilla itself: 70B parameters, 1.4T tokens → about 1.94 nats with the published law.
  const L = law.predict({ ...PUBLISHED }, 70e9, 1.4e12);
  assert.ok(L > 1.9 && L < 2.0, `L = ${L}`);
  assert.throws(() => law.predict({ ...PUBLISHED }, 70e9), ScalingLensError);
});

test('degenerate input gives a plain ScalingLensError', () => {
  const ok = syntheticSurface(PUBLISHED, 8);
  const cases: [string, () => unknown, string][] = [
    ['too few points', () => fitChinchilla({ x: ok.x.slice(0, 4), x2: ok.x2!.slice(0, 4), y: ok.y.slice(0, 4) }), 'too-few-points'],
    ['negative N', () => fitChinchilla({ ...ok, x: ok.x.map((v, i) => (i === 2 ? -v : v)) }), 'non-positive'],
    ['zero loss', () => fitChinchilla({ ...ok, y: ok.y.map((v, i) => (i === 0 ? 0 : v)) }), 'non-positive'],
    ['NaN D', () => fitChinchilla({ ...ok, x2: ok.x2!.map((v, i) => (i === 1 ? NaN : v)) }), 'non-finite'],
    ['missing D', () => fitChinchilla({ x: ok.x, y: ok.y }), 'bad-argument'],
    ['constant loss', () => fitChinchilla({ ...ok, y: ok.y.map(() => 3) }), 'constant-y'],
    ['single N', () => fitChinchilla({ ...ok, x: ok.x.map(() => 1e9) }), 'bad-argument'],
  ];
  for (const [name, run, code] of cases) {
    assert.throws(run, (e: unknown) => e instanceof ScalingLensError && e.code === code && e.message.length > 10, name);
  }
});

test('property: any data with a bad value is rejected with ScalingLensError before fitting', () => {
  const bad = fc.constantFrom(NaN, Infinity, -Infinity, 0, -1, -1e9);
  fc.assert(
    fc.property(fc.integer({ min: 5, max: 12 }), fc.integer({ min: 0, max: 2 }), fc.nat(), bad, (n, which, at, value) => {
      const obs = syntheticSurface(PUBLISHED, n, 0.01, 1);
      const cols = [Float64Array.from(obs.x), Float64Array.from(obs.x2!), Float64Array.from(obs.y)];
      cols[which][at % n] = value;
      try {
        fitChinchilla({ x: cols[0], x2: cols[1], y: cols[2] }, { starts: someStarts.slice(0, 2) });
        return false;
      } catch (e) {
        return e instanceof ScalingLensError;
      }
    }),
    { numRuns: 60, seed: 42 },
  );
});

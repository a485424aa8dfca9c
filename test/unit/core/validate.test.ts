import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getLaw } from '../../../src/core/laws/index';
import { prepareCurve, rmsle } from '../../../src/core/validate';
import { ScalingLensError } from '../../../src/core/types';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ScalingLensError, `expected ScalingLensError, got ${String(e)}`);
    return e.code;
  }
};

test('degenerate curves give a ScalingLensError with a plain code', () => {
  const x = [1, 2, 3, 4, 5, 6];
  assert.equal(code(() => prepareCurve(x, [1, 1, 1, 1, 1, 1], 3, 'M2')), 'constant-y');
  assert.equal(code(() => prepareCurve([1, 2], [3, 2], 3, 'M2')), 'too-few-points');
  assert.equal(code(() => prepareCurve([1, 1, 1, 2], [3, 2, 1, 1], 3, 'M2')), 'too-few-points');
  assert.equal(code(() => prepareCurve(x, [1, 2, NaN, 4, 5, 6], 3, 'M2')), 'non-finite');
  assert.equal(code(() => prepareCurve(x, [1, 2, Infinity, 4, 5, 6], 3, 'M2')), 'non-finite');
  assert.equal(code(() => prepareCurve(x, [1, 2, 0, 4, 5, 6], 3, 'M2')), 'non-positive');
  assert.equal(code(() => prepareCurve([0, 1, 2, 3], [4, 3, 2, 1], 3, 'M2')), 'non-positive');
  assert.equal(code(() => prepareCurve([1, 2], [1], 1, 'M1')), 'bad-argument');
});

test('unsorted points are sorted and duplicate x are averaged, with warnings', () => {
  const c = prepareCurve([3, 1, 2, 1], [0.3, 0.9, 0.5, 0.7], 2, 'M1');
  assert.deepEqual(Array.from(c.x), [1, 2, 3]);
  assert.deepEqual(Array.from(c.y), [0.8, 0.5, 0.3]);
  assert.equal(c.warnings.length, 2);
});

test('rmsle is the root mean squared log ratio and NaN for unusable predictions', () => {
  assert.ok(Math.abs(rmsle([Math.E, 1], [1, 1]) - Math.sqrt(0.5)) < 1e-15);
  assert.ok(Number.isNaN(rmsle([-1, 1], [1, 1])));
});

// Any input at all: every curve law either fits (finite objective, finite parameters) or throws a
// ScalingLensError — never a TypeError from deep inside, never a hang.
const anyValue = fc.oneof(
  fc.double({ min: -10, max: 10 }),
  fc.constantFrom(0, 1, 1, 2, NaN, Infinity, 1e-300, 1e300),
);
for (const id of ['m1', 'm2', 'm3', 'm4', 'bnsl-1', 'mix']) {
  test(`${id} never crashes on arbitrary (possibly degenerate) input`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyValue, anyValue), { maxLength: 9 }), (pts) => {
        const x = pts.map((p) => p[0]);
        const y = pts.map((p) => p[1]);
        try {
          const fit = getLaw(id).fit({ x: Float64Array.from(x), y: Float64Array.from(y) }, { upperBound: 1 });
          assert.ok(Object.values(fit.params).every((v) => !Number.isNaN(v)) || !fit.converged);
        } catch (e) {
          assert.ok(e instanceof ScalingLensError, `${id}: ${String(e)}`);
        }
      }),
      { seed: 3, numRuns: 60 },
    );
  });
}

// Positive but wild: tiny and huge values, repeats, constant runs, increasing curves.
const positive = fc.oneof(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), fc.constantFrom(1, 1, 2, 0.5));
for (const id of ['m2', 'm3', 'm4', 'bnsl-1']) {
  test(`${id} fits or refuses cleanly on arbitrary positive input`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(positive, positive), { minLength: 3, maxLength: 12 }), (pts) => {
        try {
          const fit = getLaw(id).fit({ x: Float64Array.from(pts, (p) => p[0]), y: Float64Array.from(pts, (p) => p[1]) });
          assert.ok(!Number.isNaN(fit.objective) || !fit.converged, `${id}: NaN objective reported as converged`);
        } catch (e) {
          assert.ok(e instanceof ScalingLensError, `${id}: ${String(e)}`);
        }
      }),
      { seed: 11, numRuns: 40 },
    );
  });
}

test('a well-posed fit of random positive decreasing data always succeeds', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { minLength: 8, maxLength: 15 }), (steps) => {
      let y = 1;
      const ys = steps.map((s) => (y *= 1 - s * 0.5));
      const xs = ys.map((_, i) => 10 * 2 ** i);
      for (const id of ['m2', 'm4']) {
        const fit = getLaw(id).fit({ x: Float64Array.from(xs), y: Float64Array.from(ys) }, { upperBound: 1 });
        assert.ok(Number.isFinite(fit.objective), id);
        assert.ok(xs.every((x) => Number.isFinite(getLaw(id).predict(fit.params, x))));
      }
    }),
    { seed: 5, numRuns: 25 },
  );
});

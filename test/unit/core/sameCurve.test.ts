import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameCurveNote } from '../../../src/core/sameCurve';

const m2 = (x: number) => 0.69 + 241 * x ** -0.66;
const loglin = (x: number) => 3 * x ** -0.11;

test("an average two of whose parts are one curve says so; distinct parts say nothing", () => {
  const twin = (id: string, x: number) => (id === 'loglin' ? loglin(x) : m2(x) * (id === 'm4' ? 1 + 1e-7 : 1));
  assert.equal(
    sameCurveNote('avg(m2+m4+loglin)', twin, 1e5),
    'm2 and m4 are the same curve here (their forecasts agree within 0.01% out to 10× the data), so that curve counts twice in the average',
  );
  // apart by 0.1% at 10× the data: two views, not one
  const apart = (id: string, x: number) => (id === 'loglin' ? loglin(x) : m2(x) * (id === 'm4' ? 1 + 1e-3 * Math.log10(x / 1e4) : 1));
  assert.equal(sameCurveNote('avg(m2+m4+loglin)', apart, 1e5), undefined);
  // a part with no prediction is no twin; a single law has no parts
  assert.equal(sameCurveNote('avg(m2+m4+loglin)', (id, x) => (id === 'm4' ? undefined : twin(id, x)), 1e5), undefined);
  assert.equal(sameCurveNote('m2', twin, 1e5), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBenchmark } from '../../../src/core/benchmark';
import { AUTO_CANDIDATES } from '../../../src/core/laws/index';
import { AUTO_ACHIEVED, AUTO_TARGET, benchmarkRows, M4_TARGET, REFERENCE_BNSL1_IC, REFERENCE_M1 } from './benchmarkPins';

test('RNSL benchmark, image classification (72 curves): M4 and auto accuracy', () => {
  const rep = runBenchmark(benchmarkRows('data/benchmark.vision.csv', ['IC']), { laws: ['m1', ...AUTO_CANDIDATES] });
  assert.equal(rep.curves.length, 72);
  const s = rep.domains.IC;
  assert.ok(Math.abs(s.M1.meanRmsle - REFERENCE_M1.IC) < 6e-5, `M1 ${s.M1.meanRmsle}`);
  assert.ok(s.M4.meanRmsle <= M4_TARGET.IC, `M4 ${s.M4.meanRmsle}`);
  assert.ok(s.auto.meanRmsle <= AUTO_TARGET.IC, `auto ${s.auto.meanRmsle}`);
  assert.ok(s.auto.meanRmsle <= AUTO_ACHIEVED.IC * 1.02, `auto ${s.auto.meanRmsle} regressed from ${AUTO_ACHIEVED.IC}`);
  // BNSL-1 (0.0414 when pinned, fitted unweighted as the authors do; 0.0400 with M4's tail weights) must beat the reference recipe's brute grid + least squares
  assert.ok(s['BNSL-1'].meanRmsle <= REFERENCE_BNSL1_IC, `BNSL-1 ${s['BNSL-1'].meanRmsle}`);
  // auto must beat the best single reference estimator (M4, 0.0415) and our own single laws
  // (BNSL with 2–3 breaks is not fitted here, to keep the test fast; it is worse anyway)
  // (BNSL-0 is no longer one of auto's candidates, so it is not fitted here either)
  const singles = ['M1', 'M2', 'M3', 'M4', 'BNSL-1'].map((k) => s[k].meanRmsle);
  assert.ok(singles.every(Number.isFinite));
  assert.ok(s.auto.meanRmsle < Math.min(...singles), `auto ${s.auto.meanRmsle} vs best single ${Math.min(...singles)}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBenchmark } from '../../../src/core/benchmark';
import { AUTO_CANDIDATES } from '../../../src/core/laws/index';
import { AUTO_ACHIEVED, AUTO_PINNED, AUTO_TARGET, benchmarkRows, M4_TARGET, REFERENCE_M1 } from './benchmarkPins';

test('RNSL benchmark, language domains (NMT, LM, BB): M4 and auto accuracy', () => {
  const rep = runBenchmark(benchmarkRows('data/benchmark.lang.csv', ['NMT', 'LM', 'BB']), { laws: ['m1', ...AUTO_CANDIDATES] });
  assert.equal(rep.curves.length, 20);
  for (const d of ['NMT', 'LM', 'BB']) {
    const s = rep.domains[d];
    assert.ok(Math.abs(s.M1.meanRmsle - REFERENCE_M1[d]) < 6e-5, `${d} M1 ${s.M1.meanRmsle} vs reference ${REFERENCE_M1[d]}`);
    assert.ok(s.M4.meanRmsle <= M4_TARGET[d], `${d} M4 ${s.M4.meanRmsle} > ${M4_TARGET[d]}`);
    const limit = AUTO_PINNED[d] ?? AUTO_TARGET[d];
    assert.ok(s.auto.meanRmsle <= limit, `${d} auto ${s.auto.meanRmsle} > ${limit}`);
    assert.ok(s.auto.meanRmsle <= AUTO_ACHIEVED[d] * 1.05, `${d} auto ${s.auto.meanRmsle} regressed from ${AUTO_ACHIEVED[d]}`);
  }
  // the LM rows repeat each x four times; they are averaged, leaving one point per x
  const lm = rep.curves.filter((c) => c.domain === 'LM');
  assert.ok(lm.every((c) => c.nFit > 0));
});

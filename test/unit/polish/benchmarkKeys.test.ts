// The benchmark table has a column for every curve law, the flat and log-linear laws included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESTIMATOR_KEYS, runBenchmark, type BenchmarkRow } from '../../../src/core/benchmark';
import { CURVE_LAW_IDS } from '../../../src/core/laws/index';
import { benchmarkText } from '../../../src/cli/commands/benchmark';

test('every curve law has a benchmark column, auto last', () => {
  assert.deepEqual(ESTIMATOR_KEYS.slice(0, -1), CURVE_LAW_IDS.map((id) => id.toUpperCase()));
  assert.equal(ESTIMATOR_KEYS.at(-1), 'auto');
});

test('a curve that has stopped falling is won by FLAT, and the text shows FLAT and LOGLIN columns', () => {
  // loss that fell and then sat at 2.0 (within ±0.2%): held out, every decaying law keeps falling
  const rows: BenchmarkRow[] = Array.from({ length: 30 }, (_, i) => {
    const x = 100 * Math.pow(1.3, i);
    const y = i < 12 ? 2 + 5 * Math.pow(1.3, -i) : 2 * (1 + 0.002 * Math.sin(i));
    return { domain: 'T', task: 'plateau', model: 'a', x, y, training: i < 22 };
  });
  const rep = runBenchmark(rows, { laws: ['m2', 'loglin', 'flat'] });
  const s = rep.domains.T;
  assert.ok(s.FLAT.curves === 1 && s.LOGLIN.curves === 1, JSON.stringify(s));
  assert.equal(s.FLAT.wins, 1);
  assert.ok(s.FLAT.meanRmsle < s.M2.meanRmsle);
  const header = benchmarkText(rep).split('\n')[2];
  assert.match(header, /MIX\s+FLAT\s+LOGLIN\s+auto/);
});

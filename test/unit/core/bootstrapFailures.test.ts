// A 5-point compute frontier fitted with 40 bootstrap resamples: six laws each lost some, and the
// panel and the CLI showed six near-identical warning lines. Now one line names them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { bootstrapLossLine } from '../../../src/core/bootstrapFailures';
import { getLaw } from '../../../src/core/laws/index';
import { buildTable } from '../../../src/extension/panel/viewModel';

const frontier = [1e18, 3e18, 1e19, 3e19, 1e20].map((x, i) => ({ x, y: [3.52, 3.24, 2.98, 2.79, 2.6][i]! }));

test('a 5-point sweep curve says its bootstrap failures in one line naming the laws, in core and in the panel table', () => {
  const analysis = analyzeCurve(frontier, { laws: ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'], bootstrap: 40, seed: 1, targets: [1e21] });
  const line = '3 of 40 bootstrap resamples could not be fitted for m2, m3, bnsl-0, avg(m2+m3+loglin); 39 of 40 for m4, mix';
  assert.deepEqual(analysis.warnings.filter((w) => /bootstrap resamples/.test(w)), [line]);
  const table = buildTable({ id: 'c', label: 'sweep', analysis }, { lawOf: (id) => getLaw(id), target: 1e21 });
  assert.deepEqual(table.warnings.filter((w) => /bootstrap resamples/.test(w)), [line]);
});

test('one failing law keeps its own line; none gives no line', () => {
  assert.equal(bootstrapLossLine([{ law: 'm2', failed: 3, requested: 40 }, { law: 'm3', failed: 0, requested: 40 }]), 'm2: 3 of 40 bootstrap resamples could not be fitted');
  assert.equal(bootstrapLossLine([{ law: 'm2', failed: 0, requested: 40 }]), undefined);
  assert.equal(bootstrapLossLine([]), undefined);
  assert.equal(
    bootstrapLossLine([{ law: 'm2', failed: 3, requested: 40 }, { law: 'm4', failed: 39, requested: 40 }, { law: 'm3', failed: 3, requested: 40 }]),
    '3 of 40 bootstrap resamples could not be fitted for m2, m3; 39 of 40 for m4',
  );
});

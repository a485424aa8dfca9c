// A 5-point compute frontier fitted with 40 bootstrap resamples: six laws each lost some, and the
// panel showed six near-identical warning lines under its table. Now one line names them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { collapseBootstrapWarnings } from '../../../src/extension/panel/bootstrapWarnings';
import { buildTable } from '../../../src/extension/panel/viewModel';

const frontier = [1e18, 3e18, 1e19, 3e19, 1e20].map((x, i) => ({ x, y: [3.52, 3.24, 2.98, 2.79, 2.6][i]! }));

test('the panel table of a 5-point sweep curve says its bootstrap failures in one line naming the laws', () => {
  const analysis = analyzeCurve(frontier, { laws: ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'], bootstrap: 40, seed: 1, targets: [1e21] });
  assert.equal(analysis.warnings.filter((w) => /bootstrap resamples/.test(w)).length, 6, 'core reports one line per law');
  const table = buildTable({ id: 'c', label: 'sweep', analysis }, { lawOf: (id) => getLaw(id), target: 1e21 });
  const lines = table.warnings.filter((w) => /bootstrap resamples/.test(w));
  assert.deepEqual(lines, ['3 of 40 bootstrap resamples could not be fitted for m2, m3, bnsl-0, avg(m2+m3+loglin); 39 of 40 for m4, mix']);
});

test('other warnings keep their place; one failing law keeps its own line', () => {
  const fail = (law: string, n: number) => `${law}: ${n} of 40 bootstrap resamples could not be fitted`;
  assert.deepEqual(collapseBootstrapWarnings(['first', fail('m2', 3), 'between', fail('m4', 39), fail('m3', 3), 'last']), [
    'first',
    '3 of 40 bootstrap resamples could not be fitted for m2, m3; 39 of 40 for m4',
    'between',
    'last',
  ]);
  assert.deepEqual(collapseBootstrapWarnings(['a', fail('m2', 3)]), ['a', fail('m2', 3)]);
  assert.deepEqual(collapseBootstrapWarnings([]), []);
});

// A law keeps its colour from the Fit panel to Compare Estimators (which adds BNSL with 3 breaks):
// slots follow the law, not its row, and every law and auto's average has a colour of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveAnalysis, EstimatorReport } from '../../../src/core/analysis';
import { CURVE_LAW_IDS } from '../../../src/core/laws/index';
import { estimatorSlot, slotsOf, SLOTTED_LAWS } from '../../../src/extension/panel/estimatorSlot';
import { buildBacktestView } from '../../../src/extension/model/backtestView';
import { buildTable } from '../../../src/extension/panel/viewModel';

test('every curve law has a slot of its own, and auto\'s average keeps the brown it had (11)', () => {
  assert.deepEqual([...CURVE_LAW_IDS].sort(), SLOTTED_LAWS.filter((l) => l !== 'avg').sort());
  assert.equal(estimatorSlot('avg(m2+m4+loglin)', 10), 11);
});

test('every curve law and auto\'s average has its own slot within the palette\'s 12', () => {
  const slots = [...CURVE_LAW_IDS, 'avg(m2+m4+loglin)'].map((law, i) => estimatorSlot(law, i));
  assert.equal(new Set(slots).size, slots.length, slots.join(' '));
  assert.ok(slots.every((s) => s >= 1 && s <= 12), slots.join(' '));
  // a law of no known slot takes its row's
  assert.equal(estimatorSlot('kaplan-n', 2), 3);
});

test('the Fit panel and Compare Estimators give a law the same colour (llm360Mamba3B: auto\'s average was brown, then olive)', () => {
  const report = (law: string): EstimatorReport => ({ law, fit: null, error: 'not fitted here', predictions: [] });
  const fitLaws = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin', 'avg(m2+m4+loglin)'];
  // Compare Estimators fits every curve law, BNSL with 3 breaks among them
  const compareLaws = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'bnsl-3', 'mix', 'flat', 'loglin', 'avg(m2+m4+loglin)'];
  const colours = (laws: string[]) => {
    const analysis: CurveAnalysis = { fitPoints: [], heldOutPoints: [], estimators: laws.map(report), auto: null, warnings: [] };
    const rows = buildTable({ id: 'c', label: 'run', analysis }, { lawOf: () => undefined, target: undefined }).rows;
    return new Map(rows.map((r) => [r.law, r.color]));
  };
  const fit = colours(fitLaws);
  const compare = colours(compareLaws);
  for (const law of fitLaws) assert.equal(compare.get(law), fit.get(law), law);
  // and the back-test view Compare draws (its colorOf) gives each law the Fit table's colour
  const view = buildBacktestView({ curve: 'run', factors: [2], results: compareLaws.map((law) => ({ law, perCut: [null] })), lawOf: () => undefined, colorOf: slotsOf(compareLaws) });
  for (const law of fitLaws) assert.equal(view.rows.find((r) => r.law === law)?.color, fit.get(law), `back-test view: ${law}`);
});

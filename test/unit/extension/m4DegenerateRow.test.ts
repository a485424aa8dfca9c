// An M4 fit whose α and ε0 the data does not set (M4 reduced to M2: α ≈ 0, or ε0 so far above the
// data that ε0 − y is constant) says so in its table row; its numbers and auto's choice stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { m4Degenerate, predictM4 } from '../../../src/core/laws/m4';
import { buildTable } from '../../../src/extension/panel/viewModel';

test("an M4 row whose α and ε0 the data does not set says so (walkthrough: M4 with err0=1.82e17 in the table, unflagged); a sigmoid M4 fit is not flagged", () => {
  // α ≈ 0, or ε0 far above the data: α·log(ε0 − y) is the same at every point, M4 is M2 there
  assert.match(m4Degenerate({ beta: 241, c: -0.66, alpha: 3.5e-14, errInf: 0.69, err0: 31 }, 0.7, 3) ?? '', /^degenerate: .*M4 is M2 here/);
  assert.ok(m4Degenerate({ beta: 241, c: -0.66, alpha: 1.2, errInf: 0.69, err0: 1.82e17 }, 0.7, 3));
  assert.equal(m4Degenerate({ beta: 2, c: -0.5, alpha: 1.2, errInf: 0.1, err0: 3 }, 0.2, 2.5), undefined, 'ε0 just above the data bends the curve');
  // a power law with a floor: the fitted M4 reduces to M2, and its row says so
  const points = Array.from({ length: 60 }, (_, i) => ({ x: 10 * (i + 1), y: 0.7 + 5 * Math.pow(10 * (i + 1), -0.5) }));
  const a = analyzeCurve(points, { laws: ['m2', 'm4'] });
  const row = buildTable({ id: 'c', label: 'run', analysis: a }, { lawOf: (id) => getLaw(id) }).rows.find((r) => r.law === 'm4')!;
  const params = Object.fromEntries(row.params);
  assert.ok(row.degenerate, `M4 ${JSON.stringify(params)}`);
  // and a sigmoid the data shows is not
  const sig = Array.from({ length: 60 }, (_, i) => {
    const x = Math.pow(10, 1 + (i * 4) / 59);
    return { x, y: predictM4({ beta: 1e3, c: -1, alpha: 1.5, errInf: 0.2, err0: 3 }, x) };
  });
  const b = analyzeCurve(sig, { laws: ['m4'] });
  assert.equal(buildTable({ id: 'c', label: 'run', analysis: b }, { lawOf: (id) => getLaw(id) }).rows.find((r) => r.law === 'm4')?.degenerate, undefined);
});

// In a sweep's overlay one curve's 10x target can fall just short of the others' (its data end a
// length earlier): the two target lines stood close and their labels were printed over each other
// ("10x of N = 70M" across "10x of 4 curves"). A label that would overprint another goes a row down.
// (The chart's own target, at 1e12, carries the axis there; the test's markers stand for an overlay's.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCurve } from '../../../src/core/analyze';
import { getLaw } from '../../../src/core/laws/index';
import { buildChart } from '../../../src/extension/panel/viewModel';
import { COLOR_TARGET, type Marker } from '../../../src/shared/protocol';
import { freeLabelRow } from '../../../webview/chartLabels';
import { layOut } from './headlessChart';

const points = Array.from({ length: 6 }, (_, i) => ({ x: 2e9 * 2.5 ** i, y: 2 + 400 * Math.pow(2e9 * 2.5 ** i, -0.28) }));
const base = buildChart([{ id: 'c', label: 'N = 70M', analysis: analyzeCurve(points, { laws: ['m2'] }) }], { lawOf: (id) => getLaw(id), maxPoints: 2000, xLabel: 'tokens', yLabel: 'loss', target: 1e12 });

test("two target lines close together on a sweep's overlay: their labels are drawn on two rows, not over each other", () => {
  const markers: Marker[] = [
    { kind: 'target', label: '10x of N = 70M', x: 5e11, color: 1 },
    { kind: 'target', label: '10x of 4 curves', x: 1e12, color: COLOR_TARGET },
  ];
  const { texts } = layOut({ ...base, markers });
  const [a, b] = markers.map((m) => texts.find((t) => t.text === m.label));
  assert.ok(a && b, texts.map((t) => t.text).join(' | '));
  assert.notEqual(a.y, b.y);
  // labels far apart stay on the top row
  const apart = layOut({ ...base, markers: [{ ...markers[0]!, x: 1e10 }, markers[1]!] }).texts.filter((t) => t.text.startsWith('10x of'));
  assert.equal(new Set(apart.map((t) => t.y)).size, 1);
});

test('freeLabelRow: the first row, from the one asked, where the span meets no placed label', () => {
  const placed = [{ left: 100, right: 200, row: 0 }, { left: 150, right: 260, row: 1 }];
  assert.equal(freeLabelRow(placed, 300, 380), 0);
  assert.equal(freeLabelRow(placed, 180, 240), 2);
  assert.equal(freeLabelRow(placed, 0, 90, 1), 1);
});

// A plan at a budget far past the sweep it was fitted on says how far: test/fixtures' sweep reaches
// 3e19 FLOPs, and "best N and D for 1e23 FLOPs?" is 3,333× that, which the plan's intervals (the
// sweep's noise) do not cover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beyondSweepNote } from '../../../src/core/beyondSweep';

const sweep = { N: [44e6, 180e6, 800e6], D: [113636363636, 27777777778, 6250000000] };

test('a budget thousands of times the largest run of the sweep is named with its factor', () => {
  const note = beyondSweepNote(1e23, sweep, 'sweep.csv');
  assert.match(note ?? '', /^1e23 FLOPs is 3,333× the compute of the largest run in sweep\.csv \(6·N·D ≈ 3e19 FLOPs\)/);
});

test('within a decade of the sweep nothing is said; past a million times the factor is short', () => {
  assert.equal(beyondSweepNote(2e20, sweep, 'sweep.csv'), undefined);
  assert.match(beyondSweepNote(3e26, sweep, 'sweep.csv') ?? '', / 10M× /);
  assert.equal(beyondSweepNote(1e23, { N: [], D: [] }, 'empty.csv'), undefined);
});

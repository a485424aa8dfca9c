import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chinchillaStartGrid, fitChinchilla } from '../../../src/core/laws/chinchilla';
import { PathIndex } from '../../../src/core/laws/chinchillaJoin';
import { relErr, syntheticSurface } from './synthetic';

const EPOCH = { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3658 };
const v = (...x: number[]) => Float64Array.from(x);

test('PathIndex: a start never joins its own uncommitted path; a committed path is joined nearby at the same objective only', () => {
  const paths = new PathIndex(2);
  paths.record(v(1.03, 2.03), 5);
  assert.equal(paths.joins(v(1.03, 2.03), 5), false, 'own pending path');
  paths.commit();
  assert.equal(paths.joins(v(1.04, 2.02), 5.001), true, 'same cell, same objective');
  assert.equal(paths.joins(v(1.04, 2.02), 5.5), false, 'same cell, objective 10% off');
  assert.equal(paths.joins(v(1.6, 2.02), 5), false, 'far in one coordinate');
});

test('PathIndex: iterates a hair apart across a cell face still meet; a discarded path is never indexed', () => {
  const paths = new PathIndex(2);
  paths.record(v(0.0999, -0.3), 1);
  paths.commit();
  assert.equal(paths.joins(v(0.1001, -0.3), 1), true);
  paths.record(v(7, 7), 1);
  paths.discard();
  assert.equal(paths.joins(v(7, 7), 1), false);
});

// The fast path (stopping starts that meet a known minimum or an earlier path) must find the
// optimum that running every start to its own convergence finds. A third of the grid keeps the
// exhaustive run short; the bench checks the full grid.
const third = chinchillaStartGrid().filter((_, i) => i % 3 === 0);

test('fast multistart finds the same optimum as exhaustive starts (120 noisy points, known law)', () => {
  const obs = syntheticSurface(EPOCH, 120, 0.015, 21);
  const fast = fitChinchilla(obs, { starts: third });
  const all = fitChinchilla(obs, { starts: third, joinBasins: false });
  assert.ok(Math.abs(fast.objective - all.objective) <= 1e-9 * all.objective, `fast ${fast.objective} vs exhaustive ${all.objective}`);
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) {
    assert.ok(relErr(fast.surface[k], all.surface[k]) < 1e-5, `${k}: fast ${fast.surface[k]} vs exhaustive ${all.surface[k]}`);
  }
  assert.ok(Math.abs(fast.surface.alpha - EPOCH.alpha) < 0.03 && Math.abs(fast.surface.beta - EPOCH.beta) < 0.03, 'near the known law');
  // Honest accounting: every start is counted once, and the saving comes from merged starts.
  assert.equal(all.mergedStarts + all.joinedStarts, 0);
  assert.ok(fast.mergedStarts > third.length / 2, `merged ${fast.mergedStarts}`);
  assert.ok(fast.convergedStarts + fast.joinedStarts + fast.mergedStarts + fast.degenerateStarts <= fast.starts);
  assert.ok(fast.iterations * 2 < all.iterations, `iterations ${fast.iterations} vs ${all.iterations}`);
});

test('fast multistart matches exhaustive starts on a small, noisy sweep from an unusual law', () => {
  const obs = syntheticSurface({ E: 3, A: 50, B: 1e4, alpha: 0.2, beta: 0.6 }, 10, 0.05, 4);
  const fast = fitChinchilla(obs, { starts: third });
  const all = fitChinchilla(obs, { starts: third, joinBasins: false });
  assert.ok(Math.abs(fast.objective - all.objective) <= 1e-9 * all.objective + 1e-15, `fast ${fast.objective} vs exhaustive ${all.objective}`);
});

// A table of more than SCREEN_ROWS rows (checkpoints of many runs, a large runs export) has its start
// grid searched on a subsample spread over its compute, and the best start refitted on every row:
// the same optimum as the search on every row, which costs starts × rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centre, chinchillaQuickStarts, fitChinchilla, fromVector, minimizeFromStarts, SCREEN_ROWS, surfaceLogData } from '../../../src/core/laws/chinchilla';
import { mulberry32, normal } from '../../../src/core/random';
import type { Observations } from '../../../src/core/types';

function noisySweep(n: number, seed: number): Observations {
  const rnd = mulberry32(seed);
  const gauss = normal(rnd);
  const x = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 10 ** (7 + 3 * rnd());
    x2[i] = 10 ** (9 + 2 * rnd());
    y[i] = (1.69 + 406.4 / x[i]! ** 0.34 + 410.7 / x2[i]! ** 0.28) * Math.exp(0.01 * gauss());
  }
  return { x, x2, y };
}

test('a large table: the grid searched on a subsample, then every row; the optimum of the search on every row, and said', () => {
  const obs = noisySweep(SCREEN_ROWS + 500, 3);
  const starts = chinchillaQuickStarts();
  const screened = fitChinchilla(obs, { starts });
  const everyRow = minimizeFromStarts(centre(surfaceLogData(obs)), starts);
  const full = fromVector(everyRow.best!.x);
  assert.ok(screened.converged);
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) {
    assert.ok(Math.abs(screened.surface[k] / full[k] - 1) < 1e-5, `${k}: ${screened.surface[k]} vs ${full[k]}`);
  }
  assert.ok(screened.warnings.some((w) => w.startsWith(`the ${starts.length} starts were searched on ${SCREEN_ROWS} of the ${SCREEN_ROWS + 500} rows`)), screened.warnings.join(' | '));
});

test('a table of up to SCREEN_ROWS rows is searched on every row, with nothing said', () => {
  const fit = fitChinchilla(noisySweep(200, 4), { starts: chinchillaQuickStarts() });
  assert.ok(!fit.warnings.some((w) => /were searched on/.test(w)), fit.warnings.join(' | '));
});

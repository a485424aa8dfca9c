// NaN or inf losses inside a log that goes on after them were left out of the panel's fit without
// a word (nan_inf.csv: 40 rows, NaN at step 1100, inf at 2100): now said with where they are. The
// ones that end the log are a divergence, said by divergedTail, and not counted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonFiniteInside } from '../../../src/ingest/model/nonFiniteInside';
import type { SeriesData } from '../../../src/ingest/model/model';

const seriesOf = (ys: number[]): SeriesData => ({ key: 'loss', y: Float64Array.from(ys), x: { step: Float64Array.from(ys.map((_, i) => (i + 1) * 100)) } }) as unknown as SeriesData;

test('NaN and inf inside a log are named by their steps (three at most), the NaN that end it are not', () => {
  const ys = Array.from({ length: 40 }, (_, i) => 3 - i / 100);
  assert.equal(nonFiniteInside(seriesOf(ys), 'step', 'loss'), undefined);
  ys[10] = NaN;
  ys[20] = Infinity;
  assert.deepEqual(nonFiniteInside(seriesOf(ys), 'step', 'loss'), { text: '"loss" is NaN or infinite at 2 points inside the log (step 1.1K, 2.1K), and finite after: left out of the fit', points: 2 });
  ys[30] = NaN;
  ys[31] = -Infinity;
  ys[38] = NaN;
  ys[39] = NaN;
  const said = nonFiniteInside(seriesOf(ys), 'step', 'loss');
  assert.equal(said?.points, 4);
  assert.match(said?.text ?? '', /at 4 points inside the log \(step 1\.1K, 2\.1K, 3\.1K, …\)/);
  assert.equal(nonFiniteInside(seriesOf(ys), 'tokens', 'loss'), undefined, 'no such axis');
});

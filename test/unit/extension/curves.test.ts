import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesData, SourceData } from '../../../src/ingest/model/model';
import { curveData, guessColumns, listCurves, smoothLog, xKindsOf, yKeysOf } from '../../../src/extension/model/curves';
import { sweepOutlierNotes } from '../../../src/extension/model/sweepOutliers';

const f = (v: number[]) => Float64Array.from(v);
function series(key: string, split: SeriesData['split'], x: SeriesData['x'], y: number[], fitMask?: number[]): SeriesData {
  return { key, split, x, y: f(y), ...(fitMask ? { fitMask: Uint8Array.from(fitMask) } : {}) };
}

const source: SourceData = {
  format: 'csv',
  warnings: [],
  runs: [
    {
      name: 'run-a',
      origin: '/a',
      format: 'csv',
      series: [
        series('lr', 'other', { step: f([1, 2, 3]) }, [0.1, 0.1, 0.1]),
        series('train_loss', 'train', { step: f([1, 2, 3]), tokens: f([10, 20, 30]) }, [3, 2, 1]),
        series('val_loss', 'val', { step: f([3, 1, 2]), tokens: f([30, NaN, 20]) }, [1.5, 9, 2.5], [1, 1, 0]),
        series('val_acc', 'val', { step: f([1]) }, [0.5]),
      ],
    },
    { name: 'run-b', origin: '/b', format: 'csv', series: [series('val_loss', 'val', { tokens: f([5, 6]) }, [4, 3])] },
  ],
};

test('columns are guessed as a person would: validation loss against tokens', () => {
  assert.deepEqual(guessColumns(source), { x: 'tokens', y: 'val_loss' });
  assert.deepEqual(yKeysOf(source).slice(0, 2), ['val_loss', 'train_loss']);
  assert.equal(yKeysOf(source).at(-1), 'lr');
  assert.deepEqual(xKindsOf(source), ['tokens', 'step']);
});

test('a validation loss too short to fit gives way to a train loss logged every step, until it has points enough', () => {
  const steps = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
  const log = (valSteps: number[]): SourceData => ({
    format: 'csv',
    warnings: [],
    runs: [
      {
        name: 'run',
        origin: '/run',
        format: 'csv',
        series: [
          series('train_loss', 'train', { step: f(steps) }, steps.map((s) => 5 / Math.log(s))),
          series('val_loss', 'val', { step: f(valSteps) }, valSteps.map((s) => 6 / Math.log(s + 2))),
        ],
      },
    ],
  });
  // nanoGPT logs its validation loss at step 0 first: a point at x = 0 cannot be fitted on log axes
  assert.deepEqual(yKeysOf(log([0, 50, 100])), ['train_loss', 'val_loss']);
  assert.deepEqual(guessColumns(log([0, 50, 100])), { x: 'step', y: 'train_loss' });
  assert.deepEqual(yKeysOf(log([0, 25, 50, 75, 100])), ['val_loss', 'train_loss']);
});

test('one curve per run that has the chosen series; points counted only where x and y are finite', () => {
  const curves = listCurves(source, { x: 'tokens', y: 'val_loss' });
  assert.deepEqual(curves.map((c) => [c.label, c.points]), [['run-a', 2], ['run-b', 2]]);
  assert.notEqual(curves[0]!.id, curves[1]!.id);
});

test('curve data is sorted by x with the fit mask carried along', () => {
  const [a] = listCurves(source, { x: 'tokens', y: 'val_loss' });
  assert.deepEqual(curveData(source, a!, 'tokens'), { points: [{ x: 20, y: 2.5 }, { x: 30, y: 1.5 }], trainMask: [false, true] });
  const [b] = listCurves(source, { x: 'step', y: 'val_loss' });
  assert.deepEqual(curveData(source, b!, 'step').points.map((p) => p.x), [1, 2, 3]);
});

test('an empty source has no columns', () => {
  assert.equal(guessColumns({ format: 'text', runs: [], warnings: [] }), undefined);
});

test('log-space smoothing: weight 0 is a no-op, a constant stays constant, noise shrinks', () => {
  const pts = [1, 2, 3, 4, 5, 6].map((x, i) => ({ x, y: i % 2 ? 2 : 1 }));
  assert.deepEqual(smoothLog(pts, 0), pts);
  for (const p of smoothLog([{ x: 1, y: 3 }, { x: 2, y: 3 }], 0.9)) assert.ok(Math.abs(p.y - 3) < 1e-12);
  const s = smoothLog(pts, 0.8);
  const spread = (v: { y: number }[]) => Math.max(...v.slice(2).map((p) => p.y)) - Math.min(...v.slice(2).map((p) => p.y));
  assert.ok(spread(s) < spread(pts) / 2);
});

test('a sweep table gives one curve per fixed count: loss against D for each N, against N for each D; none when no group has 3 x values', () => {
  const N = [125e6, 350e6, 1.3e9];
  const D = [2e9, 5e9, 1e10, 2e10];
  const rows = N.flatMap((n) => D.map((d) => ({ n, d, y: 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28 })));
  // D derived as C/6N carries rounding noise: it still groups
  const noisyD = rows.map((r) => (6 * r.n * r.d) / (6 * r.n) * (1 + 1e-13));
  const sweep = (keep: (r: (typeof rows)[number]) => boolean): SourceData => {
    const kept = rows.map((r, i) => ({ ...r, dn: noisyD[i]! })).filter(keep);
    return {
      format: 'sweep',
      warnings: [],
      runs: [{ name: 'sweep', origin: '/s.csv', format: 'sweep', series: [series('loss', 'val', { params: f(kept.map((r) => r.n)), tokens: f(kept.map((r) => r.dn)), flops: f(kept.map((r) => 6 * r.n * r.dn)) }, kept.map((r) => r.y))] }],
    };
  };
  const all = sweep(() => true);
  const byN = listCurves(all, { x: 'tokens', y: 'loss' });
  assert.deepEqual(byN.map((c) => [c.label, c.points]), [['N = 125M', 4], ['N = 350M', 4], ['N = 1.3B', 4]]);
  const first = curveData(all, byN[0]!, 'tokens').points;
  assert.deepEqual(first.map((p) => Math.round(p.x)), D);
  assert.ok(first.every((p, i) => p.y === rows[i]!.y));
  assert.equal(new Set(byN.map((c) => c.id)).size, 3);
  const byD = listCurves(all, { x: 'params', y: 'loss' });
  assert.deepEqual(byD.map((c) => [c.label, c.points]), [['D = 2B', 3], ['D = 5B', 3], ['D = 10B', 3], ['D = 20B', 3]]);
  assert.deepEqual(listCurves(all, { x: 'flops', y: 'loss' }).map((c) => c.label), ['N = 125M', 'N = 350M', 'N = 1.3B']);
  // one size with 3 D values and the others with 2: one curve cannot be a comparison, so the table stays one curve
  const thin = sweep((r) => r.n === 125e6 ? r.d !== 2e10 : r.d >= 1e10);
  assert.deepEqual(listCurves(thin, { x: 'tokens', y: 'loss' }).map((c) => [c.label, c.points]), [['sweep', 7]]);
  // a training log with the same columns is never split
  const log: SourceData = { ...all, format: 'csv', runs: all.runs.map((r) => ({ ...r, format: 'csv' })) };
  assert.deepEqual(listCurves(log, { x: 'tokens', y: 'loss' }).map((c) => c.label), ['sweep']);
});

test("a sweep's run far above the surface through the others is left out of its curves and named; clean sweeps lose none", () => {
  const N = [50e6, 1e8, 2e8, 4e8];
  const D = [1e9, 2e9, 4e9, 8e9];
  const rows = N.flatMap((n) => D.map((d) => ({ n, d, y: 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28 })));
  const table = (broken: number): SourceData => ({
    format: 'sweep',
    warnings: [],
    runs: [{ name: 'sweep', origin: '/s.csv', format: 'sweep', series: [series('loss', 'val', { params: f(rows.map((r) => r.n)), tokens: f(rows.map((r) => r.d)) }, rows.map((r, i) => r.y * (i === broken ? 1.4 : 1)))] }],
  });
  const columns = { x: 'tokens' as const, y: 'loss' };
  const clean = table(-1);
  assert.deepEqual(listCurves(clean, columns).map((c) => c.points), [4, 4, 4, 4]);
  assert.deepEqual(sweepOutlierNotes(clean, columns), []);
  const broken = table(6); // N = 1e8, D = 4e9
  const curves = listCurves(broken, columns);
  assert.deepEqual(curves.map((c) => c.points), [4, 3, 4, 4]);
  assert.deepEqual(curveData(broken, curves[1]!, 'tokens').points.map((p) => p.x), [1e9, 2e9, 8e9]);
  const notes = sweepOutlierNotes(broken, columns);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /^left a run out of the sweep's curves as an outlier: N = 1\.00e\+8, D = 4\.00e\+9, loss /);
});

test('an IsoFLOP table (sizes jittered, budgets within 3%) opens against compute with its frontier: the lowest loss of each budget', () => {
  const budgets = [1e19, 1e20, 1e21, 1e22];
  const rows = budgets.flatMap((c, b) =>
    [0.3, 1, 3].map((k, j) => {
      const n = k * 0.6 * Math.sqrt(c / 6) * (1 + 0.01 * (b + j));
      const cj = c * (1 + 0.02 * Math.sin(7 * b + j));
      return { n, c: cj, y: 1.7 + 400 / n ** 0.34 + 410 / (cj / (6 * n)) ** 0.28 };
    }),
  );
  const src: SourceData = {
    format: 'sweep',
    warnings: [],
    runs: [{ name: 'iso', origin: '/iso.csv', format: 'sweep', series: [series('loss', 'val', { params: f(rows.map((r) => r.n)), tokens: f(rows.map((r) => r.c / (6 * r.n))), flops: f(rows.map((r) => r.c)) }, rows.map((r) => r.y))] }],
  };
  assert.deepEqual(guessColumns(src), { x: 'flops', y: 'loss' }, 'no size repeats: against tokens it would be one curve through every model');
  const curves = listCurves(src, { x: 'flops', y: 'loss' });
  assert.deepEqual(curves.map((c) => [c.label, c.points]), [['compute frontier (lowest loss per budget)', 4]]);
  const want = budgets.map((_, b) => rows.slice(3 * b, 3 * b + 3).reduce((m, r) => (r.y < m.y ? r : m)));
  assert.deepEqual(curveData(src, curves[0]!, 'flops').points, want.map((r) => ({ x: r.c, y: r.y })));
  assert.deepEqual(listCurves(src, { x: 'tokens', y: 'loss' }).map((c) => c.label), ['iso'], 'against tokens: no slice, one curve');
});

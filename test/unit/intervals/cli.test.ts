import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitCurves } from '../../../src/cli/curveFit';
import { trustText } from '../../../src/core/units';
import type { CurveFitRequest } from '../../../src/cli/curveRequest';
import { fitText } from '../../../src/cli/commands/fit';
import { syntheticCurve } from './synthetic';

const dir = mkdtempSync(join(tmpdir(), 'sl-intervals-'));
const csv = join(dir, 'run.csv');
writeFileSync(csv, ['tokens,loss', ...syntheticCurve('m2', 4, 30).map((p) => `${p.x},${p.y}`)].join('\n'));
const base: CurveFitRequest = { path: csv, xCol: 'tokens', yCol: 'loss', groupCols: [], law: 'm2', targets: ['2x', '10x'], bootstrap: 20, seed: 1 };

test('fit --bootstrap K --level 0.8 --holdout-frac: level, held-out points with intervals, trust per prediction', async () => {
  const [r80] = await fitCurves({ ...base, level: 0.8, holdoutFrac: 0.25 });
  const [r95] = await fitCurves({ ...base, holdoutFrac: 0.25 });
  assert.equal(r80.level, 0.8);
  assert.equal(r95.level, 0.95);
  const pts = r80.heldOut!.points!;
  assert.equal(pts.length, r80.heldOut!.n);
  for (const p of pts) {
    assert.deepEqual(Object.keys(p).sort(), ['hi', 'lo', 'pred', 'x', 'y']);
    assert.ok(p.lo! <= p.pred && p.pred <= p.hi!);
  }
  r80.predictions.forEach((p, i) => {
    const q = r95.predictions[i];
    assert.equal(p.y, q.y);
    assert.ok(p.lo! > q.lo! && p.hi! < q.hi!, 'the 80% interval sits inside the 95% one');
    assert.ok(p.trust && p.trust.factor > 1, JSON.stringify(p));
  });
  const text = fitText(r80).answer;
  assert.match(text, /80% lo/);
  assert.match(text, /on this curve's own history/);
  assert.match(text, /extrapolation missed by \d/);
});

test('trust text reads like a sentence', () => {
  assert.equal(trustText({ factor: 2, missedBy: 0.008 }), 'a 2× extrapolation missed by 0.8%');
  assert.equal(trustText({ factor: 3.04, missedBy: 0.25 }), 'a 3× extrapolation missed by 25%');
  assert.equal(trustText(undefined), '');
});

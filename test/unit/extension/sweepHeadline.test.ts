// An IsoFLOP sweep opens with all its curves shown, so no one curve's prediction leads: the panel
// leads with the sweep's own result instead (Approach 2: N_opt ∝ C^a with its interval, and each
// budget's compute-optimal N and D), until a curve picked alone brings its prediction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { fitIsoflop } from '../../../src/core/isoflop';
import { LensSession } from '../../../src/extension/session';
import { surfaceData } from '../../../src/extension/model/surface';
import { sweepHeadline } from '../../../src/extension/model/sweepHeadline';
import { validateToWebview } from '../../../src/shared/validate';
import { testDeps, testSettings } from './sessionFixture';

const file = 'test/fixtures/workspace/sweep.csv';

test('an IsoFLOP sweep opens with a headline: the exponent with its interval and each budget\'s N_opt and D_opt; the message validates', async () => {
  const session = new LensSession(file, 'sweep.csv', testDeps(testSettings(['m2'])));
  const source = await readSource(file);
  session.setSource(source);
  const data = session.panelData();
  assert.ok(data.selected.length > 1, 'the sweep opens with its curves overlaid');
  assert.equal(data.prediction, undefined);
  const head = data.sweepHeadline;
  assert.ok(head, 'a headline without a curve picked');
  // the same fit the Plan view and the CLI make of these rows
  const fit = fitIsoflop(surfaceData(source)!);
  assert.equal(head.exponent, fit.a);
  const [lo, hi] = head.exponentInterval!;
  assert.ok(lo < fit.a && fit.a < hi, `${lo} < ${fit.a} < ${hi}`);
  assert.equal(head.level, 0.95);
  assert.deepEqual(head.rows.map((r) => [r.flops, r.N, r.D]), fit.budgets.map((b) => [b.flops, b.N, b.D]));
  assert.equal(head.rows.length, 3);
  assert.ok(validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
});

test("a curve picked alone leads with its prediction, not the sweep's headline; a learning curve has none", async () => {
  const session = new LensSession(file, 'sweep.csv', testDeps(testSettings(['m2'])));
  session.setSource(await readSource(file));
  session.selectCurves([session.curves.find((c) => c.slice && 'frontier' in c.slice)!.id]);
  // its prediction is on its way: the headline's place waits for it, rather than flip to the sweep's and back
  assert.equal(session.panelData().sweepHeadline, undefined);
  await session.refitLaws();
  const data = session.panelData();
  assert.ok(data.prediction, 'the frontier curve predicts');
  assert.equal(data.sweepHeadline, undefined);
  const curve = new LensSession('r.csv', 'r.csv', testDeps(testSettings(['m2'])));
  curve.setSource(await readSource('test/fixtures/workspace/nanogpt_train.log'));
  assert.equal(curve.panelData().sweepHeadline, undefined);
});

test('an IsoFLOP design whose valleys place no line gets a headline that says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-head-'));
  try {
    // every budget's loss falls with N to the largest size tried: no valley has a lowest point inside it
    let csv = 'N,D,loss\n';
    for (const C of [6e18, 1e19, 3e19]) for (const N of [5e7, 1e8, 2e8, 4e8]) csv += `${N},${C / (6 * N)},${(3 - 0.1 * Math.log10(N) - 0.05 * Math.log10(C / 6e18)).toFixed(4)}\n`;
    writeFileSync(join(dir, 'edge.csv'), csv);
    const session = new LensSession(join(dir, 'edge.csv'), 'edge.csv', testDeps(testSettings(['m2'])));
    session.setSource(await readSource(join(dir, 'edge.csv')));
    const head = session.panelData().sweepHeadline;
    assert.ok(head, 'still a headline');
    assert.equal(head.exponent, undefined);
    assert.match(head.notes.join(' '), /bracket a lowest loss/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a large IsoFLOP sweep opens with its exponent at once and leaves the interval to the Plan (its resamples would hold up the panel)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-headline-'));
  try {
    // 3 budgets × 100 sizes on a Chinchilla-like surface, 0.3% deterministic wiggle
    let csv = 'N,D,loss\n';
    for (const C of [6e18, 6e19, 6e20]) {
      for (let k = 0; k < 100; k++) {
        const N = 3e7 * Math.pow(300, k / 99);
        const D = C / (6 * N);
        csv += `${N},${D},${((1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) * (1 + 0.003 * Math.sin(7 * k))).toFixed(5)}\n`;
      }
    }
    const path = join(dir, 'isoflop300.csv');
    writeFileSync(path, csv);
    const head = sweepHeadline(await readSource(path), 'loss');
    assert.ok(head?.exponent !== undefined && head.exponent > 0.3 && head.exponent < 0.7, String(head?.exponent));
    assert.equal(head.exponentInterval, undefined);
    assert.ok(head.notes.some((n) => /no interval on the exponent here for a sweep of 300 rows .*Plan from this sweep gives it/.test(n)), head.notes.join(' | '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

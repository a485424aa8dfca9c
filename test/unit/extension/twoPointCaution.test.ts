// A curve of 2 fit points: auto carries their trend on (damped by half when it falls, docs/estimates.md "A
// falling curve of 2 points"), and its 10x prediction is cautioned, in the panel's headline and by
// the CLI alike, that 2 points cannot tell a law from noise.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LensSession } from '../../../src/extension/session';
import type { SourceData } from '../../../src/ingest/model/model';
import { fitCurves } from '../../../src/cli/curveFit';
import { testDeps, testSettings } from './sessionFixture';

const CAUTION = /^only 2 fit points: 2 points cannot tell a law from noise, so a prediction past them is their trend carried on, not a fitted law/;

function curve(xs: readonly number[], ys: readonly number[]): SourceData {
  return { format: 'csv', warnings: [], runs: [{ name: 'r', origin: '/r.csv', format: 'csv', series: [{ key: 'loss', split: 'train', x: { step: Float64Array.from(xs) }, y: Float64Array.from(ys) }] }] };
}

async function headline(source: SourceData) {
  const session = new LensSession('/r.csv', 'r.csv', testDeps(testSettings(['auto'])));
  session.setSource(source);
  await session.refitLaws();
  return session.panelData().prediction;
}

test("the panel's 10x prediction from 2 points is cautioned; from 3 points it is not", async () => {
  const two = await headline(curve([1000, 2000], [3.2, 2.9]));
  assert.equal(two?.law, 'avg(flat+loglin)');
  assert.match(two?.caution ?? '', CAUTION);
  const three = await headline(curve([1000, 2000, 4000], [3.2, 2.9, 2.7]));
  assert.doesNotMatch(three?.caution ?? '', /only \d fit points/);
});

test('predict --at 10x on 2 points says the same caution; a target inside them does not', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sl-two-')), 'two.csv');
  writeFileSync(file, 'step,loss\n1000,3.2\n2000,2.9\n');
  const request = { path: file, xCol: 'step', yCol: 'loss', groupCols: [], law: 'auto', bootstrap: 0, seed: 1 };
  const [past] = await fitCurves({ ...request, targets: ['10x'] });
  assert.ok(past!.warnings.some((w) => CAUTION.test(w)), past!.warnings.join('\n'));
  const [inside] = await fitCurves({ ...request, targets: ['1500'] });
  assert.ok(!inside!.warnings.some((w) => CAUTION.test(w)), inside!.warnings.join('\n'));
});

// A diverged or failed run in a sweep (a loss far above the surface through the others) is named,
// and left out of the surface fit by default: the rule (core/outlierRuns.ts), `fit --law chinchilla`,
// and the sweep's learning curves (--group N), which are told of it from the same rule.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFarAbove, SURFACE_OUTLIER_SHARE, surfaceOutliers, sweepOutliers } from '../../../src/core/outlierRuns';
import { robustSigma } from '../../../src/core/calibrate';
import { mulberry32 } from '../../../src/core/random';
import { parseArgs } from '../../../src/cli/args';
import { fitJson } from './surfaceCli';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { fitCurves } from '../../../src/cli/curveFit';
import { PUBLISHED, syntheticSurface } from './synthetic';

const dir = mkdtempSync(join(tmpdir(), 'sl-outliers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const surface = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const GRID = [70e6, 160e6, 410e6, 1e9, 2.8e9].flatMap((n) => [1e9, 3e9, 1e10, 3e10, 1e11].map((d) => [n, d] as const));

/** The 5×5 grid with 0.3% noise; row `bad` (0-based) `times` too high. */
function grid(name: string, bad: number, times: number): string {
  const file = join(dir, name);
  const loss = (n: number, d: number, i: number) => surface(n, d) * (1 + 0.003 * Math.sin(7 * i)) * (i === bad ? times : 1);
  writeFileSync(file, ['N,D,loss', ...GRID.map(([n, d], i) => `${n},${d},${loss(n, d, i).toFixed(4)}`)].join('\n') + '\n');
  return file;
}


test('the rule: over 6 robust σ of the others and over 10% above; not below, not with fewer than 10 rows, not a quarter of them', () => {
  const quiet = Array.from({ length: 20 }, (_, i) => 0.01 * Math.sin(3 * i));
  assert.deepEqual(surfaceOutliers(quiet), []);
  assert.deepEqual(surfaceOutliers(quiet.map((r, i) => (i === 4 ? Math.log(1.15) : r))), [4]);
  // 9% is under the floor however small the noise; far below is not a broken run's sign
  assert.deepEqual(surfaceOutliers(quiet.map((r, i) => (i === 4 ? Math.log(1.09) : i === 5 ? -1 : r))), []);
  // noise of 5%: 15% above is within 6σ
  const noisy = Array.from({ length: 20 }, (_, i) => 0.05 * Math.sin(3 * i));
  assert.deepEqual(surfaceOutliers(noisy.map((r, i) => (i === 4 ? Math.log(1.15) : r))), []);
  assert.deepEqual(surfaceOutliers(quiet.slice(0, 9).map((r, i) => (i === 4 ? 2 : r))), []);
  assert.deepEqual(surfaceOutliers(quiet.map((r, i) => (i % 3 === 0 ? 1 : r))), []);
});

test('sweepOutliers finds a run 50% too high on a noisy synthetic surface, names nothing on the clean one, and skips rows without numbers', () => {
  const obs = syntheticSurface(PUBLISHED, 30, 0.01, 11);
  assert.deepEqual(sweepOutliers(obs), []);
  obs.y[12]! *= 1.5;
  obs.y[3] = NaN;
  const far = sweepOutliers(obs);
  assert.deepEqual(far.map((o) => o.row), [12]);
  assert.ok(Math.abs(far[0]!.fitted / (obs.y[12]! / 1.5) - 1) < 0.03, `${far[0]!.fitted}`);
});

test('fit --law chinchilla leaves a failed run out, names it in a warning and in "outliers", and refits without it', async () => {
  const file = grid('failed.csv', 13, 3.5);
  const j = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(j.points, 24);
  assert.equal(j.outliers.length, 1);
  const o = j.outliers[0]!;
  assert.deepEqual([o.row, o.at], [15, { N: 410e6, D: 3e10 }]);
  assert.ok(Math.abs(o.fitted - surface(410e6, 3e10)) / surface(410e6, 3e10) < 0.01, `${o.fitted}`);
  assert.ok(j.warnings.includes(`left a run out of the surface fit as an outlier: row 15 (N = 4.10e+8, D = 3.00e+10), loss ${o.loss.toPrecision(3)} against ${o.fitted.toPrecision(3)} from the surface through the other runs.`), j.warnings.join('\n'));
  assert.ok(Math.abs(j.params.alpha - 0.34) < 0.05 && Math.abs(j.params.beta - 0.28) < 0.03, JSON.stringify(j.params));
  assert.ok(j.objective < 1e-4, `objective ${j.objective}`);
  const kept = await fitJson([file, '--law', 'chinchilla', '--quick', '--keep-outliers', '--json']);
  assert.equal(kept.points, 25);
  assert.equal(kept.outliers.length, 1);
  assert.ok(kept.warnings.some((w) => w.startsWith('a run far above the surface, kept in the fit (--keep-outliers): row 15 (N = 4.10e+8, D = 3.00e+10)')), kept.warnings.join('\n'));
  assert.ok(kept.objective > 10 * j.objective);
  const clean = await fitJson([grid('clean.csv', -1, 1), '--law', 'chinchilla', '--quick', '--json']);
  assert.deepEqual([clean.points, clean.outliers], [25, []]);
});

test('the other surface laws judge their own fit the same way (kaplan-nd)', async () => {
  const j = await fitJson([grid('kaplan.csv', 6, 1.6), '--law', 'kaplan-nd', '--json']);
  assert.deepEqual(j.outliers.map((o) => o.row), [8]);
  assert.equal(j.points, 24);
});

test('fit --group N on a sweep with a failed run: left out of its curve, in that curve\'s outliers, named in a warning', async () => {
  const file = grid('grouped.csv', 13, 3.5);
  const results = await fitCurves(curveRequest(parseArgs([file, '--group', 'N'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.deepEqual(results.map((r) => r.nFit), [5, 5, 4, 5, 5]);
  assert.deepEqual(results.map((r) => r.outliers.length), [0, 0, 1, 0, 0]);
  assert.deepEqual(results[2]!.outliers[0], { x: 3e10, y: Number((surface(410e6, 3e10) * (1 + 0.003 * Math.sin(91)) * 3.5).toFixed(4)), why: 'far above the surface through the other runs' });
  assert.ok(results[0]!.warnings.some((w) => /^left a run out of the sweep's curves as an outlier: N = 4\.10e\+8, D = 3\.00e\+10, loss \d+\.\d+ against 2\.6\d from the Chinchilla surface through the sweep\.$/.test(w)), results[0]!.warnings.join('\n'));
});

test('surfaceOutliers reads each row\'s σ of the others off one sort: the same rows as sorting the others for each row', () => {
  // the rule as written: robustSigma of every residual but the row's own
  const reference = (r: ArrayLike<number>): number[] => {
    const floor = Math.log1p(SURFACE_OUTLIER_SHARE);
    const out: number[] = [];
    for (let i = 0; i < r.length; i++) {
      if (!(r[i]! > floor)) continue;
      const others = Array.from(r).filter((_, j) => j !== i);
      if (isFarAbove(r[i]!, robustSigma(others), floor)) out.push(i);
    }
    return out.length <= 0.25 * r.length ? out : [];
  };
  const rnd = mulberry32(11);
  let judged = 0;
  for (let t = 0; t < 200; t++) {
    const n = 10 + Math.floor(rnd() * 60);
    const scale = [0.01, 0.05, 0.2][t % 3]!;
    // noise, some rows far above, repeated values, and the odd NaN or infinity
    const r = Float64Array.from({ length: n }, () => {
      const u = rnd();
      return u < 0.05 ? 0.5 + rnd() : u < 0.08 ? 0.2 : u < 0.09 ? NaN : u < 0.095 ? Infinity : scale * (rnd() - 0.5);
    });
    assert.deepEqual(surfaceOutliers(r), reference(r), `case ${t}: ${Array.from(r).map((v) => v.toFixed(3)).join(', ')}`);
    if (reference(r).length > 0) judged++;
  }
  assert.ok(judged > 50, `only ${judged} cases with rows left out`);
});

// Counts stored as log10 (the ColPret OPT table: flops 17.9 for 7.5e17 FLOPs) are read back as
// 10^value, by the log readers and by the CLI's column path, with a warning; real counts, and
// log-like columns that do not track the steps, are left alone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksLikeLog10OfStepCount } from '../../../src/ingest/model/logAxes';
import { readSource } from '../../../src/ingest/files/read';
import { loadCurves } from '../../../src/cli/loadCurves';

const dir = mkdtempSync(join(tmpdir(), 'sl-logaxes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const steps = [2000, 6000, 10000, 20000, 40000, 80000, 140000];
const flops = (s: number) => 6 * 125e6 * 1000 * s; // 6·N·(tokens per step)·step

test('recognised: a column that rises by 1 per 10× steps; not: the counts themselves, a shifted slope, noise, too few points', () => {
  assert.equal(looksLikeLog10OfStepCount(steps, steps.map((s) => Math.log10(flops(s)))), true);
  assert.equal(looksLikeLog10OfStepCount(steps, steps.map(flops)), false);
  assert.equal(looksLikeLog10OfStepCount(steps, steps.map((s) => 0.5 * Math.log10(s) + 3)), false, 'slope 0.5');
  assert.equal(looksLikeLog10OfStepCount(steps, steps.map((s, i) => Math.log10(flops(s)) + (i % 2 ? 0.1 : -0.1))), false, 'scatter');
  assert.equal(looksLikeLog10OfStepCount(steps.slice(0, 4), steps.slice(0, 4).map((s) => Math.log10(s) + 14)), false, 'four points');
  assert.equal(looksLikeLog10OfStepCount([100, 110, 120, 130, 140], [100, 110, 120, 130, 140].map((s) => Math.log10(s) + 14)), false, 'steps spanning 1.4×');
});

const csv = (rows: string[]) => {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, rows.join('\n'));
  return file;
};
const loss = (s: number) => (2 + 40 * s ** -0.3).toFixed(4);

test('a log read by the ingest readers: log10 flops become FLOPs, with one warning; the user file is untouched', async () => {
  const rows = ['model,steps,flops,loss', ...['125m', '1.3b'].flatMap((m, k) => steps.map((s) => `${m},${s},${Math.log10(flops(s) * (k + 1))},${loss(s)}`))];
  const file = csv(rows);
  const before = readFileSync(file, 'utf8');
  const src = await readSource(file);
  assert.equal(src.runs.length, 2);
  for (const [k, run] of src.runs.entries()) {
    const s = run.series.find((x) => x.key === 'loss')!;
    const f = s.x.flops!;
    steps.forEach((st, i) => assert.ok(Math.abs(f[i]! / (flops(st) * (k + 1)) - 1) < 1e-9, `${run.name} row ${i}: ${f[i]}`));
  }
  const w = src.warnings.filter((x) => /log10\(flops\)/.test(x.message));
  assert.equal(w.length, 1, JSON.stringify(src.warnings));
  assert.match(w[0]!.message, /flops rises by 1 for every 10× in steps in 2 runs, so it holds log10\(flops\): read as 10\^value/);
  assert.equal(readFileSync(file, 'utf8'), before);
  // real FLOPs are left as they are, with no warning
  const real = await readSource(csv(['steps,flops,loss', ...steps.map((s) => `${s},${flops(s)},${loss(s)}`)]));
  assert.deepEqual(Array.from(real.runs[0]!.series[0]!.x.flops!), steps.map(flops));
  assert.equal(real.warnings.some((x) => /log10/.test(x.message)), false);
});

test('the CLI column path (--x flops --group): the same reading and the same warning', async () => {
  const file = csv(['model,steps,flops,loss', ...steps.map((s) => `a,${s},${Math.log10(flops(s))},${loss(s)}`)]);
  const loaded = await loadCurves({ path: file, xCol: 'flops', yCol: 'loss', groupCols: ['model'], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  const pts = loaded.curves[0]!.points;
  steps.forEach((s, i) => assert.ok(Math.abs(pts[i]!.x / flops(s) - 1) < 1e-9));
  assert.ok(loaded.warnings.some((w) => /flops rises by 1 for every 10× in steps in 1 of 1 curves/.test(w)), loaded.warnings.join(' | '));
  // an x that is not a count (here: a learning-rate column) is never re-read
  const lr = csv(['steps,lr,loss', ...steps.map((s) => `${s},${Math.log10(s) - 7},${loss(s)}`)]);
  const asIs = await loadCurves({ path: lr, xCol: 'lr', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.equal(asIs.warnings.some((w) => /log10/.test(w)), false);
});

// Training runs whose names state their sizes (pythia-160m …) are also a sweep across sizes: each
// run's loss at shared amounts of training, sliced as loss against N at each D, in the CLI
// (`--x params --group D`) and the panel's curve list.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { isSizeSweep, lossAt, sizeSweepRuns, withSizeSweep } from '../../../src/ingest/model/sizeSweep';
import { sizeInName } from '../../../src/core/units';
import { sliceMask, sweepSlicesOf } from '../../../src/ingest/model/sweepGroups';
import { parseArgs } from '../../../src/cli/args';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { fitCurves } from '../../../src/cli/curveFit';
import { loadCurves } from '../../../src/cli/loadCurves';
import { acrossSizesCautionOf, guessColumns, listCurves } from '../../../src/extension/model/curves';
import type { RunData, SourceData } from '../../../src/ingest/model/model';
import { validateFromWebview, validateToWebview } from '../../../src/shared/validate';

const dir = mkdtempSync(join(tmpdir(), 'sl-across-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const law = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const SIZES = [['70m', 70e6], ['160m', 160e6], ['410m', 410e6], ['1b', 1e9], ['2.8b', 2.8e9]] as const;
const TOKENS_PER_STEP = 2e6;

function runFile(name: string, n: number, steps: number, noise = 0): string {
  const rows = ['step,tokens,train_loss'];
  for (let s = 100; s <= steps; s += 100) rows.push(`${s},${s * TOKENS_PER_STEP},${law(n, s * TOKENS_PER_STEP) * (1 + noise * Math.sin(s * 7.3))}`);
  const file = join(dir, name);
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

function family(folder: string, sizes: readonly (readonly [string, number])[], steps = (k: number) => 5000 + 1000 * k): string {
  const root = join(dir, folder);
  mkdirSync(root, { recursive: true });
  sizes.forEach(([label, n], k) => runFile(`${folder}/pythia-${label}.csv`, n, steps(k), 0.002));
  return root;
}

const run = (name: string): RunData => ({ name, origin: name, format: 'csv', series: [{ key: 'loss', split: 'train', x: { tokens: Float64Array.from([1e9, 2e9, 4e9]) }, y: Float64Array.from([3, 2.8, 2.7]) }] });
const sourceOf = (names: string[]): SourceData => ({ format: 'csv', runs: names.map(run), warnings: [] });

test('sizeInName: suffixed sizes and counts of a million or more in exponent notation; versions, seeds, dates, timestamps, counts of data, batch or context, and names without one are not sizes', () => {
  assert.deepEqual(sizeInName('pythia-1.4b'), { size: 1.4e9, family: 'pythia-#' });
  assert.deepEqual(sizeInName('OPT · 125m'), { size: 125e6, family: 'OPT · #' });
  assert.deepEqual(sizeInName('1.68e+07'), { size: 1.68e7, family: '' });
  for (const name of ['3', '16', 'version_0', 'gpt2-small', 'K2', '1b-300b', '20240101', '1717171717', 'tokens-300b', 'bs-512k', 'ctx_8k', 'data 100B']) assert.equal(sizeInName(name), undefined, name);
  assert.deepEqual(sizeInName('pythia-1.4b-deduped'), { size: 1.4e9, family: 'pythia-#-deduped' });
});

test('lossAt: the median within 5% of D, else log-log interpolation between neighbours at most 4x apart, else NaN', () => {
  const x = [1, 2, 2.02, 2.04, 8, 100];
  const y = [5, 4, 3.9, 3.8, 3, 2];
  assert.equal(lossAt(x, y, 2.02), 3.9);
  const mid = lossAt(x, y, 4);
  assert.ok(Math.abs(Math.log(mid) - (Math.log(3.8) + (Math.log(3) - Math.log(3.8)) * (Math.log(4 / 2.04) / Math.log(8 / 2.04)))) < 1e-12);
  assert.ok(Number.isNaN(lossAt(x, y, 30)), 'between 8 and 100: too far apart');
  assert.ok(Number.isNaN(lossAt(x, y, 200)), 'past the end');
});

test('a folder of sized runs gets a sweep across sizes: the losses at shared D match each run, one slice against N per D', async () => {
  const read = await readSource(family('pythia', SIZES));
  assert.equal(read.runs.some(isSizeSweep), false, 'reading gives the runs as they are; the panel and the CLI add the sweep');
  const src = withSizeSweep(read);
  const across = src.runs.filter(isSizeSweep);
  assert.equal(across.length, 1);
  assert.equal(across[0]!.name, 'across sizes (pythia-N)');
  const s = across[0]!.series.find((v) => v.key === 'train_loss')!;
  assert.ok(s.x.params && s.x.tokens);
  // D: the largest six round values (1, 2, 5 × 10^k) up to the end of the shortest run
  const ds = [...new Set(s.x.tokens!)];
  assert.deepEqual(ds, [2e8, 5e8, 1e9, 2e9, 5e9, 1e10]);
  for (let i = 0; i < s.y.length; i++) {
    const truth = law(s.x.params![i]!, s.x.tokens![i]!);
    assert.ok(Math.abs(s.y[i]! / truth - 1) < 0.01, `N ${s.x.params![i]} D ${s.x.tokens![i]}: ${s.y[i]} vs ${truth}`);
  }
  const slices = sweepSlicesOf(s, 'params');
  assert.equal(slices.length, ds.length);
  for (const slice of slices) assert.equal(sliceMask(s, slice).reduce((a, b) => a + b, 0), SIZES.length);
});

test('as watched runs grow, the curves of D values already there keep their ids and names; a new D joins at the top', async () => {
  const early = withSizeSweep(await readSource(family('grow-early', SIZES.slice(0, 3), () => 5000)));
  const late = withSizeSweep(await readSource(family('grow-late', SIZES.slice(0, 3), () => 12000)));
  const before = listCurves(early, { x: 'params', y: 'train_loss' });
  const after = listCurves(late, { x: 'params', y: 'train_loss' });
  const kept = before.filter((c) => after.some((d) => d.id === c.id));
  assert.ok(kept.length >= before.length - 1, `${before.map((c) => c.label)} → ${after.map((c) => c.label)}`);
  for (const c of kept) assert.equal(after.find((d) => d.id === c.id)!.label, c.label);
  assert.equal(after.at(-1)!.label, 'D = 20B');
});

test('families are kept apart; fewer than 3 sizes, sizes only as small numbers, or a sweep table give none; seeds of one size are one point', () => {
  assert.deepEqual(sizeSweepRuns(sourceOf(['a/3', 'a/16', 'a/32', 'a/64'])), []);
  assert.deepEqual(sizeSweepRuns(sourceOf(['gpt-125m', 'gpt-350m', 'opt-1.3b', 'opt-2.7b'])), []);
  const two = sizeSweepRuns(sourceOf(['gpt-125m', 'gpt-350m', 'gpt-760m', 'opt-125m', 'opt-350m', 'opt-1.3b']));
  assert.deepEqual(two.map((r) => r.name), ['across sizes (gpt-N)', 'across sizes (opt-N)']);
  const seeds = sourceOf(['s1/m-1m', 's2/m-1m', 's1/m-2m', 's1/m-4m']);
  (seeds.runs[1]!.series[0]!.y as Float64Array).set([3 * 4, 2.8 * 4, 2.7 * 4]);
  const [bySeed] = sizeSweepRuns({ ...seeds, runs: seeds.runs.map((r) => ({ ...r, name: r.name.replace(/^s\d\//, '') })) });
  const s = bySeed!.series[0]!;
  assert.deepEqual([...new Set(s.x.tokens!)], [1e9, 2e9], 'the round D values in the range every run covers');
  const first = [...s.y.keys()].find((i) => s.x.params![i] === 1e6 && s.x.tokens![i] === 2e9)!;
  assert.ok(Math.abs(s.y[first]! - 2.8 * 2) < 1e-9, 'the geometric mean of 2.8 and 11.2');
  assert.deepEqual(sizeSweepRuns({ ...sourceOf(['m-1m', 'm-2m', 'm-4m']), runs: sourceOf(['m-1m', 'm-2m', 'm-4m']).runs.map((r) => ({ ...r, format: 'sweep' as const })) }), []);
});

test('a size recorded by the run instead of named: a config value (hparams, MLflow params) or a column with one value; a varying column is not a size', () => {
  const withMeta = (name: string, meta: Record<string, string | number>): RunData => ({ ...run(name), meta });
  const cfg = sizeSweepRuns({ format: 'lightning', warnings: [], runs: [withMeta('logs/version_0', { num_parameters: 7e7 }), withMeta('logs/version_1', { num_parameters: '160M' }), withMeta('logs/version_2', { num_parameters: 4.1e8 })] });
  assert.deepEqual(cfg.map((r) => r.name), ['across sizes (logs/num_parameters)']);
  assert.deepEqual([...new Set(cfg[0]!.series[0]!.x.params)], [7e7, 1.6e8, 4.1e8]);
  const column = (name: string, values: number[]): RunData => ({ ...run(name), series: [...run(name).series, { key: 'n_params', split: 'other', x: { tokens: Float64Array.from([1e9, 2e9, 4e9]) }, y: Float64Array.from(values) }] });
  assert.equal(sizeSweepRuns({ format: 'csv', warnings: [], runs: [column('a', [1e8, 1e8, 1e8]), column('b', [2e8, 2e8, 2e8]), column('c', [4e8, 4e8, 4e8])] })[0]?.name, 'across sizes (n_params)');
  assert.deepEqual(sizeSweepRuns({ format: 'csv', warnings: [], runs: [column('a', [1e8, 2e8, 3e8]), column('b', [2e8, 2e8, 3e8]), column('c', [4e8, 5e8, 6e8])] }), []);
});

test('HF Trainer stdout logs of three sizes, each with its "Number of trainable parameters" line, are a family', async () => {
  const root = join(dir, 'hf');
  mkdirSync(root, { recursive: true });
  for (const [name, n] of [['small', 7e7], ['base', 1.6e8], ['large', 4.1e8]] as const) {
    const lines = ['***** Running training *****', `  Number of trainable parameters = ${n.toLocaleString('en')}`];
    for (let s = 100; s <= 2000; s += 100) lines.push(`{'loss': ${law(n, s * 1e6).toFixed(4)}, 'learning_rate': 0.0003, 'epoch': ${(s / 2000).toFixed(2)}, 'num_input_tokens_seen': ${s * 1e6}}`);
    writeFileSync(join(root, `${name}.log`), lines.join('\n') + '\n');
  }
  const across = withSizeSweep(await readSource(root)).runs.filter(isSizeSweep);
  assert.deepEqual(across.map((r) => r.name), ['across sizes (Number of trainable parameters)']);
  assert.deepEqual([...new Set(across[0]!.series[0]!.x.params)], [7e7, 1.6e8, 4.1e8]);
});

test('nanoGPT logs of three sizes, each with its "number of parameters: 10.65M" line, are a family (the M kept)', async () => {
  const root = join(dir, 'nanogpt');
  mkdirSync(root, { recursive: true });
  for (const [name, n] of [['s', 10.65e6], ['m', 85.0e6], ['l', 123.69e6]] as const) {
    const lines = ['tokens per iteration will be: 491,520', `number of parameters: ${(n / 1e6).toFixed(2)}M`];
    for (let it = 10; it <= 400; it += 10) lines.push(`iter ${it}: loss ${law(n, it * 491520).toFixed(4)}, time 33.70ms, mfu 2.18%`);
    writeFileSync(join(root, `train_${name}.log`), lines.join('\n') + '\n');
  }
  const across = withSizeSweep(await readSource(root)).runs.filter(isSizeSweep);
  assert.deepEqual(across.map((r) => r.name), ['across sizes (number of parameters)']);
  assert.deepEqual([...new Set(across[0]!.series[0]!.x.params)], [10.65e6, 85e6, 123.69e6]);
});

test('CLI: --x params --group D fits loss against N per D and predicts a bigger model; runs stay the default; without --group a refusal with the way out', async () => {
  const root = family('cli', SIZES.slice(0, 4));
  const request = (extra: string[]) => curveRequest(parseArgs([root, '--target', '10x', ...extra], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  await assert.rejects(loadCurves(request([])), (e: unknown) => e instanceof Error && /4 runs have "train_loss" .*: add --group run to fit each one, or --x params --group D to fit loss against N at shared D/.test(e.message));
  const { inspectText } = await import('../../../src/cli/commands/inspect');
  assert.match(inspectText(await readSource(root)).answer, /across sizes \(pythia-N\): runs of 4 sizes \(70M, 160M, 410M, 1B\); `fit --x params --group D`/);
  const runs = await loadCurves(request(['--group', 'run']));
  assert.equal(runs.curves.length, 4, 'the runs themselves, not their copy across sizes');
  await assert.rejects(loadCurves(request(['--x', 'params'])), (e: unknown) => e instanceof Error && /runs of several sizes: loss against params at \d values of D .*add --group D to fit each$/.test(e.message));
  const perD = await fitCurves(request(['--x', 'params', '--group', 'D']));
  assert.ok(perD.length >= 2);
  for (const r of perD) {
    const p = r.predictions[0]!;
    const d = Number(r.group.D!.replace('B', 'e9').replace('M', 'e6'));
    const truth = law(p.x, d);
    assert.ok(Math.abs(p.y / truth - 1) < 0.05, `D ${r.group.D}: ${p.y} vs ${truth} at N ${p.x}`);
  }
  const loaded = await loadCurves(request(['--x', 'params', '--group', 'D']));
  assert.match(loaded.description ?? '', /one per D, across sizes \(pythia-N\)/);
  assert.equal(loaded.warnings.some((w) => /has no params axis/.test(w)), false);
});

test('panel: the sweep across sizes is listed only against N, each curve named by its D, and by its family when there are two', async () => {
  const src = withSizeSweep(await readSource(family('panel', SIZES.slice(0, 3))));
  assert.deepEqual(guessColumns(src), { x: 'tokens', y: 'train_loss' });
  // runs logged against steps alone open on steps, not on their copy against N
  const stepsOnly: SourceData = { ...src, runs: src.runs.map((r) => ({ ...r, series: r.series.map((s) => ({ ...s, x: { step: s.x.step!, ...(s.x.params ? { params: s.x.params } : {}) } })) })) };
  assert.equal(guessColumns(stepsOnly)?.x, 'step');
  assert.equal(listCurves(src, { x: 'tokens', y: 'train_loss' }).length, 3);
  const againstN = listCurves(src, { x: 'params', y: 'train_loss' });
  assert.ok(againstN.length >= 2);
  for (const c of againstN) assert.match(c.label, /^D = \d/);
  SIZES.slice(0, 3).forEach(([label, n]) => runFile(`panel/gpt-${label}.csv`, n, 6000));
  const two = listCurves(withSizeSweep(await readSource(join(dir, 'panel'))), { x: 'params', y: 'train_loss' });
  assert.deepEqual([...new Set(two.map((c) => c.label.replace(/ · D = .*/, '')))], ['across sizes (gpt-N)', 'across sizes (pythia-N)']);
});

test('panel headline: a prediction from a sweep across sized runs carries the mid-schedule caution; one from a run itself does not', async () => {
  const { LensSession } = await import('../../../src/extension/session');
  const { testDeps, testSettings } = await import('../extension/sessionFixture');
  const src = await readSource(family('headline', SIZES.slice(0, 4)));
  const augmented = withSizeSweep(src);
  const session = new LensSession(join(dir, 'headline'), 'headline', testDeps(testSettings(['m2', 'm4'])));
  session.setSource(src);
  await session.refit();
  assert.equal(session.predict(session.curves[0]!.id)?.caution, undefined);
  // against steps or tokens, a quiet hint offers the view against N; against N it is gone
  const hint = session.panelData().notice;
  assert.deepEqual({ ...hint, text: undefined }, { text: undefined, action: 'againstN', actionLabel: 'Show against N', hint: true });
  assert.match(hint!.text, /^4 runs of pythia-N \(70M … 1B\): against parameters \(N\)/);
  assert.doesNotThrow(() => validateToWebview({ type: 'data', data: JSON.parse(JSON.stringify(session.panelData())) }));
  assert.deepEqual(validateFromWebview({ type: 'noticeAction', action: 'againstN' }), { type: 'noticeAction', action: 'againstN' });
  session.selectColumns('params', 'train_loss');
  assert.equal(session.panelData().notice, undefined);
  session.selectCurves([session.curves[0]!.id]);
  await session.refit();
  assert.match(session.curves[0]!.label, /^D = /);
  assert.equal(acrossSizesCautionOf(augmented, session.curves[0]!), session.predict(session.curves[0]!.id)?.caution);
  assert.match(session.predict(session.curves[0]!.id)?.caution ?? '', /read off its run at that D; .* above what a run ending at that D would reach/);
});

test('Plan does not fit its surface to a sweep across sized runs (losses read mid-schedule); a sweep table still gives one', async () => {
  const { surfaceData } = await import('../../../src/extension/model/surface');
  // the plan fits what reading gives, which has no sweep across sizes
  assert.equal(surfaceData(await readSource(family('plan', SIZES.slice(0, 4)))), undefined);
  const table = join(dir, 'plan_table.csv');
  writeFileSync(table, ['N,D,loss', ...SIZES.flatMap(([, n]) => [1e9, 1e10].map((d) => `${n},${d},${law(n, d)}`))].join('\n') + '\n');
  assert.equal(surfaceData(await readSource(table))?.loss.length, 10);
});

// Sweep tables often write N (and D) as sizes: "125M", "pythia-1.4b", "300B". The sweep reader
// and `fit --law chinchilla` read them as counts, and take the header's columns when no flag
// names them; names without a size, or with two that disagree, are not guessed at.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countInText } from '../../../src/core/units';
import { readSource } from '../../../src/ingest/files/read';
import { parseArgs } from '../../../src/cli/args';
import { fitJson } from '../surfaces/surfaceCli';

const dir = mkdtempSync(join(tmpdir(), 'sl-sizes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('countInText: plain numbers, suffixed sizes alone or in a model name; none for names without one, or two that disagree', () => {
  const cases: [string, number | undefined][] = [
    ['125M', 125e6], ['OPT · 125m', 125e6], ['pythia-1.4b', 1.4e9], ['llama-7b-hf', 7e9], ['K2 65B', 65e9], ['model_1b', 1e9],
    ['400m_tokens', 400e6], ['0.5B', 0.5e9], ['3e9', 3e9], ['1_000_000', 1e6], ['300B tokens', 300e9], ['1b-1B', 1e9],
    ['gpt2-small', undefined], ['t5-xl', undefined], ['resnet50', undefined], ['v1.5', undefined], ['1b-300b', undefined], ['', undefined], ['1,3', undefined], ['1,3B', undefined], ['1,300M', undefined],
  ];
  for (const [text, want] of cases) assert.equal(countInText(text), want, text);
});

const N = [['125M', 125e6], ['350M', 350e6], ['760M', 760e6], ['1.3B', 1.3e9], ['2.7B', 2.7e9]] as const;
const D = [2e9, 5e9, 1e10, 2e10, 5e10];
const surface = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;

function sweep(name: string, header: string, row: (label: string, n: number, d: number) => string): string {
  const file = join(dir, name);
  writeFileSync(file, [header, ...N.flatMap(([label, n]) => D.map((d) => row(label, n, d)))].join('\n') + '\n');
  return file;
}

test('the sweep reader takes N from a model column that states sizes, and leaves a column of plain names alone', async () => {
  const sized = await readSource(sweep('sized.csv', 'model,tokens,loss', (m, n, d) => `pythia-${m.toLowerCase()},${d / 1e9}B,${surface(n, d)}`));
  assert.equal(sized.format, 'sweep');
  const s = sized.runs[0]!.series[0]!;
  assert.equal(s.y.length, 25);
  assert.deepEqual([...new Set(s.x.params!)], N.map(([, n]) => n));
  assert.deepEqual([...s.x.tokens!].slice(0, 5), D);
  const named = await readSource(sweep('named.csv', 'model,accuracy,loss', (_m, n, d) => `model-${n === 125e6 ? 'small' : 'large'},0.5,${surface(n, d)}`));
  assert.notEqual(named.format, 'sweep');
});


test('fit --law chinchilla with no column flags: the header\'s N (text sizes), D and loss, said in a warning; the law comes back', async () => {
  const file = sweep('noflags.csv', 'model,tokens,loss', (m, n, d) => `${m},${d},${surface(n, d)}`);
  const j = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(j.points, 25);
  assert.ok(j.warnings.some((w) => w.includes('--y loss --n model --d tokens')), j.warnings.join('; '));
  assert.ok(Math.abs(j.params.alpha - 0.34) < 0.01 && Math.abs(j.params.beta - 0.28) < 0.01 && Math.abs(j.params.E - 1.69) < 0.01, JSON.stringify(j.params));
  const flagged = await fitJson([file, '--law', 'chinchilla', '--n', 'model', '--d', 'tokens', '--y', 'loss', '--quick', '--json']);
  assert.equal(flagged.warnings.some((w) => w.includes('taken from the header')), false);
  assert.deepEqual(flagged.params, j.params);
});

test('fit --law chinchilla: a row whose size cannot be read is left out, named with its row; so is a loss written as a size', async () => {
  const bad = sweep('bad.csv', 'model,tokens,loss', (m, n, d) => `${n === 760e6 ? 'gpt2-large' : m},${d},${surface(n, d)}`);
  const b = await fitJson([bad, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(b.points, 20);
  assert.ok(b.warnings.some((w) => /^left out 5 rows without N, D and a loss that can be read \(column "model" row 12: "gpt2-large" is not a number or a size/.test(w)), b.warnings.join('; '));
  const lossAsSize = sweep('losssize.csv', 'model,tokens,loss', (m, n, d) => `${m},${d},${n === 125e6 ? '3k' : surface(n, d)}`);
  const l = await fitJson([lossAsSize, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(l.points, 20);
  assert.ok(l.warnings.some((w) => w.includes('column "loss" row 2: "3k" is not a number;')), l.warnings.join('; '));
});

test('fit/predict on a sweep: refused with the way out when it mixes model sizes; --group N fits loss against D per size, --group D against N', async () => {
  const { fitCurves } = await import('../../../src/cli/curveFit');
  const { curveRequest, CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS } = await import('../../../src/cli/curveRequest');
  const file = sweep('grouped.csv', 'model,tokens,loss', (m, n, d) => `${m},${d},${surface(n, d)}`);
  const request = (extra: string[]) => curveRequest(parseArgs([file, '--target', '10x', ...extra], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  await assert.rejects(fitCurves(request([])), (e: unknown) => e instanceof Error && /5 values of N \(125M, 350M, 760M, 1\.3B, 2\.7B\): add --group N to fit each, or fit the surface across them with --law chinchilla$/.test(e.message));
  const perN = await fitCurves(request(['--group', 'N']));
  assert.deepEqual(perN.map((r) => r.group), N.map(([label]) => ({ N: label })));
  for (const [k, r] of perN.entries()) {
    const truth = surface(N[k]![1], 5e11);
    const got = r.predictions![0]!;
    assert.equal(got.x, 5e11);
    assert.ok(Math.abs(got.y - truth) / truth < 0.02, `${r.group.N}: ${got.y} vs ${truth}`);
  }
  const perD = await fitCurves(request(['--x', 'params', '--group', 'D']));
  assert.deepEqual(perD.map((r) => r.group.D), ['2B', '5B', '10B', '20B', '50B']);
});

test('an IsoFLOP table in the Epoch layout: fit takes compute, fits its frontier and says so; a table with no slice is one curve, with a warning', async () => {
  const { fitLoaded } = await import('../../../src/cli/curveFit');
  const { loadCurves } = await import('../../../src/cli/loadCurves');
  const { curveRequest, CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS } = await import('../../../src/cli/curveRequest');
  const lines = ['x,y,color,Model Size,Training FLOP,hex_color,loss'];
  const budgets = [6e18, 3e19, 1e20, 6e20, 3e21];
  let rowNo = 0;
  for (const c of budgets) {
    for (let k = 0; k < 6; k++) {
      const n = 0.6 * Math.sqrt(c / 6) * 10 ** (-0.5 + 0.2 * k + 0.01 * Math.sin(rowNo++));
      const cj = c * (1 + 0.02 * Math.cos(rowNo));
      lines.push(`1,2,#fff,${n},${cj},#fff,${surface(n, cj / (6 * n))}`);
    }
  }
  const file = join(dir, 'epoch_iso.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const req = curveRequest(parseArgs([file, '--target', '10x'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  const loaded = await loadCurves(req);
  assert.match(loaded.description ?? '', /loss vs flops \(sweep, its compute frontier\)/);
  assert.ok(loaded.warnings.some((w) => /fitted its compute frontier/.test(w)), loaded.warnings.join('; '));
  assert.equal(loaded.curves.length, 1);
  assert.equal(loaded.curves[0]!.points.length, budgets.length);
  const [r] = fitLoaded(req, loaded);
  assert.equal(r!.error, undefined);
  // a table of one run per size, with nothing to slice by: one curve, and the warning says it mixes sizes
  const mixed = join(dir, 'mixed.csv');
  writeFileSync(mixed, ['N,D,loss', ...N.map(([, n], k) => `${n},${D[k]},${surface(n, D[k]!)}`)].join('\n') + '\n');
  const one = await loadCurves(curveRequest(parseArgs([mixed], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.equal(one.curves.length, 1);
  assert.ok(one.warnings.some((w) => /rows are different models/.test(w)), one.warnings.join('; '));
});

test('an IsoFLOP design whose budgets share one size grid (C,N,loss): fit and the panel take compute and its frontier, --group N still each size', async () => {
  const { loadCurves } = await import('../../../src/cli/loadCurves');
  const { curveRequest, CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS } = await import('../../../src/cli/curveRequest');
  const { guessColumns } = await import('../../../src/extension/model/curves');
  const budgets = [6e18, 2e19, 6e19, 2e20, 6e20];
  const sizes = Array.from({ length: 9 }, (_, k) => 2e7 * 250 ** (k / 8));
  const rows = budgets.flatMap((c) => sizes.filter((n) => c / (6 * n) >= 1e8).map((n) => `${c},${n.toPrecision(4)},${surface(n, c / (6 * n)).toFixed(4)}`));
  const file = join(dir, 'isoflop_grid.csv');
  writeFileSync(file, ['C,N,loss', ...rows].join('\n') + '\n');
  const loaded = await loadCurves(curveRequest(parseArgs([file], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.equal(loaded.description, 'loss vs flops (sweep, its compute frontier)');
  assert.equal(loaded.curves.length, 1);
  assert.equal(loaded.curves[0]!.points.length, budgets.length);
  assert.ok(loaded.warnings.includes('a sweep table: fitted its compute frontier (lowest loss per budget); --group N fits each size; fit --law chinchilla fits the surface across sizes and reads its IsoFLOP profiles'), loaded.warnings.join('; '));
  const perN = await loadCurves(curveRequest(parseArgs([file, '--group', 'N'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.match(perN.description ?? '', /^loss vs tokens \(sweep, 9 curves, one per N\)$/);
  assert.deepEqual(guessColumns(await readSource(file)), { x: 'flops', y: 'loss' });
  // the fixture's layout too (C,N,D,loss)
  const fixture = await loadCurves(curveRequest(parseArgs(['test/fixtures/workspace/sweep.csv'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.equal(fixture.description, 'loss vs flops (sweep, its compute frontier)');
});

test('a run table exported from W&B is a sweep: sizes from num_parameters or the run name, the held-out loss by its logged key', async () => {
  const file = join(dir, 'wandb_runs.csv');
  writeFileSync(file, ['"Name","State","num_parameters","train_tokens","eval/loss","train/loss"', '"pythia-160m","finished",160000000,2e9,3.1,3.0', '"pythia-410m","finished",410000000,2e9,2.9,2.8'].join('\n') + '\n');
  const src = await readSource(file);
  assert.equal(src.format, 'sweep');
  const s = src.runs[0]!.series[0]!;
  assert.equal(s.key, 'eval/loss');
  assert.deepEqual([...s.x.params!], [160e6, 410e6]);
  assert.deepEqual([...s.y], [3.1, 2.9]);
});

test("a run table's namespaced keys (W&B's config/ and summary/, json_normalize's config., MLflow's params. and metrics.) name N, D and the loss, in the panel and for fit --law", async () => {
  const headers = ['Name,State,config/num_parameters,config/tokens,config/lr,summary/eval_loss,summary/_step', 'Name,State,config.n_params,config.train_tokens,config.lr,summary.eval_loss,summary._step', 'run_id,status,params.num_params,params.tokens,params.lr,metrics.val_loss,metrics.step'];
  for (const [k, header] of headers.entries()) {
    const file = sweep(`namespaced${k}.csv`, header, (label, n, d) => `${label}-${d / 1e9}b,finished,${n},${d},3e-4,${surface(n, d)},${d / 2e6}`);
    const src = await readSource(file);
    assert.equal(src.format, 'sweep', header);
    const s = src.runs[0]!.series[0]!;
    assert.equal(s.key, header.split(',')[5], header);
    assert.equal(s.y.length, 25, header);
    assert.deepEqual([...s.x.params!].slice(0, 6), [125e6, 125e6, 125e6, 125e6, 125e6, 350e6], header);
    const j = await fitJson([file, '--law', 'chinchilla', '--json']);
    assert.equal(j.points, 25, header);
    const [, , n, d, , y] = header.split(',');
    assert.ok(j.warnings.includes(`columns not given, taken from the header: --y ${y} --n ${n} --d ${d}`), j.warnings.join(' | '));
  }
  // a plain header wins over a namespaced one; a letter or a name under a namespace is not taken
  // for a count (config/d is d_model more often than tokens)
  const plain = sweep('plain_first.csv', 'tokens,config/tokens,config/d,config/model,params,loss', (_label, n, d) => `${d},1,512,gpt,${n},${surface(n, d)}`);
  assert.deepEqual([...(await readSource(plain)).runs[0]!.series[0]!.x.tokens!].slice(0, 2), [2e9, 5e9]);
  const letters = sweep('letters.csv', 'config/n,config/d,summary/loss', (_label, n, d) => `${n},${d},${surface(n, d)}`);
  assert.notEqual((await readSource(letters)).format, 'sweep');
});

test("a run whose State is crashed, failed or running is left out of a run table and named with its state, in the panel and for fit --law; other words in a status column are fitted", async () => {
  const states = ['finished', 'crashed', 'finished', 'failed', 'finished', 'running'];
  let k = 0;
  // the unfinished runs' last losses sit 5% above the surface: too little for the outlier test
  const file = sweep('states.csv', 'Name,State,config/num_parameters,config/tokens,summary/eval_loss', (label, n, d) => {
    const state = states[k++ % states.length]!;
    return `${label}-${d / 1e9}b,${state},${n},${d},${surface(n, d) * (state === 'finished' ? 1 : 1.05)}`;
  });
  const want = 'left out 12 runs whose State is not finished (row 3: crashed; row 5: failed; row 7: running; row 9: crashed; row 11: failed; row 13: running; row 15: crashed; row 17: failed; … 4 more): the last loss of a run that crashed or is still running is not its final loss';
  const run = (await readSource(file)).runs[0]!;
  assert.equal(run.series[0]!.y.length, 13);
  assert.ok(run.notes?.includes(want), run.notes?.join(' | '));
  assert.ok(run.notes?.some((n) => n.startsWith('more than a quarter of the rows are left out: 12 of 25')), run.notes?.join(' | '));
  const j = await fitJson([file, '--law', 'chinchilla', '--json']);
  assert.equal(j.points, 13);
  assert.ok(j.warnings.includes(want), j.warnings.join(' | '));
  const other = sweep('status_words.csv', 'status,params,tokens,loss', (_label, n, d) => `${n > 1e9 ? 'baseline' : ''},${n},${d},${surface(n, d)}`);
  const kept = (await readSource(other)).runs[0]!;
  assert.equal(kept.series[0]!.y.length, 25);
  assert.equal(kept.notes, undefined);
});

test('one count and a repeating run label without sizes (model_name,tokens,loss) is each run\'s training curve, not one sweep through both', async () => {
  const rows = ['model_name,tokens,loss', ...['gpt2-small', 'gpt2-medium'].flatMap((m, k) => [1e8, 2e8, 4e8, 8e8].map((t) => `${m},${t},${2.3 - 0.1 * k + 8 * t ** -0.15}`))];
  const file = join(dir, 'traj_names.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const src = await readSource(file);
  assert.equal(src.format, 'csv');
  assert.deepEqual(src.runs.map((r) => [r.name, r.series[0]!.y.length]), [['gpt2-small', 4], ['gpt2-medium', 4]]);
  // one row per run (unique labels) stays a sweep of final losses
  const once = join(dir, 'once.csv');
  writeFileSync(once, ['run_id,tokens,loss', 'a,1e8,3.1', 'b,2e8,3.0', 'c,4e8,2.9'].join('\n') + '\n');
  assert.equal((await readSource(once)).format, 'sweep');
});

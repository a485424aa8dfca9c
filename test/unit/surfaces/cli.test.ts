import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { type AllocateJson } from '../../../src/cli/commands/allocateJson';
import { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, type SurfaceFitJson } from '../../../src/cli/commands/fitSurface';
import { optimalAllocation } from '../../../src/core/allocation';
import { PRESETS } from '../../../src/core/presets';
import { ScalingLensError } from '../../../src/core/types';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { relErr } from './synthetic';
import { printed } from '../cli/printed';

const SWEEP = 'test/fixtures/logformats/scaling_sweep_CNDloss.csv';
const EPOCH = 'test/fixtures/logformats/epoch_chinchilla_format.csv';

const fitArgs = (argv: string[]) => parseArgs(argv, SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS);

let sweepFit: SurfaceFitJson | undefined;

test('fit --law chinchilla on the C,N,D,loss sweep: a surface near the published law, a frontier', async () => {
  // --quick (every 10th grid start) keeps the unit test fast; the full grid runs in the bench.
  const { code, out } = await printed(() => runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--n', 'N', '--d', 'D', '--y', 'loss', '--quick', '--json'])));
  assert.equal(code, 0);
  const j = JSON.parse(out) as SurfaceFitJson;
  sweepFit = j;
  assert.equal(j.points, 16);
  assert.equal(j.starts, 450);
  assert.equal(j.converged, true);
  // The fixture's losses sit on (a noisy version of) the published surface.
  assert.ok(Math.abs(j.params.alpha - PRESETS.chinchilla.params.alpha) < 0.05, `alpha ${j.params.alpha}`);
  assert.ok(Math.abs(j.params.E - PRESETS.chinchilla.params.E) < 0.1, `E ${j.params.E}`);
  assert.ok(j.frontier && j.frontier.length >= 3);
});

test('--c gives the same data as --d when D = C/6N (the Epoch column layout)', async () => {
  // kaplan-nd reads N and D through the same path as chinchilla and fits in milliseconds.
  const run = async (argv: string[]) => JSON.parse((await printed(() => runSurfaceFit(fitArgs(argv)))).out) as SurfaceFitJson;
  const viaC = await run([EPOCH, '--law', 'kaplan-nd', '--n', 'Model Size', '--c', 'Training FLOP', '--y', 'loss', '--json']);
  const viaD = await run([SWEEP, '--law', 'kaplan-nd', '--n', 'N', '--d', 'D', '--y', 'loss', '--json']);
  assert.equal(viaC.points, 16);
  // Same runs in both fixtures (the sweep's D column is C/6N rounded to whole tokens).
  for (const k of ['alphaN', 'alphaD']) assert.ok(Math.abs(viaC.params[k] - viaD.params[k]) < 1e-4, `${k}: ${viaC.params[k]} vs ${viaD.params[k]}`);
});

test('allocate --from FIT.json reads what fit --json printed', async () => {
  assert.ok(sweepFit, 'previous test ran');
  const dir = mkdtempSync(join(tmpdir(), 'sl-alloc-'));
  const file = join(dir, 'fit.json');
  writeFileSync(file, JSON.stringify(sweepFit));
  const { code, out } = await printed(() => allocate.run(['--budget', '1e21', '1e23', '--from', file, '--json']));
  assert.equal(code, 0);
  const j = JSON.parse(out) as AllocateJson;
  assert.equal(j.allocations.length, 2);
  const s = { E: sweepFit!.params.E, A: sweepFit!.params.A, B: sweepFit!.params.B, alpha: sweepFit!.params.alpha, beta: sweepFit!.params.beta };
  assert.equal(j.allocations[1].N, optimalAllocation(s, 1e23).N);
});

test('allocate --from a sweep fits its surface first: the plan of fit --bootstrap 200 --json, then allocate --from that JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-alloc-'));
  const fitFile = join(dir, 'fit.json');
  const fitted = await printed(() => runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--bootstrap', '200', '--json'])));
  writeFileSync(fitFile, fitted.out);
  const plan = async (from: string) => JSON.parse((await printed(() => allocate.run(['--budget', '1e21', '1e23', '--from', from, '--json']))).out) as AllocateJson;
  const twoSteps = await plan(fitFile);
  const oneStep = await plan(SWEEP);
  assert.match(oneStep.source, /surface fitted to .*scaling_sweep_CNDloss\.csv \(16 runs, 200 bootstrap refits\)/);
  // the sweep itself also says which budgets lie far past its runs (a fit's JSON does not hold them);
  // how the other surface laws back-test beside Chinchilla, the saved fit says alike (its lawBackTests)
  assert.deepEqual({ ...oneStep, source: '', warnings: [], notes: [] }, { ...twoSteps, source: '', warnings: [], notes: [] });
  assert.deepEqual(oneStep.backTests?.laws.map((t) => t.law), ['chinchilla', 'kaplan-nd']);
  assert.equal(twoSteps.backTests?.text, 'Back-tested on the 5 largest runs: Chinchilla 0.4%, kaplan-nd 4.7% mean error.');
  // a fit saved before it held them plans all the same, without the comparison, and says so
  const old = JSON.parse(fitted.out) as Record<string, unknown>;
  delete old.lawBackTests;
  const oldFile = join(dir, 'old-fit.json');
  writeFileSync(oldFile, JSON.stringify(old));
  const fromOld = await plan(oldFile);
  assert.equal(fromOld.backTests, undefined);
  assert.deepEqual(fromOld.allocations, twoSteps.allocations);
  assert.ok(fromOld.notes?.some((w) => /old-fit\.json has no back-tests of the other surface laws .*refit it with `fit SWEEP --law chinchilla --json`/.test(w)), (fromOld.notes ?? []).join('\n'));
  assert.deepEqual(oneStep.notes?.map((n) => n.split(' FLOPs is ')[0]), ['1e21', '1e23']);
  assert.equal(oneStep.allocationIntervals?.length, 2, 'the refits give intervals');
  assert.ok(oneStep.isoflop, 'and the IsoFLOP profiles');
  // a learning curve is no sweep: said so, with what allocate --from needs (not fit's flags: allocate's --n is a model size)
  await assert.rejects(allocate.run(['--budget', '1e23', '--from', 'test/fixtures/sweep/sweep.csv']), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.message, "--from test/fixtures/sweep/sweep.csv holds loss by tokens (columns curve, tokens, loss): a learning curve, not a sweep: it has no column of parameters (params, num_parameters, model_size …). allocate --from needs a sweep (a row per finished run: its parameters N, its tokens D or compute C, and its final loss) or the JSON of `fit SWEEP --law chinchilla --json`.");
    return true;
  });
  const dir2 = mkdtempSync(join(tmpdir(), 'sl-alloc-'));
  writeFileSync(join(dir2, 'one.csv'), 'step,loss\n1,3.5\n2,3.2\n3,3.0\n');
  await assert.rejects(allocate.run(['--budget', '1e23', '--from', join(dir2, 'one.csv')]), (e: unknown) => e instanceof UsageError && /one\.csv holds loss by step \(columns step, loss\): a learning curve, not a sweep/.test(e.message) && !/--n COL/.test(e.message));
});

test('allocate with presets: a table, the inverse question and a fixed size', async () => {
  const { code, out } = await printed(() => allocate.run(['--budget', '5.76e23', '1e25', '--preset', 'epoch', '--loss', '2.1', '--n', '70B']));
  assert.equal(code, 0);
  assert.match(out, /N_opt/);
  assert.match(out, /to reach loss 2\.1/);
  assert.match(out, /N = 7\.000e10/);
  const j = JSON.parse((await printed(() => allocate.run(['--budget', '1e24', '--json']))).out) as AllocateJson;
  assert.deepEqual(j.surface, PRESETS.chinchilla.params, 'chinchilla is the default preset');
});

test('allocate takes its budget list last, as docs/cli.md writes it; a second value of a one-value flag is named', async () => {
  const j = JSON.parse((await printed(() => allocate.run(['--preset', 'chinchilla', '--json', '--budget', '1e21', '5.76e23', '1e25']))).out) as AllocateJson;
  assert.deepEqual(j.allocations.map((a) => a.flops), [1e21, 5.76e23, 1e25]);
  await assert.rejects(allocate.run(['--preset', 'chinchilla', '--loss', '2.0', '2.1']), /unexpected argument "2\.1" \(--loss takes one value\)/);
});

test('bad input gives one clear error, never a crash', async () => {
  const usage = (e: unknown) => e instanceof UsageError || e instanceof ScalingLensError;
  await assert.rejects(runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--n', 'params', '--d', 'D', '--y', 'loss'])), (e: unknown) => usage(e) && /no column "params".*columns are C, N, D, loss/.test((e as Error).message));
  const dir = mkdtempSync(join(tmpdir(), 'sl-alloc-'));
  writeFileSync(join(dir, 'no-d.csv'), 'N,loss\n1e8,3.1\n1e9,2.6\n');
  // the row is the file's line, past rows left out for their loss (not the n-th point fitted)
  writeFileSync(join(dir, 'negative.csv'), 'N,D,loss\n1e8,2e9,3.1\n2e8,4e9,nan\n-1e8,8e9,2.9\n');
  await assert.rejects(runSurfaceFit(fitArgs([join(dir, 'negative.csv'), '--law', 'chinchilla', '--n', 'N', '--d', 'D', '--y', 'loss'])), /column "N" row 4: -1e8 is not positive/);
  await assert.rejects(runSurfaceFit(fitArgs([join(dir, 'no-d.csv'), '--law', 'chinchilla', '--n', 'N', '--y', 'loss'])), (e: unknown) => usage(e) && /needs --d COL \(tokens\) or --c COL/.test((e as Error).message));
  await assert.rejects(runSurfaceFit(fitArgs(['/nonexistent.csv', '--law', 'chinchilla', '--n', 'N', '--d', 'D', '--y', 'loss'])), usage);
  await assert.rejects(runSurfaceFit(fitArgs([SWEEP, '--law', 'm9', '--n', 'N', '--d', 'D', '--y', 'loss'])), usage);
  await assert.rejects(runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--n', 'N', '--d', 'D', '--y', 'loss', '--bootstrap', '-1'])), usage);
  await assert.rejects(allocate.run([]), usage);
  await assert.rejects(allocate.run(['--budget', 'lots']), usage);
  await assert.rejects(allocate.run(['--budget', '1e21', '--preset', 'gpt5']), usage);
  await assert.rejects(allocate.run(['--loss', '1.5']), usage);
  writeFileSync(join(dir, 'bad.json'), '{"params": {"E": 1}}');
  await assert.rejects(allocate.run(['--budget', '1e21', '--from', join(dir, 'bad.json')]), usage);
});

test('fit --law chinchilla on an IsoFLOP sweep adds its IsoFLOP profiles (Approach 2), and allocate --from prints them beside the surface', async () => {
  const { code, out } = await printed(() => runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--quick', '--bootstrap', '60', '--json'])));
  assert.equal(code, 0);
  const j = JSON.parse(out) as SurfaceFitJson;
  const iso = j.isoflop!;
  assert.ok(iso, 'an IsoFLOP design gets its profiles');
  assert.deepEqual(iso.budgets.map((b) => b.sizes), [5, 6, 5]);
  assert.equal(iso.used, 3);
  // the fixture's losses lie on a noisy published surface: β/(α+β) = 0.4565
  assert.ok(Math.abs(iso.a - 0.4565) < 0.03, `a ${iso.a}`);
  assert.equal(iso.frontier.length, j.frontier!.length, 'the profiles answer at the frontier budgets');
  assert.ok(iso.bootstrap && iso.bootstrap.draws.length > 30 && iso.bootstrap.a.lo <= iso.a && iso.a <= iso.bootstrap.a.hi);
  const text = (await printed(() => runSurfaceFit(fitArgs([SWEEP, '--law', 'chinchilla', '--quick'])))).out;
  assert.match(text, /IsoFLOP profiles \(Chinchilla's Approach 2/);
  assert.match(text, /N_opt ∝ C\^0\.4\d+, D_opt ∝ C\^0\.5\d+ from 3 budgets; the fitted surface's a = β\/\(α\+β\) = 0\.4\d+/);

  const dir = mkdtempSync(join(tmpdir(), 'sl-alloc-'));
  const file = join(dir, 'fit.json');
  writeFileSync(file, out);
  const a = JSON.parse((await printed(() => allocate.run(['--budget', '1e23', '--from', file, '--json']))).out) as AllocateJson;
  assert.ok(a.isoflop);
  assert.ok(relErr(a.isoflop.allocations[0]!.N, iso.kN * Math.pow(1e23, iso.a)) < 1e-12);
  const iv = a.isoflop.intervals![0]!;
  assert.ok(iv.N.lo <= a.isoflop.allocations[0]!.N && a.isoflop.allocations[0]!.N <= iv.N.hi);
  assert.match((await printed(() => allocate.run(['--budget', '1e23', '--from', file]))).out, /IsoFLOP profiles .*from the same sweep: N_opt ∝ C\^0\.4/);
  // read back, the intervals count the valleys' shape error as the fit's own did
  const at = iso.bootstrap.allocations[0]!;
  assert.ok(iso.bootstrap.shapeShift !== 0);
  const back = JSON.parse((await printed(() => allocate.run(['--budget', String(at.flops), '--from', file, '--json']))).out) as AllocateJson;
  assert.ok(relErr(back.isoflop!.intervals![0]!.N.lo, at.N.lo) < 1e-12 && relErr(back.isoflop!.intervals![0]!.N.hi, at.N.hi) < 1e-12, JSON.stringify([back.isoflop!.intervals![0]!.N, at.N]));
  // the exponent's interval, as fit printed it (the panel's Plan shows it too)
  assert.ok(relErr(back.isoflop!.aInterval!.lo, iso.bootstrap.a.lo) < 1e-12 && relErr(back.isoflop!.aInterval!.hi, iso.bootstrap.a.hi) < 1e-12, JSON.stringify([back.isoflop!.aInterval, iso.bootstrap.a]));
  assert.match((await printed(() => allocate.run(['--budget', '1e23', '--from', file]))).out, /N_opt ∝ C\^0\.4\d+ \[0\.\d+, 0\.\d+\] \(95%\)/);
});

test('a sweep of one size per budget has no IsoFLOP profiles', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-iso-'));
  const file = join(dir, 'runs.csv');
  let csv = 'N,D,loss\n';
  for (let i = 0; i < 12; i++) {
    const N = 1e8 * 1.6 ** i;
    const D = 2e9 * 1.4 ** (i % 5);
    csv += `${N},${D},${chinchillaLoss(PRESETS.chinchilla.params, N, D)}\n`;
  }
  writeFileSync(file, csv);
  const j = JSON.parse((await printed(() => runSurfaceFit(fitArgs([file, '--law', 'chinchilla', '--quick', '--json'])))).out) as SurfaceFitJson;
  assert.equal(j.isoflop, undefined);
  assert.ok(!j.warnings.some((w) => /IsoFLOP/.test(w)));
});

test('allocate --unique U: the data-constrained split beside the free one, R_D* and R_N* from a chinchilla-dc fit when given, else the published values', async () => {
  const j = JSON.parse((await printed(() => allocate.run(['--budget', '5.76e23', '--unique', '300B', '--json']))).out) as AllocateJson;
  const c = j.constrained!;
  assert.equal(c.uniqueTokens, 3e11);
  assert.deepEqual([c.RD, c.RN, c.decaySource], [15.4, 5.3, 'published, Muennighoff et al. 2023']);
  const a = c.allocations[0]!;
  assert.ok(a.epochs > 1 && a.excessLoss > 0 && a.N < j.allocations[0]!.N, `epochs ${a.epochs}, N ${a.N}`);
  const dir = mkdtempSync(join(tmpdir(), 'sl-dc-'));
  const file = join(dir, 'dc.json');
  writeFileSync(file, JSON.stringify({ law: 'chinchilla-dc', params: { ...PRESETS.chinchilla.params, RD: 8, RN: 3 } }));
  const text = (await printed(() => allocate.run(['--budget', '5.76e23', '--unique', '300B', '--from', file]))).out;
  assert.match(text, /with 3\.000e11 unique tokens \(repeats decay with R_D\* 8, excess parameters with R_N\* 3: the chinchilla-dc fit\)/);
  await assert.rejects(allocate.run(['--budget', '1e21', '--unique', 'lots']), (e: unknown) => e instanceof UsageError && /--unique/.test((e as Error).message));
});

test('allocate --loss L --inference I: the cheapest N and D to reach L and then serve I tokens, against the compute-optimal plan', async () => {
  const j = JSON.parse((await printed(() => allocate.run(['--loss', '2.1', '--inference', '1T', '--json']))).out) as AllocateJson;
  const p = j.inference!;
  assert.ok(p.N < j.forLoss!.N && p.D > j.forLoss!.D && p.saving > 0.1, `N ${p.N} vs ${j.forLoss!.N}, saving ${p.saving}`);
  assert.match((await printed(() => allocate.run(['--loss', '2.1', '--inference', '1T']))).out, /then serving 1\.000e12 tokens \(2N FLOPs each\), the cheapest in all: .*% saved/);
  await assert.rejects(allocate.run(['--budget', '1e21', '--inference', '1T']), (e: unknown) => e instanceof UsageError && /--inference needs --loss/.test((e as Error).message));
});

test('allocate --n, --unique, --inference: an amount of what each counts; a multiple, a word or another unit is refused as such', async () => {
  await assert.rejects(allocate.run(['--budget', '1e21', '--n', '10x']), /--n: "10x" is a multiple, but allocate has no data to multiply: give an amount such as 7e9 or 70B/);
  await assert.rejects(allocate.run(['--budget', '1e21', '--n', 'abc']), /--n: "abc" is not an amount: give an amount such as 7e9 or 70B$/);
  await assert.rejects(allocate.run(['--budget', '1e21', '--n', '1e9 tokens']), /--n: "1e9 tokens" counts tokens, not parameters/);
  await assert.rejects(allocate.run(['--budget', '1e21', '--unique', '1e21 FLOPs']), /--unique: "1e21 FLOPs" counts FLOPs, not tokens/);
  await assert.rejects(allocate.run(['--loss', '2.1', '--inference', '1T params']), /--inference: "1T params" counts parameters, not tokens/);
  const sized = JSON.parse((await printed(() => allocate.run(['--budget', '1e21', '--n', '1e9 params', '--json']))).out) as AllocateJson;
  const bare = JSON.parse((await printed(() => allocate.run(['--budget', '1e21', '--n', '1e9', '--json']))).out) as AllocateJson;
  assert.deepEqual(sized, bare);
});

test('allocate --from a .jsonl sweep fits it as a sweep, even one line long (which parses as JSON, and was read as a fit file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-alloc-jsonl-'));
  const one = join(dir, 'one.jsonl');
  writeFileSync(one, '{"N": 1e8, "D": 2e9, "loss": 3.1}\n');
  await assert.rejects(allocate.run(['--budget', '1e20', '--from', one]), (e: Error) => e instanceof UsageError && /no sweep of N, D and loss to fit a surface to/.test(e.message) && !/finite "E"/.test(e.message));
  const many = join(dir, 'runs.jsonl');
  const rows: string[] = [];
  for (const N of [7e7, 1.6e8, 4.1e8, 1e9]) for (const D of [2e9, 8e9, 3.2e10]) rows.push(JSON.stringify({ N, D, loss: chinchillaLoss(PRESETS.chinchilla.params, N, D) }));
  writeFileSync(many, `${rows.join('\n')}\n`);
  const { code, out } = await printed(() => allocate.run(['--budget', '1e21', '--from', many, '--json']));
  assert.equal(code, 0);
  assert.ok((JSON.parse(out) as AllocateJson).allocations[0]!.N > 0);
});

test('allocate --budget refuses a size or a loss as a budget, saying the flags that ask what was meant', async () => {
  await assert.rejects(allocate.run(['--budget', '70B', '--preset', 'chinchilla']), /--budget: "70B" is not a compute budget: .*give --n 70B --d 1T/);
  await assert.rejects(allocate.run(['--budget', '2.1', '--preset', 'chinchilla']), /--budget: "2\.1" is not a compute budget: 2\.1 FLOPs trains no model; for the compute to reach a loss: give --loss 2\.1/);
});

// `allocate --n N --d D`: the loss a surface gives at a model size and token count, its budget
// 6·N·D, the optimal split of that budget beside it, an interval from a fit's refits, and the
// note past the runs the surface was fitted on, as `--n` with `--budget` gives them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/cli/args';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { type AllocateJson } from '../../../src/cli/commands/allocateJson';
import { PRESETS } from '../../../src/core/presets';
import { allocateOutput } from './surfaceCli';

const dir = mkdtempSync(join(tmpdir(), 'sl-allocate-point-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = allocateOutput;
const json = async (argv: string[]): Promise<AllocateJson> => JSON.parse(await run([...argv, '--json'])) as AllocateJson;

/** L(N, D) written out here, not through the project's chinchillaLoss. */
const loss = (p: { E: number; A: number; B: number; alpha: number; beta: number }, N: number, D: number): number => p.E + p.A / N ** p.alpha + p.B / D ** p.beta;

test('--n 7B --d 1T on a preset: the loss at (N, D) on its budget 6·N·D, against the optimal split of that budget', async () => {
  const p = PRESETS.chinchilla.params;
  const j = await json(['--preset', 'chinchilla', '--n', '7B', '--d', '1T']);
  assert.equal(j.fixedSize?.length, 1);
  const { plan, optimal, excessLoss } = j.fixedSize![0]!;
  assert.deepEqual([plan.N, plan.D, plan.flops], [7e9, 1e12, 4.2e22]);
  assert.ok(Math.abs(plan.loss - loss(p, 7e9, 1e12)) < 1e-12, `loss ${plan.loss}`);
  assert.equal(optimal.flops, 4.2e22);
  assert.ok(Math.abs(optimal.N * optimal.D * 6 / 4.2e22 - 1) < 1e-9, 'the optimal split spends the same budget');
  assert.ok(excessLoss > 0 && Math.abs(excessLoss - (plan.loss - loss(p, optimal.N, optimal.D))) < 1e-12);
  assert.deepEqual(j.allocations.map((a) => a.flops), [4.2e22], 'the implied budget is planned as --budget would be');
  assert.equal(j.fixedSizeIntervals, undefined, 'a preset has no refits');
  const text = await run(['--n', '7B', '--d', '1T']);
  assert.match(text, /N = 7\.000e9 on D = 1\.000e12 tokens \(142\.9 tokens\/param, 6·N·D = 4\.200e22 FLOPs\): loss 2\.036; optimal split of the same budget, N 1\.221e10, D 5\.731e11, gives 2\.031 \(\+0\.005119\)/);
});

test('--n N --d D from a fit with refits: an interval on the loss there, in the text and in JSON', async () => {
  const p = { E: 1.7, A: 400, B: 400, alpha: 0.34, beta: 0.28 };
  // 201 refits whose E runs from E − 0.1 to E + 0.1: the loss at any (N, D) moves by the same,
  // so the 95% interval is the point's loss ± 0.095 (the 2.5% and 97.5% quantiles of the shifts)
  const draws = Array.from({ length: 201 }, (_, k) => [p.E - 0.1 + k * 0.001, p.A, p.B, p.alpha, p.beta]);
  const file = join(dir, 'fit.json');
  writeFileSync(file, JSON.stringify({ law: 'chinchilla', params: p, bootstrap: { resamples: 201, level: 0.95, draws } }));
  const j = await json(['--from', file, '--n', '1e9', '--d', '2e10']);
  const at = loss(p, 1e9, 2e10);
  const iv = j.fixedSizeIntervals?.[0];
  assert.ok(iv, JSON.stringify(j));
  assert.ok(Math.abs(iv.lo - (at - 0.095)) < 1e-9 && Math.abs(iv.hi - (at + 0.095)) < 1e-9, JSON.stringify(iv));
  assert.equal(j.level, 0.95);
  assert.equal(j.allocationIntervals?.[0]?.flops, 1.2e20, 'the optimal split of 6·N·D has its intervals as a --budget does');
  const text = await run(['--from', file, '--n', '1e9', '--d', '2e10', '--level', '0.5']);
  // at 50%: the 25% and 75% quantiles, ± 0.05
  assert.match(text, new RegExp(`loss ${at.toPrecision(4)} \\[${(at - 0.05).toPrecision(4)}, ${(at + 0.05).toPrecision(4)}\\] \\(50%\\)`));
  // --n with --budget gets the same interval on its plan's loss
  const budgeted = await json(['--from', file, '--n', '1e9', '--budget', '1.2e20']);
  assert.ok(Math.abs(budgeted.fixedSizeIntervals![0]!.lo - iv.lo) < 1e-9);
});

test('the implied budget 6·N·D is noted past the runs the surface was fitted on, as --budget is', async () => {
  const far = await json(['--preset', 'chinchilla', '--n', '7B', '--d', '100T']);
  const asBudget = await json(['--preset', 'chinchilla', '--n', '7B', '--budget', '4.2e24']);
  assert.equal(far.notes?.length, 1);
  assert.deepEqual(far.notes, asBudget.notes);
  assert.equal((await json(['--preset', 'chinchilla', '--n', '7B', '--d', '1T'])).notes, undefined);
});

test('bad --d input is refused with a usage message that says what to give', async () => {
  const refused = async (argv: string[], why: RegExp): Promise<void> =>
    assert.rejects(allocate.run(argv), (e: unknown) => e instanceof UsageError && why.test(e.message), argv.join(' '));
  await refused(['--n', '7B', '--d', '0'], /--d: "0" must be a positive, finite amount/);
  await refused(['--n', '7B', '--d', '10x'], /--d: "10x" is a multiple, but allocate has no data to multiply/);
  await refused(['--n', '7B', '--d', '7B params'], /--d: "7B params" counts parameters, not tokens/);
  await refused(['--n', '7B', '--d', 'lots'], /--d: "lots" is not an amount/);
  await refused(['--d', '1T'], /--d needs --n/);
  await refused(['--n', '7B', '--d', '1T', '--budget', '1e23'], /give --d or --budget with --n, not both/);
  await refused(['--n', '7B'], /--n needs --budget \(or --d D/);
});

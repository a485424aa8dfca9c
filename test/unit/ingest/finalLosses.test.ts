// Finished runs of several sizes and lengths: their final losses are a sweep table (one row per
// run) that `fit --law chinchilla` and Plan fit the surface to. Only runs that state their planned
// length and reached it count; the others are named with the reason.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { finalLosses } from '../../../src/ingest/model/finalLosses';
import { runSurfaceFit } from '../../../src/cli/commands/fitSurface';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { type AllocateJson } from '../../../src/cli/commands/allocateJson';
import { parseArgs } from '../../../src/cli/args';
import { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } from '../../../src/cli/commands/fitSurface';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from '../extension/sessionFixture';
import { validateFromWebview } from '../../../src/shared/validate';

const root = mkdtempSync(join(tmpdir(), 'sl-final-'));
after(() => rmSync(root, { recursive: true, force: true }));

const law = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const TOKENS_PER_STEP = 2 ** 20;

/** A run of size n planned for `planned` steps, logged up to `upTo`: above its final loss until the schedule ends there. */
function run(name: string, n: number, planned: number | undefined, upTo = planned ?? 4000): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const final = law(n, (planned ?? upTo) * TOKENS_PER_STEP);
  const rows = ['step,tokens,train_loss'];
  for (let s = 50; s <= upTo; s += 50) rows.push(`${s},${s * TOKENS_PER_STEP},${(final + 0.6 * (1 - s / (planned ?? upTo)) ** 2) * (1 + 0.002 * Math.sin(s * 1.7))}`);
  writeFileSync(join(dir, 'metrics.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'hparams.yaml'), `n_params: ${n}\n${planned ? `max_steps: ${planned}\n` : ''}`);
}

const SIZES = [70e6, 160e6, 410e6];
const LENGTHS = [1000, 4000, 16000];
SIZES.forEach((n, i) => LENGTHS.forEach((t, j) => run(`run_${i}${j}`, n, t)));
run('run_half', 1e9, 8000, 4000);
run('run_unplanned', 1e9, undefined);

test('the final losses of finished runs are one row each, within 0.3% of the law; unfinished and unplanned runs are named, not counted', async () => {
  const { runs, skipped } = finalLosses(await readSource(root));
  assert.equal(runs.length, 1);
  const s = runs[0]!.series[0]!;
  assert.equal(s.y.length, 9);
  for (let i = 0; i < s.y.length; i++) {
    const truth = law(s.x.params![i]!, s.x.tokens![i]!);
    assert.ok(Math.abs(s.y[i]! - truth) / truth < 0.003, `row ${i}: ${s.y[i]} vs ${truth}`);
  }
  assert.deepEqual(skipped.map((k) => k.run).sort(), ['run_half', 'run_unplanned']);
  assert.match(skipped.find((k) => k.run === 'run_half')!.why, /^unfinished \(step 4000 of 8000\)$/);
  assert.match(skipped.find((k) => k.run === 'run_unplanned')!.why, /no planned length/);
});

test('fit --law chinchilla on the folder fits the surface to them and names what it fitted', async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (t: string) => lines.push(t);
  try {
    assert.equal(await runSurfaceFit(parseArgs([root, '--law', 'chinchilla', '--json', '--quick'], [...SURFACE_FIT_VALUED], [...SURFACE_FIT_BOOLEANS])), 0);
  } finally {
    console.log = log;
  }
  const out = JSON.parse(lines.join('\n'));
  assert.equal(out.points, 9);
  assert.match(out.warnings[0], /^final losses \(\[?n_params\]?\): the final train_loss of 9 finished runs; 2 left out: /);
  // the surface through nine runs predicts a 2.4× larger model on 2× the data
  for (const [n, d] of [[410e6, 1.6e4 * TOKENS_PER_STEP], [1e9, 3.2e4 * TOKENS_PER_STEP]]) {
    const pred = out.params.E + out.params.A / n ** out.params.alpha + out.params.B / d ** out.params.beta;
    assert.ok(Math.abs(pred - law(n, d)) / law(n, d) < 0.02, `L(${n}, ${d}) = ${pred} vs ${law(n, d)}`);
  }
});

test('allocate --from the folder plans on the surface of its finished runs', async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (t: string) => lines.push(t);
  try {
    assert.equal(await allocate.run(['--budget', '1e21', '--from', root, '--json']), 0);
  } finally {
    console.log = log;
  }
  const out = JSON.parse(lines.join('\n')) as AllocateJson;
  assert.match(out.source, /^surface fitted to .* \(9 runs, 200 bootstrap refits\)$/);
  assert.equal(out.allocationIntervals?.length, 1);
  assert.ok(Math.abs(out.surface.alpha - 0.34) < 0.05 && Math.abs(out.surface.beta - 0.28) < 0.05, JSON.stringify(out.surface));
});

test('a folder without enough finished runs says what a sweep of them takes, and why each run was left out', async () => {
  const lines: string[] = [];
  await assert.rejects(
    runSurfaceFit(parseArgs([join(root, 'run_half'), '--law', 'chinchilla'], [...SURFACE_FIT_VALUED], [...SURFACE_FIT_BOOLEANS])),
    /holds no sweep of finished runs: that takes 6 or more runs of one family/,
  );
  void lines;
});

test("the panel of such a folder offers Plan from them, quietly; the message validates", async () => {
  const session = new LensSession(root, 'runs', testDeps(testSettings(['m1'])));
  session.setSource(await readSource(root));
  const notice = session.panelData().notice;
  assert.equal(notice?.action, 'planFromSource');
  assert.equal(notice?.hint, true);
  assert.match(notice?.text ?? '', /^9 finished runs of n_params \(70M … 410M, 3 lengths\): their final losses fit L\(N, D\)/);
  assert.ok(validateFromWebview({ type: 'noticeAction', action: 'planFromSource' }));
  // a folder whose runs are not finished offers no plan
  const one = new LensSession(join(root, 'run_half'), 'run_half', testDeps(testSettings(['m1'])));
  one.setSource(await readSource(join(root, 'run_half')));
  assert.notEqual(one.panelData().notice?.action, 'planFromSource');
});

test("a folder of Megatron logs is a sweep of finished runs: size, length and tokens per step from each argument dump; no --y for 'lm loss'", async () => {
  const dir = join(root, '..', `${root.split(/[\\/]/).pop()}-megatron`);
  mkdirSync(dir, { recursive: true });
  const perStep = 256 * 2048;
  for (const [layers, width] of [[6, 512], [12, 768], [24, 1024]]) {
    for (const iters of [1000, 4000, 16000]) {
      const final = law(12 * layers * width * width, iters * perStep);
      const args = { num_layers: layers, hidden_size: width, global_batch_size: 256, seq_length: 2048, train_iters: iters, lr_decay_style: 'cosine' };
      const lines = Object.entries(args).map(([k, v]) => `  ${k} ${'.'.repeat(48 - k.length)} ${v}`);
      for (let it = iters / 100; it <= iters; it += iters / 100) lines.push(` iteration ${it}/ ${iters} | consumed samples: ${it * 256} | lm loss: ${(final + 0.6 * (1 - it / iters) ** 2).toExponential(6)} | loss scale: 1.0 |`);
      writeFileSync(join(dir, `gpt_${layers}x${width}_${iters}.log`), lines.join('\n') + '\n');
    }
  }
  const lines: string[] = [];
  const log = console.log;
  console.log = (t: string) => lines.push(t);
  try {
    assert.equal(await runSurfaceFit(parseArgs([dir, '--law', 'chinchilla', '--json', '--quick'], [...SURFACE_FIT_VALUED], [...SURFACE_FIT_BOOLEANS])), 0);
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
  const out = JSON.parse(lines.join('\n'));
  assert.equal(out.points, 9);
  assert.match(out.warnings[0], /^final losses \(12·n_layer·d_model²\): the final lm loss of 9 finished runs$/);
  const [n, d] = [12 * 32 * 2048 ** 2, 32000 * perStep];
  const pred = out.params.E + out.params.A / n ** out.params.alpha + out.params.B / d ** out.params.beta;
  assert.ok(Math.abs(pred - law(n, d)) / law(n, d) < 0.03, `L(${n}, ${d}) = ${pred} vs ${law(n, d)}`);
});

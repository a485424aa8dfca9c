// `fit` / `predict` on training logs (not CSV tables), read through the ingest layer: which points
// each format yields, the default x kind, one curve per run, the CSV-table path left as it was,
// and the --json shape of the commands.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, normal } from '../../../src/core/random';
import { UsageError } from '../../../src/cli/args';
import { fitCurves } from '../../../src/cli/curveFit';
import { loadCurves } from '../../../src/cli/loadCurves';
import type { CurveFitRequest } from '../../../src/cli/curveRequest';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as predict } from '../../../src/cli/commands/predict';
import { printed } from './printed';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'logformats');
const fixture = (name: string): string => join(FIXTURES, name);

// a lightning_logs folder with two versions of the fixture run
const dir = mkdtempSync(join(tmpdir(), 'sl-sourcecurves-'));
const logs = join(dir, 'lightning_logs');
for (const v of ['version_0', 'version_1']) {
  mkdirSync(join(logs, v), { recursive: true });
  copyFileSync(fixture('metrics.csv'), join(logs, v, 'metrics.csv'));
}
copyFileSync(fixture('hparams.yaml'), join(logs, 'version_0', 'hparams.yaml'));
after(() => rmSync(dir, { recursive: true, force: true }));

const req = (over: Partial<CurveFitRequest>): CurveFitRequest => ({ path: '', yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1, ...over });

test('a TensorBoard event file: the train/loss scalars by step, as the decoded reference lists them', async () => {
  const events = JSON.parse(readFileSync(fixture('events.decoded.json'), 'utf8')).events as { step: number; values: { tag: string; simple_value?: number }[] }[];
  const want = events.flatMap((e) => e.values.filter((v) => v.tag === 'train/loss').map((v) => ({ x: e.step, y: v.simple_value! })));
  const loaded = await loadCurves(req({ path: fixture('events.out.tfevents.1718000000.myhost.12345.0'), yCol: 'train/loss' }));
  assert.equal(loaded.curves.length, 1);
  assert.deepEqual(loaded.curves[0]!.group, {});
  const got = loaded.curves[0]!.points;
  assert.equal(got.length, want.length);
  got.forEach((p, i) => {
    assert.equal(p.x, want[i]!.x);
    assert.ok(Math.abs(p.y - want[i]!.y) <= 1e-6 * Math.abs(want[i]!.y), `point ${i}: ${p.y} vs ${want[i]!.y}`);
  });
  assert.match(loaded.description ?? '', /^train\/loss vs step \(tfevents, 1 run\)$/);
});

test('HF trainer_state.json: x defaults to tokens (the first x kind a law is stated in) and keeps every logged loss', async () => {
  const state = JSON.parse(readFileSync(fixture('trainer_state.json'), 'utf8')) as { log_history: { step: number; loss?: number }[] };
  const losses = state.log_history.filter((e) => e.loss !== undefined).map((e) => e.loss);
  const loaded = await loadCurves(req({ path: fixture('trainer_state.json') }));
  assert.match(loaded.description ?? '', /^loss vs tokens /);
  const [curve] = loaded.curves;
  assert.deepEqual(curve!.points.map((p) => p.y), losses);
  assert.ok(curve!.points.every((p, i) => i === 0 || p.x > curve!.points[i - 1]!.x), 'tokens grow with the step');
  // --x step picks the step axis instead
  const bySteps = await loadCurves(req({ path: fixture('trainer_state.json'), xCol: 'step' }));
  assert.deepEqual(bySteps.curves[0]!.points.map((p) => p.x), state.log_history.filter((e) => e.loss !== undefined).map((e) => e.step));
});

test('a Lightning metrics.csv goes through the ingest reader with --x step or without it; a column that is no x kind, or --group, reads it as a table', async () => {
  const viaSource = await loadCurves(req({ path: fixture('metrics.csv'), yCol: 'train_loss_step' }));
  const named = await loadCurves(req({ path: fixture('metrics.csv'), yCol: 'train_loss_step', xCol: 'step' }));
  assert.match(viaSource.description ?? '', /vs step \(lightning/);
  assert.match(named.description ?? '', /vs step \(lightning/, 'naming the x the reader would choose fits the same curve, warmup rule and config included');
  assert.equal(viaSource.curves[0]!.points.length, 8);
  assert.deepEqual(viaSource.curves[0]!.points, named.curves[0]!.points);
  const viaTable = await loadCurves(req({ path: fixture('metrics.csv'), yCol: 'train_loss_step', xCol: 'step', groupCols: ['epoch'] }));
  assert.equal(viaTable.description, undefined, 'grouped by a column: the CSV-table path');
  assert.deepEqual(viaTable.curves.flatMap((c) => c.points), viaSource.curves[0]!.points);
  // --format forces the ingest reader even with a column name for --x
  const forced = await loadCurves(req({ path: fixture('metrics.csv'), yCol: 'train_loss_step', xCol: 'step', format: 'lightning' }));
  assert.ok(forced.description);
});

test('a lightning_logs folder: one curve per version with --group run, and a clear error without it', async () => {
  await assert.rejects(fitCurves(req({ path: logs, yCol: 'train_loss_step' })), (e: unknown) => e instanceof UsageError && /2 runs have "train_loss_step" \(version_0, version_1\): add --group run/.test(e.message));
  const out = await fitCurves(req({ path: logs, yCol: 'train_loss_step', groupCols: ['run'] }));
  assert.deepEqual(out.map((r) => r.group), [{ run: 'version_0' }, { run: 'version_1' }]);
  assert.deepEqual(out.map((r) => r.nFit), [8, 8]);
  assert.deepEqual(out[0]!.params, out[1]!.params, 'identical copies fit identically');
});

test('training-log errors are one-line usage errors that say what is there', async () => {
  const ts = fixture('trainer_state.json');
  await assert.rejects(loadCurves(req({ path: ts, yCol: 'nope' })), /has no series "nope"; series are: .*eval_loss/);
  await assert.rejects(loadCurves(req({ path: ts, xCol: 'Seen Examples' })), /--x on a training log is an x kind/);
  await assert.rejects(loadCurves(req({ path: fixture('events.out.tfevents.1718000000.myhost.12345.0'), yCol: 'train/loss', xCol: 'epoch' })), /has no epoch axis; it has: step, time/);
  await assert.rejects(loadCurves(req({ path: ts, groupCols: ['model'] })), /--group on a training log takes only "run"/);
  await assert.rejects(loadCurves(req({ path: join(dir, 'missing-folder') })), UsageError);
});

test('fit --json on a training log has the CSV path\'s shape: one object, or an array with --group', async () => {
  const csv = await printed(() => fit.run([fixture('metrics.csv'), '--x', 'step', '--y', 'train_loss_step', '--law', 'm2', '--json']));
  const log = await printed(() => fit.run([fixture('metrics.csv'), '--y', 'train_loss_step', '--law', 'm2', '--json']));
  assert.equal(csv.code, 0);
  assert.equal(log.code, 0);
  const a = JSON.parse(csv.out);
  const b = JSON.parse(log.out);
  assert.deepEqual(Object.keys(b), Object.keys(a));
  assert.deepEqual(b.params, a.params);
  const grouped = JSON.parse((await printed(() => fit.run([logs, '--y', 'train_loss_step', '--group', 'run', '--law', 'm2', '--json']))).out);
  assert.ok(Array.isArray(grouped) && grouped.length === 2);
});

test('predict on a stdout log: predictions at --at, in the text and the --json output', async () => {
  const args = [fixture('nanogpt_train.log'), '--y', 'loss', '--law', 'm2', '--at', '10x', '--bootstrap', '0'];
  const j = JSON.parse((await printed(() => predict.run([...args, '--json']))).out);
  assert.deepEqual(Object.keys(j), ['group', 'metric', 'law', 'predictions', 'warnings']);
  assert.equal(j.law, 'm2');
  assert.equal(j.predictions.length, 1);
  const text = (await printed(() => predict.run(args))).out;
  assert.match(text, /^loss vs tokens \(text, 1 run\)/);
  assert.ok(text.includes(j.predictions[0].y.toPrecision(4)), text);
});

test('without --y a training log is fitted on its most loss-like series, and the output says which', async () => {
  const loaded = await loadCurves({ path: fixture('metrics.csv'), groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  // its val_loss has two points (two epochs), too few to fit: the per-step train loss leads
  assert.equal(loaded.description?.startsWith('train_loss_step vs '), true, loaded.description);
  assert.ok(loaded.warnings.some((w) => /no --y: fitted "train_loss_step".*others: .*val_loss.*choose with --y/.test(w)), loaded.warnings.join(' | '));
  // given --y, nothing is guessed
  const named = await loadCurves(req({ path: fixture('metrics.csv'), yCol: 'val_loss' }));
  assert.equal(named.warnings.some((w) => /no --y/.test(w)), false);
  // a table needs its loss column named: --group or a column --x without --y is a usage error
  await assert.rejects(printed(() => fit.run(['data.csv', '--group', 'Domain'])), (e: unknown) => e instanceof UsageError && /--y is required with --group/.test(e.message));
  await assert.rejects(printed(() => fit.run(['data.csv', '--x', 'Seen Examples'])), (e: unknown) => e instanceof UsageError && /--y is required with a column --x "Seen Examples"/.test(e.message));
  // the same words without --y may be a training log's mistyped group or x kind: the message says what a log takes, and the one meant
  await assert.rejects(printed(() => fit.run(['run.log', '--group', 'rn'])), (e: unknown) => e instanceof UsageError && e.message === '--y is required with --group "rn" (a table\'s column: --y names its loss column); on a training log --group takes run (did you mean run?), or N / D on a sweep');
  await assert.rejects(printed(() => fit.run(['run.log', '--x', 'tokns'])), (e: unknown) => e instanceof UsageError && e.message === '--y is required with a column --x "tokns" (the loss column); on a training log --x is an x kind: tokens, samples, flops, params, step, epoch, index, time (did you mean tokens?)');
});

test('a tokens,val_loss table is fitted by the name in its header, and a lone series is not called a guess', async () => {
  const file = join(dir, 'tokens_val_loss.csv');
  writeFileSync(file, ['tokens,val_loss', ...Array.from({ length: 12 }, (_, i) => `${1e8 * 2 ** i},${(2 + 5 / Math.sqrt(i + 1)).toFixed(4)}`)].join('\n'));
  const named = await loadCurves(req({ path: file, yCol: 'val_loss' }));
  assert.equal(named.description?.startsWith('val_loss vs tokens'), true, named.description);
  const guessed = await loadCurves(req({ path: file, yCol: undefined }));
  assert.equal(guessed.description, named.description);
  assert.equal(guessed.warnings.some((w) => /no --y/.test(w)), false, guessed.warnings.join(' | '));
});

test('a sweep row table warns of a curve through several models only when a count other than x varies', async () => {
  const rows = (f: (i: number) => string): string[] => Array.from({ length: 8 }, (_, i) => f(i));
  const write = (name: string, lines: string[]): string => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n'));
    return file;
  };
  const across = /rows are different models/;
  const tokensOnly = await loadCurves(req({ path: write('d_only.csv', ['tokens,loss', ...rows((i) => `${1e8 * 2 ** i},${(2 + 5 / Math.sqrt(i + 1)).toFixed(4)}`)]), yCol: 'loss' }));
  assert.equal(tokensOnly.warnings.some((w) => across.test(w)), false, tokensOnly.warnings.join(' | '));
  const oneSize = await loadCurves(req({ path: write('one_n.csv', ['N,D,loss', ...rows((i) => `1e8,${1e9 * 2 ** i},${(2 + 5 / Math.sqrt(i + 1)).toFixed(4)}`)]), yCol: 'loss', xCol: 'tokens' }));
  assert.equal(oneSize.warnings.some((w) => across.test(w)), false, oneSize.warnings.join(' | '));
  // N and D both move along the rows, with no N shared by two rows to slice by
  const diagonal = await loadCurves(req({ path: write('diagonal.csv', ['N,D,loss', ...rows((i) => `${1e7 * 2 ** i},${1e9 * 3 ** i},${(2 + 5 / Math.sqrt(i + 1)).toFixed(4)}`)]), yCol: 'loss', xCol: 'tokens' }));
  assert.equal(diagonal.warnings.some((w) => across.test(w)), true, diagonal.warnings.join(' | '));
});

test('auto\'s candidate table: scores right-aligned under their header, notes (failed, not a candidate) beside them, not widening the column', async () => {
  const { out } = await printed(() => fit.run([fixture('metrics.csv'), '--bootstrap', '0']));
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^ {2}candidate +back-test RMSLE$/.test(l));
  // the column is as wide as its header, whatever the notes say
  assert.equal(lines[head], '  candidate  back-test RMSLE', out);
  const rows = lines.slice(head + 1).filter((l) => /^ {2}(m\d|bnsl-\d|mix|flat|loglin) /.test(l));
  const scored = rows.filter((l) => /^ {2}\S+ +[\d.e-]+$/.test(l));
  assert.ok(scored.length >= 3, out);
  for (const l of scored) assert.equal(l.length, lines[head].length, `score not under its header: "${l}"`);
  const failed = rows.filter((l) => / {2}failed: /.test(l));
  assert.ok(failed.length > 0, out);
  for (const l of failed) assert.match(l, /^ {2}bnsl-\d +failed: BNSL with \d breaks needs/);
});

test('a log with a learning rate, fitted against step, points to the schedule-aware forecast; one without does not', async () => {
  const rows = (lr: boolean): string => [lr ? 'step,lr,loss' : 'step,loss', ...Array.from({ length: 12 }, (_, i) => `${(i + 1) * 100},${lr ? `${3e-4 * (1 - i / 20)},` : ''}${(2 + 5 / Math.sqrt(i + 1)).toFixed(4)}`)].join('\n');
  const withLr = join(dir, 'with_lr.csv');
  const without = join(dir, 'without_lr.csv');
  writeFileSync(withLr, rows(true));
  writeFileSync(without, rows(false));
  const a = await loadCurves(req({ path: withLr }));
  // its LR falls by 1/20 of the peak every 100 steps: a straight decay to 0 at step 2100, offered as the spec
  assert.ok(a.warnings.some((w) => /records a learning rate \("lr"\).*scaling-lens forecast .*with_lr\.csv --schedule linear:warmup=100,total=2100,peak=0\.0003,end=0` follows .*\(the schedule its LR follows so far\)/.test(w)), a.warnings.join(' | '));
  // a constant LR says nothing about the rest: SPEC, to fill in
  const flat = join(dir, 'flat_lr.csv');
  writeFileSync(flat, rows(true).replace(/,(0\.000\d+|3e-4|0\.0003),/g, ',0.0003,'));
  const c = await loadCurves(req({ path: flat }));
  assert.ok(c.warnings.some((w) => /--schedule SPEC` follows the schedule to its end$/.test(w)), c.warnings.join(' | '));
  const b = await loadCurves(req({ path: without }));
  assert.equal(b.warnings.some((w) => /learning rate/.test(w)), false);
});

test('a loss that turns NaN to the end of the log: the run diverged there, said with where it was lowest when it had climbed since', async () => {
  const file = join(dir, 'diverged.csv');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const step = (i + 1) * 100;
    const y = i < 30 ? 2 + 10 / Math.sqrt(step) : i < 36 ? 2.2 * 1.1 ** (i - 29) : NaN;
    return `${step},${y}`;
  });
  writeFileSync(file, ['step,loss', ...rows].join('\n'));
  const loaded = await loadCurves(req({ path: file, yCol: 'loss' }));
  const w = loaded.curves[0]!.warnings ?? [];
  assert.ok(w.some((m) => /"loss" is NaN or infinite from step 3\.7K to the end \(4 points\): the run diverged there; fitted the points before; it had climbed \d+% since its lowest, by step 3K \(--fit-until 3000/.test(m)), w.join(' | '));
  assert.equal(loaded.warnings.some((m) => /skipped/.test(m)), false, 'the NaN tail is said once, not again as points without numbers');
  writeFileSync(file, ['step,loss', ...rows.slice(0, 30), '3100,nan', '3200,2.1'].join('\n'));
  const gap = await loadCurves(req({ path: file, yCol: 'loss' }));
  assert.equal((gap.curves[0]!.warnings ?? []).some((m) => /diverged/.test(m)), false, 'a NaN followed by numbers is a gap, not a divergence');
  // said where, as the panel says it: a skipped step, not a hole of unknown cause
  assert.deepEqual(gap.curves[0]!.warnings, ['"loss" is NaN or infinite at one point inside the log (step 3.1K), and finite after: left out of the fit']);
  assert.equal(gap.warnings.some((m) => /skipped/.test(m)), false, gap.warnings.join(' | '));
  // one NaN alone at the end (a step fp16 loss scaling skipped) is said, not called a divergence
  writeFileSync(file, ['step,loss', ...rows.slice(0, 30), '3100,nan'].join('\n'));
  const one = (await loadCurves(req({ path: file, yCol: 'loss' }))).curves[0]!.warnings ?? [];
  assert.ok(one.some((m) => m === '"loss" is NaN or infinite at its last point only (step 3.1K: one point; skipped step?): not called diverged until 2 in a row end the log; fitted the points before'), one.join(' | '));
  assert.equal(one.some((m) => /diverged there/.test(m)), false);
  // a per-step loss with 2% noise, climbing from step 35000 until it is NaN from 37000: the cut is
  // where the climb began, not the noisiest dip thousands of steps before
  const z = normal(mulberry32(5));
  const noisy = Array.from({ length: 3800 }, (_, i) => {
    const step = (i + 1) * 10;
    const y = step >= 37000 ? NaN : (1.8 + 5 * step ** -0.3) * (step > 35000 ? 1 + (step - 35000) / 2000 : 1) * Math.exp(0.02 * z());
    return `${step},${y}`;
  });
  writeFileSync(file, ['step,loss', ...noisy].join('\n') + '\n');
  const per = await loadCurves(req({ path: file, yCol: 'loss' }));
  const until = Number(/--fit-until (\d+)/.exec((per.curves[0]!.warnings ?? []).join(' '))?.[1]);
  assert.ok(until >= 34000 && until <= 35200, String(until));
});

test('a folder whose one fitted curve is one of its runs names that run, with the run\'s own format', async () => {
  // two Lightning runs with a train loss against step only, and an HF output_dir with an eval loss against tokens
  const mixed = join(dir, 'mixed');
  const law = (x: number): number => 2 + 30 / Math.sqrt(x);
  for (const name of ['lit_a', 'lit_b']) {
    const version = join(mixed, name, 'lightning_logs', 'version_0');
    mkdirSync(version, { recursive: true });
    writeFileSync(join(version, 'metrics.csv'), ['epoch,step,train_loss', ...Array.from({ length: 20 }, (_, i) => `0,${(i + 1) * 50},${law((i + 1) * 50)}`)].join('\n') + '\n');
  }
  mkdirSync(join(mixed, 'hf_out'));
  const history = Array.from({ length: 8 }, (_, i) => ({ epoch: i + 1, eval_loss: law((i + 1) * 409600), num_input_tokens_seen: (i + 1) * 409600, step: (i + 1) * 100 }));
  writeFileSync(join(mixed, 'hf_out', 'trainer_state.json'), JSON.stringify({ global_step: 800, log_history: history }));

  const loaded = await loadCurves({ path: mixed, groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.equal(loaded.description, 'eval_loss vs tokens (hf-trainer-state, 1 run: hf_out)');
  assert.deepEqual(loaded.curves.map((c) => c.group), [{ run: 'hf_out' }]);
  const text = (await printed(() => predict.run([mixed, '--law', 'm2', '--at', '2x', '--bootstrap', '0']))).out;
  assert.match(text, /^run=hf_out +m2 /m, text);
  const json = JSON.parse((await printed(() => predict.run([mixed, '--law', 'm2', '--at', '2x', '--bootstrap', '0', '--json']))).out);
  assert.deepEqual(json.group, { run: 'hf_out' });
  // a file of one run has nothing to tell apart: no name
  const single = await loadCurves(req({ path: join(mixed, 'hf_out', 'trainer_state.json'), yCol: 'eval_loss' }));
  assert.equal(single.description, 'eval_loss vs tokens (hf-trainer-state, 1 run)');
  assert.deepEqual(single.curves[0]!.group, {});
});

test('--group run with --x an x kind and --y a column: a CSV of several runs (model_name) is fitted per run, as the error without --group asks', async () => {
  const runs = fixture('runs_by_size.csv');
  await assert.rejects(loadCurves(req({ path: runs, xCol: 'tokens', yCol: 'train_loss' })), /4 runs have "train_loss" .*: add --group run/);
  const named = await loadCurves(req({ path: runs, xCol: 'tokens', yCol: 'train_loss', groupCols: ['run'] }));
  const unnamed = await loadCurves(req({ path: runs, yCol: 'train_loss', groupCols: ['run'] }));
  assert.deepEqual(named.curves.map((c) => c.group.run), ['pythia-70m', 'pythia-160m', 'pythia-410m', 'pythia-1b']);
  assert.deepEqual(named.curves, unnamed.curves);
  // a column the table does have is still the table's group, and a missing one is named as before
  const byColumn = await loadCurves(req({ path: runs, xCol: 'tokens', yCol: 'train_loss', groupCols: ['model_name'] }));
  assert.equal(byColumn.curves.length, 4);
  await assert.rejects(loadCurves(req({ path: runs, xCol: 'tokens', yCol: 'train_loss', groupCols: ['modl_name'] })), /has no column "modl_name"; columns are: model_name, step, tokens, train_loss/);
});

test('a table whose x column has no known name ("x"): --y alone says to name it with --x COL, and --x x --y y fits it', async () => {
  const table = join(__dirname, '..', '..', 'fixtures', 'bnsl', 'four_digit_addition.csv');
  await assert.rejects(loadCurves(req({ path: table, yCol: 'y' })), /"y" in .*four_digit_addition\.csv has no x axis; it has none by a known name: give its x column with --x COL$/);
  const named = await loadCurves(req({ path: table, xCol: 'x', yCol: 'y' }));
  assert.equal(named.curves[0]!.points.length, 17);
});

test('--group N or D with --x on a CSV training log (no such column, no sweep to slice) is refused with its columns, not fitted as one curve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-groupn-'));
  try {
    const path = join(dir, 'train.csv');
    writeFileSync(path, `step,train_loss\n${Array.from({ length: 30 }, (_, i) => `${(i + 1) * 10},${(3 + 1 / (i + 1)).toFixed(4)}`).join('\n')}\n`);
    for (const g of ['N', 'D']) {
      await assert.rejects(loadCurves(req({ path, xCol: 'step', yCol: 'train_loss', groupCols: [g] })), new RegExp(`has no column "${g}" and is no sweep to take ${g} from; columns are: step, train_loss`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--group N or D without --x on a training log is refused, pointing to --group run; it was passed over and the one curve fitted', async () => {
  const log = join(__dirname, '..', '..', '..', 'data', 'lr-schedules', '25M', 'cosine_24000.csv');
  for (const g of ['N', 'D']) {
    await assert.rejects(loadCurves(req({ path: log, groupCols: [g] })), (e: Error) => e instanceof UsageError && e.message === `${log} is no sweep to take ${g} from (a table of one row per run): --group run fits each run of a log`, g);
  }
  // what --group N is for still is: a sweep table's curves per size, and runs of several sizes against N at each D
  assert.ok((await loadCurves(req({ path: join(__dirname, '..', '..', 'fixtures', 'workspace', 'sweep.csv'), groupCols: ['N'] }))).curves.length > 1);
  assert.ok((await loadCurves(req({ path: fixture('runs_by_size.csv'), yCol: 'train_loss', xCol: 'params', groupCols: ['D'] }))).curves.length > 1);
});

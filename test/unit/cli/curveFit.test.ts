import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest, type CurveFitRequest } from '../../../src/cli/curveRequest';
import { fitCurves } from '../../../src/cli/curveFit';
import { outcomeSummary } from '../../../src/cli/fitOutcome';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { mulberry32, normal } from '../../../src/core/random';

const curveRequestOf = (argv: string[]) => curveRequest(parseArgs(argv, CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');

const dir = mkdtempSync(join(tmpdir(), 'sl-curvefit-'));
const csv = join(dir, 'runs.csv');
const lines = ['run,tokens,loss'];
for (const run of ['a', 'b']) {
  for (let i = 0; i < 20; i++) {
    const x = 1e6 * 2 ** (i / 2);
    lines.push(`${run},${x},${(run === 'a' ? 1.7 : 2.1) + 30 * x ** -0.3}`);
  }
}
lines.push('a,,');
writeFileSync(csv, lines.join('\n'));

const base: CurveFitRequest = { path: csv, xCol: 'tokens', yCol: 'loss', groupCols: ['run'], law: 'm2', targets: ['10x'], bootstrap: 0, seed: 1 };

test('fit splits by group, fits each curve and predicts at relative targets', async () => {
  const out = await fitCurves(base);
  assert.equal(out.length, 2);
  assert.deepEqual(out.map((r) => r.group.run), ['a', 'b']);
  assert.ok(Math.abs(out[0].params.errInf - 1.7) < 1e-3 && Math.abs(out[1].params.errInf - 2.1) < 1e-3);
  const maxX = 1e6 * 2 ** 9.5;
  assert.ok(Math.abs(out[0].predictions[0].x / (10 * maxX) - 1) < 1e-12);
  assert.ok(out[0].warnings.some((w) => /skipped 1 row/.test(w)));
});

test('auto reports its choice, every candidate, and bootstrap intervals when asked', async () => {
  const [r] = await fitCurves({ ...base, path: csv, law: 'auto', holdoutFrac: 0.2, bootstrap: 10 });
  assert.ok(r.auto && r.auto.law === r.law);
  assert.ok(r.auto.candidates.length >= 6);
  assert.ok(r.heldOut && r.heldOut.n > 0);
  assert.ok(Object.keys(r.intervals).length > 0);
  assert.ok(r.predictions[0].lo !== undefined);
  // the reported formula is the chosen law's; every parameter name appears once, base-law prefixed for averages
  assert.ok(r.formula.startsWith('y =') || r.formula.includes('β'), r.formula);
  if (r.law.startsWith('avg(')) assert.ok(Object.keys(r.params).every((k) => /^(m\d|bnsl-\d|flat|loglin)\.[a-z0-9]+$/i.test(k)), Object.keys(r.params).join());
});

test('bad files and columns are one-line usage errors', async () => {
  await assert.rejects(fitCurves({ ...base, path: join(dir, 'missing.csv') }), UsageError);
  await assert.rejects(fitCurves({ ...base, xCol: 'steps' }), /no column "steps"/);
});

test('a curve too short to back-test: auto falls back on a stated law and says so', async () => {
  const short = join(dir, 'short.csv');
  writeFileSync(short, 'x,y\n4,0.2\n5,0.1\n6,0.05\n');
  const [r] = await fitCurves({ ...base, path: short, xCol: 'x', yCol: 'y', groupCols: [], law: 'auto', targets: [] });
  assert.equal(r.law, 'm2');
  assert.match(r.auto!.reason, /too few fit points to back-test any law.*fell back on m2/);
});

test('a curve that turned up: auto holds its level, the JSON says where it rose, and the candidates are the laws asked for', async () => {
  const risen = join(dir, 'risen.csv');
  const rows = ['tokens,loss'];
  for (let i = 1; i <= 60; i++) rows.push(`${i * 1e8},${2 + 30 * Math.pow(i * 1e8, -0.2) + (i <= 35 ? 0 : 0.004 * Math.pow(i - 35, 1.3))}`);
  writeFileSync(risen, rows.join('\n'));
  const [r] = await fitCurves({ ...base, path: risen, groupCols: [], law: 'auto', bootstrap: 10 });
  assert.equal(r.law, 'flat');
  assert.ok(r.upturn && r.upturn.rise > 0.05 && r.upturn.lastY > r.upturn.lowY && r.upturn.fallingAgain === false, JSON.stringify(r.upturn));
  assert.ok(r.predictions[0]!.lo! <= r.predictions[0]!.y && r.predictions[0]!.y <= r.predictions[0]!.hi!);
  assert.match(r.auto!.reason, /the back-tests chose \S+:/);
  assert.ok(r.auto!.candidates.every((c) => !c.law.startsWith('avg(')), r.auto!.candidates.map((c) => c.law).join());
  const [plain] = await fitCurves({ ...base, law: 'auto' });
  assert.equal(plain.upturn, undefined);
});

test("a training log with a logged LR warmup is fitted from the warmup's end (said in the JSON), or whole with --keep-warmup", async () => {
  const log = join(dir, 'warmup_log.csv');
  const rows = ['step,lr,loss'];
  for (let s = 10; s <= 4000; s += 10) rows.push(`${s},${s < 500 ? (3e-4 * s) / 500 : 3e-4},${(2 + 30 * s ** -0.5) * (s < 500 ? 1.5 - s / 1000 : 1)}`);
  writeFileSync(log, rows.join('\n'));
  const req: CurveFitRequest = { path: log, yCol: 'loss', groupCols: [], law: 'm2', targets: ['10x'], bootstrap: 0, seed: 1 };
  const [r] = await fitCurves(req);
  assert.deepEqual(r.warmup, { before: 500, points: 49, from: 'the logged learning rate ("lr")' });
  assert.equal(r.nFit, 351);
  assert.ok(Math.abs(r.params.errInf - 2) < 1e-3, `the law of the points after the warmup: ${r.params.errInf}`);
  const [kept] = await fitCurves({ ...req, keepWarmup: true });
  assert.equal(kept.warmup, undefined);
  assert.equal(kept.nFit, 400);
  assert.ok(Math.abs(kept.params.errInf - 2) > 0.01, `the warmup bends the fit: ${kept.params.errInf}`);
});

test("a log without a logged LR is fitted from the end of the warmup its config states (Lightning's hparams.yaml)", async () => {
  const run = join(dir, 'lightning_logs', 'version_0');
  mkdirSync(run, { recursive: true });
  const rows = ['epoch,step,train_loss'];
  for (let s = 10; s <= 4000; s += 10) rows.push(`0,${s},${(2 + 30 * s ** -0.5) * (s < 500 ? 1.5 - s / 1000 : 1)}`);
  writeFileSync(join(run, 'metrics.csv'), rows.join('\n'));
  writeFileSync(join(run, 'hparams.yaml'), 'model:\n  d_model: 512\noptim:\n  lr: 0.0003\n  warmup_steps: 500\n');
  const req: CurveFitRequest = { path: join(run, 'metrics.csv'), xCol: 'step', yCol: 'train_loss', groupCols: [], law: 'm2', targets: ['10x'], bootstrap: 0, seed: 1 };
  const [r] = await fitCurves(req);
  assert.deepEqual(r.warmup, { before: 500, points: 49, from: "optim.warmup_steps 500 in the run's config" });
  assert.ok(r.warnings.some((w) => /warmup, read from optim\.warmup_steps 500 in the run's config/.test(w)), r.warnings.join(' | '));
  assert.ok(Math.abs(r.params.errInf - 2) < 1e-3, `the law of the points after the warmup: ${r.params.errInf}`);
  const [kept] = await fitCurves({ ...req, keepWarmup: true });
  assert.equal(kept.nFit, 400);
});

test("nanoGPT's stdout: the config it echoes ('Overriding config with …') states the warmup its log does not record", async () => {
  const log = join(dir, 'nanogpt.log');
  const config = ['Overriding config with config/train_shakespeare_char.py:', '# baby GPT model :)', 'learning_rate = 1e-3 # with baby networks can afford to go a bit higher', 'max_iters = 5000', 'lr_decay_iters = 5000 # make equal to max_iters usually', 'min_lr = 1e-4 # learning_rate / 10 usually', 'warmup_iters = 100 # not super necessary potentially', '', 'tokens per iteration will be: 16,384'];
  const iters: string[] = [];
  for (let i = 10; i <= 3000; i += 10) iters.push(`iter ${i}: loss ${((1 + 3 * i ** -0.3) * (i < 100 ? 1.3 : 1)).toFixed(4)}, time 30.00ms, mfu 2.17%`);
  writeFileSync(log, [...config, ...iters].join('\n'));
  const [r] = await fitCurves({ path: log, yCol: 'loss', groupCols: [], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.equal(r.warmup?.before, 100 * 16384, 'on the tokens axis the log gives');
  assert.equal(r.warmup?.points, 9);
  assert.match(r.warmup?.from ?? '', /schedule in the run's config, cosine:warmup=100,total=5000/);
  assert.ok(Math.abs(r.params.errInf - 1) < 0.01, `the law of the points after the warmup: ${r.params.errInf}`);
});

test('--reach: the x at which the fitted curve and its interval reach each loss, beside the asked targets; one below the limit is not reached', async () => {
  const file = join(dir, 'reach.csv');
  // 2 + 10·x^-0.5 reaches 2.5 at x = 400, past the data's end at 100
  writeFileSync(file, ['tokens,loss', ...Array.from({ length: 24 }, (_, i) => { const x = 2 ** (i * 0.28); return `${x},${(2 + 10 * x ** -0.5) * (1 + 0.002 * Math.sin(i * 7.1))}`; })].join('\n'));
  const req: CurveFitRequest = { path: file, yCol: 'loss', groupCols: [], law: 'm2', targets: ['2x'], reach: [2.5, 1.9, 5], bootstrap: 40, seed: 1 };
  const [r] = await fitCurves(req);
  assert.equal(r.predictions.length, 1, 'the grid stays out of the predictions');
  const [at, below, inside] = r.reach!;
  assert.ok(at!.x! > 400 / 1.1 && at!.x! < 400 * 1.1, `2.5 at ${at!.x}`);
  assert.ok(at!.lo! < at!.x! && at!.x! < (at!.hi ?? Infinity), JSON.stringify(at));
  assert.equal(below!.x, undefined);
  assert.ok(below!.atUntil! > 1.9);
  assert.ok(inside!.x! < inside!.dataEnd, 'loss 5 is reached inside the data');
  await assert.rejects(fitCurves({ ...req, reach: [] }).then(() => curveRequestOf(['f.csv', '--reach', 'soon'])), /--reach takes a positive loss/);
  assert.deepEqual(curveRequestOf(['f.csv', '--reach', '2.9', '3.0']).reach, [2.9, 3], 'several losses after one --reach');
  assert.deepEqual(curveRequestOf(['--reach', '2.9', '--reach', '3', 'f.csv']).reach, [2.9, 3]);
  assert.deepEqual(curveRequestOf(['f.csv', '--reach', '2,5']).reach, [2.5], 'a decimal comma, as the Predict box reads it');
});

test('a target whose unit the shell split off (--target 300B tokens, unquoted) is refused saying to quote it', async () => {
  await assert.rejects(fitCurves({ ...base, targets: ['300B', 'tokens'] }), /"tokens" is a unit, not a target: quote a target with its unit, e\.g\. "300B tokens"/);
});

test('a target before the data\'s first x is answered with a warning naming the x axis (a step count on a tokens axis)', async () => {
  const [r] = await fitCurves({ ...base, targets: ['20000', '10x'] });
  assert.ok(r!.warnings.some((w) => /target x = 20K is before the data's first x \(1M tokens\): no law was fitted there; is the target in tokens\?/.test(w)), r!.warnings.join(' | '));
  const [late] = await fitCurves({ ...base, targets: ['10x'] });
  assert.equal(late!.warnings.some((w) => /before the data's first x|far past/.test(w)), false);
  // and one over 10,000× its last x: a token count on a steps axis, say
  const [far] = await fitCurves({ ...base, targets: ['1e6x'] });
  assert.ok(far!.warnings.some((w) => /target x = .* is over 10K× the data's last x \(.* tokens\), far past anything the fit was checked on; is the target in tokens\?/.test(w)), far!.warnings.join(' | '));
});

test('a table\'s count column named as a sweep names it (num_params, N, D, total_flops) takes only targets in its unit', async () => {
  const file = join(dir, 'num_params.csv');
  writeFileSync(file, ['num_params,loss', ...[1e7, 3e7, 1e8, 3e8, 1e9, 3e9].map((n) => `${n},${(2 + 400 * n ** -0.3).toFixed(4)}`)].join('\n'));
  const req: CurveFitRequest = { path: file, xCol: 'num_params', yCol: 'loss', groupCols: [], law: 'm2', targets: ['1e21 FLOPs'], bootstrap: 0, seed: 1 };
  await assert.rejects(fitCurves(req), /number of FLOPs, but x here is parameters/);
  const [ok] = await fitCurves({ ...req, targets: ['7B params'] });
  assert.equal(ok!.predictions[0]!.x, 7e9);
});

test('fit warns when the last points fall away below the fit (a cooldown the laws do not see), and not on a curve that follows its law', async () => {
  const z = normal(mulberry32(1));
  const rows = (cool: boolean): string[] => Array.from({ length: 60 }, (_, i) => {
    const x = 1000 * (i + 1);
    return `${x},${(1.8 + 30 * x ** -0.4) * (cool && i >= 50 ? Math.exp((-0.06 * (i - 49)) / 10) : 1) * Math.exp(0.005 * z())}`;
  });
  const said = async (cool: boolean): Promise<boolean> => {
    const file = join(dir, `cool-${cool}.csv`);
    writeFileSync(file, ['step,loss', ...rows(cool)].join('\n') + '\n');
    const [r] = await fitCurves({ path: file, xCol: 'step', yCol: 'loss', groupCols: [], law: 'm2', targets: ['10x'], bootstrap: 0, seed: 1 });
    return r!.warnings.some((w) => /below the fitted curve: the loss falls faster than the laws follow/.test(w));
  };
  assert.equal(await said(true), true);
  assert.equal(await said(false), false);
});

test('a curve whose every x is negative fails as "non-positive values", not "non-finite values"', async () => {
  const neg = join(dir, 'negative.csv');
  writeFileSync(neg, 'step,loss\n' + [1, 2, 3, 4, 5, 6].map((i) => `${-100 * i},${2 + 1 / i}`).join('\n') + '\n');
  const results = await fitCurves({ ...base, path: neg, xCol: 'step', groupCols: [], law: 'auto', targets: [] });
  assert.match(results[0]!.error ?? '', /ignored 6 points with x ≤ 0/);
  assert.equal(outcomeSummary(results), '0 fitted, 1 failed (1 non-positive values)');
});

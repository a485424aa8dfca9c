// The inspect and watch commands: exact --json shape, text output, clean stop.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as inspect } from '../../../src/cli/commands/inspect';
import { runWatch } from '../../../src/cli/commands/watch';
import { refit } from '../../../src/cli/commands/watchFit';
import { UsageError } from '../../../src/cli/args';
import { fixturePath } from './helpers';
import { printed } from '../cli/printed';

const dir = mkdtempSync(join(tmpdir(), 'sl-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('inspect --json: exactly format, runs[{name, series[{key, points, x}]}], warnings', async () => {
  const { code, out } = await printed(() => inspect.run([fixturePath('metrics.csv'), '--json']));
  assert.equal(code, 0);
  const j = JSON.parse(out);
  assert.deepEqual(Object.keys(j), ['format', 'runs', 'warnings']);
  assert.equal(j.format, 'lightning');
  assert.deepEqual(j.runs, [
    {
      name: 'logformats',
      series: [
        { key: 'train_loss_epoch', points: 2, x: ['step', 'epoch'] },
        { key: 'train_loss_step', points: 8, x: ['step', 'epoch'] },
        { key: 'val_acc', points: 2, x: ['step', 'epoch'] },
        { key: 'val_loss', points: 2, x: ['step', 'epoch'] },
      ],
    },
  ]);
  assert.deepEqual(j.warnings, []);
});

test('inspect text output names format, runs and series on stdout, and warnings with line numbers on stderr', async () => {
  const p = join(dir, 'bad.jsonl');
  writeFileSync(p, '{"step": 1, "loss": 2}\nnot json\n{"step": 2, "loss": 1}\n');
  const { out, err } = await printed(() => inspect.run([p]));
  assert.match(out, /^format: jsonl/m);
  assert.match(out, /loss\s+train\s+2\s+step/);
  assert.doesNotMatch(out, /not a JSON object/);
  assert.match(err, /^warning: .*bad\.jsonl:2: not a JSON object/m);
});

test('inspect usage errors', async () => {
  await assert.rejects(inspect.run([]), UsageError);
  await assert.rejects(inspect.run(['a', '--format', 'xml']), /--format must be one of/);
});

test('watch prints point counts as the log grows and stops on abort with exit 0', { timeout: 30_000 }, async () => {
  const p = join(dir, 'grow.csv');
  writeFileSync(p, 'step,val_loss\n10,3.0\n20,2.5\n');
  const lines: string[] = [];
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 25_000).unref(); // never leave a watcher running if the test fails
  let sawGrowth!: () => void;
  const grown = new Promise<void>((r) => (sawGrowth = r));
  const done = runWatch([p, '--poll', '20'], {
    signal: ac.signal,
    print: (l) => {
      lines.push(l);
      if (/val_loss: 3 points/.test(l)) sawGrowth();
    },
    printErr: () => undefined,
  });
  setTimeout(() => appendFileSync(p, '30,2.2\n'), 60);
  await grown;
  ac.abort();
  assert.equal(await done, 0);
  // the first report has 2 points unless the append raced ahead of the first poll
  assert.ok(lines.some((l) => /grow val_loss: [23] points$/.test(l)), lines.join('\n'));
});

test('watch rejects bad options before starting', async () => {
  await assert.rejects(runWatch([]), UsageError);
  await assert.rejects(runWatch(['x', '--poll', '1']), /--poll must be from 10 to 86400000 ms/);
  await assert.rejects(runWatch(['x', '--target', '-5']), /must be a positive, finite amount/);
  await assert.rejects(runWatch(['x', '--target', 'soon']), /is not a target/);
});

/** A clean power law L = 2 + 10·step^-0.5 over 8 points, written to `name`. */
function powerLawCsv(name: string): string {
  const p = join(dir, name);
  const rows = [10, 20, 40, 80, 160, 320, 640, 1280].map((s) => `${s},${2 + 10 * s ** -0.5}`);
  writeFileSync(p, `step,val_loss\n${rows.join('\n')}\n`);
  return p;
}

/** runWatch until a printed line passes `done` (or anything reaches stderr that `stopOnErr` passes). */
async function watchUntil(argv: string[], done: (line: string) => boolean, stopOnErr: (line: string) => boolean): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50_000).unref(); // never leave a watcher running if the test fails
  const code = await runWatch(argv, {
    signal: ac.signal,
    print: (l) => {
      lines.push(l);
      if (done(l)) ac.abort();
    },
    printErr: (l) => {
      errors.push(l);
      if (stopOnErr(l)) ac.abort();
    },
  });
  return { code, lines, errors };
}

test('watch refits with analyzeCurve and prints the prediction at --target', { timeout: 60_000 }, async () => {
  const p = powerLawCsv('fit.csv');
  // a refit that throws is reported on stderr, and ends the wait (else the test idles to its timeout)
  const { code, lines, errors } = await watchUntil([p, '--poll', '20', '--law', 'm2', '--target', '1e6'], (l) => l.includes('y(step=') || l.includes('no law could be fitted'), (l) => l.startsWith('watch: '));
  assert.equal(code, 0);
  const fitLine = lines.find((l) => l.includes('y(step='));
  assert.ok(fitLine, [...lines, ...errors].join('\n'));
  const y = Number(/y\(step=1\.0000e\+6\) = ([\d.e+-]+)/.exec(fitLine!)?.[1]);
  // the true curve gives 2 + 10/1000 = 2.01 at step 1e6
  assert.ok(Math.abs(y - 2.01) < 0.05, fitLine);
  await assert.rejects(runWatch([p, '--law', 'nope']), /unknown law "nope"/);
});

test('watch --json: JSON Lines on stdout (start, then each refit with its prediction), nothing on stderr', { timeout: 60_000 }, async () => {
  const p = powerLawCsv('fit-json.csv');
  const { code, lines, errors } = await watchUntil([p, '--poll', '20', '--law', 'm2', '--target', '1e6', '--json'], (l) => l.includes('"refit"'), () => true);
  assert.equal(code, 0);
  assert.deepEqual(errors, []);
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(events[0], { event: 'start', path: p, pollMs: 20 });
  const refit = events.find((e) => e.event === 'refit')!;
  assert.equal(refit.series, 'val_loss');
  assert.equal(refit.points, 8);
  assert.equal(refit.x, 'step');
  assert.equal(refit.law, 'm2');
  const [pred] = refit.predictions as { x: number; y: number }[];
  assert.equal(pred!.x, 1e6);
  assert.ok(Math.abs(pred!.y - 2.01) < 0.05, String(pred!.y));
});

test("watch's refit starts the fit after the LR warmup when it is given, and says so", async () => {
  const points = Array.from({ length: 60 }, (_, i) => ({ x: (i + 1) * 10, y: (2 + 30 * ((i + 1) * 10) ** -0.5) * (i < 9 ? 1.4 : 1) }));
  const line = await refit(points, { laws: ['m2'], targets: ['6000'], xKind: 'step', warmup: { at: 100, from: 'the logged learning rate ("lr")' } });
  assert.match(line ?? '', /fitted from step 100, after the LR warmup/);
  assert.match(line ?? '', /y\(step=6000\) = 2\.38/, 'the law of the points after the warmup: 2 + 30/√6000 = 2.387');
  assert.doesNotMatch((await refit(points, { laws: ['m2'], targets: ['6000'], xKind: 'step' })) ?? '', /warmup/);
});

test("watch's refit says where the curve reaches each --reach loss, beside the asked targets", async () => {
  // 2 + 30/√step reaches 2.3 at step 10,000, past the data's end at 600
  const points = Array.from({ length: 60 }, (_, i) => ({ x: (i + 1) * 10, y: 2 + 30 * ((i + 1) * 10) ** -0.5 }));
  const line = (await refit(points, { laws: ['m2'], targets: ['10x'], reach: [2.3, 1.9], xKind: 'step', yName: 'val_loss' })) ?? '';
  assert.match(line, /y\(step=6000\) = 2\.38/, 'a multiple of the data so far: 10 × 600');
  const at = /val_loss = 2\.3 at x ≈ ([\d.]+)K step, ([\d.]+)× the data/.exec(line);
  assert.ok(at && Math.abs(Number(at[1]) / 10 - 1) < 0.02 && Number(at[2]) === 17, line);
  assert.match(line, /val_loss = 1\.9: not reached by x = 600K step \(1000× the data\)/);
  assert.match((await refit(points, { laws: ['m2'], targets: ['300B tokens'], xKind: 'step' })) ?? '', /no prediction: "300B tokens": that is a number of tokens, but x here is steps/);
  await assert.rejects(runWatch(['x.log', '--reach', '-1']), /--reach takes a positive loss \(e\.g\. 2\.5\), got "-1"/);
});

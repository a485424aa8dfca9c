// `fit --help` points to `fit --law chinchilla --help` for the surface fit's options: that help is
// the surface fit's, not the learning-curve fit's again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command } from '../../../src/cli/commands/fit';
import { SURFACE_FIT_HELP } from '../../../src/cli/commands/fitSurface';
import { command as predict } from '../../../src/cli/commands/predict';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED } from '../../../src/cli/curveRequest';

test('fit --help is the curve fit; with --law chinchilla (or kaplan-d, or --n) it is the surface fit, which names --keep-outliers', async () => {
  assert.match(command.help, /see `fit --law chinchilla --help`/);
  assert.equal(await command.helpFor!(['--help']), command.help);
  assert.equal(await command.helpFor!(['--law', 'm4', '--help']), command.help);
  for (const argv of [['--law', 'chinchilla', '--help'], ['--law=kaplan-d', '--help'], ['sweep.csv', '--n', 'N', '--help']]) {
    assert.equal(await command.helpFor!(argv), SURFACE_FIT_HELP, argv.join(' '));
  }
  assert.match(SURFACE_FIT_HELP, /--keep-outliers/);
});

test('fit --help and predict --help name every option their parser takes', () => {
  const options = (names: readonly string[]) => names.map((n) => `--${n}`);
  const cases: [string, string[]][] = [
    [command.help, options([...CURVE_FIT_VALUED, ...CURVE_FIT_BOOLEANS].filter((f) => f !== 'at'))],
    [predict.help, options([...CURVE_FIT_VALUED, ...CURVE_FIT_BOOLEANS].filter((f) => f !== 'target'))],
  ];
  for (const [help, flags] of cases) {
    const named = new Set(help.match(/--[a-z][a-z-]*/g));
    assert.deepEqual(flags.filter((f) => !named.has(f)), [], help.split('\n')[0]);
  }
});

test('predict --target and fit --at name the option the command takes instead', async () => {
  await assert.rejects(predict.run(['run.csv', '--target', '10x']), /unknown option --target: predict takes --at X for the x to predict at/);
  await assert.rejects(command.run(['run.csv', '--at=10x']), /unknown option --at: fit takes --target X for the x to predict at/);
});

test("every other command's --help names every option its parser takes", async () => {
  const { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } = await import('../../../src/cli/commands/fitSurface');
  const allocate = await import('../../../src/cli/commands/allocate');
  const watch = await import('../../../src/cli/commands/watch');
  const benchmark = await import('../../../src/cli/commands/benchmark');
  const inspect = await import('../../../src/cli/commands/inspect');
  const forecast = await import('../../../src/cli/commands/forecast');
  const schedule = await import('../../../src/cli/commands/schedule');
  const cases: [string, string, readonly string[]][] = [
    ['fit --law chinchilla', SURFACE_FIT_HELP, [...SURFACE_FIT_VALUED, ...SURFACE_FIT_BOOLEANS]],
    ['allocate', allocate.command.help, [...allocate.ALLOCATE_VALUED, ...allocate.ALLOCATE_BOOLEANS]],
    ['watch', watch.command.help, [...watch.WATCH_VALUED, ...watch.WATCH_BOOLEANS]],
    ['benchmark', benchmark.command.help, benchmark.BENCHMARK_BOOLEANS],
    ['inspect', inspect.command.help, [...inspect.INSPECT_VALUED, ...inspect.INSPECT_BOOLEANS]],
    ['forecast', forecast.command.help, [...forecast.FORECAST_VALUED, ...forecast.FORECAST_BOOLEANS]],
    ['schedule fit', await schedule.command.helpFor!(['fit', '--help']), [...schedule.SCHEDULE_FIT_VALUED, ...schedule.SCHEDULE_BOOLEANS]],
    ['schedule predict', await schedule.command.helpFor!(['predict', '--help']), [...schedule.SCHEDULE_PREDICT_VALUED, ...schedule.SCHEDULE_BOOLEANS]],
  ];
  for (const [name, help, flags] of cases) {
    const named = new Set(help.match(/--[a-z][a-z-]*/g));
    assert.deepEqual(flags.filter((f) => !named.has(`--${f}`)), [], name);
  }
});

test("schedule fit --help and schedule predict --help are that subcommand's, and name every key of its --json; a mistyped subcommand names the one meant", async () => {
  const { command: schedule } = await import('../../../src/cli/commands/schedule');
  const { printed } = await import('./printed');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const fitHelp = await schedule.helpFor!(['fit', '--help']);
  const predictHelp = await schedule.helpFor!(['predict', '--from', 'x.json', '--help']);
  assert.match(fitHelp, /^scaling-lens schedule fit /);
  assert.doesNotMatch(fitHelp, /schedule predict/);
  assert.match(predictHelp, /^scaling-lens schedule predict /);
  assert.doesNotMatch(predictHelp, /scaling-lens schedule fit/);
  assert.equal(await schedule.helpFor!(['--help']), schedule.help);

  // a short run of the law's own shape: lr warmup then cosine, loss falling with the LR's sum
  const dir = mkdtempSync(join(tmpdir(), 'sl-schedule-help-'));
  try {
    const rows = Array.from({ length: 60 }, (_, i) => {
      const step = (i + 1) * 100;
      const lr = step < 500 ? 3e-4 * (step / 500) : 3e-5 + 1.35e-4 * (1 + Math.cos((Math.PI * (step - 500)) / 5500));
      return `${step},${lr},${(3 + 2 * (step / 100) ** -0.4).toFixed(5)}`;
    });
    const run = join(dir, 'run.csv');
    writeFileSync(run, `step,lr,loss\n${rows.join('\n')}\n`);
    const fitted = await printed(() => schedule.run(['fit', run, '--law', 'tissue', '--json']));
    assert.equal(fitted.code, 0, fitted.err);
    const prior = join(dir, 'prior.json');
    writeFileSync(prior, fitted.out);
    const predicted = await printed(() => schedule.run(['predict', '--from', prior, run, '--json']));
    assert.equal(predicted.code, 0, predicted.err);
    for (const [help, out] of [[fitHelp, fitted.out], [predictHelp, predicted.out]] as const) {
      for (const key of Object.keys(JSON.parse(out) as object)) assert.ok(help.includes(`"${key}"`), `--help names "${key}":\n${help}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(schedule.run(['fitt']), /^Error: schedule takes a subcommand: fit or predict \(got "fitt"; did you mean fit\?\)$/);
});

// `fit --help` points to `fit --law chinchilla --help` for the surface fit's options: that help is
// the surface fit's, not the learning-curve fit's again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command } from '../../../src/cli/commands/fit';
import { SURFACE_FIT_HELP } from '../../../src/cli/commands/fitSurface';
import { command as predict } from '../../../src/cli/commands/predict';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED } from '../../../src/cli/curveFit';

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
